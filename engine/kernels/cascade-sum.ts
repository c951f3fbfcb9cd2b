/**
 * PyTorch's CPU floating-point sum, step for step (aten/src/ATen/native/cpu/SumKernel.cpp), so
 * that float32 sums — and with them losses, means and `loss.item()` — round exactly as PyTorch's.
 *
 * TensorIterator first orders the dims (reduced dims innermost, then by stride) and coalesces
 * them; each 2-D slice is then summed with `cascade_sum`: 4 interleaved partial sums ("ILP"),
 * each a 4-level cascade of running sums, over 32-byte vectors (8 floats or 4 doubles, AVX2's and
 * NEON's width) when the data is contiguous. Accumulation is in the output dtype.
 * Very large reductions, which PyTorch splits across threads, are summed serially here.
 */
import type { NumericArray } from '../dtype.ts';
import type { StridedView } from './types.ts';

type Round = (v: number) => number;
type Load = (i: number) => number;

const NUM_LEVELS = 4;
const ILP = 4;
const VECTOR_BYTES = 32;

/** utils::CeilLog2 (1 for x ≤ 2). */
function ceilLog2(x: number): number {
  if (x <= 2) return 1;
  return Math.floor(Math.log2(x - 1)) + 1;
}

/** multi_row_sum for one row: a running sum flushed up a 4-level cascade every 2^levelPower terms. */
function cascade(load: Load, size: number, round: Round): number {
  const levelPower = Math.max(4, Math.floor(ceilLog2(size) / NUM_LEVELS));
  const levelStep = 2 ** levelPower;
  const levelMask = levelStep - 1;
  const acc = [0, 0, 0, 0];
  let i = 0;
  while (i + levelStep <= size) {
    for (let j = 0; j < levelStep; j++, i++) acc[0] = round(acc[0] + load(i));
    for (let j = 1; j < NUM_LEVELS; j++) {
      acc[j] = round(acc[j] + acc[j - 1]);
      acc[j - 1] = 0;
      // mask << (j * levelPower), without 32-bit overflow
      if (Math.floor(i / 2 ** (j * levelPower)) % (levelMask + 1) !== 0) break;
    }
  }
  for (; i < size; i++) acc[0] = round(acc[0] + load(i));
  for (let j = 1; j < NUM_LEVELS; j++) acc[0] = round(acc[0] + acc[j]);
  return acc[0];
}

/** row_sum: the row as (size/4, 4), a cascade per column, then the tail and the columns added in. */
function rowSum(load: Load, size: number, round: Round): number {
  const sizeIlp = Math.floor(size / ILP);
  const partial = Array.from({ length: ILP }, (_, k) => cascade((i) => load(i * ILP + k), sizeIlp, round));
  for (let i = sizeIlp * ILP; i < size; i++) partial[0] = round(partial[0] + load(i));
  for (let k = 1; k < ILP; k++) partial[0] = round(partial[0] + partial[k]);
  return partial[0];
}

export interface Slice {
  readonly data: NumericArray;
  readonly inBase: number;
  readonly outBase: number;
  readonly size0: number;
  readonly size1: number;
  readonly inStrides: [number, number];
  readonly outStrides: [number, number];
}

/** Adds one 2-D slice's sums into out (sumSlice below, or the WebAssembly kernels' copy of it). */
export type SliceSum = (s: Slice, out: NumericArray, lanes: number, round: Round) => void;

/** One 2-D slice: PyTorch's choice between inner/outer and vectorized/scalar sums. */
function sumSlice(s: Slice, out: NumericArray, lanes: number, round: Round): void {
  let { size0, size1 } = s;
  let [in0, in1] = s.inStrides;
  let [out0, out1] = s.outStrides;
  const { data, inBase, outBase } = s;
  if (out0 !== 0 && out1 === 0) {
    [in0, in1, out0, out1, size0, size1] = [in1, in0, out1, out0, size1, size0];
  }
  const store = (j: number, v: number): void => {
    out[outBase + j * out1] = round(out[outBase + j * out1] + v);
  };
  if (out0 !== 0 && out1 !== 0) {
    // Not a true reduction (only size-1 dims were reduced): out += in, element by element.
    for (let j = 0; j < size1; j++) {
      for (let i = 0; i < size0; i++) {
        const o = outBase + j * out1 + i * out0;
        out[o] = round(out[o] + data[inBase + j * in1 + i * in0]);
      }
    }
    return;
  }
  if (in0 === 1 && size0 >= lanes) {
    // Contiguous inner reduction: lane l of vector i is element i·lanes + l.
    const vecSize = Math.floor(size0 / lanes);
    for (let j = 0; j < size1; j++) {
      const row = inBase + j * in1;
      let total = 0;
      for (let k = vecSize * lanes; k < size0; k++) total = round(total + data[row + k]);
      for (let l = 0; l < lanes; l++) total = round(total + rowSum((i) => data[row + i * lanes + l], vecSize, round));
      store(j, total);
    }
    return;
  }
  if (in1 === 1 && size1 >= lanes) {
    // Contiguous outer reduction: whole blocks of 4 vectors of columns get one cascade per
    // column; the remaining columns (single vectors, then scalars) get row_sum.
    const blocked = Math.floor(size1 / (ILP * lanes)) * ILP * lanes;
    for (let j = 0; j < size1; j++) {
      const col = inBase + j;
      store(j, j < blocked ? cascade((i) => data[col + i * in0], size0, round) : rowSum((i) => data[col + i * in0], size0, round));
    }
    return;
  }
  if (in0 < in1) {
    for (let j = 0; j < size1; j++) {
      const row = inBase + j * in1;
      store(
        j,
        rowSum((i) => data[row + i * in0], size0, round),
      );
    }
    return;
  }
  // Scalar outer reduction: columns in whole groups of 4 get one cascade each, the rest row_sum.
  const grouped = Math.floor(size1 / ILP) * ILP;
  for (let j = 0; j < size1; j++) {
    const col = inBase + j * in1;
    store(j, j < grouped ? cascade((i) => data[col + i * in0], size0, round) : rowSum((i) => data[col + i * in0], size0, round));
  }
}

