/** Shared test helpers: build tensors from golden specs and compare numbers like PyTorch would. */
import { expect } from 'vitest';
import { callOp, fromArray, index, scalarTensor, type DType, type IndexItem, type Tensor } from '../index.ts';

export interface TensorSpec {
  readonly values: readonly (number | boolean)[];
  readonly shape: readonly number[];
  readonly dtype: DType;
  readonly requiresGrad: boolean;
  readonly transform: 't' | 'step2' | null;
}
export type ArgSpec =
  | { readonly list: readonly ArgSpec[] }
  | { readonly tensor: TensorSpec }
  | { readonly scalar: number | boolean; readonly dtype: DType }
  | { readonly value: unknown };

/** A leaf tensor from a spec; 't' and 'step2' make it a non-contiguous leaf. */
export function buildTensor(spec: TensorSpec): Tensor {
  let t = fromArray(spec.values.map(Number), spec.shape, spec.dtype);
  if (spec.transform === 't') t = (callOp('t', t) as Tensor).detach();
  if (spec.transform === 'step2') {
    const items: IndexItem[] = [{ kind: 'ellipsis' }, { kind: 'slice', step: 2 }];
    t = index(t, items).detach();
  }
  if (spec.requiresGrad) t.requiresGrad = true;
  return t;
}

export function buildArg(spec: ArgSpec): unknown {
  if ('list' in spec) return spec.list.map(buildArg);
  if ('tensor' in spec) return buildTensor(spec.tensor);
  if ('scalar' in spec) return scalarTensor(spec.scalar, spec.dtype);
  return spec.value;
}

/** float: 1e-5 relative (plus a tiny absolute slack near zero); ints and bools: exact. */
export function expectClose(actual: readonly number[], expected: readonly number[], exact: boolean, what: string): void {
  expect(actual.length, `${what}: length`).toBe(expected.length);
  actual.forEach((a, i) => {
    const e = expected[i];
    if (exact) expect(a, `${what}[${i}]`).toBe(e);
    else if (Math.abs(a - e) > 1e-5 * Math.abs(e) + 1e-6) {
      expect.fail(`${what}[${i}]: got ${a}, PyTorch has ${e}`);
    }
  });
}
