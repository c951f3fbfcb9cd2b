/**
 * SLEEF 3.5.1's float32 tanh (../../sleef/tanhf.ts, operation for operation), four elements per
 * f32x4 vector: every plain float op is one native single-precision SIMD op, and only the fused
 * multiply-adds widen to f64x2 pairs (float32x4-fma.ts), each rounded to double, then to float.
 *
 * None of them needs float32x4-fma.ts's double-rounding check. Seven of the seventeen are product
 * errors or reciprocal residuals, exact in double (proved there). For the other ten, the check was
 * replaced by an exhaustive comparison: bench/exhaustive-sleef.ts ran this unchecked kernel and the
 * TypeScript emulation over every float32 from +0 to 8.69 (all of tanh's non-saturated inputs; a
 * negative x computes on |x|, NaN and |x| > 8.664 are replaced) and found no input whose bits
 * differ. Re-run that scan if the sequence changes.
 */
import { fmaExactInDouble, productError, reciprocalResidual } from './float32x4-fma';

const R_LN2F: f32 = <f32>1.442695040888963407359924681001892137426645954152985934135449406931;
const L2UF: f32 = <f32>0.693145751953125;
const L2LF: f32 = <f32>1.428606765330187045e-06;
const E0: f32 = <f32>0.1980960224e-3;
const E1: f32 = <f32>0.1394256484e-2;
const E2: f32 = <f32>0.8333456703e-2;
const E3: f32 = <f32>0.4166637361e-1;
const E4: f32 = <f32>0.166666659414234244790680580464e+0;
const SATURATION: f32 = <f32>8.664339742;
const SIGN: i32 = 0x80000000;

// @ts-ignore: decorator
@inline function k(v: f32): v128 { return f32x4.splat(v); }
// @ts-ignore: decorator
@inline function add(a: v128, b: v128): v128 { return f32x4.add(a, b); }
// @ts-ignore: decorator
@inline function sub(a: v128, b: v128): v128 { return f32x4.sub(a, b); }
// @ts-ignore: decorator
@inline function mul(a: v128, b: v128): v128 { return f32x4.mul(a, b); }
/** fmaf(a, b, c): exhaustively shown single-rounded for this sequence (above). */
// @ts-ignore: decorator
@inline function fma(a: v128, b: v128, c: v128): v128 { return fmaExactInDouble(a, b, c); }

/** tanh of four float32 lanes. */
// @ts-ignore: decorator
@inline
export function tanhf4(x: v128): v128 {
  const a = f32x4.abs(x);
  // expk2f((a, 0)): e^a = 2^q · e^s as a double-float (dh, dl).
  const q = f32x4.nearest(mul(a, k(R_LN2F)));
  const y1 = mul(q, k(-L2UF));
  let sh = add(a, y1);
  let v = sub(sh, a);
  let sl = add(add(sub(a, sub(sh, v)), sub(y1, v)), k(0));
  const y2 = mul(q, k(-L2LF));
  let nh = add(sh, y2);
  v = sub(nh, sh);
  sl = add(add(sub(sh, sub(nh, v)), sub(y2, v)), sl);
  sh = nh;
  const u = fma(fma(fma(k(E0), sh, k(E1)), sh, k(E2)), sh, k(E3));
  let th = mul(sh, u);
  let tl = fma(sl, u, productError(sh, u, th));
  nh = add(th, k(E4));
  v = sub(nh, th);
  tl = add(add(sub(th, sub(nh, v)), sub(k(E4), v)), tl);
  th = nh;
  nh = mul(sh, th);
  tl = fma(sh, tl, fma(sl, th, productError(sh, th, nh)));
  th = nh;
  nh = add(th, k(0.5));
  v = sub(nh, th);
  tl = add(add(sub(th, sub(nh, v)), sub(k(0.5), v)), tl);
  th = nh;
  let qh = mul(sh, sh);
  let ql = fma(add(sh, sh), sl, productError(sh, sh, qh));
  nh = mul(qh, th);
  ql = fma(qh, tl, fma(ql, th, productError(qh, th, nh)));
  qh = nh;
  th = add(sh, qh);
  v = sub(th, sh);
  tl = add(add(sub(sh, sub(th, v)), sub(qh, v)), add(sl, ql));
  let dh = add(k(1), th);
  let dl = add(add(sub(k(1), dh), th), tl);
  // 2^q in the exponent field: exact, q ≤ 13 below SATURATION (other lanes are replaced below).
  const scale = i32x4.shl(i32x4.add(i32x4.trunc_sat_f32x4_s(q), i32x4.splat(127)), 23);
  dh = mul(dh, scale);
  dl = mul(dl, scale);

  // e = 1 / d; tanh = (d − e) / (d + e). 1 ≤ dh < 2^14 here, so the residuals' proof holds.
  const eh = f32x4.div(k(1), dh);
  const el = mul(eh, fma(f32x4.neg(dl), eh, reciprocalResidual(dh, eh)));
  const mh = sub(dh, eh);
  const ml = sub(add(sub(sub(dh, mh), eh), dl), el);
  const ph = add(dh, eh);
  const pl = add(add(add(sub(dh, ph), eh), dl), el);
  const rt = f32x4.div(k(1), ph);
  const rs = mul(mh, rt);
  const rl = fma(rs, fma(f32x4.neg(pl), rt, reciprocalResidual(ph, rt)), fma(ml, rt, productError(rt, mh, rs)));
  let r = add(rs, rl);
  r = v128.bitselect(k(1), r, f32x4.gt(a, k(SATURATION)));
  // tanh(|x|) ≥ 0 takes x's sign (−0 included); NaN stays x.
  r = v128.or(r, v128.and(x, i32x4.splat(SIGN)));
  return v128.bitselect(x, r, f32x4.ne(x, x));
}
