/**
 * View ops: the output shares storage with the input (no copy), so later in-place writes show
 * through. Each gradient is the inverse reshaping of the incoming gradient.
 */
import { allocate } from '../dtype.ts';
import { indexError, runtimeError } from '../errors.ts';
import { kernels } from '../kernels/index.ts';
import { contiguousStrides, inferSize, normalizeDim, numelOf, shapeText, viewStrides } from '../shape.ts';
import { Tensor } from '../tensor.ts';
import { callOp } from './dispatch.ts';
import { permute, reshape, squeeze, sumToSize, t, transpose, zerosLike } from './functional.ts';
import { contiguousCopy, makeView } from './tensor-utils.ts';
import { defineOp, type Args, type OpDef, type OutputSpec, type SignatureArgs } from './types.ts';
import { index } from '../indexing.ts';
import { c, program, self } from './gradcheck-case.ts';
import { sameOpOnTangent } from './jvp-rules.ts';

/** Shaped like self; typed over any `Args` so that it fits every view's own argument type. */
const same = (a: Args): OutputSpec => {
  const self = a.self as Tensor;
  return { shape: self.shape, dtype: self.dtype };
};

/** A view op: a Tensor method and (unless said otherwise) a torch function, shaped like self unless it infers. */
function viewOp<const S extends string>(
  partial: Omit<OpDef<SignatureArgs<S>>, 'method' | 'function'> & { readonly signature: S; function?: boolean },
): OpDef<SignatureArgs<S>> {
  return { method: true, function: partial.function ?? true, infer: same, ...partial };
}

export const viewOpDef = viewOp({
  name: 'view',
  jvp: sameOpOnTangent('view'),
  signature: 'view(Tensor self, int[] size) -> Tensor',
  function: false,
  display: { symbol: 'view', formula: 'gradient reshaped back' },
  gradFn: 'ViewBackward0',
  forward: (a) => {
    const x = a.self;
    const shape = inferSize(a.size, x.numel());
    const strides = viewStrides(x.shape, x.strides, shape);
    if (!strides) {
      throw runtimeError(
        "view size is not compatible with input tensor's size and stride (at least one dimension spans across two contiguous subspaces). Use .reshape(...) instead.",
      );
    }
    return makeView(x, shape, strides, x.offset);
  },
  backward: (ctx, g) => [reshape(g, ctx.meta('self').shape)],
  gradcheck: [c([[2, 3]], (xs) => [xs[0].contiguous(), [3, 2]]), program('view', [[2, 3]], ([x]) => x.view(3, 2).mul(x.view(3, 2)))],
});

/** _unsafe_view: matmul's final reshape (UnsafeViewBackward0); copies when a view is impossible. */
export const unsafeViewOp = viewOp({
  name: '_unsafe_view',
  signature: '_unsafe_view(Tensor self, int[] size) -> Tensor',
  function: false,
  display: { symbol: 'view', formula: 'gradient reshaped back' },
  gradFn: 'UnsafeViewBackward0',
  forward: (a) => {
    const x = a.self;
    const shape = inferSize(a.size, x.numel());
    const strides = viewStrides(x.shape, x.strides, shape);
    if (strides) return makeView(x, shape, strides, x.offset);
    const c = contiguousCopy(x);
    return Tensor.fromData(c.data, shape, x.dtype);
  },
  backward: (ctx, g) => [reshape(g, ctx.meta('self').shape)],
  gradcheck: [c([[2, 3]], (xs) => [xs[0].contiguous(), [6]])],
});

export const reshapeOp = defineOp({
  name: 'reshape',
  jvp: sameOpOnTangent('reshape'),
  signature: 'reshape(Tensor self, int[] shape) -> Tensor',
  method: true,
  function: true,
  display: { symbol: 'reshape', formula: 'gradient reshaped back' },
  composite: (a) => {
    const x = a.self;
    const shape = inferSize(a.shape, x.numel());
    if (viewStrides(x.shape, x.strides, shape)) return callOp('view', x, shape) as Tensor;
    return callOp('_unsafe_view', callOp('clone', x), shape) as Tensor;
  },
  gradcheck: [c([[2, 3]], self([3, 2])), program('reshape of non-contiguous', [[2, 3]], ([x]) => x.t().reshape(6).pow(2))],
});

