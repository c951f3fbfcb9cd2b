/**
 * Loads kernels.wasm (built from ./assembly by scripts/build-wasm.mjs) and installs it as the
 * engine's kernels. In the browser (the Python worker) the module is fetched from our own origin
 * (Vite emits it as an asset of the worker bundle, so the app works offline); in Node it is read
 * from engine/kernels/wasm/build/. Hosts without WebAssembly SIMD keep the JavaScript kernels.
 */
import { setKernels } from '../index.ts';
import type { Kernels } from '../types.ts';
import { kernelExports } from './exports.ts';
import { createWasmKernels, type WasmKernelOptions } from './kernels.ts';
import { KernelMemory } from './memory.ts';

/** The built module; Vite rewrites this into the hashed asset's URL. */
const WASM_URL = new URL('./build/kernels.wasm', import.meta.url);

/** `(func (result v128) i32.const 0 i8x16.splat i8x16.popcnt)`: valid only where SIMD is. */
const SIMD_PROBE = new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 10, 1, 8, 0, 65, 0, 253, 15, 253, 98, 11]);

/** Whether this host runs WebAssembly with 128-bit SIMD. */
export function hasWasmSimd(): boolean {
  return typeof WebAssembly === 'object' && typeof WebAssembly.validate === 'function' && WebAssembly.validate(SIMD_PROBE);
}

/** Kernels backed by a compiled kernels.wasm, in a fresh linear memory of their own. */
export function instantiateWasmKernels(module: WebAssembly.Module, options: WasmKernelOptions = {}): Kernels {
  const mem = new KernelMemory();
  const instance = new WebAssembly.Instance(module, { env: { memory: mem.memory } });
  return createWasmKernels(kernelExports(instance), mem, options);
}

/** Node only: kernels.wasm read and compiled synchronously (null without SIMD). */
export function loadWasmKernelsSync(options: WasmKernelOptions = {}): Kernels | null {
  if (!hasWasmSimd()) return null;
  const fs = globalThis.process?.getBuiltinModule?.('node:fs');
  if (WASM_URL.protocol !== 'file:' || !fs) throw new Error('loadWasmKernelsSync reads kernels.wasm from disk, which only Node can; use loadWasmKernels');
  let bytes: Uint8Array<ArrayBuffer>;
  try {
    bytes = fs.readFileSync(WASM_URL);
  } catch {
    throw new Error(`${decodeURIComponent(WASM_URL.pathname)} is missing: build the WebAssembly kernels with \`node scripts/build-wasm.mjs\``);
  }
  return instantiateWasmKernels(new WebAssembly.Module(bytes), options);
}

/** kernels.wasm fetched (browser) or read (Node) and compiled; null without SIMD. */
export async function loadWasmKernels(): Promise<Kernels | null> {
  if (WASM_URL.protocol === 'file:') return loadWasmKernelsSync();
  if (!hasWasmSimd()) return null;
  const response = await fetch(WASM_URL);
  if (!response.ok) throw new Error(`could not load the WebAssembly kernels (${WASM_URL.href}: HTTP ${response.status})`);
  return instantiateWasmKernels(await WebAssembly.compile(await response.arrayBuffer()));
}

/** Makes the WebAssembly kernels the engine's kernels; false (JavaScript kernels kept) without SIMD. */
export async function enableWasmKernels(): Promise<boolean> {
  const kernels = await loadWasmKernels();
  if (kernels) setKernels(kernels);
  return kernels !== null;
}

/** enableWasmKernels, synchronously, for Node. */
export function enableWasmKernelsSync(): boolean {
  const kernels = loadWasmKernelsSync();
  if (kernels) setKernels(kernels);
  return kernels !== null;
}
