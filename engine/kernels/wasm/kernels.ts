/**
 * The WebAssembly SIMD kernels: `Kernels` with the hot loops in kernels.wasm and everything else
 * (and every case the module does not cover: other dtypes, tiny sizes) left to the JavaScript
 * kernels, which compute the same bits.
 */
import { jsKernels } from '../js.ts';
import { numelOf } from '../../shape.ts';
import type { Kernels, StridedView } from '../types.ts';
import { wasmBinary, wasmUnary } from './elementwise.ts';
import type { KernelExports } from './exports.ts';
import { wasmGemm } from './gemm.ts';
import type { KernelMemory } from './memory.ts';
import { wasmSum } from './sum.ts';

/**
 * Products with fewer multiply-adds than this stay in JavaScript: copying operands into linear
 * memory and back costs about what the JavaScript loop takes at this size.
 */
export const WASM_MATMUL_MIN_WORK = 1024;

/**
 * Elementwise ops on fewer elements than this stay in JavaScript (the copies in and out cost more).
 * Sums have no such bound: the TypeScript cascade is slower than the WebAssembly one at any size.
 */
export const WASM_ELEMENTWISE_MIN_SIZE = 256;

export interface WasmKernelOptions {
  /** Smallest product (batch·m·k·n) run in WebAssembly; tests pass 0 to run every product there. */
  readonly matmulMinWork?: number;
  /** Smallest elementwise op (elements) run in WebAssembly; tests pass 0. */
  readonly elementwiseMinSize?: number;
}

export function createWasmKernels(wasm: KernelExports, mem: KernelMemory, options: WasmKernelOptions = {}): Kernels {
  const matmulMinWork = options.matmulMinWork ?? WASM_MATMUL_MIN_WORK;
  const elementwiseMinSize = options.elementwiseMinSize ?? WASM_ELEMENTWISE_MIN_SIZE;
  const large = (v: StridedView): boolean => numelOf(v.shape) >= elementwiseMinSize;
  return {
    ...jsKernels,
    unary(op, x, out, p0, p1) {
      if (large(x) && wasmUnary(wasm, mem, op, x, out, p0)) return;
      jsKernels.unary(op, x, out, p0, p1);
    },
    binary(op, a, b, out, alpha) {
      if (large(a) && wasmBinary(wasm, mem, op, a, b, out, alpha)) return;
      jsKernels.binary(op, a, b, out, alpha);
    },
    sum(x, reduced, out) {
      if (wasmSum(wasm, mem, x, reduced, out)) return;
      jsKernels.sum(x, reduced, out);
    },
    copy(src, out) {
      if (large(src) && wasmUnary(wasm, mem, 'copy', src, out, 0)) return;
      jsKernels.copy(src, out);
    },
    matmul(a, b, out, startFromOut = false) {
      const work = (a.shape[0] ?? 0) * (a.shape[1] ?? 0) * (a.shape[2] ?? 0) * (b.shape[2] ?? 0);
      if (work >= matmulMinWork && wasmGemm(wasm, mem, a, b, out, startFromOut)) return;
      jsKernels.matmul(a, b, out, startFromOut);
    },
  };
}