export const tOp = viewOp({
  name: 't',
  jvp: sameOpOnTangent('t'),
  signature: 't(Tensor self) -> Tensor',
  display: { symbol: 'ᵀ', formula: 'gradient transposed back' },
  gradFn: 'TBackward0',
  infer: (a) => {
    const x = a.self;
    if (x.dim() > 2) throw runtimeError(`t() expects a tensor with <= 2 dimensions, but self is ${x.dim()}D`);
    return { shape: [...x.shape].reverse(), dtype: x.dtype };
  },
  forward: (a) => {
    const x = a.self;
    return makeView(x, [...x.shape].reverse(), [...x.strides].reverse(), x.offset);
  },
  backward: (_ctx, g) => [t(g)],
  gradcheck: [c([[2, 3]], self())],
});

function transposed(x: Tensor, d0: number, d1: number): Tensor {
  const shape = [...x.shape],
    strides = [...x.strides];
  if (x.dim() === 0) return makeView(x, shape, strides, x.offset);
  const a = normalizeDim(d0, x.dim()),
    b = normalizeDim(d1, x.dim());
  [shape[a], shape[b]] = [shape[b], shape[a]];
  [strides[a], strides[b]] = [strides[b], strides[a]];
  return makeView(x, shape, strides, x.offset);
}

export const transposeOp = viewOp({
  name: 'transpose',
  jvp: sameOpOnTangent('transpose'),
  signature: 'transpose(Tensor self, int dim0, int dim1) -> Tensor',
  display: { symbol: 'ᵀ', formula: 'gradient transposed back' },
  gradFn: 'TransposeBackward0',
  forward: (a) => transposed(a.self, a.dim0, a.dim1),
  backward: (ctx, g) => [transpose(g, ctx.args.dim0, ctx.args.dim1)],
  gradcheck: [c([[2, 3, 2]], self(0, 2)), program('transpose', [[2, 3]], ([x]) => x.transpose(0, 1).matmul(x))],
});

export const permuteOp = viewOp({
  name: 'permute',
  jvp: sameOpOnTangent('permute'),
  signature: 'permute(Tensor self, int[] dims) -> Tensor',
  display: { symbol: 'perm', formula: 'gradient permuted back' },
  gradFn: 'PermuteBackward0',
  forward: (a) => {
    const x = a.self;
    const dims = a.dims.map((d) => normalizeDim(d, x.dim()));
    if (dims.length !== x.dim()) {
      throw runtimeError(
        `permute(sparse_coo): number of dimensions in the tensor input does not match the length of the desired ordering of dimensions i.e. input.dim() = ${x.dim()} is not equal to len(dims) = ${dims.length}`,
      );
    }
    if (new Set(dims).size !== dims.length) throw runtimeError('permute(): duplicate dims are not allowed.');
    return makeView(
      x,
      dims.map((d) => x.shape[d]),
      dims.map((d) => x.strides[d]),
      x.offset,
    );
  },
  backward: (ctx, g) => {
    const dims = ctx.args.dims.map((d) => normalizeDim(d, g.dim()));
    const inverse = new Array<number>(dims.length);
    dims.forEach((d, i) => (inverse[d] = i));
    return [permute(g, inverse)];
  },
  gradcheck: [c([[2, 3, 2]], self([2, 0, 1])), program('permute', [[2, 3, 2]], ([x]) => x.permute(2, 0, 1).pow(2))],
});

