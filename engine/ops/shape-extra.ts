/** cat, stack, flatten, repeat, flip, gather/scatter_add, narrow/split/chunk/unbind and the *_as helpers. */
import { allocate, promoteTypes } from '../dtype.ts';
import { runtimeError } from '../errors.ts';
import { kernels } from '../kernels/index.ts';
import { contiguousStrides, normalizeDim, numelOf, sameShape, shapeText } from '../shape.ts';
import { Tensor } from '../tensor.ts';
import { callOp } from './dispatch.ts';
import { expand, reshape, sum, view } from './functional.ts';
import { asDtype, makeView } from './tensor-utils.ts';
import { defineOp, type BinaryArgs, type OpDef } from './types.ts';
import { c, program, self, long, withGradcheck } from './gradcheck-case.ts';
import { listOpJvp, sameOpOnTangent } from './jvp-rules.ts';

const narrow = (t: Tensor, dim: number, start: number, length: number): Tensor => callOp('slice', t, dim, start, start + length, 1) as Tensor;

export const catOp = defineOp({
  name: 'cat',
  jvp: listOpJvp('cat'),
  signature: 'cat(Tensor[] tensors, int dim=0) -> Tensor',
  method: false,
  function: true,
  display: { symbol: 'cat', formula: 'gradient split back into the pieces' },
  gradFn: 'CatBackward0',
  inputs: ['tensors'],
  infer: (a) => {
    const ts = a.tensors;
    if (ts.length === 0) throw runtimeError('torch.cat(): expected a non-empty list of Tensors');
    // 1-D empty tensors are skipped, as PyTorch's legacy rule allows.
    const shaped = ts.filter((t) => !(t.dim() === 1 && t.shape[0] === 0));
    const ref = shaped[0] ?? ts[0];
    if (ref.dim() === 0) throw runtimeError('zero-dimensional tensor (at position 0) cannot be concatenated');
    const d = normalizeDim(a.dim, ref.dim());
    let total = 0;
    shaped.forEach((t, i) => {
      if (t.dim() !== ref.dim()) {
        throw runtimeError(`Tensors must have same number of dimensions: got ${ref.dim()} and ${t.dim()}`);
      }
      t.shape.forEach((s, k) => {
        if (k !== d && s !== ref.shape[k]) {
          throw runtimeError(
            `Sizes of tensors must match except in dimension ${d}. Expected size ${ref.shape[k]} but got size ${s} for tensor number ${i} in the list.`,
          );
        }
      });
      total += t.shape[d];
    });
    const shape = [...ref.shape];
    shape[d] = total;
    return { shape, dtype: ts.map((t) => t.dtype).reduce(promoteTypes) };
  },
  forward: (a, spec) => {
    const ts = a.tensors.filter((t) => !(t.dim() === 1 && t.shape[0] === 0));
    const d = normalizeDim(a.dim, spec.shape.length);
    const out = Tensor.fromData(allocate(spec.dtype, numelOf(spec.shape)), spec.shape, spec.dtype);
    let at = 0;
    for (const t of ts) {
      const region = narrowView(out, d, at, t.shape[d]);
      kernels().scatter(region, asDtype(t, spec.dtype).contiguousValues());
      at += t.shape[d];
    }
    return out;
  },
  backward: (ctx, g) => {
    const metas = ctx.metas('tensors');
    const d = normalizeDim(ctx.args.dim, g.dim());
    let at = 0;
    return metas.map((m) => {
      if (m.shape.length === 1 && m.shape[0] === 0) return null;
      const piece = narrow(g, d, at, m.shape[d]);
      at += m.shape[d];
      return piece;
    });
  },
  gradcheck: [
    c(
      [
        [2, 1],
        [2, 2],
      ],
      (xs) => [xs, 1],
    ),
    program(
      'cat',
      [
        [2, 1],
        [2, 2],
      ],
      ([a, b]) => callOp('cat', [a, b], 1) as Tensor,
    ),
  ],
});

function narrowView(t: Tensor, dim: number, start: number, length: number): Tensor {
  const shape = [...t.shape];
  shape[dim] = length;
  return makeView(t, shape, t.strides, t.offset + start * t.strides[dim]);
}