interface IterDim {
  size: number;
  inStride: number;
  outStride: number;
}

/** TensorIterator's reorder_dimensions for a reduction: reduced dims first, then by stride. */
function orderDims(dims: IterDim[]): IterDim[] {
  const shouldSwap = (a: IterDim, b: IterDim): number => {
    if ((a.outStride === 0) !== (b.outStride === 0)) return b.outStride === 0 ? 1 : -1;
    for (const [s0, s1] of [
      [a.outStride, b.outStride],
      [a.inStride, b.inStride],
    ]) {
      if (s0 === 0 || s1 === 0) continue;
      if (s0 < s1) return -1;
      if (s0 > s1) return 1;
      if (a.size > b.size) return 1;
    }
    return 0;
  };
  const perm = [...dims].reverse();
  for (let i = 1; i < perm.length; i++) {
    let dim1 = i;
    for (let dim0 = i - 1; dim0 >= 0; dim0--) {
      const c = shouldSwap(perm[dim0], perm[dim1]);
      if (c > 0) {
        [perm[dim0], perm[dim1]] = [perm[dim1], perm[dim0]];
        dim1 = dim0;
      } else if (c < 0) break;
    }
  }
  return perm;
}

/** TensorIterator's coalesce_dimensions. */
function coalesce(dims: IterDim[]): IterDim[] {
  if (dims.length === 0) return [];
  const out: IterDim[] = [{ ...dims[0] }];
  for (let d = 1; d < dims.length; d++) {
    const prev = out[out.length - 1];
    const next = dims[d];
    const fits = prev.size === 1 || next.size === 1 || (prev.size * prev.inStride === next.inStride && prev.size * prev.outStride === next.outStride);
    if (fits) {
      if (prev.size === 1) {
        prev.inStride = next.inStride;
        prev.outStride = next.outStride;
      }
      prev.size *= next.size;
    } else out.push({ ...next });
  }
  return out;
}

/**
 * Sums `x` over the `reduced` dims into `out` (contiguous over the kept dims, zero-filled), in
 * the output's floating dtype.
 */
export function cascadeSum(x: StridedView, reduced: readonly boolean[], out: Float32Array | Float64Array): void {
  cascadeSumWith(x, reduced, out, sumSlice);
}

/** cascadeSum with each 2-D slice summed by `sliceSum`. */
export function cascadeSumWith(x: StridedView, reduced: readonly boolean[], out: Float32Array | Float64Array, sliceSum: SliceSum): void {
  const round: Round = out instanceof Float32Array ? Math.fround : (v) => v;
  const lanes = VECTOR_BYTES / out.BYTES_PER_ELEMENT;
  out.fill(0);
  let keptStride = 1;
  const outStrides = new Array<number>(x.shape.length).fill(0);
  for (let d = x.shape.length - 1; d >= 0; d--) {
    if (reduced[d]) continue;
    outStrides[d] = keptStride;
    keptStride *= x.shape[d];
  }
  if (x.shape.some((s) => s === 0)) return;
  const dims = coalesce(orderDims(x.shape.map((size, d) => ({ size, inStride: x.strides[d], outStride: outStrides[d] }))));
  if (dims.length === 0) {
    out[0] = round(0 + x.data[x.offset]);
    return;
  }
  while (dims.length < 2) dims.push({ size: 1, inStride: 0, outStride: 0 });
  const [d0, d1, ...outer] = dims;
  const counter = new Array<number>(outer.length).fill(0);
  const total = outer.reduce((n, d) => n * d.size, 1);
  for (let step = 0; step < total; step++) {
    let inBase = x.offset;
    let outBase = 0;
    outer.forEach((d, k) => {
      inBase += counter[k] * d.inStride;
      outBase += counter[k] * d.outStride;
    });
    sliceSum(
      { data: x.data, inBase, outBase, size0: d0.size, size1: d1.size, inStrides: [d0.inStride, d1.inStride], outStrides: [d0.outStride, d1.outStride] },
      out,
      lanes,
      round,
    );
    for (let k = 0; k < counter.length && ++counter[k] === outer[k].size; k++) counter[k] = 0;
  }
}
