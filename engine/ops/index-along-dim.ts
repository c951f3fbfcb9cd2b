/**
 * index_add / index_copy / index_fill (and their in-place `_` variants): whole slices of `self`
 * along `dim`, picked by a vector of indices, get `alpha·source` added, `source` copied, or a value
 * filled in. PyTorch's extending-autograd docs scatter a sort's gradient back with `index_add_`.
 */
import { castScalar, isIntegral, legacyTypeName } from '../dtype.ts';
import { indexError, runtimeError } from '../errors.ts';
import { normalizeDim, numelOf, shapeText } from '../shape.ts';
import { Tensor } from '../tensor.ts';
import { callOp } from './dispatch.ts';
import { c, long, program } from './gradcheck-case.ts';
import { contiguousCopy } from './tensor-utils.ts';
import { defineOp } from './types.ts';

type Kind = 'index_add' | 'index_copy' | 'index_fill';

/** Sizes around `dim`: how many slices before it, its size, how many elements after it. */
function around(shape: readonly number[], dim: number): { outer: number; size: number; inner: number } {
  if (shape.length === 0) return { outer: 1, size: 1, inner: 1 };
  return { outer: numelOf(shape.slice(0, dim)), size: shape[dim]!, inner: numelOf(shape.slice(dim + 1)) };
}

/** PyTorch's checks on the index of each op, in its words (each op has its own). */
function checkIndex(kind: Kind, index: Tensor): void {
  const name = `${kind}_`;
  if (kind === 'index_add') {
    if (index.dtype !== 'int64' && index.dtype !== 'int32') {
      throw runtimeError(`${name}(): Expected dtype int32/int64 for index but got: ${legacyTypeName(index.dtype)}`);
    }
    if (index.dim() > 1) {
      throw indexError(
        `${name}(): Index is supposed to be a vector, but got dim: ${index.dim()} with type: ${legacyTypeName(index.dtype)} and size: ${shapeText(index.shape)}`,
      );
    }
  } else if (kind === 'index_copy') {
    if (index.dtype !== 'int64') throw runtimeError(`${name}(): Expected a long tensor for index, but got ${legacyTypeName(index.dtype)}`);
    if (index.dim() > 1) throw indexError(`${name}(): Index should have dimension 1 or 0 (got ${index.dim()})`);
  } else {
    if (index.dtype !== 'int64') throw indexError(`${name}(): Expected dtype int64 for index.`);
    if (index.dim() > 1) throw runtimeError('Index has to be a vector/scalar');
  }
}

/** The index values, each checked against the size of `dim` (only index_fill lets negative ones wrap). */
function indexValues(kind: Kind, index: Tensor, dim: number, size: number): number[] {
  const lowest = kind === 'index_fill' ? -size : 0;
  return index.toArray().map((i) => {
    if (i < lowest || i >= size) {
      if (kind === 'index_add') throw indexError('index out of range in self');
      const prefix = kind === 'index_copy' ? 'index_copy_(): ' : '';
      throw indexError(`${prefix}index ${i} is out of bounds for dimension ${dim} with size ${size}`);
    }
    return i < 0 ? i + size : i;
  });
}

