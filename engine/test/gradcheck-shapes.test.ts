/**
 * Audit: every differentiable op of the op table passes gradcheck and gradgradcheck in float64,
 * on contiguous inputs and on non-contiguous leaves (transposed, sliced with a step) and on inputs
 * broadcast by `expand` (stride 0). gradcheck.test.ts covers each op's math on contiguous inputs;
 * this file adds the layouts, the in-place variants and the ops it does not reach, and it walks
 * the table so that a new differentiable op without a case here fails the first test.
 */
import { describe, expect, it } from 'vitest';
import { callOp, fromArray, gradcheck, gradgradcheck, index, opTable, type OpDef, type Tensor } from '../index.ts';

interface Case {
  /** Input shapes (the leaves the checks differentiate). */
  readonly shapes: readonly (readonly number[])[];
  /** callOp arguments built from the leaves; the first is `self` for the in-place variant. */
  readonly args: (xs: Tensor[]) => unknown[];
  /** Input range, to stay away from kinks and poles. */
  readonly range?: readonly [number, number];
  /** Layouts where the op's meaning depends on the storage (as_strided) are checked contiguous only. */
  readonly contiguousOnly?: boolean;
}

const long = (values: number[], shape = [values.length]): Tensor => fromArray(values, shape, 'int64');
const bool = (values: number[], shape: number[]): Tensor => fromArray(values, shape, 'bool');
const c = (shapes: number[][], args: (xs: Tensor[]) => unknown[], extra: Partial<Case> = {}): Case => ({ shapes, args, ...extra });
const self = (...rest: unknown[]) => (xs: Tensor[]): unknown[] => [...xs, ...rest];
const positive: [number, number] = [0.5, 2];
const unit: [number, number] = [0.1, 0.9];

