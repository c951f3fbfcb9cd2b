import { jsKernels } from './js.ts';
import type { Kernels } from './types.ts';

export type { BinaryOp, DimReduceOp, Kernels, StridedView, UnaryOp } from './types.ts';

let active: Kernels = jsKernels;

/** The kernels every op calls. */
export const kernels = (): Kernels => active;

/** Swap in another implementation (e.g. WebAssembly SIMD); pass null to restore the JS kernels. */
export function setKernels(k: Kernels | null): void {
  active = k ?? jsKernels;
}