export const stackOp = defineOp({
  name: 'stack',
  jvp: listOpJvp('stack'),
  signature: 'stack(Tensor[] tensors, int dim=0) -> Tensor',
  method: false,
  function: true,
  display: { symbol: 'stack', formula: 'gradient unbound back into the pieces' },
  gradFn: 'StackBackward0',
  inputs: ['tensors'],
  infer: (a) => {
    const ts = a.tensors;
    if (ts.length === 0) throw runtimeError('stack expects a non-empty TensorList');
    ts.forEach((t, i) => {
      if (!sameShape(t.shape, ts[0].shape)) {
        throw runtimeError(`stack expects each tensor to be equal size, but got ${shapeText(ts[0].shape)} at entry 0 and ${shapeText(t.shape)} at entry ${i}`);
      }
    });
    const d = normalizeDim(a.dim, ts[0].dim() + 1);
    const shape = [...ts[0].shape];
    shape.splice(d, 0, ts.length);
    return { shape, dtype: ts.map((t) => t.dtype).reduce(promoteTypes) };
  },
  forward: (a, spec) => {
    const ts = a.tensors;
    const d = normalizeDim(a.dim, ts[0].dim() + 1);
    const out = Tensor.fromData(allocate(spec.dtype, numelOf(spec.shape)), spec.shape, spec.dtype);
    ts.forEach((t, i) => {
      const shape = spec.shape.filter((_, k) => k !== d);
      const strides = out.strides.filter((_, k) => k !== d);
      kernels().scatter({ data: out.data, shape, strides, offset: i * out.strides[d] }, asDtype(t, spec.dtype).contiguousValues());
    });
    return out;
  },
  backward: (ctx, g) => {
    const d = normalizeDim(ctx.args.dim, g.dim());
    return ctx.metas('tensors').map((_, i) => callOp('select', g, d, i) as Tensor);
  },
  gradcheck: [
    c(
      [
        [2, 3],
        [2, 3],
      ],
      (xs) => [xs, 1],
    ),
    program('stack', [[3], [3]], ([a, b]) => callOp('stack', [a, b]) as Tensor),
  ],
});

export const flattenOp = defineOp({
  name: 'flatten',
  jvp: sameOpOnTangent('flatten'),
  signature: 'flatten(Tensor self, int start_dim=0, int end_dim=-1) -> Tensor',
  method: true,
  function: true,
  display: { symbol: 'flat', formula: 'gradient reshaped back' },
  composite: (a) => {
    const x = a.self;
    if (x.dim() === 0) return reshape(x, [1]);
    const s = normalizeDim(a.start_dim, x.dim());
    const e = normalizeDim(a.end_dim, x.dim());
    if (s > e) throw runtimeError('flatten() has invalid args: start_dim cannot come after end_dim');
    if (s === e) return x;
    const shape = [...x.shape.slice(0, s), numelOf(x.shape.slice(s, e + 1)), ...x.shape.slice(e + 1)];
    return reshape(x, shape);
  },
  gradcheck: [c([[2, 3, 2]], self(1))],
});

export const repeatOp = defineOp({
  name: 'repeat',
  signature: 'repeat(Tensor self, int[] repeats) -> Tensor',
  method: true,
  function: false,
  display: { symbol: 'repeat', formula: 'gradient summed over the copies' },
  gradFn: 'RepeatBackward0',
  infer: (a) => {
    const x = a.self;
    const reps = a.repeats;
    if (reps.length < x.dim()) {
      throw runtimeError('Number of dimensions of repeat dims can not be smaller than number of dimensions of tensor');
    }
    const padded = [...new Array<number>(reps.length - x.dim()).fill(1), ...x.shape];
    return { shape: padded.map((s, i) => s * reps[i]), dtype: x.dtype };
  },
  forward: (a, spec) => {
    const x = a.self;
    const reps = a.repeats;
    const padded = [...new Array<number>(reps.length - x.dim()).fill(1), ...x.shape];
    const paddedStrides = [...new Array<number>(reps.length - x.dim()).fill(0), ...x.strides];
    // Read x as [r0, s0, r1, s1, ...] with zero strides on the repeat axes, then copy.
    const shape = padded.flatMap((s, i) => [reps[i], s]);
    const strides = paddedStrides.flatMap((st) => [0, st]);
    const out = allocate(spec.dtype, numelOf(spec.shape));
    kernels().copy({ data: x.data, shape, strides, offset: x.offset }, out);
    return Tensor.fromData(out, spec.shape, spec.dtype);
  },
  backward: (ctx, g) => {
    const shape = ctx.meta('self').shape;
    const reps = ctx.args.repeats;
    const padded = [...new Array<number>(reps.length - shape.length).fill(1), ...shape];
    const split = reshape(
      g,
      padded.flatMap((s, i) => [reps[i], s]),
    );
    const summed = sum(
      split,
      reps.map((_, i) => 2 * i),
    );
    return [view(summed, shape)];
  },
  gradcheck: [c([[2, 3]], self([2, 1, 2])), program('repeat', [[3]], ([x]) => callOp('repeat', x, [2, 2]) as Tensor)],
});

