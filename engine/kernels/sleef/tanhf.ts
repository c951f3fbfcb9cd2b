/**
 * Float32 tanh exactly as PyTorch 1.13 computes it on an AVX2 CPU: SLEEF 3.5.1's Sleef_tanhf8_u10
 * (xtanhf in src/libm/sleefsimdsp.c, FMA build). With y = e^|x| as a double-float from SLEEF's
 * expk2f, tanh = (y − 1/y) / (y + 1/y) in double-float arithmetic, rounded once at the end. Unlike
 * sin/cos there is no per-vector branch, so each lane depends on its own input only.
 */
import { fma32, rintf } from './trig-df32.ts';

const f = Math.fround;

const R_LN2F = f(1.442695040888963407359924681001892137426645954152985934135449406931);
const L2UF = f(0.693145751953125);
const L2LF = f(1.428606765330187045e-6);
const E0 = f(0.1980960224e-3);
const E1 = f(0.1394256484e-2);
const E2 = f(0.8333456703e-2);
const E3 = f(0.4166637361e-1);
const E4 = f(0.166666659414234244790680580464);
const SATURATION = f(8.664339742);

/**
 * tanh of one float32 value, bit for bit as xtanhf. The double-float steps are written out on
 * local variables (the names in comments are SLEEF's): one flat function keeps every intermediate
 * in a register, where helper calls returning doubles would box them.
 */
export function tanhf(x: number): number {
  if (x !== x) return x;
  const a = Math.abs(x);
  const negative = x < 0 || (x === 0 && 1 / x < 0);
  if (a > SATURATION) return negative ? -1 : 1;

  // expk2f((a, 0)): e^a = 2^q · e^s as a double-float (dh, dl).
  const q = rintf(f(a * R_LN2F));
  const y1 = f(q * -L2UF);
  let sh = f(a + y1);
  let v = f(sh - a);
  let sl = f(f(f(a - f(sh - v)) + f(y1 - v)) + 0); // dfadd2_vf2_vf2_vf
  const y2 = f(q * -L2LF);
  let nh = f(sh + y2);
  v = f(nh - sh);
  sl = f(f(f(sh - f(nh - v)) + f(y2 - v)) + sl);
  sh = nh;
  const u = fma32(fma32(fma32(E0, sh, E1), sh, E2), sh, E3);
  let th = f(sh * u); // dfmul_vf2_vf2_vf(s, u)
  let tl = fma32(sl, u, fma32(sh, u, -th));
  nh = f(th + E4); // dfadd2_vf2_vf2_vf(t, E4)
  v = f(nh - th);
  tl = f(f(f(th - f(nh - v)) + f(E4 - v)) + tl);
  th = nh;
  nh = f(sh * th); // dfmul_vf2_vf2_vf2(s, t)
  tl = fma32(sh, tl, fma32(sl, th, fma32(sh, th, -nh)));
  th = nh;
  nh = f(th + 0.5); // dfadd2_vf2_vf2_vf(t, 0.5)
  v = f(nh - th);
  tl = f(f(f(th - f(nh - v)) + f(0.5 - v)) + tl);
  th = nh;
  let qh = f(sh * sh); // dfsqu_vf2_vf2(s)
  let ql = fma32(f(sh + sh), sl, fma32(sh, sh, -qh));
  nh = f(qh * th); // dfmul_vf2_vf2_vf2(s², t)
  ql = fma32(qh, tl, fma32(ql, th, fma32(qh, th, -nh)));
  qh = nh;
  th = f(sh + qh); // dfadd2_vf2_vf2_vf2(s, s²·t)
  v = f(th - sh);
  tl = f(f(f(sh - f(th - v)) + f(qh - v)) + f(sl + ql));
  let dh = f(1 + th); // dfadd_vf2_vf_vf2(1, t)
  let dl = f(f(f(1 - dh) + th) + tl);
  const scale = 2 ** q; // vldexp2: exact, q is at most 13
  dh = f(dh * scale);
  dl = f(dl * scale);

  // e = 1 / d (dfrec_vf2_vf2); tanh = (d − e) / (d + e) (dfadd_vf2_vf2_vf2, dfdiv_vf2_vf2_vf2).
  const eh = f(1 / dh);
  const el = f(eh * fma32(-dl, eh, fma32(-dh, eh, 1)));
  const mh = f(dh - eh);
  const ml = f(f(f(f(dh - mh) - eh) + dl) - el);
  const ph = f(dh + eh);
  const pl = f(f(f(f(dh - ph) + eh) + dl) + el);
  const rt = f(1 / ph);
  const rs = f(mh * rt);
  const rl = fma32(rs, fma32(-pl, rt, fma32(-ph, rt, 1)), fma32(ml, rt, fma32(rt, mh, -rs)));
  const r = f(rs + rl);
  return negative ? -r : r;
}

/** tanh over a row of n float32 values with input stride xs. */
export function tanhfRow(n: number, x: ArrayLike<number>, xi: number, xs: number, out: Float32Array, oi: number): void {
  for (let j = 0; j < n; j++, xi += xs) out[oi + j] = tanhf(f(x[xi]!));
}
