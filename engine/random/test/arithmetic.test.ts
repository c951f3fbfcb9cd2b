import { describe, expect, it } from 'vitest';
import { fma, fmaf } from '../fma.ts';
import { crLog, crSinCos, sinCos } from '../libm.ts';
import { Generator } from '../generator.ts';

/** An exact binary rational: value = mantissa * 2^exponent. */
function exact(x: number): { mantissa: bigint; exponent: number } {
  if (x === 0) return { mantissa: 0n, exponent: 0 };
  let exponent = 0;
  let m = x;
  while (!Number.isInteger(m)) {
    m *= 2;
    exponent--;
  }
  return { mantissa: BigInt(m), exponent };
}

/** Rounds the exact value of a * b + c to `bits` significant bits, ties to even. */
function referenceFma(a: number, b: number, c: number, bits: number): number {
  const ea = exact(a),
    eb = exact(b),
    ec = exact(c);
  const productExponent = ea.exponent + eb.exponent;
  const low = Math.min(productExponent, ec.exponent);
  let n = ea.mantissa * eb.mantissa * (1n << BigInt(productExponent - low)) + ec.mantissa * (1n << BigInt(ec.exponent - low));
  const negative = n < 0n;
  if (negative) n = -n;
  const length = n.toString(2).length;
  let shift = 0;
  if (length > bits) {
    shift = length - bits;
    const quotient = n >> BigInt(shift);
    const remainder = n - (quotient << BigInt(shift));
    const half = 1n << BigInt(shift - 1);
    n = remainder > half || (remainder === half && (quotient & 1n) === 1n) ? quotient + 1n : quotient;
  }
  const magnitude = Number(n) * 2 ** (low + shift);
  return negative ? -magnitude : magnitude;
}

describe('fused multiply-add emulation', () => {
  const gen = new Generator();
  gen.manualSeed(2024);
  const draw = (scale: number) => (gen.uniformDouble() - 0.5) * scale;

  it('rounds float32 a * b + c once, like an FMA instruction', () => {
    for (let i = 0; i < 3000; i++) {
      const a = Math.fround(draw(4)),
        b = Math.fround(draw(1e-3)),
        c = Math.fround(draw(2 ** ((i % 20) - 10)));
      expect(fmaf(a, b, c)).toBe(referenceFma(a, b, c, 24));
    }
  });

  it('rounds float64 a * b + c once, like an FMA instruction', () => {
    for (let i = 0; i < 3000; i++) {
      const a = draw(4),
        b = draw(3),
        c = draw(2 ** ((i % 40) - 20));
      expect(fma(a, b, c)).toBe(referenceFma(a, b, c, 53));
    }
  });

  it('keeps exact results exact', () => {
    expect(fmaf(0.5, 1, 0)).toBe(0.5);
    expect(fma(3, 1, -3)).toBe(0);
  });
});

describe('correctly rounded libm', () => {
  it('computes log exactly where the answer is known', () => {
    expect(crLog(1)).toBe(0);
    expect(crLog(0.5)).toBe(-Math.LN2);
    expect(crLog(2 ** -40)).toBe(-40 * Math.LN2);
  });

  it("stays within one ulp of V8's log, sin and cos", () => {
    const gen = new Generator();
    gen.manualSeed(5);
    for (let i = 0; i < 2000; i++) {
      const u = gen.uniformDouble();
      const log = crLog(1 - u);
      expect(Math.abs(log - Math.log(1 - u))).toBeLessThanOrEqual(Math.abs(log) * 2.3e-16);
      crSinCos(2 * Math.PI * u);
      expect(Math.abs(sinCos.sin - Math.sin(2 * Math.PI * u))).toBeLessThanOrEqual(2.3e-16);
      expect(Math.abs(sinCos.cos - Math.cos(2 * Math.PI * u))).toBeLessThanOrEqual(2.3e-16);
    }
  });
});
