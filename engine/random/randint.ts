/** `torch.randint` / `Tensor.random_(from, to)`: PyTorch's `random_from_to_kernel` on CPU. */

import type { Generator } from './generator.ts';

const TWO_POW_32 = 4294967296;

/**
 * Fills `out` with integers in [low, high): `draw % (high - low) + low`, where the draw is one
 * 32-bit number when the range is below 2^32 and a 64-bit number otherwise (int64 only; int32
 * tensors always draw 32 bits). `Float64Array` stands for int64 and must stay within 2^53.
 */
export function randintFill(gen: Generator, out: Float64Array | Int32Array, low: number, high: number): void {
  if (!Number.isInteger(low) || !Number.isInteger(high)) {
    throw new TypeError(`randint expects integer bounds, but got low=${low} and high=${high}`);
  }
  if (!(low < high)) {
    throw new RangeError(`random_ expects 'from' to be less than 'to', but got from=${low} >= to=${high}`);
  }
  const range = high - low;
  if (range < TWO_POW_32 || out instanceof Int32Array) {
    for (let i = 0; i < out.length; i++) out[i] = (gen.random() % range) + low;
    return;
  }
  const bigRange = BigInt(range);
  for (let i = 0; i < out.length; i++) out[i] = Number(gen.random64() % bigRange) + low;
}
