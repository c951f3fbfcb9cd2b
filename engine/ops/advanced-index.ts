/**
 * Advanced (tensor) indexing: index (IndexBackward0, a gather) and index_put (IndexPutBackward0,
 * a scatter). Both reduce to one list of element positions in the input's row-major layout.
 */
import { allocate } from '../dtype.ts';
import { indexError, runtimeError } from '../errors.ts';
import { broadcastAll, contiguousStrides, numelOf, shapeText } from '../shape.ts';
import { Tensor } from '../tensor.ts';
import { callOp } from './dispatch.ts';
import { sumToSize } from './functional.ts';
import { broadcastView, castInto, contiguousCopy, scalarTensor } from './tensor-utils.ts';
import { kernels } from '../kernels/index.ts';
import { defineOp } from './types.ts';
import { index } from '../indexing.ts';
import { c, program, long } from './gradcheck-case.ts';
import { sameOpOnTangent } from './jvp-rules.ts';

type Indices = readonly (Tensor | null)[];

/** Positions (row-major, in self's shape) for every element of self[indices], and the result shape. */
export function indexPositions(shape: readonly number[], indices: Indices): { shape: number[]; positions: Float64Array } {
  // Bool masks become one long index per mask dim (their nonzero coordinates), as PyTorch expands them.
  const perDim: (number[] | null)[] = [];
  const perDimShape: number[][] = [];
  for (const idx of indices) {
    if (idx === null) {
      perDim.push(null);
      perDimShape.push([]);
      continue;
    }
    if (idx.dtype === 'bool') {
      const at = perDim.length;
      for (let k = 0; k < idx.dim(); k++) {
        if (idx.shape[k] !== shape[at + k]) {
          throw indexError(
            `The shape of the mask ${shapeText(idx.shape)} at index ${k} does not match the shape of the indexed tensor ${shapeText(shape)} at index ${at + k}`,
          );
        }
      }
      const coords = nonzero(idx);
      for (let k = 0; k < idx.dim(); k++) {
        perDim.push(coords.map((c) => c[k]));
        perDimShape.push([coords.length]);
      }
      continue;
    }
    if (idx.dtype !== 'int64' && idx.dtype !== 'int32') {
      throw indexError('tensors used as indices must be long, int, byte or bool tensors');
    }
    perDim.push(idx.toArray());
    perDimShape.push([...idx.shape]);
  }
  if (perDim.length > shape.length) {
    throw indexError(`too many indices for tensor of dimension ${shape.length} (got ${perDim.length})`);
  }
  while (perDim.length < shape.length) {
    perDim.push(null);
    perDimShape.push([]);
  }
  const advanced = perDim.map((p, d) => (p ? d : -1)).filter((d) => d >= 0);
  const bShape = broadcastAll(advanced.map((d) => perDimShape[d]));
  const bCount = numelOf(bShape);
  const strides = contiguousStrides(shape);
  // Offset contributed by the advanced indices, per broadcast position.
  const advOffsets = new Float64Array(bCount);
  for (const d of advanced) {
    const values = perDim[d]!;
    const view = broadcastView(Tensor.fromData(Float64Array.from(values), perDimShape[d], 'int64'), bShape);
    const flat = new Float64Array(bCount);
    kernels().copy(view, flat);
    for (let b = 0; b < bCount; b++) {
      let i = flat[b];
      if (i < -shape[d] || i >= shape[d]) throw indexError(`index ${i} is out of bounds for dimension ${d} with size ${shape[d]}`);
      if (i < 0) i += shape[d];
      advOffsets[b] += i * strides[d];
    }
  }
  const rest = perDim.map((p, d) => (p ? -1 : d)).filter((d) => d >= 0);
  const adjacent = advanced.every((d, i) => i === 0 || d === advanced[i - 1] + 1);
  // Output dims: each is either a rest dim of self or the (whole) broadcast block, marked -1.
  const layout: number[] = adjacent ? [...rest.filter((d) => d < advanced[0]), -1, ...rest.filter((d) => d > advanced[0])] : [-1, ...rest];
  const outShape: number[] = layout.flatMap((d) => (d === -1 ? bShape : [shape[d]]));
  const total = numelOf(outShape);
  const positions = new Float64Array(total);
  // Odometer over the layout: rest dims step by their stride, the block steps through advOffsets.
  const extents = layout.map((d) => (d === -1 ? bCount : shape[d]));
  const counters = new Array<number>(layout.length).fill(0);
  for (let k = 0; k < total; k++) {
    let pos = 0;
    for (let j = 0; j < layout.length; j++) pos += layout[j] === -1 ? advOffsets[counters[j]] : counters[j] * strides[layout[j]];
    positions[k] = pos;
    for (let j = layout.length - 1; j >= 0; j--) {
      if (++counters[j] < extents[j]) break;
      counters[j] = 0;
    }
  }
  return { shape: outShape, positions };
}

