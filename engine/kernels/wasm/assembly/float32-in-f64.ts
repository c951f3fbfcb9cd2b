/**
 * Fused float32 multiply-adds on f64x2 lanes, for float32 a + α·b (elementwise.ts) and, through
 * float32x4-fma.ts, the SLEEF ports. WebAssembly SIMD has no fused multiply-add, and SLEEF's AVX2 polynomials round
 * through `vfmadd` a dozen times per element, so each float32 value is held exactly in a double
 * lane: a·b of two floats is exact in a double, and a·b + c then rounds once to double and once to
 * float. That double rounding can only differ from a single one when the double sum sits exactly on
 * a midpoint between two floats (or in float32's subnormal range); such lanes are flagged in
 * `suspect`, and the caller computes the whole vector again with `fmaExact`, lane by lane, as
 * ../../sleef/fma32-midpoint.ts does. Plain float ops (+ − × ÷ of two floats) rounded through
 * double equal the float32 op itself.
 */

/** Lanes whose fused multiply-add may have rounded twice (any bit set: recompute exactly). */
export let suspect: v128 = i64x2.splat(0);

const LOW29: i64 = 0x1fffffff;
const MIDPOINT: i64 = 0x10000000;
const FLT_MIN: f64 = 1.1754943508222875e-38;

/** Rounds each double lane to the nearest float32 value (kept as a double). */
// @ts-ignore: decorator
@inline
export function fr(v: v128): v128 {
  return f64x2.promote_low_f32x4(f32x4.demote_f64x2_zero(v));
}

/** fmaf(a, b, c) on two lanes of float32 values; flags lanes where rounding twice may differ. */
// @ts-ignore: decorator
@inline
export function fma(a: v128, b: v128, c: v128): v128 {
  const s = f64x2.add(f64x2.mul(a, b), c);
  const r = fr(s);
  const halfway = i64x2.eq(v128.and(s, i64x2.splat(LOW29)), i64x2.splat(MIDPOINT));
  const tiny = v128.and(f64x2.lt(f64x2.abs(s), f64x2.splat(FLT_MIN)), f64x2.ne(s, r));
  suspect = v128.or(suspect, v128.or(halfway, tiny));
  return r;
}

/** fmaf for one lane, rounded once (the TwoSum error decides a double sum on a midpoint). */
function fmaExact1(a: f64, b: f64, c: f64): f64 {
  const p = a * b;
  const s = p + c;
  const r = <f64><f32>s;
  if (r == s) return r;
  const other = r + 2 * (s - r);
  if (<f64><f32>other != other && other == other) return r;
  if (!(Math.abs(r) < Infinity)) return r;
  const bb = s - p;
  const err = (p - (s - bb)) + (c - bb);
  if (err == 0) return r;
  return (err > 0) == (other > r) ? other : r;
}

/** fmaf on two lanes, each rounded once: the slow path for vectors `fma` flagged. */
// @ts-ignore: decorator
@inline
export function fmaExact(a: v128, b: v128, c: v128): v128 {
  const lo = fmaExact1(f64x2.extract_lane(a, 0), f64x2.extract_lane(b, 0), f64x2.extract_lane(c, 0));
  const hi = fmaExact1(f64x2.extract_lane(a, 1), f64x2.extract_lane(b, 1), f64x2.extract_lane(c, 1));
  return f64x2.replace_lane(f64x2.splat(lo), 1, hi);
}
