/**
 * Gradcheck cases, written beside each OpDef (`gradcheck: [...]`): how to call the op on float64
 * leaves so that engine/test/gradcheck.test.ts can compare its backward (and double backward)
 * with finite differences. The test walks the op table, so a differentiable op without a case
 * fails it. Nothing here runs unless a test calls it: the closures build their tensors lazily.
 */
import { fromArray } from '../creation.ts';
import type { Tensor } from '../tensor.ts';

export interface GradcheckCase {
  /** What the case shows, when an op has several (`tensor^scalar`). */
  readonly label?: string;
  /** Input shapes (the leaves the checks differentiate). */
  readonly shapes: readonly (readonly number[])[];
  /** callOp arguments built from the leaves; the first is `self` for the in-place variant. */
  readonly args?: (xs: Tensor[]) => unknown[];
  /** A whole program instead of one call (views composed with other ops, in-place on a view). */
  readonly run?: (xs: Tensor[]) => Tensor | Tensor[];
  /** Input range, to stay away from kinks and poles. */
  readonly range?: readonly [number, number];
  /** Layouts where the op's meaning depends on the storage (as_strided) are checked contiguous only. */
  readonly contiguousOnly?: boolean;
}

/** A case: shapes, the call's arguments, and options. */
export const c = (shapes: number[][], args: (xs: Tensor[]) => unknown[], extra: Partial<GradcheckCase> = {}): GradcheckCase => ({
  shapes,
  args,
  ...extra,
});
/** A case that runs a small program over the leaves. */
export const program = (label: string, shapes: number[][], run: (xs: Tensor[]) => Tensor | Tensor[], extra: Partial<GradcheckCase> = {}): GradcheckCase => ({
  label,
  shapes,
  run,
  ...extra,
});
/** The leaves in order, then the given extra arguments. */
export const self =
  (...rest: unknown[]) =>
  (xs: Tensor[]): unknown[] => [...xs, ...rest];
export const long = (values: number[], shape = [values.length]): Tensor => fromArray(values, shape, 'int64');
export const bool = (values: number[], shape: number[]): Tensor => fromArray(values, shape, 'bool');
export const float64 = (values: number[], shape = [values.length]): Tensor => fromArray(values, shape, 'float64');
export const positive: [number, number] = [0.5, 2];
export const unit: [number, number] = [0.1, 0.9];

/** An op built by a factory, with its cases beside it. */
export function withGradcheck<D extends object>(def: D, gradcheck: readonly GradcheckCase[]): D & { readonly gradcheck: readonly GradcheckCase[] } {
  return { ...def, gradcheck };
}
