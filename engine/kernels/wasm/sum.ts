/**
 * The WebAssembly sum behind `Kernels.sum` for float32 / float64: ../cascade-sum.ts orders and
 * coalesces the dims and walks the 2-D slices; each slice is summed by sumSliceF32/F64
 * (assembly/cascade.ts, the same cascade step for step) on a copy of the view's span in linear
 * memory, into the output there, which is copied out at the end.
 */
import { numelOf } from '../../shape.ts';
import { cascadeSumWith } from '../cascade-sum.ts';
import type { NumericArray } from '../../dtype.ts';
import type { StridedView } from '../types.ts';
import type { KernelExports } from './exports.ts';
import { align16, type KernelMemory } from './memory.ts';
import { sameFloat, spanOf } from './views.ts';

/** Sums x over the `reduced` dims into out as cascadeSum does; false (nothing done) when not covered. */
export function wasmSum(wasm: KernelExports, mem: KernelMemory, x: StridedView, reduced: readonly boolean[], out: NumericArray): boolean {
  if (!sameFloat(x.data, out) || numelOf(x.shape) === 0) return false;
  const size = out.BYTES_PER_ELEMENT;
  const { lo, hi } = spanOf(x);
  const xAt = align16(wasm.heapBase()),
    outAt = align16(xAt + (hi - lo + 1) * size);
  if (!mem.reserve(outAt + out.length * size)) return false;
  const view = size === 4 ? mem.f32 : mem.f64;
  view.set(x.data.subarray(lo, hi + 1), xAt / size);
  const data = view.subarray(xAt / size, xAt / size + hi - lo + 1);
  const target = view.subarray(outAt / size, outAt / size + out.length);
  const sumSlice = size === 4 ? wasm.sumSliceF32 : wasm.sumSliceF64;
  cascadeSumWith({ data, shape: x.shape, strides: x.strides, offset: x.offset - lo }, reduced, target, (s) => {
    sumSlice(xAt + s.inBase * size, s.size0, s.size1, s.inStrides[0], s.inStrides[1], outAt + s.outBase * size, s.outStrides[0], s.outStrides[1]);
  });
  out.set(target);
  return true;
}
