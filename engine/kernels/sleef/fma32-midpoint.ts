/**
 * fmaf(a, b, c) for float32 a, b, c — the same result as ../fma32.ts, with a cheaper test for the
 * one case that needs care, because SLEEF's polynomials call it 6–12 times per element.
 *
 * a·b is exact in a double, so p + c rounds at most once in double and once more to float32; the
 * second rounding can go wrong only when the double sum s is exactly halfway between two floats.
 * Then r = fround(s) and the float on s's other side are r and r + 2(s − r), and the TwoSum error
 * of p + c says which one the exact sum is nearer. The common path is a few flops in registers
 * (small enough for V8 to inline at every call site); the rest is out of line.
 */
import { fma32 } from '../fma32.ts';

const fr = Math.fround;

export function fmaf(a: number, b: number, c: number): number {
  const s = a * b + c;
  const r = fr(s);
  if (r === s) return r;
  const other = r + 2 * (s - r);
  // Not a halfway point (a NaN `other` means r overflowed: let fma32 decide).
  if (fr(other) !== other && other === other) return r;
  return halfway(a, b, c, s, r, other);
}

function halfway(a: number, b: number, c: number, s: number, r: number, other: number): number {
  if (!(Math.abs(r) < Infinity)) return fma32(a, b, c);
  const p = a * b;
  const bb = s - p;
  const err = p - (s - bb) + (c - bb);
  if (err === 0) return r;
  return err > 0 === other > r ? other : r;
}
