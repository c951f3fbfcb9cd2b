import { describe, expect, it } from 'vitest';
import { fma32 } from '../fma32.ts';

/** Exact fmaf via BigInt rationals: a·b + c computed exactly, then rounded to float32 (ties to even). */
function exactFma32(a: number, b: number, c: number): number {
  const toFrac = (x: number): [bigint, bigint] => {
    // x = m · 2^e exactly, with m an integer.
    if (x === 0) return [0n, 1n];
    let e = 0;
    let m = x;
    while (!Number.isInteger(m)) {
      m *= 2;
      e -= 1;
    }
    return e < 0 ? [BigInt(m), 1n << BigInt(-e)] : [BigInt(m), 1n];
  };
  const [an, ad] = toFrac(a);
  const [bn, bd] = toFrac(b);
  const [cn, cd] = toFrac(c);
  const num = an * bn * cd + cn * ad * bd;
  const den = ad * bd * cd;
  // Candidates: the float32 nearest the double nearest the exact value, and its neighbours.
  const approx = Number(num) / Number(den);
  const f = new Float32Array(1);
  const bits = new Int32Array(f.buffer);
  f[0] = approx;
  const centre = bits[0]!;
  let best = f[0]!;
  let bestErr: [bigint, bigint] | undefined;
  for (const d of [-2, -1, 0, 1, 2]) {
    bits[0] = centre + d;
    const cand = f[0]!;
    if (!Number.isFinite(cand)) continue;
    const [xn, xd] = toFrac(cand);
    const errNum = num * xd - xn * den;
    const abs: [bigint, bigint] = [errNum < 0n ? -errNum : errNum, den * xd];
    if (bestErr === undefined || abs[0] * bestErr[1] < bestErr[0] * abs[1]) {
      best = cand;
      bestErr = abs;
    } else if (abs[0] * bestErr[1] === bestErr[0] * abs[1]) {
      // A tie: the one with an even last bit.
      bits[0] = centre + d;
      if ((bits[0] & 1) === 0) best = cand;
    }
  }
  return best;
}

describe('fma32', () => {
  it('rounds once where a*b+c in doubles would round twice (the exact sum just past a halfway point)', () => {
    // (1 + u)(1 - u + u²) = 1 + u³ with u = 2^-12: a·b = 2^-24 (1 + 2^-36), and with c = 1 the exact
    // sum 1 + 2^-24 + 2^-60 is just above halfway between 1 and 1 + 2^-23. A double drops the 2^-60,
    // lands on the halfway point, and rounding that to even gives 1: one ulp wrong.
    let cases = 0;
    for (const sign of [1, -1]) {
      for (const scale of [2 ** -20, 1, 2 ** 20]) {
        for (const u of [2 ** -12, -(2 ** -12), 2 ** -10]) {
          const a = Math.fround(1 + u);
          const b = Math.fround(2 ** -24 * (1 - u + u * u)) * scale * sign;
          const c = scale * sign;
          const want = exactFma32(a, b, c);
          expect(fma32(a, b, c)).toBe(want);
          if (Math.fround(a * b + c) !== want) cases++;
        }
      }
    }
    // The naive double computation is wrong for the positive-u³ cases, or this test proves nothing.
    expect(cases).toBeGreaterThan(0);
  });

  it('matches exact rounding on many random and crafted float32 triples', () => {
    let seed = 12345;
    const rand = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    const f = new Float32Array(1);
    const bits = new Int32Array(f.buffer);
    const randomFloat = () => {
      bits[0] = (rand() * 2 ** 32) | 0;
      const v = f[0]!;
      return Number.isFinite(v) && Math.abs(v) < 1e18 && Math.abs(v) > 1e-18 ? v : Math.fround(rand() - 0.5);
    };
    for (let i = 0; i < 20_000; i++) {
      const a = Math.fround((rand() - 0.5) * 4);
      const b = Math.fround((rand() - 0.5) * 4);
      // c close to -a·b, so that cancellation and ties are common.
      const c = i % 2 === 0 ? Math.fround(-a * b * (1 + (rand() - 0.5) * 2 ** -20)) : randomFloat();
      const got = fma32(a, b, c);
      const want = exactFma32(a, b, c);
      expect(Object.is(got, want) || got === want).toBe(true);
    }
  });
});
