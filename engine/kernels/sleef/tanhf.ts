/**
 * Float32 tanh exactly as PyTorch 1.13 computes it on an AVX2 CPU: SLEEF 3.5.1's Sleef_tanhf8_u10
 * (xtanhf in src/libm/sleefsimdsp.c, FMA build). With y = e^|x| as a double-float from SLEEF's
 * expk2f, tanh = (y − 1/y) / (y + 1/y) in double-float arithmetic, rounded once at the end. Unlike
 * sin/cos there is no per-vector branch, so each lane depends on its own input only.
 */
import { fma32 } from '../fma32.ts';
import { add2DD, add2DF, addDD, addFD, divDD, mulDD, mulDF, newF2, recD, rintf, squ, type F2 } from './trig-df32.ts';

const f = Math.fround;

const R_LN2F = f(1.442695040888963407359924681001892137426645954152985934135449406931);
const L2UF = f(0.693145751953125);
const L2LF = f(1.428606765330187045e-06);
const E0 = f(0.1980960224e-3);
const E1 = f(0.1394256484e-2);
const E2 = f(0.8333456703e-2);
const E3 = f(0.4166637361e-1);
const E4 = f(0.166666659414234244790680580464e+0);
const SATURATION = f(8.664339742);

// Registers, reused for every element.
const d = newF2(), s = newF2(), t = newF2(), sq = newF2(), e = newF2(), num = newF2(), den = newF2();

/** SLEEF's expk2f for a non-negative float argument v: e^v as a double-float, into `d`. */
function expk2(v: number): void {
  const q = rintf(f(v * R_LN2F));
  s.h = v;
  s.l = 0;
  add2DF(s, s, f(q * -L2UF));
  add2DF(s, s, f(q * -L2LF));
  const u = fma32(fma32(fma32(E0, s.h, E1), s.h, E2), s.h, E3);
  mulDF(t, s, u);
  add2DF(t, t, E4);
  mulDD(t, s, t);
  add2DF(t, t, 0.5);
  squ(sq, s);
  mulDD(sq, sq, t);
  add2DD(t, s, sq);
  addFD(d, 1, t);
  // ldexp2: exact here, q is at most 13.
  const scale = 2 ** q;
  d.h = f(d.h * scale);
  d.l = f(d.l * scale);
}

/** tanh of one float32 value, bit for bit as xtanhf. */
export function tanhf(x: number): number {
  if (x !== x) return x;
  const a = Math.abs(x);
  const negative = x < 0 || (x === 0 && 1 / x < 0);
  if (a > SATURATION) return negative ? -1 : 1;
  expk2(a);
  recD(e, d);
  const dd: F2 = d;
  const eh = e.h, el = e.l;
  e.h = -eh;
  e.l = -el;
  addDD(num, dd, e);
  e.h = eh;
  e.l = el;
  addDD(den, dd, e);
  divDD(num, num, den);
  const y = f(num.h + num.l);
  return negative ? -y : y;
}

/** tanh over a row of n float32 values with input stride xs. */
export function tanhfRow(n: number, x: ArrayLike<number>, xi: number, xs: number, out: Float32Array, oi: number): void {
  for (let j = 0; j < n; j++, xi += xs) out[oi + j] = tanhf(f(x[xi]!));
}
