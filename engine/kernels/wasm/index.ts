/** The WebAssembly SIMD kernels (see README.md): loading, feature detection, installation. */
export { enableWasmKernels, enableWasmKernelsSync, hasWasmSimd, instantiateWasmKernels, loadWasmKernels, loadWasmKernelsSync } from './loader.ts';
export { WASM_MATMUL_MIN_WORK, type WasmKernelOptions } from './kernels.ts';
