/**
 * Fused multiply-adds for float32 values held natively in f32x4 lanes, four elements a vector.
 * Plain float ops (+ − × ÷) need no help: f32x4 rounds them once, as IEEE single precision. Only a
 * fused a·b + c must leave float32: each half is widened to f64x2, where a·b is exact, and the sum
 * rounds to double, then to float. Three kinds, cheapest first:
 *
 * - `fmaExactInDouble`: forms whose double sum a·b + c is exact, so the one rounding to float is the
 *   only rounding. Two such forms are used, with the proofs the callers rely on:
 *   * the error of a product, fma(a, b, −p) with p = fl32(a·b): a·b has at most 48 significant
 *     bits (exact in double); a·b − p is a multiple of the last bit of a·b (p's grid is coarser) and,
 *     being below half an ulp of p, spans at most 48 − 23 bits, so it is a double (the classic
 *     result that the product error is even a float, when p does not underflow; when it does, a·b −
 *     p is still a multiple of a·b's last bit and below 2^−149, so still under 53 bits). p = ±∞
 *     gives −p's infinity, as fmaf does.
 *   * the residual of a reciprocal, fma(−d, r, 1) with r = fl32(1/d) and d, 1/d normal floats:
 *     d·r is exact in double and within 2^−23 of 1, so 1 − d·r is exact by Sterbenz's lemma.
 * - `fma4`: any other a·b + c, correct unless the double sum lies exactly on a midpoint between
 *   floats (its low 29 bits are 1000…0) or in float32's subnormal range; those lanes (and zero
 *   results) are flagged in
 *   `suspect4`, and the caller computes the whole vector again with `fma4Exact`.
 * - `fma4Exact`: lane by lane, rounded once (float32-in-f64.ts's `fmaExact`).
 */
import { fmaExact } from './float32-in-f64';

/** Lanes whose fused multiply-add may have rounded twice (any bit set: recompute exactly). */
export let suspect4: v128 = i64x2.splat(0);

const LOW29: i32 = 0x1fffffff;
const MIDPOINT: i32 = 0x10000000;
const FLT_MIN: f32 = 1.1754943508222875e-38;

// @ts-ignore: decorator
@inline
function low(v: v128): v128 {
  return f64x2.promote_low_f32x4(v);
}

/** The high two floats widened to doubles. */
// @ts-ignore: decorator
@inline
export function promoteHigh(v: v128): v128 {
  return f64x2.promote_low_f32x4(v128.shuffle<f32>(v, v, 2, 3, 2, 3));
}

/** Two pairs of doubles narrowed into one f32x4 (each rounded once). */
// @ts-ignore: decorator
@inline
export function demote2(lo: v128, hi: v128): v128 {
  return v128.shuffle<f32>(f32x4.demote_f64x2_zero(lo), f32x4.demote_f64x2_zero(hi), 0, 1, 4, 5);
}

/** a·b + c rounded once, for the forms proven exact in double above (no check needed). */
// @ts-ignore: decorator
@inline
export function fmaExactInDouble(a: v128, b: v128, c: v128): v128 {
  return demote2(f64x2.add(f64x2.mul(low(a), low(b)), low(c)), f64x2.add(f64x2.mul(promoteHigh(a), promoteHigh(b)), promoteHigh(c)));
}

/** fmaf(a, b, −p) for p = fl(a·b): the product's rounding error, exact in double. */
// @ts-ignore: decorator
@inline
export function productError(a: v128, b: v128, p: v128): v128 {
  return fmaExactInDouble(a, b, f32x4.neg(p));
}

/** fmaf(−d, r, 1) for r = fl(1/d), d and 1/d normal: the reciprocal's residual, exact in double. */
// @ts-ignore: decorator
@inline
export function reciprocalResidual(d: v128, r: v128): v128 {
  return fmaExactInDouble(f32x4.neg(d), r, f32x4.splat(1));
}

/**
 * Lanes whose two roundings (double sums lo, hi, then float r) may differ from one: a double sum on
 * a midpoint between floats (low 29 bits 1000…0; those bits sit in each double's low 32-bit word,
 * so one i32x4 test covers four lanes), or a result at or below FLT_MIN in magnitude (the sum was
 * in or next to float32's subnormal range, where the midpoint test does not apply; a zero result
 * is flagged too, harmlessly: testing the float result costs a third of testing the doubles).
 */
// @ts-ignore: decorator
@inline
function doubleRoundingRisk(lo: v128, hi: v128, r: v128): v128 {
  const lowWords = v128.shuffle<i32>(lo, hi, 0, 2, 4, 6);
  const halfway = i32x4.eq(v128.and(lowWords, i32x4.splat(LOW29)), i32x4.splat(MIDPOINT));
  return v128.or(halfway, f32x4.le(f32x4.abs(r), f32x4.splat(FLT_MIN)));
}

/** fmaf(a, b, c) on four lanes; flags in `suspect4` the lanes where rounding twice may differ. */
// @ts-ignore: decorator
@inline
export function fma4(a: v128, b: v128, c: v128): v128 {
  const lo = f64x2.add(f64x2.mul(low(a), low(b)), low(c));
  const hi = f64x2.add(f64x2.mul(promoteHigh(a), promoteHigh(b)), promoteHigh(c));
  const r = demote2(lo, hi);
  suspect4 = v128.or(suspect4, doubleRoundingRisk(lo, hi, r));
  return r;
}

/** fmaf on four lanes, each rounded once: the slow path for vectors `fma4` flagged. */
function fma4Exact(a: v128, b: v128, c: v128): v128 {
  return demote2(fmaExact(low(a), low(b), low(c)), fmaExact(promoteHigh(a), promoteHigh(b), promoteHigh(c)));
}

/** fma4 or fma4Exact; `exact` is a constant at every (inlined) call site. */
// @ts-ignore: decorator
@inline
export function fmaf4(a: v128, b: v128, c: v128, exact: bool): v128 {
  return exact ? fma4Exact(a, b, c) : fma4(a, b, c);
}
