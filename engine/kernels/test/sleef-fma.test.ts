/**
 * The SLEEF emulations' fast FMAs agree with the references: fma32 (exactly tested in fma32.test.ts)
 * and random/fma.ts's round-to-odd double fma.
 */
import { describe, expect, it } from 'vitest';
import { fma32 as reference } from '../fma32.ts';
import { fma32 } from '../sleef/trig-df32.ts';
import { fma64 } from '../sleef/exp-f64.ts';
import { fma as reference64 } from '../../random/fma.ts';

/** A float with a short random mantissa (so sums often land exactly on float midpoints) and exponent in ±e. */
function shortFloat(rand: () => number, bits: number, e: number): number {
  const m = 1 + Math.floor(rand() * 2 ** bits) / 2 ** bits;
  const sign = rand() < 0.5 ? -1 : 1;
  return Math.fround(sign * m * 2 ** Math.floor(rand() * 2 * e - e));
}

function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

describe('fast fma32 in the SLEEF double-float helpers', () => {
  it('matches the reference on ties, near-ties and random triples', () => {
    const rand = lcg(7);
    const mismatches: string[] = [];
    let ties = 0;
    for (let i = 0; i < 300000; i++) {
      const bits = i % 3 === 0 ? 23 : 12;
      const a = shortFloat(rand, bits, 4),
        b = shortFloat(rand, bits, 4);
      // c near -a·b half the time, so the sum cancels and rounds at every scale.
      const c = i % 2 === 0 ? Math.fround(-a * b * (1 + (rand() - 0.5) * 2 ** -10)) : shortFloat(rand, 24, 10);
      const want = reference(a, b, c);
      const s = a * b + c;
      if (Math.fround(s) !== s && Math.fround(s + (s - Math.fround(s))) === s + (s - Math.fround(s))) ties++;
      if (!Object.is(fma32(a, b, c), want) && mismatches.length < 5) mismatches.push(`fma32(${a}, ${b}, ${c}) = ${fma32(a, b, c)}, want ${want}`);
    }
    expect(mismatches).toEqual([]);
    expect(ties).toBeGreaterThan(100); // the midpoint branch was exercised
  });

  it('passes infinities and NaN through', () => {
    expect(fma32(Infinity, 1, 1)).toBe(Infinity);
    expect(fma32(2, 3, -Infinity)).toBe(-Infinity);
    expect(fma32(NaN, 1, 1)).toBeNaN();
    expect(fma32(Infinity, 0, 1)).toBeNaN();
  });
});

/** A double with a short random mantissa and exponent in ±e. */
function shortDouble(rand: () => number, bits: number, e: number): number {
  const m = 1 + Math.floor(rand() * 2 ** bits) / 2 ** bits + (bits > 30 ? rand() * 2 ** -bits : 0);
  return (rand() < 0.5 ? -1 : 1) * m * 2 ** Math.floor(rand() * 2 * e - e);
}

describe('fast double fma in the SLEEF float64 exp', () => {
  it('matches round-to-odd fma on ties, cancellations and random triples', () => {
    const rand = lcg(11);
    const mismatches: string[] = [];
    for (let i = 0; i < 300000; i++) {
      const bits = [52, 26, 14][i % 3]!;
      const a = shortDouble(rand, bits, 6),
        b = shortDouble(rand, bits, 6);
      const c = i % 2 === 0 ? -a * b * (1 + (rand() - 0.5) * 2 ** -20) : shortDouble(rand, [52, 40, 20][i % 3]!, 12);
      const want = reference64(a, b, c);
      const got = fma64(a, b, c);
      if (!Object.is(got, want) && mismatches.length < 5) mismatches.push(`fma64(${a}, ${b}, ${c}) = ${got}, want ${want}`);
    }
    expect(mismatches).toEqual([]);
  });
});
