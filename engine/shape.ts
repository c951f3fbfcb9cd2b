/** Shape arithmetic shared by tensors, ops and kernels. Pure functions on number arrays. */
import { indexError, runtimeError } from './errors.ts';

export type Shape = readonly number[];

export function numelOf(shape: Shape): number {
  let n = 1;
  for (const s of shape) n *= s;
  return n;
}

/**
 * The element count of a tensor about to be created from a size the user gave, with PyTorch's
 * errors for a negative dimension and for a size whose byte count overflows int64.
 */
export function creationNumel(shape: Shape): number {
  for (const s of shape) {
    if (s < 0) throw runtimeError(`Trying to create tensor with negative dimension ${s}: [${shape.join(', ')}]`);
  }
  const n = numelOf(shape);
  if (n * 8 > 2 ** 63) throw runtimeError(`Storage size calculation overflowed with sizes=[${shape.join(', ')}]`);
  return n;
}

export function contiguousStrides(shape: Shape): number[] {
  const strides = new Array<number>(shape.length);
  let acc = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    strides[i] = acc;
    acc *= Math.max(shape[i]!, 1);
  }
  return strides;
}

export function isContiguousLayout(shape: Shape, strides: Shape): boolean {
  let expected = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    const s = shape[i]!;
    if (s === 1) continue;
    if (strides[i] !== expected) return false;
    expected *= s;
  }
  return true;
}

export const sameShape = (a: Shape, b: Shape): boolean => a.length === b.length && a.every((s, i) => s === b[i]);

export const shapeText = (s: Shape): string => `[${s.join(', ')}]`;

/** PyTorch's dimension wrapping with its IndexError text. */
export function normalizeDim(dim: number, ndim: number): number {
  const n = Math.max(ndim, 1);
  if (dim < -n || dim >= n) {
    throw indexError(`Dimension out of range (expected to be in range of [${-n}, ${n - 1}], but got ${dim})`);
  }
  return dim < 0 ? dim + n : dim;
}

export function broadcastShapes(a: Shape, b: Shape): number[] {
  const n = Math.max(a.length, b.length);
  const out = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    const da = a[a.length - n + i] ?? 1;
    const db = b[b.length - n + i] ?? 1;
    if (da !== db && da !== 1 && db !== 1) {
      throw runtimeError(`The size of tensor a (${da}) must match the size of tensor b (${db}) at non-singleton dimension ${i}`);
    }
    out[i] = da === 1 ? db : da;
  }
  return out;
}

export function broadcastAll(shapes: readonly Shape[]): number[] {
  return shapes.reduce<number[]>((acc, s) => broadcastShapes(acc, s), []);
}

/** Strides that read `shape`/`strides` as if expanded to `target` (zero strides on broadcast dims). */
export function broadcastStrides(shape: Shape, strides: Shape, target: Shape): number[] {
  const out = new Array<number>(target.length).fill(0);
  const lead = target.length - shape.length;
  for (let i = 0; i < shape.length; i++) {
    out[lead + i] = shape[i] === 1 && target[lead + i] !== 1 ? 0 : strides[i]!;
  }
  return out;
}

/** Whether `from` can be summed down to `to` (from is `to` broadcast), i.e. sum_to_size is valid. */
export function isExpandableTo(to: Shape, from: Shape): boolean {
  if (to.length > from.length) return false;
  const lead = from.length - to.length;
  for (let i = 0; i < to.length; i++) {
    if (to[i] !== 1 && to[i] !== from[lead + i]) return false;
  }
  return true;
}

/** Resolves a single -1 in a requested view/reshape size; PyTorch's "shape '[2, 2]' is invalid" error. */
export function inferSize(requested: Shape, numel: number): number[] {
  const out = [...requested];
  let inferIdx = -1;
  let known = 1;
  for (let i = 0; i < out.length; i++) {
    const s = out[i]!;
    if (s === -1) {
      if (inferIdx >= 0) throw runtimeError('only one dimension can be inferred');
      inferIdx = i;
    } else if (s < 0) {
      throw runtimeError(`invalid shape dimension ${s}`);
    } else known *= s;
  }
  if (inferIdx >= 0) {
    if (known === 0 || numel % known !== 0) throw runtimeError(`shape '${shapeText(requested)}' is invalid for input of size ${numel}`);
    out[inferIdx] = numel / known;
  } else if (known !== numel) {
    throw runtimeError(`shape '${shapeText(requested)}' is invalid for input of size ${numel}`);
  }
  return out;
}

/**
 * Strides for viewing (shape, strides) as newShape without copying, or null when impossible
 * (PyTorch's computeStride: dims may merge only where memory is contiguous).
 */
export function viewStrides(shape: Shape, strides: Shape, newShape: Shape): number[] | null {
  const numel = numelOf(shape);
  if (numel === 0 || shape.length === 0) return contiguousStrides(newShape);
  const newStrides = new Array<number>(newShape.length).fill(0);
  let viewD = newShape.length - 1;
  let chunkBaseStride = strides[strides.length - 1] ?? 1;
  let tensorNumel = 1;
  let viewNumel = 1;
  for (let d = shape.length - 1; d >= 0; d--) {
    tensorNumel *= shape[d]!;
    if (d === 0 || (shape[d - 1] !== 1 && strides[d - 1] !== tensorNumel * chunkBaseStride)) {
      while (viewD >= 0 && (viewNumel < tensorNumel || newShape[viewD] === 1)) {
        newStrides[viewD] = viewNumel * chunkBaseStride;
        viewNumel *= newShape[viewD]!;
        viewD--;
      }
      if (viewNumel !== tensorNumel) return null;
      if (d > 0) {
        chunkBaseStride = strides[d - 1]!;
        tensorNumel = 1;
        viewNumel = 1;
      }
    }
  }
  if (viewD !== -1) return null;
  return newStrides;
}