/** One case per differentiable out-of-place op, keyed by its table name. In-place variants reuse it. */
const CASES: Readonly<Record<string, Case>> = {
  add: c([[2, 3], [3]], self(1.5)),
  sub: c([[2, 3], [2, 1]], self(0.5)),
  rsub: c([[2, 3], [3]], self()),
  mul: c([[2, 3], [3]], self()),
  div: c([[2, 3], [3]], self(), { range: positive }),
  _div_scalar: c([[2, 3]], self(2.5)),
  neg: c([[2, 3]], self()),
  reciprocal: c([[2, 3]], self(), { range: positive }),
  pow: c([[2, 3], [3]], self(), { range: positive }),
  exp: c([[2, 3]], self()),
  log: c([[2, 3]], self(), { range: positive }),
  sqrt: c([[2, 3]], self(), { range: positive }),
  tanh: c([[2, 3]], self()),
  sigmoid: c([[2, 3]], self()),
  relu: c([[2, 3]], self()),
  abs: c([[2, 3]], self()),
  sign: c([[2, 3]], self()),
  clamp: c([[2, 3]], self(-0.7, 0.7)),
  sigmoid_backward: c([[2, 3], [2, 3]], self(), { range: unit }),
  tanh_backward: c([[2, 3], [2, 3]], self()),
  threshold_backward: c([[2, 3], [2, 3]], self(0)),
  sum: c([[2, 3, 2]], self([0, 2], true)),
  mean: c([[2, 3, 2]], self([1])),
  mm: c([[2, 3], [3, 2]], self()),
  mv: c([[2, 3], [3]], self()),
  dot: c([[3], [3]], self()),
  bmm: c([[2, 2, 3], [2, 3, 2]], self()),
  matmul: c([[2, 1, 2, 3], [3, 3, 2]], self()),
  where: c([[2, 3], [3]], (xs) => [bool([1, 0, 1, 0, 0, 1], [2, 3]), ...xs]),
  masked_fill: c([[2, 3]], (xs) => [xs[0], bool([1, 0, 1, 0, 0, 1], [2, 3]), 0.25]),
  view: c([[2, 3]], (xs) => [xs[0].contiguous(), [3, 2]]),
  reshape: c([[2, 3]], self([3, 2])),
  _unsafe_view: c([[2, 3]], (xs) => [xs[0].contiguous(), [6]]),
  t: c([[2, 3]], self()),
  transpose: c([[2, 3, 2]], self(0, 2)),
  permute: c([[2, 3, 2]], self([2, 0, 1])),
  unsqueeze: c([[2, 3]], self(1)),
  squeeze: c([[2, 1, 3]], self()),
  _squeeze_dim_: c([[2, 1, 3]], self(1)),
  expand: c([[1, 3]], self([2, 2, 3])),
  select: c([[2, 3]], self(1, 2)),
  slice: c([[4, 3]], self(0, 1, 4, 2)),
  as_strided: c([[2, 3]], self([2, 2], [1, 2], 1), { contiguousOnly: true }),
  as_strided_scatter: c([[2, 3], [2, 2]], self([2, 2], [1, 2], 1), { contiguousOnly: true }),
  clone: c([[2, 3]], self()),
  contiguous: c([[2, 3]], self()),
  to: c([[2, 3]], self('float64')),
  _to_copy: c([[2, 3]], self('float64')),
  fill: c([[2, 3]], self(0.5)),
  zero: c([[2, 3]], self()),
  copy: c([[2, 3], [3]], self()),
  index: c([[3, 2]], (xs) => [xs[0], [long([2, 0, 2])]]),
  index_put: c([[3, 2], [2]], (xs) => [xs[0], [long([2, 0])], xs[1]]),
  maximum: c([[2, 3], [3]], self()),
  minimum: c([[2, 3], [2, 1]], self()),
  remainder: c([[2, 3]], self(0.7), { range: [0.1, 0.6] }),
  sin: c([[2, 3]], self()),
  cos: c([[2, 3]], self()),
  rsqrt: c([[2, 3]], self(), { range: positive }),
  log1p: c([[2, 3]], self(), { range: [0, 2] }),
  expm1: c([[2, 3]], self()),
  log2: c([[2, 3]], self(), { range: positive }),
  log10: c([[2, 3]], self(), { range: positive }),
  erf: c([[2, 3]], self()),
  floor: c([[2, 3]], self(), { range: [0.1, 0.9] }),
  ceil: c([[2, 3]], self(), { range: [0.1, 0.9] }),
  round: c([[2, 3]], self(), { range: [0.1, 0.4] }),
  trunc: c([[2, 3]], self(), { range: [0.1, 0.9] }),
  square: c([[2, 3]], self()),
  max: c([[2, 3]], self(1, true)),
  min: c([[2, 3]], self(0)),
  amax: c([[2, 3]], self([1])),
  amin: c([[2, 3]], self([0], true)),
  prod: c([[2, 3]], self(1)),
  var: c([[2, 3]], self([1])),
  std: c([[2, 3]], self([1], true, true)),
  norm: c([[2, 3]], self(3, [1])),
  logsumexp: c([[2, 3]], self([1])),
  cumsum: c([[2, 3]], self(1)),
  cat: c([[2, 1], [2, 2]], (xs) => [xs, 1]),
  stack: c([[2, 3], [2, 3]], (xs) => [xs, 1]),
  flatten: c([[2, 3, 2]], self(1)),
  repeat: c([[2, 3]], self([2, 1, 2])),
  flip: c([[2, 3]], self([0, 1])),
  gather: c([[2, 3]], (xs) => [xs[0], 1, long([0, 2, 1, 1], [2, 2])]),
  scatter_add: c([[2, 3], [2, 2]], (xs) => [xs[0], 1, long([0, 2, 1, 1], [2, 2]), xs[1]]),
  narrow: c([[2, 3]], self(1, 1, 2)),
  split: c([[2, 5]], self([2, 3], 1)),
  chunk: c([[3, 2]], self(2)),
  unbind: c([[2, 3]], self(1)),
  expand_as: c([[1, 3], [2, 3]], self()),
  view_as: c([[2, 3], [3, 2]], (xs) => [xs[0].contiguous(), xs[1]]),
  reshape_as: c([[2, 3], [3, 2]], self()),
  type_as: c([[2, 3], [3]], self()),
  addmm: c([[3], [2, 4], [4, 3]], self(0.5, 2)),
  linear: c([[2, 3], [4, 3], [4]], self()),
  leaky_relu: c([[2, 3]], self(0.2)),
  hardtanh: c([[2, 3]], self(-0.8, 0.8)),
  elu: c([[2, 3]], self()),
  gelu: c([[2, 3]], self('tanh')),
  silu: c([[2, 3]], self()),
  softplus: c([[2, 3]], self(2)),
  softmax: c([[2, 3]], self(1)),
  log_softmax: c([[2, 3]], self(0)),
  layer_norm: c([[2, 3], [3], [3]], (xs) => [xs[0], [3], xs[1], xs[2]]),
  embedding: c([[3, 2]], (xs) => [xs[0], long([1, 0, 2, 1])]),
  dropout: c([[2, 3]], self(0.5, false)),
  constant_pad_nd: c([[2, 3]], self([1, 2], 0.5)),
  mse_loss: c([[2, 3], [2, 3]], self()),
  l1_loss: c([[2, 3], [2, 3]], self('sum')),
  smooth_l1_loss: c([[2, 3], [2, 3]], self('mean', 0.5)),
  // PyTorch does not differentiate nll_loss and BCE-with-logits with respect to their class weights.
  nll_loss: c([[2, 3]], (xs) => [xs[0], long([1, 0]), fromArray([0.5, 2, 1], [3], 'float64')]),
  binary_cross_entropy: c([[2, 3], [2, 3]], self(), { range: unit }),
  binary_cross_entropy_with_logits: c([[2, 3], [2, 3]], (xs) => [xs[0], xs[1], fromArray([0.5, 2, 1], [3], 'float64')]),
  sum_to_size: c([[2, 3]], self([1, 3])),
  lerp: c([[2, 3], [3], [2, 3]], self()),
  addcmul: c([[2, 3], [2, 3], [3]], self(0.5)),
  addcdiv: c([[2, 3], [2, 3], [3]], self(0.5), { range: positive }),
  outer: c([[3], [2]], self()),
  ger: c([[3], [2]], self()),
  index_select: c([[2, 3]], (xs) => [xs[0], 1, long([2, 0, 2])]),
  sort: c([[2, 3]], self(1, true)),
  topk: c([[2, 4]], self(2)),
  clip: c([[2, 3]], self(-0.6, null)),
  clamp_min: c([[2, 3]], self(0.3)),
  clamp_max: c([[2, 3]], self(0.3)),
  cross_entropy: c([[2, 3], [2, 3]], self(), { range: unit }),
  im2col: c([[1, 2, 3, 3]], self([2, 2], [1, 1], [1, 0], [2, 1])),
  col2im: c([[1, 8, 4]], self([3, 3], [2, 2], [1, 1], [0, 0], [1, 1])),
  convolution: c([[2, 2, 4, 4], [3, 2, 3, 3], [3]], (xs) => [xs[0], xs[1], xs[2], [1, 1], [1, 0], [1, 1], false, [0, 0], 1]),
  max_pool2d_with_indices: c([[1, 2, 4, 4]], self([2, 2])),
  avg_pool2d: c([[1, 2, 5, 4]], self([3, 2], [2, 2], [1, 1], true, false)),
  avg_pool2d_backward: c([[1, 1, 3, 3]], (xs) => [xs[0], fromArray(new Array(25).fill(0), [1, 1, 5, 5], 'float64'), [3, 3], [2, 2], [1, 1], false, true, null]),
  _adaptive_avg_pool2d: c([[1, 2, 5, 5]], self([3, 2])),
  _adaptive_avg_pool2d_backward: c([[1, 1, 3, 2]], (xs) => [xs[0], fromArray(new Array(25).fill(0), [1, 1, 5, 5], 'float64')]),
  adaptive_max_pool2d: c([[1, 2, 5, 5]], self([2, 3])),
  // Channels first, so the 'expanded' layout (stride 0 on dim 0) repeats a channel, not a sample: a
  // batch of identical samples has zero variance, where batch norm is not differentiable.
  native_batch_norm: c([[2, 3, 2], [2], [2]], (xs) => [xs[0].transpose(0, 1), xs[1], xs[2], null, null, true, 0.1, 1e-5]),
};