export const flipOp = defineOp({
  name: 'flip',
  signature: 'flip(Tensor self, int[] dims) -> Tensor',
  method: true,
  function: true,
  display: { symbol: 'flip', formula: 'gradient flipped back' },
  gradFn: 'FlipBackward0',
  infer: (a) => ({ shape: a.self.shape, dtype: a.self.dtype }),
  forward: (a, spec) => {
    const x = a.self;
    const dims = a.dims.map((d) => normalizeDim(d, x.dim()));
    let offset = x.offset;
    const strides = [...x.strides];
    for (const d of dims) {
      offset += (x.shape[d] - 1) * x.strides[d];
      strides[d] = -x.strides[d];
    }
    const out = allocate(spec.dtype, x.numel());
    if (x.numel() > 0) kernels().copy({ data: x.data, shape: x.shape, strides, offset }, out);
    return Tensor.fromData(out, spec.shape, spec.dtype);
  },
  backward: (ctx, g) => [callOp('flip', g, ctx.args.dims) as Tensor],
  gradcheck: [c([[2, 3]], self([0, 1])), program('flip', [[2, 3]], ([x]) => (callOp('flip', x, [0]) as Tensor).pow(2))],
});

/** Positions for gather/scatter_add: for every element of index, the flat position in `shape` it addresses. */
function alongDimPositions(shape: readonly number[], dim: number, index: Tensor): Float64Array {
  const idx = index.toArray();
  const strides = contiguousStrides(shape);
  const istrides = contiguousStrides(index.shape);
  const out = new Float64Array(idx.length);
  for (let k = 0; k < idx.length; k++) {
    let pos = 0;
    for (let d = 0; d < index.dim(); d++) {
      const coord = Math.floor(k / istrides[d]) % index.shape[d];
      if (d === dim) {
        const i = idx[k];
        if (i < -shape[d] || i >= shape[d]) throw runtimeError(`index ${i} is out of bounds for dimension ${d} with size ${shape[d]}`);
        pos += (i < 0 ? i + shape[d] : i) * strides[d];
      } else pos += coord * strides[d];
    }
    out[k] = pos;
  }
  return out;
}

function checkIndex(index: Tensor, name: string): void {
  if (index.dtype !== 'int64') throw runtimeError(`${name}(): Expected dtype int64 for index`);
}

export const gatherOp = defineOp({
  name: 'gather',
  signature: 'gather(Tensor self, int dim, Tensor index) -> Tensor',
  method: true,
  function: true,
  display: { symbol: 'gather', formula: 'gradient scattered (added) back' },
  gradFn: 'GatherBackward0',
  inputs: ['self'],
  infer: (a) => {
    checkIndex(a.index, 'gather');
    return { shape: a.index.shape, dtype: a.self.dtype };
  },
  forward: (a, spec) => {
    const x = a.self;
    const d = normalizeDim(a.dim, x.dim());
    const pos = alongDimPositions(x.shape, d, a.index);
    const src = x.contiguousValues();
    const out = allocate(spec.dtype, pos.length);
    for (let k = 0; k < pos.length; k++) out[k] = src[pos[k]];
    return Tensor.fromData(out, spec.shape, spec.dtype);
  },
  save: (a) => ({ index: a.index }),
  backward: (ctx, g) => {
    const shape = ctx.meta('self').shape;
    const zeros = Tensor.fromData(allocate(g.dtype, numelOf(shape)), shape, g.dtype);
    return [callOp('scatter_add', zeros, ctx.args.dim, ctx.saved('index'), g) as Tensor];
  },
  gradcheck: [
    c([[2, 3]], (xs) => [xs[0], 1, long([0, 2, 1, 1], [2, 2])]),
    program('gather', [[2, 3]], ([x]) => callOp('gather', x, 1, long([0, 2, 1, 1], [2, 2])) as Tensor),
  ],
});

