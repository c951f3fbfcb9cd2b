import { describe, expect, it } from 'vitest';
import { Generator, bernoulliFill, normalFill, randintFill, randperm, uniformFill } from '../index.ts';

describe("argument errors use PyTorch's words", () => {
  const gen = new Generator();

  it('rejects uniform_ with from > to', () => {
    expect(() => uniformFill(gen, new Float32Array(2), 1, 0)).toThrow('uniform_ expects to return a [from, to) range, but found from=1 > to=0');
  });

  it('rejects normal_ with a negative std', () => {
    expect(() => normalFill(gen, new Float32Array(2), 0, -1)).toThrow('normal expects std >= 0.0, but found std -1');
  });

  it('rejects randint with an empty range', () => {
    expect(() => randintFill(gen, new Float64Array(2), 3, 3)).toThrow("random_ expects 'from' to be less than 'to', but got from=3 >= to=3");
  });

  it('rejects bernoulli_ with p outside [0, 1]', () => {
    expect(() => bernoulliFill(gen, new Float32Array(2), 1.5)).toThrow('bernoulli_ expects p to be in [0, 1], but got p=1.5');
  });

  it('rejects randperm of a negative size', () => {
    expect(() => randperm(gen, -1)).toThrow('n must be non-negative');
  });

  it('draws nothing for empty outputs', () => {
    gen.manualSeed(1);
    const before = gen.getState();
    uniformFill(gen, new Float32Array(0), 0, 1);
    normalFill(gen, new Float32Array(0), 0, 1);
    expect(randperm(gen, 1)).toEqual(new Float64Array([0]));
    expect(gen.getState()).toEqual(before);
  });
});