export const unsqueezeOp = viewOp({
  name: 'unsqueeze',
  jvp: sameOpOnTangent('unsqueeze'),
  signature: 'unsqueeze(Tensor self, int dim) -> Tensor',
  display: { symbol: 'unsq', formula: 'gradient squeezed back' },
  gradFn: 'UnsqueezeBackward0',
  forward: (a) => {
    const x = a.self;
    const d = normalizeDim(a.dim, x.dim() + 1);
    const shape = [...x.shape],
      strides = [...x.strides];
    const stride = d < x.dim() ? x.shape[d] * x.strides[d] : 1;
    shape.splice(d, 0, 1);
    strides.splice(d, 0, stride);
    return makeView(x, shape, strides, x.offset);
  },
  backward: (ctx, g) => [squeeze(g, ctx.args.dim)],
  gradcheck: [c([[2, 3]], self(1)), program('unsqueeze/squeeze', [[3]], ([x]) => x.unsqueeze(1).squeeze().exp())],
});

export const squeezeOp = viewOp({
  name: 'squeeze',
  jvp: sameOpOnTangent('squeeze'),
  signature: 'squeeze(Tensor self, int? dim=None) -> Tensor',
  display: { symbol: 'sq', formula: 'gradient unsqueezed back' },
  gradFn: (a) => (a.dim === null ? 'SqueezeBackward0' : 'SqueezeBackward1'),
  forward: (a) => {
    const x = a.self;
    const keep = (d: number): boolean => x.shape[d] !== 1;
    let dims: number[];
    if (a.dim === null) dims = x.shape.map((_, d) => d).filter(keep);
    else {
      const target = x.dim() === 0 ? -1 : normalizeDim(a.dim, x.dim());
      dims = x.shape.map((_, d) => d).filter((d) => d !== target || keep(d));
    }
    return makeView(
      x,
      dims.map((d) => x.shape[d]),
      dims.map((d) => x.strides[d]),
      x.offset,
    );
  },
  backward: (ctx, g) => [reshape(g, ctx.meta('self').shape)],
  gradcheck: [c([[2, 1, 3]], self())],
});

export const expandOp = viewOp({
  name: 'expand',
  jvp: sameOpOnTangent('expand'),
  signature: 'expand(Tensor self, int[] size) -> Tensor',
  function: false,
  display: { symbol: 'expand', formula: 'gradient summed over the broadcast dims' },
  gradFn: 'ExpandBackward0',
  forward: (a) => {
    const x = a.self;
    const size = a.size;
    if (size.length < x.dim()) {
      throw runtimeError(
        `expand(${x.typeName()}{${shapeText(x.shape)}}, size=${shapeText(size)}): the number of sizes provided (${size.length}) must be greater or equal to the number of dimensions in the tensor (${x.dim()})`,
      );
    }
    const lead = size.length - x.dim();
    const shape: number[] = [],
      strides: number[] = [];
    size.forEach((s, i) => {
      const j = i - lead;
      const own = j >= 0 ? x.shape[j] : 1;
      const target = s === -1 ? own : s;
      if (j >= 0 && own !== target && own !== 1) {
        throw runtimeError(
          `The expanded size of the tensor (${target}) must match the existing size (${own}) at non-singleton dimension ${i}.  Target sizes: ${shapeText(size)}.  Tensor sizes: ${shapeText(x.shape)}`,
        );
      }
      shape.push(target);
      strides.push(j >= 0 && own === target ? x.strides[j] : 0);
    });
    return makeView(x, shape, strides, x.offset);
  },
  backward: (ctx, g) => [sumToSize(g, ctx.meta('self').shape)],
  gradcheck: [c([[1, 3]], self([2, 2, 3])), program('expand', [[1, 3]], ([x]) => x.expand(2, 3).pow(2))],
});

/** Where a view sits in a contiguous tensor of `shape`: used by select/slice backward. */
function regionOf(shape: readonly number[], dim: number, start: number, length: number, step: number, drop: boolean) {
  const strides = contiguousStrides(shape);
  const size = [...shape];
  const stride = [...strides];
  size[dim] = length;
  stride[dim] = strides[dim] * step;
  if (drop) {
    size.splice(dim, 1);
    stride.splice(dim, 1);
  }
  return { size, stride, storageOffset: start * strides[dim] };
}

