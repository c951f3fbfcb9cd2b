/**
 * The WebAssembly matrix product behind `Kernels.matmul`: copies the spans of A and B that the
 * views touch into linear memory, runs gemmF32/gemmF64 (assembly/gemm.ts) on their strides as
 * they are (transposed or broadcast operands are never made contiguous), copies C out.
 * Rounds exactly as ../gemm.ts does, so the two are interchangeable bit for bit.
 */
import type { NumericArray } from '../../dtype.ts';
import type { StridedView } from '../types.ts';
import type { KernelExports } from './exports.ts';
import { align16, type KernelMemory } from './memory.ts';
import { spanOf } from './views.ts';

type Dtype = 'f32' | 'f64';

/** Which WebAssembly product fits these arrays: both operands and the result one float dtype. */
function dtypeOf(a: NumericArray, b: NumericArray, out: NumericArray): Dtype | null {
  if (out instanceof Float32Array) return a instanceof Float32Array && b instanceof Float32Array ? 'f32' : null;
  if (out instanceof Float64Array) return a instanceof Float64Array && b instanceof Float64Array ? 'f64' : null;
  return null;
}

/**
 * out[b] (+)= a[b] @ b[b] for [batch, m, k] and [batch, k, n] views, as ../gemm.ts computes it.
 * Returns false, having done nothing, when the arrays are not float32 or float64 alike or the call
 * would need more memory than the kernels may take; the caller then uses the JavaScript product.
 */
export function wasmGemm(wasm: KernelExports, mem: KernelMemory, a: StridedView, b: StridedView, out: NumericArray, startFromOut: boolean): boolean {
  const dtype = dtypeOf(a.data, b.data, out);
  if (dtype === null || a.shape.length !== 3 || b.shape.length !== 3) return false;
  const [batch = 0, m = 0, k = 0] = a.shape;
  const n = b.shape[2] ?? 0;
  const total = batch * m * n;
  if (total === 0) return true;
  if (k === 0) {
    if (!startFromOut) out.fill(0, 0, total);
    return true;
  }
  const size = dtype === 'f32' ? 4 : 8;
  const A = spanOf(a),
    B = spanOf(b);
  const scratch = align16(wasm.heapBase());
  const aAt = align16(scratch + wasm.gemmScratchBytes());
  const bAt = align16(aAt + (A.hi - A.lo + 1) * size);
  const cAt = align16(bAt + (B.hi - B.lo + 1) * size);
  if (!mem.reserve(cAt + total * size)) return false;
  const view = dtype === 'f32' ? mem.f32 : mem.f64;
  view.set(a.data.subarray(A.lo, A.hi + 1), aAt / size);
  view.set(b.data.subarray(B.lo, B.hi + 1), bAt / size);
  if (startFromOut) view.set(out.subarray(0, total), cAt / size);
  const [aBatch = 0, aRow = 0, aCol = 0] = a.strides;
  const [bBatch = 0, bRow = 0, bCol = 0] = b.strides;
  const run = dtype === 'f32' ? wasm.gemmF32 : wasm.gemmF64;
  run(
    batch,
    m,
    k,
    n,
    aAt + (a.offset - A.lo) * size,
    aBatch,
    aRow,
    aCol,
    bAt + (b.offset - B.lo) * size,
    bBatch,
    bRow,
    bCol,
    cAt,
    startFromOut ? 1 : 0,
    scratch,
  );
  out.set(view.subarray(cAt / size, cAt / size + total));
  return true;
}
