/**
 * The WebAssembly SIMD kernels: `Kernels` with the hot loops in kernels.wasm and everything else
 * (and every case the module does not cover: other dtypes, tiny sizes) left to the JavaScript
 * kernels, which compute the same bits.
 */
import { jsKernels } from '../js.ts';
import type { Kernels } from '../types.ts';
import type { KernelExports } from './exports.ts';
import { wasmGemm } from './gemm.ts';
import type { KernelMemory } from './memory.ts';

/**
 * Products with fewer multiply-adds than this stay in JavaScript: copying operands into linear
 * memory and back costs about what the JavaScript loop takes at this size.
 */
export const WASM_MATMUL_MIN_WORK = 1024;

export interface WasmKernelOptions {
  /** Smallest product (batch·m·k·n) run in WebAssembly; tests pass 0 to run every product there. */
  readonly matmulMinWork?: number;
}

export function createWasmKernels(wasm: KernelExports, mem: KernelMemory, options: WasmKernelOptions = {}): Kernels {
  const matmulMinWork = options.matmulMinWork ?? WASM_MATMUL_MIN_WORK;
  return {
    ...jsKernels,
    matmul(a, b, out, startFromOut = false) {
      const work = (a.shape[0] ?? 0) * (a.shape[1] ?? 0) * (a.shape[2] ?? 0) * (b.shape[2] ?? 0);
      if (work >= matmulMinWork && wasmGemm(wasm, mem, a, b, out, startFromOut)) return;
      jsKernels.matmul(a, b, out, startFromOut);
    },
  };
}
