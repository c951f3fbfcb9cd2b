/**
 * vitest: every test file runs on the WebAssembly SIMD kernels, the ones the app uses, unless
 * GRADSCOPE_KERNELS=js asks for the plain JavaScript kernels (the path of hosts without SIMD).
 * Both compute the same bits; engine/kernels/wasm/test/ checks that directly.
 */
import { enableWasmKernelsSync } from './loader.ts';

if (process.env.GRADSCOPE_KERNELS !== 'js') enableWasmKernelsSync();
