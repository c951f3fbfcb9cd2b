/**
 * SLEEF 3.5.1's `Sleef_powf8_u10` (xpowf in src/libm/sleefsimdsp.c, AVX2 build with FMA): the
 * float32 `x ** y` PyTorch 1.13 computes on x86 for a tensor and a scalar exponent other than 2, 3,
 * −2, ±0.5 and −1 (PowKernel.cpp's `Vectorized<float>::pow`). exp(y · log|x|) in double-float:
 * logkf gives log|x| as a float pair, expkf takes the pair back, each step rounded where SLEEF's is.
 */
import { logOutsideDomain, reduceForLog, reduced } from './log-reduce.ts';
import { add2DD, add2DF, add2FF, addDD, addFD, divDD, fma32, mulDD, mulDF, newF2, normalize, squ, type F2 } from './trig-df32.ts';

const fr = Math.fround;
const LN2: F2 = { h: fr(0.69314718246459960938), l: fr(-1.904654323148236017e-9) };
const LOG_C: F2 = { h: fr(0.66666662693023681640625), l: fr(3.69183861259614332084311e-9) };
const R_LN2F = fr(1.442695040888963407359924681001892137426645954152985934135449406931);
const NEG_L2UF = -fr(0.693145751953125);
const NEG_L2LF = -fr(1.428606765330187045e-6);
const E0 = fr(0.00136324646882712841033936),
  E1 = fr(0.00836596917361021041870117),
  E2 = fr(0.0416710823774337768554688);
const E3 = fr(0.166665524244308471679688),
  E4 = fr(0.499999850988388061523438);

const num = newF2(),
  den = newF2(),
  x = newF2(),
  x2 = newF2(),
  s = newF2(),
  a = newF2(),
  b = newF2();

/** logkf: log(d) for a finite positive float32 d, as a double-float in `s`. */
function logk(d: number): void {
  reduceForLog(d);
  const { m, e } = reduced;
  add2FF(num, -1, m);
  add2FF(den, 1, m);
  divDD(x, num, den);
  squ(x2, x);
  let t = fma32(fr(0.240320354700088500976562), x2.h, fr(0.285112679004669189453125));
  t = fma32(t, x2.h, fr(0.400007992982864379882812));
  mulDF(s, LN2, e);
  a.h = fr(x.h * 2);
  a.l = fr(x.l * 2);
  addDD(s, s, a);
  mulDD(a, x2, x);
  mulDF(b, x2, t);
  add2DD(b, b, LOG_C);
  mulDD(a, a, b);
  addDD(s, s, a);
}

function rintEven(v: number): number {
  const r = Math.round(v);
  return r - v === 0.5 && (r & 1) !== 0 ? r - 1 : r;
}

/** expkf: e^(d.h + d.l) rounded to float32. */
function expk(d: F2): number {
  const q = rintEven(fr(fr(d.h + d.l) * R_LN2F));
  add2DF(a, d, fr(q * NEG_L2UF));
  add2DF(a, a, fr(q * NEG_L2LF));
  normalize(a, a);
  let u = fma32(E0, a.h, E1);
  u = fma32(u, a.h, E2);
  u = fma32(u, a.h, E3);
  u = fma32(u, a.h, E4);
  squ(b, a);
  mulDF(b, b, u);
  addDD(b, a, b);
  addFD(b, 1, b);
  const r = fr(fr(b.h + b.l) * 2 ** q);
  return d.h < -104 ? 0 : r;
}

/** Sleef_powf_u10 for float32 x and y; the result is a float32 value. */
export function sleefPowf(xv: number, y: number): number {
  if (y === 0 || xv === 1) return 1;
  if (xv !== xv || y !== y) return NaN;
  const ay = Math.abs(y);
  const yIsInt = Math.trunc(y) === y || ay > 1 << 24;
  const yIsOdd = yIsInt && ay < 1 << 24 && (Math.trunc(y) & 1) === 1;
  if (xv === Infinity || xv === -Infinity || xv === 0) {
    const magnitude = (y < 0 || Object.is(y, -0)) !== (xv === 0) ? 0 : Infinity;
    const sign = yIsOdd ? Math.sign(xv) || (Object.is(xv, -0) ? -1 : 1) : 1;
    return magnitude * sign;
  }
  if (ay === Infinity) {
    const efx = (Math.abs(xv) - 1) * Math.sign(y);
    return efx < 0 ? 0 : efx === 0 ? 1 : Infinity;
  }
  const outside = logOutsideDomain(Math.abs(xv));
  if (outside !== undefined) return outside;
  logk(Math.abs(xv));
  mulDF(s, s, y);
  let result = expk(s);
  if (result !== result) result = Infinity;
  return fr(result * (xv > 0 ? 1 : yIsInt ? (yIsOdd ? -1 : 1) : NaN));
}