/** Differentiable = has a backward rule or is a composition of ops that have one, and says so. */
const NOT_DIFFERENTIABLE = /not differentiable|^constant$|no gradient flows/;
const isDifferentiable = (op: OpDef): boolean =>
  (op.backward !== undefined || op.composite !== undefined) && !NOT_DIFFERENTIABLE.test(op.display.formula);
const baseOf = (op: OpDef): OpDef => op.inplaceOf ?? op;

/** Distinct, deterministic values in [lo, hi], away from 0 (kinks of relu/abs/sign). */
function values(n: number, seed: number, [lo, hi]: readonly [number, number]): number[] {
  return Array.from({ length: n }, (_, i) => {
    const u = Math.abs(Math.sin(seed * 97.13 + i * 12.9898) * 43758.5453) % 1;
    const v = lo + u * (hi - lo);
    return Math.abs(v) < 0.05 ? v + 0.1 : v;
  });
}

type Layout = 'contiguous' | 'transposed' | 'sliced with a step' | 'expanded';
const LAYOUTS: readonly Layout[] = ['contiguous', 'transposed', 'sliced with a step', 'expanded'];

/**
 * A float64 leaf with the given logical values and shape, laid out as asked: a transposed or
 * step-sliced view of a larger buffer (a non-contiguous leaf), or a smaller leaf that the checked
 * function expands (stride 0) to the shape.
 */
