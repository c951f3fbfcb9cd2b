import { describe, expect, it } from 'vitest';
import { DEFAULT_SEED, Generator, STATE_BYTES, defaultGenerator, normalFill, uniformFill } from '../index.ts';
import { Mt19937 } from '../mt19937.ts';

describe('Mt19937', () => {
  it('returns 4123659995 on its 10000th draw from the default seed, as the C++ standard requires', () => {
    const engine = new Mt19937(5489n);
    let value = 0;
    for (let i = 0; i < 10000; i++) value = engine.nextUint32();
    expect(value).toBe(4123659995);
  });
});

describe('Generator', () => {
  it("starts from PyTorch's default seed", () => {
    expect(new Generator().initialSeed()).toBe(67280421310721n);
    expect(DEFAULT_SEED).toBe(67280421310721n);
  });

  it('reports negative seeds as their unsigned 64-bit value, like torch.initial_seed()', () => {
    const gen = new Generator();
    gen.manualSeed(-1);
    expect(gen.initialSeed()).toBe(2n ** 64n - 1n);
  });

  it('accepts seeds beyond 2^53 as bigints', () => {
    const gen = new Generator();
    gen.manualSeed(2n ** 63n + 3n);
    expect(gen.initialSeed()).toBe(2n ** 63n + 3n);
  });

  it('rejects seeds that do not fit in 64 bits and seeds that are not integers', () => {
    const gen = new Generator();
    expect(() => gen.manualSeed(2n ** 64n)).toThrow(/Overflow/);
    expect(() => gen.manualSeed(1.5)).toThrow(/integer/);
  });

  it('gives the same numbers after the same seed', () => {
    const gen = new Generator();
    const first = new Float32Array(5);
    const second = new Float32Array(5);
    gen.manualSeed(7);
    uniformFill(gen, first, 0, 1);
    gen.manualSeed(7);
    uniformFill(gen, second, 0, 1);
    expect(second).toEqual(first);
  });

  it('replays the exact same numbers after restoring a saved state, cached normal included', () => {
    const gen = new Generator();
    gen.manualSeed(3);
    normalFill(gen, new Float64Array(3), 0, 1); // leaves a cached sample behind
    const saved = gen.getState();
    expect(saved.length).toBe(STATE_BYTES);
    const before = new Float64Array(40);
    normalFill(gen, before.subarray(0, 1), 0, 1);
    normalFill(gen, before.subarray(1), 0, 1);
    gen.manualSeed(99);
    gen.setState(saved);
    const after = new Float64Array(40);
    normalFill(gen, after.subarray(0, 1), 0, 1);
    normalFill(gen, after.subarray(1), 0, 1);
    expect(after).toEqual(before);
    expect(gen.initialSeed()).toBe(3n);
  });

  it("rejects a state of the wrong size with PyTorch's message", () => {
    expect(() => new Generator().setState(new Uint8Array(10))).toThrow(/CPUGeneratorImplState of size 5056 but found the input RNG state size to be 10/);
  });

  it('reseeds itself non-deterministically with seed() and reports the new seed', () => {
    const gen = new Generator();
    const fresh = gen.seed();
    expect(gen.initialSeed()).toBe(fresh);
    expect(fresh).toBeLessThan(2n ** 64n);
  });

  it('exports one shared default generator', () => {
    expect(defaultGenerator).toBeInstanceOf(Generator);
  });
});
