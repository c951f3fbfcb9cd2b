/** `torch.rand` / `Tensor.uniform_`: PyTorch's `uniform_kernel` on CPU. */

import { fma, fmaf } from './fma.ts';
import type { Generator } from './generator.ts';

const FLOAT32_MAX = 3.4028234663852886e38;

/**
 * Fills `out` with uniform samples in [low, high), drawing in storage order.
 * float32 takes 24 bits of one 32-bit draw per element; float64 takes 53 bits of a 64-bit draw.
 */
export function uniformFill(gen: Generator, out: Float32Array | Float64Array, low: number, high: number): void {
  if (out instanceof Float32Array) {
    const from = Math.fround(low);
    const to = Math.fround(high);
    checkRange(from, to, FLOAT32_MAX, low, high);
    const range = Math.fround(to - from);
    for (let i = 0; i < out.length; i++) out[i] = fmaf(gen.uniformFloat(), range, from);
  } else {
    checkRange(low, high, Number.MAX_VALUE, low, high);
    const range = high - low;
    for (let i = 0; i < out.length; i++) out[i] = fma(gen.uniformDouble(), range, low);
  }
}

function checkRange(from: number, to: number, max: number, low: number, high: number): void {
  if (!(from <= to)) {
    throw new RangeError(`uniform_ expects to return a [from, to) range, but found from=${low} > to=${high}`);
  }
  if (!(to - from <= max)) {
    throw new RangeError(
      `uniform_ expects to-from <= std::numeric_limits<${max === FLOAT32_MAX ? 'float' : 'double'}>::max(), but found to=${high} and from=${low} which result in to-from to exceed the limit`,
    );
  }
}
