/** sum and mean over all or some dims; their gradients broadcast back. */
import { allocate, isFloating, legacyTypeName, type DType } from '../dtype.ts';
import { runtimeError } from '../errors.ts';
import { kernels } from '../kernels/index.ts';
import { normalizeDim, numelOf } from '../shape.ts';
import { Tensor } from '../tensor.ts';
import { div, expand, unsqueeze } from './functional.ts';
import { asDtype } from './tensor-utils.ts';
import { defineOp, type OutputSpec } from './types.ts';
import { c, program, self } from './gradcheck-case.ts';
import { sameOpOnTangent } from './jvp-rules.ts';

/** What sum and mean share: `(Tensor self, int[1]? dim=None, bool keepdim=False, ...)`. */
interface ReduceArgs {
  readonly self: Tensor;
  readonly dim: readonly number[] | null;
  readonly keepdim: boolean;
}

/** Which dims a reduction removes: none given (or []) means all. */
function reducedDims(a: ReduceArgs): boolean[] {
  const x = a.self;
  const dims = a.dim;
  const mask = new Array<boolean>(x.dim()).fill(dims === null || dims.length === 0);
  if (dims !== null) {
    for (const d of dims) {
      const nd = normalizeDim(d, x.dim());
      if (x.dim() > 0) {
        if (mask[nd] && dims.length > 0) throw runtimeError(`dim ${nd} appears multiple times in the list of dims`);
        mask[nd] = true;
      }
    }
  }
  return mask;
}

function reduceShape(a: ReduceArgs): number[] {
  const x = a.self;
  const mask = reducedDims(a);
  return x.shape.flatMap((s, d) => (mask[d] ? (a.keepdim ? [1] : []) : [s]));
}

function sumInto(x: Tensor, mask: boolean[], spec: OutputSpec, scale: number): Tensor {
  const src = asDtype(x, spec.dtype);
  const out = allocate(spec.dtype, numelOf(spec.shape));
  kernels().sum(src, mask, out);
  if (scale !== 1) for (let i = 0; i < out.length; i++) out[i] *= scale;
  return Tensor.fromData(out, spec.shape, spec.dtype);
}

/** The gradient of a reduction: put the reduced dims back (as size 1) and broadcast. */
function expandBack(g: Tensor, a: Omit<ReduceArgs, 'self'>, shape: readonly number[]): Tensor {
  let grad = g;
  if (!a.keepdim) {
    const dims = a.dim;
    const all = dims === null || dims.length === 0;
    const toRestore = all ? shape.map((_, d) => d) : dims.map((d) => normalizeDim(d, shape.length));
    if (shape.length > 0) for (const d of [...toRestore].sort((p, q) => p - q)) grad = unsqueeze(grad, d);
  }
  return expand(grad, shape);
}

export const sumOp = defineOp({
  name: 'sum',
  jvp: sameOpOnTangent('sum'),
  signature: 'sum(Tensor self, int[1]? dim=None, bool keepdim=False, *, ScalarType? dtype=None) -> Tensor',
  method: true,
  function: true,
  display: { symbol: 'Σ', formula: '∂(Σa)/∂aᵢ = 1' },
  gradFn: (a) => (a.dim === null ? 'SumBackward0' : 'SumBackward1'),
  infer: (a) => {
    const x = a.self;
    const dtype: DType = a.dtype ?? (isFloating(x.dtype) ? x.dtype : 'int64');
    return { shape: reduceShape(a), dtype };
  },
  forward: (a, spec) => sumInto(a.self, reducedDims(a), spec, 1),
  backward: (ctx, g) => [expandBack(g, ctx.args, ctx.meta('self').shape)],
  gradcheck: [
    c([[2, 3, 2]], self([0, 2], true)),
    program('sum all', [[2, 3]], ([x]) => x.sum()),
    program('sum dim keepdim', [[2, 3]], ([x]) => x.sum(1, true)),
  ],
});

export const meanOp = defineOp({
  name: 'mean',
  jvp: sameOpOnTangent('mean'),
  signature: 'mean(Tensor self, int[1]? dim=None, bool keepdim=False, *, ScalarType? dtype=None) -> Tensor',
  method: true,
  function: true,
  display: { symbol: 'mean', formula: '∂(mean a)/∂aᵢ = 1/n' },
  gradFn: (a) => (a.dim === null ? 'MeanBackward0' : 'MeanBackward1'),
  infer: (a) => {
    const x = a.self;
    const dtype = a.dtype ?? x.dtype;
    if (!isFloating(dtype)) {
      throw runtimeError(`mean(): could not infer output dtype. Input dtype must be either a floating point or complex dtype. Got: ${legacyTypeName(dtype)}`);
    }
    return { shape: reduceShape(a), dtype };
  },
  forward: (a, spec) => {
    const x = a.self;
    const count = numelOf(x.shape) / Math.max(numelOf(spec.shape), 1);
    const s = sumInto(x, reducedDims(a), spec, 1);
    const out = s.data;
    for (let i = 0; i < out.length; i++) out[i] = out[i] / count;
    return s;
  },
  backward: (ctx, g) => {
    const shape = ctx.meta('self').shape;
    const outNumel = ctx.args.dim === null ? 1 : numelOf(g.shape);
    const count = numelOf(shape) / Math.max(outNumel, 1);
    return [div(expandBack(g, ctx.args, shape), count)];
  },
  gradcheck: [c([[2, 3, 2]], self([1])), program('mean dims', [[2, 3, 2]], ([x]) => x.mean([0, 2]))],
});
