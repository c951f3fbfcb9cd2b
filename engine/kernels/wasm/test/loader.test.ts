/**
 * Feature detection: hosts without WebAssembly SIMD keep the JavaScript kernels (and say so by
 * returning null / false), hosts with it get kernels that are not the JavaScript ones.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { kernels, setKernels } from '../../index.ts';
import { jsKernels } from '../../js.ts';
import { enableWasmKernels, enableWasmKernelsSync, hasWasmSimd, loadWasmKernelsSync } from '../loader.ts';

describe('loading the WebAssembly kernels', () => {
  const before = kernels();
  afterEach(() => {
    vi.restoreAllMocks();
    setKernels(before);
  });

  it('detects SIMD here (Node 20) and installs kernels of its own', async () => {
    expect(hasWasmSimd()).toBe(true);
    setKernels(null);
    expect(enableWasmKernelsSync()).toBe(true);
    expect(kernels()).not.toBe(jsKernels);
    setKernels(null);
    expect(await enableWasmKernels()).toBe(true);
    expect(kernels()).not.toBe(jsKernels);
  });

  it('keeps the JavaScript kernels on a host whose WebAssembly has no SIMD', async () => {
    // Such a host's WebAssembly.validate rejects the SIMD probe module.
    vi.spyOn(WebAssembly, 'validate').mockReturnValue(false);
    setKernels(null);
    expect(hasWasmSimd()).toBe(false);
    expect(loadWasmKernelsSync()).toBeNull();
    expect(enableWasmKernelsSync()).toBe(false);
    expect(await enableWasmKernels()).toBe(false);
    expect(kernels()).toBe(jsKernels);
  });
});