/** source must be self's shape with `dim` resized to the number of indices (a scalar for 0-d self). */
function checkSource(kind: 'index_add' | 'index_copy', self: Tensor, dim: number, index: Tensor, source: Tensor): void {
  const name = `${kind}_`;
  const n = index.numel();
  if (kind === 'index_add' && self.dtype !== source.dtype) {
    throw runtimeError(`${name}(): self (${legacyTypeName(self.dtype)}) and source (${legacyTypeName(source.dtype)}) must have the same scalar type`);
  }
  if (self.dim() === 0) {
    if (source.numel() !== 1 || n !== 1)
      throw runtimeError(`${name}(): Number of indices (${n}) should be equal to source.size(dim): (${source.numel()}), for dim: 0`);
    return;
  }
  const sourceSize = source.dim() === 0 ? 1 : source.shape[dim];
  if (sourceSize !== n || (source.dim() !== 0 && source.dim() !== self.dim())) {
    if (kind === 'index_copy') throw indexError(`${name}(): Number of indices (${n}) should be equal to source.size(dim) (${sourceSize})`);
    throw runtimeError(`${name}(): Number of indices (${n}) should be equal to source.size(dim): (${sourceSize}), for dim: ${dim}`);
  }
  self.shape.forEach((s, k) => {
    if (k !== dim && source.shape[k] !== s) {
      if (kind === 'index_copy') {
        throw runtimeError(
          `${name}(): Source/destination tensor must have same slice shapes. Destination slice shape: ${s} at dimension ${k} and source slice shape: ${source.shape[k]} at dimension ${k}.`,
        );
      }
      throw runtimeError(`The size of tensor a (${s}) must match the size of tensor b (${source.shape[k]}) at non-singleton dimension ${k}`);
    }
  });
}

/**
 * A copy of self where slice `idx[i]` along `dim` is combined with slice `i` of source
 * (`values`, contiguous): added times alpha, or overwritten.
 */
function alongDim(self: Tensor, dim: number, idx: readonly number[], values: ArrayLike<number>, alpha: number | null): Tensor {
  const out = contiguousCopy(self);
  const data = out.data;
  const { outer, size, inner } = around(self.shape, dim);
  const n = idx.length;
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < n; i++) {
      const to = (o * size + idx[i]!) * inner;
      const from = (o * n + i) * inner;
      if (alpha === null) for (let k = 0; k < inner; k++) data[to + k] = values[from + k]!;
      else if (alpha === 1) for (let k = 0; k < inner; k++) data[to + k] += values[from + k]!;
      else for (let k = 0; k < inner; k++) data[to + k] += alpha * values[from + k]!;
    }
  }
  return out;
}

const indexSelect = (g: Tensor, dim: number, index: Tensor): Tensor => callOp('index_select', g, dim, index) as Tensor;
const zeroSlices = (g: Tensor, dim: number, index: Tensor): Tensor => callOp('index_fill', g, dim, index, 0) as Tensor;
/** The source's gradient has the source's shape (index_select of a 0-d gradient gives one element). */
const likeSource = (g: Tensor, shape: readonly number[]): Tensor => (g.shape.length === shape.length ? g : (callOp('reshape', g, shape) as Tensor));

export const indexAddOp = defineOp({
  name: 'index_add',
  signature: 'index_add(Tensor self, int dim, Tensor index, Tensor source, *, Scalar alpha=1) -> Tensor',
  method: true,
  function: true,
  display: { symbol: 'index+', formula: '∂/∂self = 1, ∂/∂source = α · gradient at the indexed slices' },
  gradFn: 'IndexAddBackward0',
  inputs: ['self', 'source'],
  infer: (a) => {
    const d = normalizeDim(a.dim, a.self.dim());
    checkIndex('index_add', a.index);
    checkSource('index_add', a.self, d, a.index, a.source);
    return { shape: a.self.shape, dtype: a.self.dtype };
  },
  forward: (a) => {
    const x = a.self;
    const d = normalizeDim(a.dim, x.dim());
    const idx = indexValues('index_add', a.index, d, x.dim() === 0 ? 1 : x.shape[d]!);
    // An integral self adds alpha as its own type (PyTorch: 2.5 adds 2 to a long tensor).
    return alongDim(x, d, idx, a.source.contiguousValues(), castScalar(Number(a.alpha), x.dtype));
  },
  save: (a) => ({ index: a.index }),
  backward: (ctx, g) => {
    const alpha = Number(ctx.args.alpha);
    let source: Tensor | null = null;
    if (ctx.needsInputGrad(1)) {
      const picked = likeSource(indexSelect(g, ctx.args.dim, ctx.saved('index')), ctx.meta('source').shape);
      source = alpha === 1 ? picked : (callOp('mul', picked, alpha) as Tensor);
    }
    return [ctx.needsInputGrad(0) ? g : null, source];
  },
  gradcheck: [
    c(
      [
        [3, 4],
        [3, 2],
      ],
      (xs) => [xs[0], 1, long([3, 0]), xs[1]],
    ),
    program(
      'index_add with repeated indices and alpha',
      [
        [4, 2],
        [3, 2],
      ],
      ([x, s]) => callOp('index_add', x, 0, long([1, 3, 1]), s, 2.5) as Tensor,
    ),
  ],
});

