/**
 * `Tensor.random_()` without bounds: PyTorch's `random_kernel` on CPU, which draws each element
 * from [0, 2^mantissa] for floats and [0, max] for integers (`uniform_int_distribution`).
 */

import type { DType, NumericArray } from '../dtype.ts';
import type { Generator } from './generator.ts';

const TWO_POW_63 = 1n << 63n;
const FLOAT32_SPAN = 2 ** 24 + 1;
const FLOAT64_SPAN = 2n ** 53n + 1n;
const INT32_SPAN = 2 ** 31;

/**
 * Fills `out` (the dtype's storage) with full-range draws: int64 and float64 take a 64-bit draw,
 * the others a 32-bit one. int64 values above 2^53 lose their low bits in the engine's storage.
 */
export function randomBitsFill(gen: Generator, out: NumericArray, dtype: DType): void {
  const n = out.length;
  switch (dtype) {
    case 'int64':
      for (let i = 0; i < n; i++) out[i] = Number(gen.random64() % TWO_POW_63);
      return;
    case 'float64':
      for (let i = 0; i < n; i++) out[i] = Number(gen.random64() % FLOAT64_SPAN);
      return;
    case 'float32':
      for (let i = 0; i < n; i++) out[i] = gen.random() % FLOAT32_SPAN;
      return;
    case 'int32':
      for (let i = 0; i < n; i++) out[i] = gen.random() % INT32_SPAN;
      return;
    // [0, max] of each small integer type, from a 32-bit draw.
    case 'int16':
      for (let i = 0; i < n; i++) out[i] = gen.random() % 2 ** 15;
      return;
    case 'int8':
      for (let i = 0; i < n; i++) out[i] = gen.random() % 2 ** 7;
      return;
    case 'uint8':
      for (let i = 0; i < n; i++) out[i] = gen.random() % 2 ** 8;
      return;
    case 'bool':
      for (let i = 0; i < n; i++) out[i] = gen.random() & 1;
      return;
  }
}

/** The next int64 `random_()` draw, whole (the seed RandomSampler and DataLoader take). */
export function randomInt64(gen: Generator): bigint {
  return gen.random64() % TWO_POW_63;
}
