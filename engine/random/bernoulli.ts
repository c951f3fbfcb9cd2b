/** `Tensor.bernoulli_(p)` with a scalar p, which is what `F.dropout` draws its mask from on CPU. */

import type { Generator } from './generator.ts';

/**
 * Fills `out` with 1 where a 53-bit uniform draw is below p, else 0 (one 64-bit draw per element,
 * whatever the dtype). Dropout(p) asks for `bernoulli_(1 - p)` and then divides by 1 - p.
 */
export function bernoulliFill(gen: Generator, out: Float32Array | Float64Array, p: number): void {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`bernoulli_ expects p to be in [0, 1], but got p=${p}`);
  for (let i = 0; i < out.length; i++) out[i] = gen.uniformDouble() < p ? 1 : 0;
}
