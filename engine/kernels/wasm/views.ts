/** What the WebAssembly kernels need to know about a view before copying it into linear memory. */
import type { NumericArray } from '../../dtype.ts';
import type { StridedView } from '../types.ts';

/** The lowest and highest element a view reaches (strides may be 0 or negative). */
export function spanOf(v: StridedView): { lo: number; hi: number } {
  let lo = v.offset,
    hi = v.offset;
  for (let d = 0; d < v.shape.length; d++) {
    const reach = ((v.shape[d] ?? 1) - 1) * (v.strides[d] ?? 0);
    if (reach < 0) lo += reach;
    else hi += reach;
  }
  return { lo, hi };
}

export type FloatArray = Float32Array | Float64Array;

/** Both arrays float32 or both float64 (the element type the module computes in). */
export function sameFloat(x: NumericArray, out: NumericArray): x is FloatArray {
  return (x instanceof Float32Array && out instanceof Float32Array) || (x instanceof Float64Array && out instanceof Float64Array);
}
