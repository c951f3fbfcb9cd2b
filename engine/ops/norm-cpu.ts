/**
 * The float32 1-norm and 2-norm as PyTorch's CPU kernel rounds it (ReduceOpsKernel.cpp's norm_kernel_tensor_iterator_impl,
 * built for AVX2 with GCC contracting `a * b + c` into one FMA):
 *
 * - Reducing the innermost elements (the whole tensor, or trailing dims): eight float lanes each
 *   accumulate `fma(x, x, acc)` over runs of 8; the lanes are summed left to right; of the < 8
 *   left over, GCC vectorises the first 4 (squares rounded, then added in order) and the rest
 *   are `fma(x, x, sum)`; then a float sqrt.
 * - Reducing outer dims (NormTwoOps through binary_kernel_reduce): one float `fma(x, x, acc)` per
 *   element, in order.
 * - The 1-norm (NormOneOps through binary_kernel_reduce): `acc + |x|` in float, in order.
 * - Reducing only size-1 dims: |x| (linalg_vector_norm's 1-D shortcut).
 */
import { allocate, type NumericArray } from '../dtype.ts';
import { numelOf } from '../shape.ts';
import { fmaf } from '../random/fma.ts';
import { Tensor } from '../tensor.ts';
import { callOp } from './dispatch.ts';

const LANES = 8;
const TAIL_LANES = 4;

function innermostNorm(v: NumericArray, start: number, size: number): number {
  const f = Math.fround;
  const acc = new Float64Array(LANES);
  const vectorEnd = size - (size % LANES);
  let d = 0;
  for (; d < vectorEnd; d += LANES) {
    for (let l = 0; l < LANES; l++) {
      const x = v[start + d + l];
      acc[l] = fmaf(x, x, acc[l]);
    }
  }
  let total = acc[0];
  for (let l = 1; l < LANES; l++) total = f(total + acc[l]);
  const tailVectorEnd = d + Math.floor((size - d) / TAIL_LANES) * TAIL_LANES;
  for (; d < tailVectorEnd; d++) total = f(total + f(v[start + d] * v[start + d]));
  for (; d < size; d++) total = fmaf(v[start + d], v[start + d], total);
  return f(Math.sqrt(total));
}

function outerNorm(v: NumericArray, start: number, size: number): number {
  let total = 0;
  for (let d = 0; d < size; d++) total = fmaf(v[start + d], v[start + d], total);
  return Math.fround(Math.sqrt(total));
}

function oneNorm(v: NumericArray, start: number, size: number): number {
  let total = 0;
  for (let d = 0; d < size; d++) total = Math.fround(total + Math.abs(v[start + d]));
  return total;
}

/** ‖x‖₁ or ‖x‖₂ over `dims` of a float32 tensor, bit for bit as PyTorch's CPU kernel. */
export function normFloat32(x: Tensor, p: 1 | 2, dims: readonly number[], keepdim: boolean): Tensor {
  const reduced = new Set(dims);
  const outShape = x.shape.flatMap((s, d) => (reduced.has(d) ? (keepdim ? [1] : []) : [s]));
  const kept = x.shape.map((_, d) => d).filter((d) => !reduced.has(d));
  const size = dims.reduce((n, d) => n * x.shape[d], 1);
  const out = allocate('float32', numelOf(outShape));
  if (size === 1) {
    out.set((callOp('abs', x) as Tensor).contiguousValues());
    return Tensor.fromData(out, outShape, 'float32');
  }
  // TensorIterator drops size-1 dims, then sees an innermost reduction when no kept dim follows a reduced one.
  const lastKept = Math.max(-1, ...kept.filter((d) => x.shape[d] > 1));
  const firstReduced = Math.min(x.dim(), ...dims.filter((d) => x.shape[d] > 1));
  const innermost = lastKept < firstReduced;
  const values = (callOp('permute', x, [...kept, ...dims]) as Tensor).contiguousValues();
  const reduce = p === 1 ? oneNorm : innermost ? innermostNorm : outerNorm;
  for (let o = 0; o < out.length; o++) out[o] = reduce(values, o * size, size);
  return Tensor.fromData(out, outShape, 'float32');
}