function leaf(shape: readonly number[], vals: number[], layout: Layout): { leaf: Tensor; prepare: (t: Tensor) => Tensor } {
  const id = (t: Tensor): Tensor => t;
  const n = shape.length;
  if (layout === 'transposed' && n >= 2) {
    const swapped = [...shape.slice(0, -2), shape[n - 1], shape[n - 2]];
    const base = fromArray(vals, [...shape], 'float64');
    const stored = base.transpose(n - 2, n - 1).contiguous(); // laid out as `swapped`
    const view = fromArray(stored.toArray(), swapped, 'float64').transpose(n - 2, n - 1).detach();
    view.requiresGrad = true;
    return { leaf: view, prepare: id };
  }
  if (layout === 'sliced with a step' && n >= 1) {
    const wide = [...shape.slice(0, -1), shape[n - 1] * 2];
    const padded: number[] = [];
    vals.forEach((v) => padded.push(v, 7)); // the skipped elements must not matter
    const view = index(fromArray(padded, wide, 'float64'), [{ kind: 'ellipsis' }, { kind: 'slice', step: 2 }]).detach();
    view.requiresGrad = true;
    return { leaf: view, prepare: id };
  }
  if (layout === 'expanded' && n >= 1 && shape[0] > 1) {
    const small = [1, ...shape.slice(1)];
    const t = fromArray(vals.slice(0, vals.length / shape[0]), small, 'float64', true);
    return { leaf: t, prepare: (x) => x.expand(...shape) };
  }
  return { leaf: fromArray(vals, [...shape], 'float64', true), prepare: id };
}

/** Whether a layout changes anything for these shapes (a 1-D input has nothing to transpose). */
function layoutApplies(shapes: readonly (readonly number[])[], layout: Layout): boolean {
  if (layout === 'contiguous') return true;
  if (layout === 'transposed') return shapes.some((s) => s.length >= 2 && s[s.length - 1] > 1 && s[s.length - 2] > 1);
  if (layout === 'sliced with a step') return shapes.some((s) => s.length >= 1);
  return shapes.some((s) => s.length >= 1 && s[0] > 1);
}

function checkable(op: OpDef, kase: Case, layout: Layout) {
  const built = kase.shapes.map((s, i) => leaf(s, values(s.reduce((a, b) => a * b, 1), i + 1, kase.range ?? [-2, 2]), layout));
  const fn = (...xs: Tensor[]): Tensor | Tensor[] => {
    const args = kase.args(xs.map((x, i) => built[i].prepare(x)));
    if (op.inplaceOf) {
      // In place on a fresh copy of self, so the leaf itself stays untouched.
      const selfArg = args[0] as Tensor;
      return callOp(op.name, selfArg.clone(), ...args.slice(1));
    }
    return callOp(op.name, ...args);
  };
  return { fn, inputs: built.map((b) => b.leaf) };
}

const differentiableOps = opTable().filter((op) => isDifferentiable(baseOf(op)));

describe('the gradcheck audit covers the op table', () => {
  it('every differentiable op has a gradcheck case', () => {
    const missing = differentiableOps.map(baseOf).filter((op) => CASES[op.name] === undefined).map((op) => op.name);
    expect([...new Set(missing)]).toEqual([]);
  });

  it('every case names an op of the table that is differentiable', () => {
    const names = new Set(differentiableOps.map((op) => op.name));
    expect(Object.keys(CASES).filter((name) => !names.has(name))).toEqual([]);
  });
});

for (const op of differentiableOps) {
  const kase = CASES[baseOf(op).name];
  if (!kase) continue;
  describe(`${op.name} in float64`, () => {
    for (const layout of LAYOUTS) {
      if (!layoutApplies(kase.shapes, layout) || (kase.contiguousOnly && layout !== 'contiguous')) continue;
      it(`passes gradcheck on ${layout} inputs`, () => {
        const { fn, inputs } = checkable(op, kase, layout);
        expect(gradcheck(fn, inputs).mismatches.slice(0, 2)).toEqual([]);
      });
      it(`passes gradgradcheck on ${layout} inputs`, () => {
        const { fn, inputs } = checkable(op, kase, layout);
        expect(gradgradcheck(fn, inputs).mismatches.slice(0, 2)).toEqual([]);
      });
    }
  });
}