function scatterIntoZeros(shape: readonly number[], g: Tensor, region: { size: readonly number[]; stride: readonly number[]; storageOffset: number }): Tensor {
  const zeros = Tensor.fromData(allocate(g.dtype, numelOf(shape)), shape, g.dtype);
  return callOp('as_strided_scatter', zeros, g, region.size, region.stride, region.storageOffset) as Tensor;
}

export const selectOp = viewOp({
  name: 'select',
  jvp: sameOpOnTangent('select'),
  signature: 'select(Tensor self, int dim, int index) -> Tensor',
  display: { symbol: '[i]', formula: 'gradient placed at the selected index, zeros elsewhere' },
  gradFn: 'SelectBackward0',
  forward: (a) => {
    const x = a.self;
    if (x.dim() === 0) throw indexError('select() cannot be applied to a 0-dim tensor.');
    const dim = normalizeDim(a.dim, x.dim());
    const size = x.shape[dim];
    const raw = a.index;
    if (raw < -size || raw >= size) throw indexError(`index ${raw} is out of bounds for dimension ${dim} with size ${size}`);
    const i = raw < 0 ? raw + size : raw;
    const shape = [...x.shape],
      strides = [...x.strides];
    shape.splice(dim, 1);
    strides.splice(dim, 1);
    return makeView(x, shape, strides, x.offset + i * x.strides[dim]);
  },
  backward: (ctx, g) => {
    const shape = ctx.meta('self').shape;
    const dim = normalizeDim(ctx.args.dim, shape.length);
    const raw = ctx.args.index;
    const i = raw < 0 ? raw + shape[dim] : raw;
    return [scatterIntoZeros(shape, g, regionOf(shape, dim, i, 1, 1, true))];
  },
  gradcheck: [
    c([[2, 3]], self(1, 2)),
    program('select and slice', [[2, 3]], ([x]) =>
      index(x, [
        { kind: 'int', index: 1 },
        { kind: 'slice', start: 0, stop: 3, step: 2 },
      ]).pow(2),
    ),
  ],
});

/** Python slice bounds → (start, length) with PyTorch's clamping (steps must be positive). */
export function sliceBounds(size: number, start: number | null, end: number | null, step: number): { start: number; length: number } {
  if (step <= 0) throw runtimeError('slice step must be positive');
  let s = start ?? 0;
  let e = end ?? size;
  if (s < 0) s += size;
  if (e < 0) e += size;
  s = Math.min(Math.max(s, 0), size);
  e = Math.min(Math.max(e, s), size);
  return { start: s, length: Math.ceil((e - s) / step) };
}

export const sliceOp = viewOp({
  name: 'slice',
  jvp: sameOpOnTangent('slice'),
  signature: 'slice(Tensor self, int dim=0, int? start=None, int? end=None, int step=1) -> Tensor',
  display: { symbol: '[a:b]', formula: 'gradient placed in the slice, zeros elsewhere' },
  gradFn: 'SliceBackward0',
  forward: (a) => {
    const x = a.self;
    const dim = normalizeDim(a.dim, x.dim());
    const step = a.step;
    const { start, length } = sliceBounds(x.shape[dim], a.start, a.end, step);
    const shape = [...x.shape],
      strides = [...x.strides];
    shape[dim] = length;
    strides[dim] = x.strides[dim] * step;
    return makeView(x, shape, strides, x.offset + start * x.strides[dim]);
  },
  backward: (ctx, g) => {
    const shape = ctx.meta('self').shape;
    const dim = normalizeDim(ctx.args.dim, shape.length);
    const step = ctx.args.step;
    const { start, length } = sliceBounds(shape[dim], ctx.args.start, ctx.args.end, step);
    return [scatterIntoZeros(shape, g, regionOf(shape, dim, start, length, step, false))];
  },
  gradcheck: [c([[4, 3]], self(0, 1, 4, 2))],
});