function nonzero(mask: Tensor): number[][] {
  const values = mask.toArray();
  const strides = contiguousStrides(mask.shape);
  const out: number[][] = [];
  values.forEach((v, flat) => {
    if (v === 0) return;
    out.push(mask.shape.map((_, k) => Math.floor(flat / strides[k]) % mask.shape[k]));
  });
  return out;
}

export const indexOp = defineOp({
  name: 'index',
  jvp: sameOpOnTangent('index'),
  signature: 'index(Tensor self, Tensor?[] indices) -> Tensor',
  method: false,
  function: false,
  display: { symbol: '[idx]', formula: 'gradient scattered (summed) back to the indexed positions' },
  gradFn: 'IndexBackward0',
  inputs: ['self'],
  infer: (a) => ({ shape: indexPositions(a.self.shape, a.indices).shape, dtype: a.self.dtype }),
  forward: (a, spec) => {
    const self = a.self;
    const { positions } = indexPositions(self.shape, a.indices);
    const src = self.contiguousValues();
    const out = allocate(spec.dtype, positions.length);
    for (let k = 0; k < positions.length; k++) out[k] = src[positions[k]];
    return Tensor.fromData(out, spec.shape, spec.dtype);
  },
  backward: (ctx, g) => {
    const shape = ctx.meta('self').shape;
    const zeros = Tensor.fromData(allocate(g.dtype, numelOf(shape)), shape, g.dtype);
    return [callOp('index_put', zeros, ctx.args.indices, g, true) as Tensor];
  },
  gradcheck: [
    c([[3, 2]], (xs) => [xs[0], [long([2, 0, 2])]]),
    program('advanced index', [[2, 3]], ([x]) => index(x, [{ kind: 'tensor', tensor: long([1, 0, 1], [3]) }]).pow(2)),
  ],
});

export const indexPutOp = defineOp({
  name: 'index_put',
  signature: 'index_put(Tensor self, Tensor?[] indices, Tensor values, bool accumulate=False) -> Tensor',
  method: true,
  function: true,
  display: { symbol: '[idx]=', formula: '∂/∂self = 0 at overwritten positions, ∂/∂values = gradient there' },
  gradFn: 'IndexPutBackward0',
  inputs: ['self', 'values'],
  infer: (a) => {
    const self = a.self;
    const { shape } = indexPositions(self.shape, a.indices);
    const values = a.values;
    try {
      broadcastAll([values.shape, shape]);
    } catch {
      throw runtimeError(
        `shape mismatch: value tensor of shape ${shapeText(values.shape)} cannot be broadcast to indexing result of shape ${shapeText(shape)}`,
      );
    }
    return { shape: self.shape, dtype: self.dtype };
  },
  forward: (a, spec) => {
    const self = a.self;
    const { shape, positions } = indexPositions(self.shape, a.indices);
    const out = contiguousCopy(self);
    const values = a.values;
    const staged = Tensor.fromData(castInto(values, spec.dtype), values.shape, spec.dtype);
    const v = allocate(spec.dtype, positions.length);
    kernels().copy(broadcastView(staged, shape), v);
    const data = out.data;
    if (a.accumulate) for (let k = 0; k < positions.length; k++) data[positions[k]] += v[k];
    else for (let k = 0; k < positions.length; k++) data[positions[k]] = v[k];
    return out;
  },
  backward: (ctx, g) => {
    const indices = ctx.args.indices;
    const gSelf = ctx.needsInputGrad(0) ? (ctx.args.accumulate ? g : (callOp('index_put', g, indices, scalarTensor(0, g.dtype), false) as Tensor)) : null;
    const gValues = ctx.needsInputGrad(1) ? sumToSize(callOp('index', g, indices) as Tensor, ctx.meta('values').shape) : null;
    return [gSelf, gValues];
  },
  gradcheck: [
    c([[3, 2], [2]], (xs) => [xs[0], [long([2, 0])], xs[1]]),
    program('index_put', [[3, 2], [2]], ([x, v]) => callOp('index_put', x, [long([2, 0], [2])], v) as Tensor),
  ],
});
