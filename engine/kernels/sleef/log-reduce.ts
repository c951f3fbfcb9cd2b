/**
 * The argument reduction SLEEF's float32 logarithms share (xlogf_u1, xlog10f, xlog2f in
 * sleefsimdsp.c): d = m · 2^e with e = ilogb(d / 0.75) read from the exponent field (vilogb2k) and
 * m = d · 2^−e formed by subtracting from it (vldexp3), so m lies in [0.75, 1.5); subnormal d is
 * scaled by 2^64 first and e corrected after.
 */
const fr = Math.fround;
const FLT_MIN = 1.1754943508222875e-38;
const TWO_64 = 18446744073709551616;
const R_075 = fr(1 / 0.75);

const bits = new Float32Array(1);
const bitsInt = new Int32Array(bits.buffer);

/** The last reduction's mantissa and exponent (one register, no allocation per element). */
export const reduced = { m: 0, e: 0 };

/** Splits a finite positive float32 `d` into `reduced.m · 2^reduced.e`. */
export function reduceForLog(d: number): void {
  const tiny = d < FLT_MIN;
  if (tiny) d = fr(d * TWO_64);
  bits[0] = fr(d * R_075);
  const e = ((bitsInt[0]! >>> 23) & 0xff) - 0x7f;
  bits[0] = d;
  bitsInt[0] = bitsInt[0]! - (e << 23);
  reduced.m = bits[0]!;
  reduced.e = tiny ? e - 64 : e;
}

/** What every SLEEF logarithm returns outside (0, inf): NaN below 0 and for NaN, −inf at 0, inf at inf; undefined inside. */
export function logOutsideDomain(d: number): number | undefined {
  if (d !== d || d < 0) return NaN;
  if (d === 0) return -Infinity;
  if (d === Infinity) return Infinity;
  return undefined;
}
