import { describe, expect, it } from 'vitest';
import { Generator, defaultGenerator, exponentialFill, geometricFill, randomBitsFill, randomInt64, sampleWithReplacement, uniformFill } from '../index.ts';

describe('generators of their own', () => {
  it('draw the same stream from the same seed and leave the default generator alone', () => {
    defaultGenerator.manualSeed(0);
    const before = defaultGenerator.getState();
    const a = new Generator();
    const b = new Generator();
    a.manualSeed(2147483647);
    b.manualSeed(2147483647);
    const fromA = new Float32Array(5);
    const fromB = new Float32Array(5);
    uniformFill(a, fromA, 0, 1);
    uniformFill(b, fromB, 0, 1);
    expect(fromA).toEqual(fromB);
    expect(defaultGenerator.getState()).toEqual(before);
  });

  it("start from PyTorch's default seed", () => {
    expect(new Generator().initialSeed()).toBe(67280421310721n);
  });
});

describe("samplers reject bad parameters in PyTorch's words", () => {
  const gen = new Generator();
  it('exponential_ wants lambda > 0', () => {
    expect(() => exponentialFill(gen, new Float32Array(2), 0)).toThrow('exponential_ expects lambda > 0.0, but found lambda=0');
  });
  it('geometric_ wants p in (0, 1)', () => {
    expect(() => geometricFill(gen, new Float64Array(2), 1)).toThrow('geometric_ expects p to be in (0, 1), but got p=1');
  });
  it('multinomial with replacement reports NaN as a negative entry, as PyTorch checks p >= 0 first', () => {
    expect(() => sampleWithReplacement(gen, new Float32Array([0.5, NaN]), 1, 2, 3)).toThrow('encountering probability entry < 0');
    expect(() => sampleWithReplacement(gen, new Float32Array([0.5, Infinity]), 1, 2, 3)).toThrow('infinity or NaN');
    expect(() => sampleWithReplacement(gen, new Float32Array([0, 0]), 1, 2, 3)).toThrow('sum of probabilities <= 0');
  });
});

describe('random_ without bounds', () => {
  it('keeps each dtype in its range and int64 draws below 2^63', () => {
    const gen = new Generator();
    gen.manualSeed(3);
    const floats = new Float32Array(50);
    randomBitsFill(gen, floats, 'float32');
    expect(floats.every((v) => Number.isInteger(v) && v >= 0 && v <= 2 ** 24)).toBe(true);
    const bools = new Uint8Array(50);
    randomBitsFill(gen, bools, 'bool');
    expect(new Set(bools)).toEqual(new Set([0, 1]));
    for (let i = 0; i < 20; i++) expect(randomInt64(gen) < 1n << 63n).toBe(true);
  });
});