export const scatterAddOp = defineOp({
  name: 'scatter_add',
  signature: 'scatter_add(Tensor self, int dim, Tensor index, Tensor src) -> Tensor',
  method: true,
  function: true,
  display: { symbol: 'scatter+', formula: '∂/∂self = 1, ∂/∂src = gradient gathered' },
  gradFn: 'ScatterAddBackward0',
  inputs: ['self', 'src'],
  infer: (a) => {
    checkIndex(a.index, 'scatter_add');
    return { shape: a.self.shape, dtype: a.self.dtype };
  },
  forward: (a, spec) => {
    const x = a.self;
    const d = normalizeDim(a.dim, x.dim());
    const pos = alongDimPositions(x.shape, d, a.index);
    const out = allocate(spec.dtype, x.numel());
    kernels().copy(x, out);
    const src = a.src;
    const srcValues = src.contiguousValues();
    // src may be larger than index: element k of index pairs with src at the same coordinates.
    const srcStrides = contiguousStrides(src.shape);
    const istrides = contiguousStrides(a.index.shape);
    const ishape = a.index.shape;
    for (let k = 0; k < pos.length; k++) {
      let sp = 0;
      for (let dd = 0; dd < ishape.length; dd++) sp += (Math.floor(k / istrides[dd]) % ishape[dd]) * srcStrides[dd];
      out[pos[k]] += srcValues[sp];
    }
    return Tensor.fromData(out, spec.shape, spec.dtype);
  },
  save: (a) => ({ index: a.index }),
  backward: (ctx, g) => [ctx.needsInputGrad(0) ? g : null, ctx.needsInputGrad(1) ? (callOp('gather', g, ctx.args.dim, ctx.saved('index')) as Tensor) : null],
  gradcheck: [
    c(
      [
        [2, 3],
        [2, 2],
      ],
      (xs) => [xs[0], 1, long([0, 2, 1, 1], [2, 2]), xs[1]],
    ),
    program(
      'scatter_add',
      [
        [2, 3],
        [2, 2],
      ],
      ([x, s]) => callOp('scatter_add', x, 1, long([0, 2, 1, 1], [2, 2]), s) as Tensor,
    ),
  ],
});

export const narrowOp = defineOp({
  name: 'narrow',
  jvp: sameOpOnTangent('narrow'),
  signature: 'narrow(Tensor self, int dim, int start, int length) -> Tensor',
  method: true,
  function: true,
  display: { symbol: '[a:b]', formula: 'gradient placed in the slice' },
  composite: (a) => {
    const x = a.self;
    const d = normalizeDim(a.dim, x.dim());
    const start = a.start < 0 ? a.start + x.shape[d] : a.start;
    if (start + a.length > x.shape[d]) {
      throw runtimeError(`start (${start}) + length (${a.length}) exceeds dimension size (${x.shape[d]}).`);
    }
    return narrow(x, d, start, a.length);
  },
  gradcheck: [c([[2, 3]], self(1, 1, 2))],
});

/** split/chunk/unbind return views made by slice/select (their grad_fns are SliceBackward0/SelectBackward0). */
export const splitOp = defineOp({
  name: 'split',
  signature: 'split(Tensor self, int[] split_size, int dim=0) -> Tensor[]',
  method: true,
  function: true,
  display: { symbol: 'split', formula: 'gradient placed in each piece' },
  composite: (a) => {
    const sizes = a.split_size;
    const x = a.self;
    const d = normalizeDim(a.dim, x.dim());
    return splitTensor(x, sizes.length === 1 && sizes[0] !== x.shape[d] ? sizes[0] : sizes, d);
  },
  gradcheck: [c([[2, 5]], self([2, 3], 1))],
});

