import { describe, expect, it } from 'vitest';
import { fma32 } from '../fma32.ts';
import { fmaf } from '../sleef/fma32-midpoint.ts';

/** A deterministic float32 stream (xorshift), spread over many binades. */
function floats(seed: number, n: number): Float32Array {
  const out = new Float32Array(n);
  let s = seed >>> 0;
  for (let i = 0; i < n; i++) {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    const mant = 1 + (s & 0x7fffff) / 0x800000;
    const exp = ((s >>> 23) % 60) - 30;
    out[i] = (s & 0x80000000 ? -1 : 1) * mant * 2 ** exp;
  }
  return out;
}

describe('fmaf (the fast fused multiply-add SLEEF emulation uses)', () => {
  it('rounds the exact sum, not the double sum, where the double sum lands halfway between floats', () => {
    for (let m = 1; m <= 64; m++) {
      for (const scale of [1, 2 ** -20, 2 ** 40]) {
        // (−(1 + m·2⁻²³))·(1 − m·2⁻²³) = −1 + m²·2⁻⁴⁶: plus 2²⁴ + 2 the double sum is the halfway
        // point 2²⁴ + 1, the exact sum lies above it, so the answer is 2²⁴ + 2 (not even 2²⁴).
        const a = Math.fround(-(1 + m * 2 ** -23) * scale),
          b = Math.fround(1 - m * 2 ** -23),
          c = Math.fround((2 ** 24 + 2) * scale);
        expect(fmaf(a, b, c)).toBe(c);
        expect(fmaf(a, b, c)).toBe(fma32(a, b, c));
        expect(fmaf(-a, -b, c)).toBe(fma32(-a, -b, c));
      }
    }
  });

  it('agrees with fma32 on 200000 random triples', () => {
    const a = floats(1, 200000),
      b = floats(2, 200000),
      c = floats(3, 200000);
    let differ = 0;
    for (let i = 0; i < a.length; i++) if (!Object.is(fmaf(a[i]!, b[i]!, c[i]!), fma32(a[i]!, b[i]!, c[i]!))) differ++;
    expect(differ).toBe(0);
  });

  it('handles zeros, infinities and overflow as fma32 does', () => {
    const max = 3.4028234663852886e38;
    const cases: [number, number, number][] = [
      [0, 0, 0],
      [-0, 0, 0],
      [0, 0, -0],
      [Infinity, 1, 1],
      [Infinity, 0, 1],
      [max, 2, -max],
      [max, 1, max],
      [1e-45, 0.5, 0],
    ];
    for (const [x, y, z] of cases)
      expect(Object.is(fmaf(x, y, z), fma32(x, y, z)) || (fmaf(x, y, z) !== fmaf(x, y, z) && fma32(x, y, z) !== fma32(x, y, z))).toBe(true);
  });
});
