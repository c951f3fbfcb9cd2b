/**
 * SLEEF 3.5.1's float32 exp (../../sleef/expf.ts, operation for operation) and PyTorch's vectorised
 * sigmoid over it, four elements per f32x4 vector: plain float ops native, the fused multiply-adds
 * widened to f64x2 pairs (float32x4-fma.ts), each rounded to double, then to float.
 *
 * None needs float32x4-fma.ts's double-rounding check. The first is exact in double (below); for
 * the other seven, bench/exhaustive-sleef.ts compared this unchecked kernel with the emulation over
 * every float32 in [−104.5, 100.5] (outside, exp is 0, ∞ or NaN by selection) and found no input
 * whose bits differ. sigmoid's exp takes 0 − x, inputs of the same scan. Re-run the scan if the
 * sequence changes.
 */
import { fmaExactInDouble } from './float32x4-fma';

const R_LN2F: f32 = <f32>1.442695040888963407359924681001892137426645954152985934135449406931;
const NEG_L2UF: f32 = -<f32>0.693145751953125;
const NEG_L2LF: f32 = -<f32>1.428606765330187045e-06;
const C0: f32 = <f32>0.000198527617612853646278381;
const C1: f32 = <f32>0.00139304355252534151077271;
const C2: f32 = <f32>0.00833336077630519866943359;
const C3: f32 = <f32>0.0416664853692054748535156;
const C4: f32 = <f32>0.166666671633720397949219;

// @ts-ignore: decorator
@inline function k(v: f32): v128 { return f32x4.splat(v); }

/** 2^q for integer lanes −126 ≤ q ≤ 127 (SLEEF's vpow2i: q + 127 in the exponent field). */
// @ts-ignore: decorator
@inline function pow2i(q: v128): v128 { return i32x4.shl(i32x4.add(q, i32x4.splat(127)), 23); }

/** exp of four float32 lanes. */
// @ts-ignore: decorator
@inline
export function expf4(d: v128): v128 {
  const q = f32x4.nearest(f32x4.mul(d, k(R_LN2F)));
  // Cody–Waite: q·L2U is exact (16 + 8 bits) and within a factor 2 of d (or q = 0), so d − q·L2U
  // is exact (Sterbenz) and needs no check.
  let s = fmaExactInDouble(q, k(NEG_L2UF), d);
  s = fmaExactInDouble(q, k(NEG_L2LF), s);
  let u = fmaExactInDouble(k(C0), s, k(C1));
  u = fmaExactInDouble(u, s, k(C2));
  u = fmaExactInDouble(u, s, k(C3));
  u = fmaExactInDouble(u, s, k(C4));
  u = fmaExactInDouble(u, s, k(0.5));
  u = f32x4.add(k(1), fmaExactInDouble(f32x4.mul(s, s), u, s));
  // Two exact-exponent steps, as SLEEF's vldexp2: 2^⌊q/2⌋ then 2^(q − ⌊q/2⌋), so a subnormal result
  // rounds once, at the second. Lanes outside [−104, 100] are replaced below.
  const qi = i32x4.trunc_sat_f32x4_s(q);
  const half = i32x4.shr_s(qi, 1);
  let r = f32x4.mul(f32x4.mul(u, pow2i(half)), pow2i(i32x4.sub(qi, half)));
  r = v128.bitselect(k(0), r, f32x4.lt(d, k(-104)));
  r = v128.bitselect(k(Infinity), r, f32x4.gt(d, k(100)));
  return v128.bitselect(d, r, f32x4.ne(d, d));
}

/** PyTorch's vectorised sigmoid: 1 / (exp(0 − x) + 1), the exp SLEEF's. */
// @ts-ignore: decorator
@inline
export function sigmoidf4(x: v128): v128 {
  return f32x4.div(k(1), f32x4.add(expf4(f32x4.sub(k(0), x)), k(1)));
}