export const chunkOp = defineOp({
  name: 'chunk',
  signature: 'chunk(Tensor self, int chunks, int dim=0) -> Tensor[]',
  method: true,
  function: true,
  display: { symbol: 'chunk', formula: 'gradient placed in each piece' },
  composite: (a) => chunkTensor(a.self, a.chunks, a.dim),
  gradcheck: [c([[3, 2]], self(2))],
});

export const unbindOp = defineOp({
  name: 'unbind',
  signature: 'unbind(Tensor self, int dim=0) -> Tensor[]',
  method: true,
  function: true,
  display: { symbol: 'unbind', formula: 'gradient placed at each index' },
  composite: (a) => unbindTensor(a.self, a.dim),
  gradcheck: [c([[2, 3]], self(1))],
});

export function splitTensor(x: Tensor, sizes: number | readonly number[], dim = 0): Tensor[] {
  const d = normalizeDim(dim, x.dim());
  const total = x.shape[d];
  const pieces: number[] = [];
  if (typeof sizes === 'number') {
    if (sizes < 0) throw runtimeError(`split expects split_size be non-negative, but got split_size=${sizes}`);
    if (sizes === 0 && total !== 0) {
      throw runtimeError(`split_size can only be 0 if dimension size is 0, but got dimension size of ${total}`);
    }
    for (let at = 0; at < total; at += sizes) pieces.push(Math.min(sizes, total - at));
    if (total === 0) pieces.push(0);
  } else {
    if (sizes.some((size) => size < 0)) {
      throw runtimeError(`split_with_sizes expects split_sizes have only non-negative entries, but got split_sizes=${shapeText(sizes)}`);
    }
    if (sizes.reduce((p, q) => p + q, 0) !== total) {
      throw runtimeError(
        `split_with_sizes expects split_sizes to sum exactly to ${total} (input tensor's size at dimension ${d}), but got split_sizes=${shapeText(sizes)}`,
      );
    }
    pieces.push(...sizes);
  }
  let at = 0;
  return pieces.map((len) => {
    const piece = narrow(x, d, at, len);
    at += len;
    return piece;
  });
}

export function chunkTensor(x: Tensor, chunks: number, dim = 0): Tensor[] {
  if (chunks <= 0) throw runtimeError(`chunk expects \`chunks\` to be greater than 0, got: ${chunks}`);
  const d = normalizeDim(dim, x.dim());
  return splitTensor(x, Math.max(Math.ceil(x.shape[d] / chunks), 1), d);
}

export function unbindTensor(x: Tensor, dim = 0): Tensor[] {
  const d = normalizeDim(dim, x.dim());
  return Array.from({ length: x.shape[d] }, (_, i) => callOp('select', x, d, i) as Tensor);
}

function asOp(name: string, target: string, build: (x: Tensor, other: Tensor) => Tensor): OpDef<BinaryArgs> {
  return {
    name,
    signature: `${name}(Tensor self, Tensor other) -> Tensor`,
    method: true,
    function: false,
    display: { symbol: target, formula: `as ${target}` },
    composite: (a) => build(a.self, a.other),
  };
}
export const expandAsOp = withGradcheck(
  asOp('expand_as', 'expand', (x, o) => expand(x, o.shape)),
  [
    c(
      [
        [1, 3],
        [2, 3],
      ],
      self(),
    ),
  ],
);
export const viewAsOp = withGradcheck(
  asOp('view_as', 'view', (x, o) => view(x, o.shape)),
  [
    c(
      [
        [2, 3],
        [3, 2],
      ],
      (xs) => [xs[0].contiguous(), xs[1]],
    ),
  ],
);
export const reshapeAsOp = withGradcheck(
  asOp('reshape_as', 'reshape', (x, o) => reshape(x, o.shape)),
  [
    c(
      [
        [2, 3],
        [3, 2],
      ],
      self(),
    ),
  ],
);
export const typeAsOp = withGradcheck(
  asOp('type_as', 'to', (x, o) => callOp('to', x, o.dtype) as Tensor),
  [c([[2, 3], [3]], self())],
);
