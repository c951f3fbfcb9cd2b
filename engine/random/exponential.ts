/**
 * `Tensor.exponential_` and `Tensor.geometric_`: PyTorch's `exponential_kernel` / `geometric_kernel`
 * on CPU, one 53-bit uniform per element transformed in double and then cast to the tensor's dtype.
 *
 * PyTorch 2.x computes `-1/λ · log1p(-u)` and `ceil(log(u) / log1p(-p))`; 1.13 used log(1 - u) and
 * log(1 - p), which round differently in the last bit now and then. log1p is fdlibm's in both glibc
 * and V8; log is glibc's, which is correctly rounded in practice, hence crLog.
 * (PyTorch 2.1–2.6 wheels built with MKL drew exponential_ from MKL's own stream instead; 2.7
 * turned that off, see pytorch/pytorch#132395, so current PyTorch draws exactly this.)
 */

import type { NumericArray } from '../dtype.ts';
import type { Generator } from './generator.ts';
import { crLog } from './libm.ts';

/** Fills `out` with Exp(lambd) samples (float32/float64 storage; values are rounded on store). */
export function exponentialFill(gen: Generator, out: Float32Array | Float64Array, lambd: number): void {
  if (!(lambd > 0) || !Number.isFinite(lambd)) {
    throw new RangeError(`exponential_ expects lambda > 0.0, but found lambda=${lambd}`);
  }
  const scale = -1 / lambd;
  for (let i = 0; i < out.length; i++) out[i] = scale * Math.log1p(-gen.uniformDouble());
}

/** Fills `out` with the number of Bernoulli(p) trials up to the first success (1, 2, ...). */
export function geometricFill(gen: Generator, out: NumericArray, p: number): void {
  if (!(p > 0 && p < 1)) throw new RangeError(`geometric_ expects p to be in (0, 1), but got p=${p}`);
  const denominator = Math.log1p(-p);
  for (let i = 0; i < out.length; i++) out[i] = Math.ceil(crLog(gen.uniformDouble()) / denominator);
}
