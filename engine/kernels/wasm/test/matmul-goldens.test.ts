/**
 * PyTorch's matrix-product bits (../../test/goldens/matmul-bits.json, from
 * scripts/goldens/matmul_bits.py) on both kernel sets: the JavaScript kernels (hosts without
 * WebAssembly SIMD) and the WebAssembly kernels with every product, even the smallest, run in
 * WebAssembly. Forward and both backward products.
 */
import { afterAll, beforeAll, describe, it } from 'vitest';
import { kernels, setKernels } from '../../index.ts';
import { jsKernels } from '../../js.ts';
import { expectPyTorchBits, golden, label } from '../../test/matmul-golden-cases.ts';
import type { Kernels } from '../../types.ts';
import { loadWasmKernelsSync } from '../loader.ts';

const kernelSets: [string, Kernels][] = [
  ['JavaScript kernels', jsKernels],
  ['WebAssembly kernels', loadWasmKernelsSync({ matmulMinWork: 0 })!],
];

for (const [name, set] of kernelSets) {
  describe(`${name}: matrix products round exactly as PyTorch does`, () => {
    let before: Kernels;
    beforeAll(() => {
      before = kernels();
      setKernels(set);
    });
    afterAll(() => setKernels(before));

    for (const c of golden.cases) it(label(c), () => expectPyTorchBits(c));
  });
}