export const indexCopyOp = defineOp({
  name: 'index_copy',
  signature: 'index_copy(Tensor self, int dim, Tensor index, Tensor source) -> Tensor',
  method: true,
  function: true,
  display: { symbol: 'index=', formula: '∂/∂self = 1 outside the indexed slices, ∂/∂source = gradient at them' },
  gradFn: 'IndexCopyBackward0',
  inputs: ['self', 'source'],
  infer: (a) => {
    const d = normalizeDim(a.dim, a.self.dim());
    checkIndex('index_copy', a.index);
    checkSource('index_copy', a.self, d, a.index, a.source);
    return { shape: a.self.shape, dtype: a.self.dtype };
  },
  forward: (a) => {
    const x = a.self;
    const d = normalizeDim(a.dim, x.dim());
    const idx = indexValues('index_copy', a.index, d, x.dim() === 0 ? 1 : x.shape[d]!);
    const source = a.source.dtype === x.dtype ? a.source : (callOp('to', a.source, x.dtype) as Tensor);
    return alongDim(x, d, idx, source.contiguousValues(), null);
  },
  save: (a) => ({ index: a.index }),
  backward: (ctx, g) => {
    const index = ctx.saved('index');
    return [
      ctx.needsInputGrad(0) ? zeroSlices(g, ctx.args.dim, index) : null,
      ctx.needsInputGrad(1) ? likeSource(indexSelect(g, ctx.args.dim, index), ctx.meta('source').shape) : null,
    ];
  },
  gradcheck: [
    c(
      [
        [3, 4],
        [3, 2],
      ],
      (xs) => [xs[0], 1, long([3, 0]), xs[1]],
    ),
  ],
});

export const indexFillOp = defineOp({
  name: 'index_fill',
  signature: 'index_fill(Tensor self, int dim, Tensor index, Scalar value) -> Tensor',
  method: true,
  function: true,
  display: { symbol: 'fill', formula: '∂/∂self = 1 outside the filled slices, 0 on them' },
  gradFn: 'IndexFillBackward0',
  inputs: ['self'],
  infer: (a) => {
    normalizeDim(a.dim, a.self.dim());
    checkIndex('index_fill', a.index);
    return { shape: a.self.shape, dtype: a.self.dtype };
  },
  forward: (a) => {
    const x = a.self;
    const d = normalizeDim(a.dim, x.dim());
    const idx = indexValues('index_fill', a.index, d, x.dim() === 0 ? 1 : x.shape[d]!);
    const { outer, inner } = around(x.shape, d);
    const value = castScalar(Number(a.value), x.dtype);
    if (isIntegral(x.dtype) && !Number.isFinite(value)) throw runtimeError(`value cannot be converted to type ${x.dtype} without overflow`);
    const fill = new Float64Array(outer * idx.length * inner).fill(value);
    return alongDim(x, d, idx, fill, null);
  },
  save: (a) => ({ index: a.index }),
  backward: (ctx, g) => [zeroSlices(g, ctx.args.dim, ctx.saved('index'))],
  gradcheck: [c([[3, 4]], (xs) => [xs[0], 1, long([3, 0]), -1.5]), c([[3, 4]], (xs) => [xs[0], 0, long([1]), 2])],
});
