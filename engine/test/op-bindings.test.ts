import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  ENGINE_README_PATH,
  FUNCTIONAL_PATH,
  HAND_WRITTEN,
  renderEngineReadme,
  renderFunctional,
  renderTensorMethods,
  TENSOR_METHODS_PATH,
} from '../../scripts/gen-op-bindings.ts';
import { fromArray, opTable, Tensor } from '../index.ts';

describe('generated from the op table (run `npm run gen:ops` when these fail)', () => {
  it('engine/ops/generated/tensor-methods.ts is up to date', () => {
    expect(readFileSync(TENSOR_METHODS_PATH, 'utf8') === renderTensorMethods(), 'tensor-methods.ts is stale: run npm run gen:ops').toBe(true);
  });

  it('engine/ops/generated/functional.ts is up to date', () => {
    expect(readFileSync(FUNCTIONAL_PATH, 'utf8') === renderFunctional(), 'functional.ts is stale: run npm run gen:ops').toBe(true);
  });

  it("engine/README.md's op list is up to date", () => {
    const committed = readFileSync(ENGINE_README_PATH, 'utf8');
    expect(committed === renderEngineReadme(committed), 'engine/README.md is stale: run npm run gen:ops').toBe(true);
  });
});

describe('Tensor methods', () => {
  const camel = (name: string): string => name.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());

  it('every method op of the table is a Tensor method', () => {
    const proto = Tensor.prototype as unknown as Record<string, unknown>;
    const missing = opTable()
      .filter((op) => op.method && !op.name.startsWith('_') && !HAND_WRITTEN.has(op.name))
      .filter((op) => op.signature.includes('(Tensor self') || op.signature.includes('(Tensor(a!) self'))
      .filter((op) => typeof proto[camel(op.name)] !== 'function')
      .map((op) => op.name);
    expect(missing).toEqual([]);
  });

  it('bind positional arguments after self, as callOp does', () => {
    const x = fromArray([1, -2, 3], [3], 'float64');
    expect(x.mul(2).toArray()).toEqual([2, -4, 6]);
    expect(x.add(1, 3).toArray()).toEqual([4, 1, 6]);
    expect(x.clamp(null, 0).toArray()).toEqual([0, -2, 0]);
    expect(x.logSoftmax(0).exp().sum().item()).toBeCloseTo(1, 12);
    const y = x.clone();
    expect(y.leakyRelu_(0.5)).toBe(y);
    expect(y.toArray()).toEqual([1, -1, 3]);
  });
});
