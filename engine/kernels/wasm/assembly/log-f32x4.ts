/**
 * SLEEF 3.5.1's float32 log (../../sleef/logf.ts with ../../sleef/log-reduce.ts, operation for
 * operation), four elements per f32x4 vector: plain float ops native, the fused multiply-adds
 * widened to f64x2 pairs (float32x4-fma.ts), each rounded to double, then to float.
 *
 * None needs float32x4-fma.ts's double-rounding check. Four of the nine are exact in double
 * (product errors, a reciprocal residual with 1.75 ≤ dx < 2.5, ln2·e's low part). For the other
 * five, bench/exhaustive-sleef.ts compared this unchecked kernel with the TypeScript emulation over
 * every float32 from +0 to +∞ (below 0 and NaN give NaN by selection) and found no input whose
 * bits differ. Re-run that scan if the sequence changes.
 */
import { fmaExactInDouble, productError, reciprocalResidual } from './float32x4-fma';

const FLT_MIN: f32 = 1.1754943508222875e-38;
const TWO_64: f32 = 18446744073709551616.0;
const R_075: f32 = <f32>(1 / 0.75);
const LN2_HI: f32 = <f32>0.69314718246459960938;
const LN2_LO: f32 = <f32>-1.904654323148236017e-09;
const P0: f32 = <f32>0.3027294874;
const P1: f32 = <f32>0.3996108174;
const P2: f32 = <f32>0.666669488;

// @ts-ignore: decorator
@inline function k(v: f32): v128 { return f32x4.splat(v); }
// @ts-ignore: decorator
@inline function add(a: v128, b: v128): v128 { return f32x4.add(a, b); }
// @ts-ignore: decorator
@inline function sub(a: v128, b: v128): v128 { return f32x4.sub(a, b); }
// @ts-ignore: decorator
@inline function mul(a: v128, b: v128): v128 { return f32x4.mul(a, b); }

/** log of four float32 lanes. */
// @ts-ignore: decorator
@inline
export function logf4(d0: v128): v128 {
  // d = m · 2^e, e = ilogb(d / 0.75) from the exponent field (an overflow to ∞ reads 128), m by
  // subtracting e from d's exponent field; subnormal d scaled by 2^64 first.
  const tiny = f32x4.lt(d0, k(FLT_MIN));
  const d = v128.bitselect(mul(d0, k(TWO_64)), d0, tiny);
  let ei = i32x4.sub(v128.and(i32x4.shr_u(mul(d, k(R_075)), 23), i32x4.splat(0xff)), i32x4.splat(0x7f));
  const m = i32x4.sub(d, i32x4.shl(ei, 23));
  ei = v128.bitselect(i32x4.sub(ei, i32x4.splat(64)), ei, tiny);
  const e = f32x4.convert_i32x4_s(ei);

  let sx = mul(k(LN2_HI), e);
  // Exact in double: LN2_LO·e has at most 24 + 8 bits, at or above 2^−52; the product error is a
  // multiple of LN2_HI's last bit, 2^−24, below 2^−16 (|e| < 2^8); their sum spans under 53 bits.
  let sy = fmaExactInDouble(k(LN2_LO), e, productError(k(LN2_HI), e, sx));

  const nx = add(k(-1), m);
  let v = sub(nx, k(-1));
  const ny = add(sub(k(-1), sub(nx, v)), sub(m, v));
  const dx = add(k(1), m);
  v = sub(dx, k(1));
  const dy = add(sub(k(1), sub(dx, v)), sub(m, v));

  const t = f32x4.div(k(1), dx);
  const xx = mul(nx, t);
  const u = productError(t, nx, xx);
  const w = fmaExactInDouble(f32x4.neg(dy), t, reciprocalResidual(dx, t));
  const xy = fmaExactInDouble(xx, w, fmaExactInDouble(ny, t, u));

  const x2 = mul(xx, xx);
  let p = fmaExactInDouble(k(P0), x2, k(P1));
  p = fmaExactInDouble(p, x2, k(P2));

  const x2x = add(xx, xx), x2y = add(xy, xy);
  let sum = add(sx, x2x);
  let err = add(add(add(sub(sx, sum), x2x), sy), x2y);
  sx = sum;
  sy = err;
  const tail = mul(mul(x2, xx), p);
  sum = add(sx, tail);
  err = add(add(sub(sx, sum), tail), sy);
  let r = add(sum, err);

  r = v128.bitselect(k(Infinity), r, f32x4.eq(d0, k(Infinity)));
  r = v128.bitselect(k(-Infinity), r, f32x4.eq(d0, k(0)));
  return v128.bitselect(k(NaN), r, v128.or(f32x4.ne(d0, d0), f32x4.lt(d0, k(0))));
}
