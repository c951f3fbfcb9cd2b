/** `torch.randperm` on CPU (`randperm_cpu` in aten/src/ATen/native/TensorFactories.cpp). */

import type { Generator } from './generator.ts';

/** Below this size PyTorch keeps the original shuffle built on 32-bit draws. */
const SMALL_N_LIMIT = Math.floor(0xffffffff / 20);

/** A random permutation of 0..n-1, as int64 values stored in a `Float64Array`. */
export function randperm(gen: Generator, n: number): Float64Array {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`n must be non-negative, got${n}` /* sic: PyTorch has no space */);
  const result = new Float64Array(n);
  if (n < SMALL_N_LIMIT) {
    // Fisher–Yates from the front: swap slot i with a slot in [i, n) picked by random() % (n - i).
    for (let i = 0; i < n; i++) result[i] = i;
    for (let i = 0; i < n - 1; i++) {
      const z = gen.random() % (n - i);
      const saved = result[i];
      result[i] = result[z + i];
      result[z + i] = saved;
    }
    return result;
  }
  // The "inside-out" variant with 64-bit draws, for sizes where % on 32 bits would skew.
  for (let i = 0; i < n; i++) {
    const z = Number(gen.random64() % BigInt(i + 1));
    result[i] = result[z];
    result[z] = i;
  }
  return result;
}
