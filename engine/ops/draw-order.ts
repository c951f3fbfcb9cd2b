/**
 * The order in which PyTorch's in-place samplers visit a tensor's elements. TensorIterator walks
 * the written tensor in memory order (dimensions sorted by stride), so `w.t().uniform_()` fills
 * `w` as if it were contiguous; drawing in logical order would put the same numbers elsewhere.
 */
import type { NumericArray } from '../dtype.ts';
import type { Tensor } from '../tensor.ts';

/**
 * For each draw k, the logical (row-major) flat index it lands on; null when memory order already
 * is the logical order (contiguous tensors, slices that keep row-major order).
 */
export function drawOrder(t: Tensor): Int32Array | null {
  const shape = t.shape;
  const strides = t.strides;
  const dims = shape.map((_, d) => d).filter((d) => shape[d] > 1);
  const inOrder = dims.every((d, i) => i === 0 || strides[dims[i - 1]] >= strides[d]);
  if (inOrder) return null;
  // Outermost first: the largest stride; equal strides keep their logical order.
  const walk = [...dims].sort((a, b) => strides[b] - strides[a] || a - b);
  const logicalStride = new Array<number>(shape.length).fill(1);
  for (let d = shape.length - 2; d >= 0; d--) logicalStride[d] = logicalStride[d + 1] * shape[d + 1];
  const n = t.numel();
  const order = new Int32Array(n);
  const counter = new Array<number>(walk.length).fill(0);
  let logical = 0;
  for (let k = 0; k < n; k++) {
    order[k] = logical;
    for (let j = walk.length - 1; j >= 0; j--) {
      const d = walk[j];
      if (++counter[j] < shape[d]) {
        logical += logicalStride[d];
        break;
      }
      logical -= (shape[d] - 1) * logicalStride[d];
      counter[j] = 0;
    }
  }
  return order;
}

/** Moves draws made in memory order to their logical places (`values` is left untouched). */
export function toLogicalOrder<A extends NumericArray>(values: A, order: Int32Array | null): A {
  if (!order) return values;
  const placed = values.slice() as A;
  for (let k = 0; k < order.length; k++) placed[order[k]] = values[k];
  return placed;
}