/**
 * as_strided, with size/stride/offset relative to the input's contiguous layout (the engine only
 * uses it on contiguous bases and gradients). Non-overlapping geometries only.
 */
export const asStridedOp = viewOp({
  name: 'as_strided',
  jvp: sameOpOnTangent('as_strided'),
  signature: 'as_strided(Tensor self, int[] size, int[] stride, int storage_offset=0) -> Tensor',
  display: { symbol: 'strided', formula: 'gradient placed in the strided region' },
  gradFn: 'AsStridedBackward0',
  infer: (a) => ({ shape: a.size, dtype: a.self.dtype }),
  forward: (a) => {
    const x = a.self;
    const c = x.isContiguous() ? x : contiguousCopy(x);
    return makeView(c, a.size, a.stride, c.offset + a.storage_offset);
  },
  backward: (ctx, g) => [
    scatterIntoZeros(ctx.meta('self').shape, g, {
      size: ctx.args.size,
      stride: ctx.args.stride,
      storageOffset: ctx.args.storage_offset,
    }),
  ],
  gradcheck: [c([[2, 3]], self([2, 2], [1, 2], 1), { contiguousOnly: true })],
});

/** A copy of self with the strided region replaced by src (not a view). */
export const asStridedScatterOp = defineOp({
  name: 'as_strided_scatter',
  signature: 'as_strided_scatter(Tensor self, Tensor src, int[] size, int[] stride, int storage_offset=0) -> Tensor',
  method: true,
  function: true,
  display: { symbol: 'scatter', formula: '∂/∂self = 1 outside the region, ∂/∂src = 1 inside' },
  gradFn: 'AsStridedScatterBackward0',
  infer: same,
  forward: (a, spec) => {
    const out = contiguousCopy(a.self);
    const src = a.src;
    const region = { data: out.data, shape: a.size, strides: a.stride, offset: a.storage_offset };
    const values = allocate(spec.dtype, numelOf(region.shape));
    kernels().copy({ data: src.data, shape: region.shape, strides: broadcastStridesFor(src, region.shape), offset: src.offset }, values);
    kernels().scatter(region, values);
    return out;
  },
  backward: (ctx, g) => {
    const { size, stride, storage_offset } = ctx.args as { size: number[]; stride: number[]; storage_offset: number };
    const inRegion = callOp('as_strided', g, size, stride, storage_offset) as Tensor;
    return [
      ctx.needsInputGrad(0) ? (callOp('as_strided_scatter', g, zerosLike(inRegion), size, stride, storage_offset) as Tensor) : null,
      ctx.needsInputGrad(1) ? sumToSize(inRegion, ctx.meta('src').shape) : null,
    ];
  },
  gradcheck: [
    c(
      [
        [2, 3],
        [2, 2],
      ],
      self([2, 2], [1, 2], 1),
      { contiguousOnly: true },
    ),
  ],
});

function broadcastStridesFor(src: Tensor, shape: readonly number[]): number[] {
  const out = new Array<number>(shape.length).fill(0);
  const lead = shape.length - src.dim();
  for (let i = 0; i < src.dim(); i++) out[lead + i] = src.shape[i] === 1 ? 0 : src.strides[i];
  return out;
}

/**
 * matmul(1-D, 2-D) ends with an in-place `squeeze_(0)` in PyTorch 2.x, so its grad_fn is
 * SqueezeBackward4; this internal op produces the same view under that name.
 */
export const matmulSqueezeOp = defineOp({
  ...squeezeOp,
  name: '_squeeze_dim_',
  signature: '_squeeze_dim_(Tensor self, int? dim=None) -> Tensor',
  method: false,
  function: false,
  gradFn: 'SqueezeBackward4',
  gradcheck: [c([[2, 1, 3]], self(1))],
});
