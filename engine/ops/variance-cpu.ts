/**
 * var/std forward as PyTorch's CPU kernels compute them, so float32 results round as PyTorch's do:
 * everything in double, rounded to the tensor's dtype once at the end.
 *
 * - Reducing every dim that has more than one element (TensorIterator drops size-1 dims, so
 *   `x.std(0)` of an [N, 1] tensor counts): ReduceOps.cpp's std_var_all_cpu. It takes the mean
 *   in the tensor's own dtype (`self.mean().item<double>()`), then sums (x − mean)² in double.
 * - Otherwise: WelfordOps (SharedReduceOps.h) with a double accumulator, one running
 *   (mean, m2, n) per output, fed the reduced elements in order.
 */
import { allocate, type DType } from '../dtype.ts';
import { numelOf } from '../shape.ts';
import { Tensor } from '../tensor.ts';
import { callOp } from './dispatch.ts';

export function varianceForward(x: Tensor, dims: readonly number[], correction: number, keepdim: boolean, takeSqrt: boolean, dtype: DType): Tensor {
  const reduced = new Set(dims);
  const outShape = x.shape.flatMap((s, d) => (reduced.has(d) ? (keepdim ? [1] : []) : [s]));
  const finish = (v: number): number => (takeSqrt ? Math.sqrt(v) : v);
  const reducesAll = x.shape.every((s, d) => s === 1 || reduced.has(d));
  if (reducesAll && x.numel() > 0) {
    const mean = Number((callOp('mean', x) as Tensor).item());
    const values = x.contiguousValues();
    let sumSquares = 0;
    for (let i = 0; i < values.length; i++) {
      const dx = values[i] - mean;
      sumSquares += dx * dx;
    }
    const out = allocate(dtype, numelOf(outShape));
    out.fill(finish(sumSquares / Math.max(0, values.length - correction)));
    return Tensor.fromData(out, outShape, dtype);
  }
  // Kept dims first, reduced dims last: each output's elements are then one contiguous run.
  const kept = x.shape.map((_, d) => d).filter((d) => !reduced.has(d));
  const order = [...kept, ...dims];
  const values = (callOp('permute', x, order) as Tensor).contiguousValues();
  const size = dims.reduce((n, d) => n * x.shape[d], 1);
  const out = allocate(dtype, numelOf(outShape));
  for (let o = 0; o < out.length; o++) {
    let mean = 0,
      m2 = 0;
    for (let k = 0; k < size; k++) {
      const v = values[o * size + k];
      const delta = v - mean;
      mean += delta / (k + 1);
      m2 += delta * (v - mean);
    }
    const divisor = size > correction ? size - correction : 0;
    out[o] = finish(m2 / divisor);
  }
  return Tensor.fromData(out, outShape, dtype);
}
