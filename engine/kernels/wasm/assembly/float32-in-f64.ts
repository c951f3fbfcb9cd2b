/**
 * Float32 arithmetic on f64x2 lanes, for the SLEEF ports (sleef-f32.ts) and float32 a + α·b
 * (elementwise.ts). WebAssembly SIMD has no fused multiply-add, and SLEEF's AVX2 polynomials round
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

/** fma or fmaExact; `exact` is a constant at every (inlined) call site. */
// @ts-ignore: decorator
@inline
export function fmaf(a: v128, b: v128, c: v128, exact: bool): v128 {
  return exact ? fmaExact(a, b, c) : fma(a, b, c);
}

/** 2^q for integer-valued double lanes q with −1022 ≤ q ≤ 1023, built in the exponent field. */
// @ts-ignore: decorator
@inline
export function pow2(q: v128): v128 {
  const qi = i64x2.extend_low_i32x4_s(i32x4.trunc_sat_f64x2_s_zero(q));
  return i64x2.shl(i64x2.add(qi, i64x2.splat(1023)), 52);
}

/** Two float32 values at p, widened. */
// @ts-ignore: decorator
@inline
export function load2(p: usize): v128 {
  return f64x2.promote_low_f32x4(v128.load64_zero(p));
}

/** Stores two lanes (float32 values) as floats at p. */
// @ts-ignore: decorator
@inline
export function store2(p: usize, v: v128): void {
  v128.store64_lane(p, f32x4.demote_f64x2_zero(v), 0);
}

/** One float32 value at p, widened into lane 0 (lane 1 is 0). */
// @ts-ignore: decorator
@inline
export function load1(p: usize): v128 {
  return f64x2.promote_low_f32x4(v128.load32_zero(p));
}

// @ts-ignore: decorator
@inline
export function store1(p: usize, v: v128): void {
  v128.store32_lane(p, f32x4.demote_f64x2_zero(v), 0);
}

// @ts-ignore: decorator
@inline
export function splat(v: f64): v128 {
  return f64x2.splat(v);
}
