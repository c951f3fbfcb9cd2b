/**
 * `torch.multinomial` on CPU (aten/src/ATen/native/Distributions.cpp `multinomial_out` and
 * native/cpu/MultinomialKernel.cpp), bit for bit.
 *
 * PyTorch takes two routes:
 * - without replacement, or with replacement but one sample (PyTorch 2.x; 1.13 took the second
 *   route for that case): the exponential trick. q ~ Exp(1) per category, drawn into a tensor like
 *   the probabilities, then argmax(p / q) (one sample) or topk(p / q, k) (k samples), with p / q
 *   computed in the input's dtype.
 * - with replacement: per row, the running sum of the probabilities in the input's dtype (float32
 *   rounds at every step), each divided by the total, then per sample one 53-bit uniform and a binary
 *   search for the first bucket whose cumulative value is not below it (the last bucket is 1).
 */

import { exponentialFill } from './exponential.ts';
import type { Generator } from './generator.ts';

type Probabilities = Float32Array | Float64Array;

/** Failures carry PyTorch's message; the op turns them into RuntimeError. */
export class MultinomialError extends Error {}

/** Whether PyTorch 2.x samples this call with the exponential trick. */
export function usesExponentialTrick(numSamples: number, replacement: boolean): boolean {
  return !replacement || numSamples === 1;
}

/** The checks of the exponential route, made before anything is drawn. */
export function checkExponentialRoute(probs: Probabilities, rows: number, categories: number): void {
  for (let i = 0; i < probs.length; i++) {
    const p = probs[i];
    if (!(p >= 0) || p === Infinity) throw new MultinomialError('probability tensor contains either `inf`, `nan` or element < 0');
  }
  for (let r = 0; r < rows; r++) {
    let allZero = true;
    for (let j = 0; j < categories && allZero; j++) allZero = probs[r * categories + j] === 0;
    if (allZero) throw new MultinomialError('invalid multinomial distribution (sum of probabilities <= 0)');
  }
}

/**
 * p / q with q ~ Exp(1), in the probabilities' dtype: the keys whose argmax (or top k) are the
 * samples. `probs` is rows × categories, contiguous.
 */
export function exponentialKeys(gen: Generator, probs: Probabilities): Probabilities {
  const keys = probs instanceof Float32Array ? new Float32Array(probs.length) : new Float64Array(probs.length);
  exponentialFill(gen, keys, 1);
  for (let i = 0; i < keys.length; i++) keys[i] = probs[i] / keys[i];
  return keys;
}

/** argmax of each row of `keys` (the first index on ties), as int64 values. */
export function rowArgmax(keys: Probabilities, rows: number, categories: number): Float64Array {
  const out = new Float64Array(rows);
  for (let r = 0; r < rows; r++) {
    const base = r * categories;
    let best = 0;
    for (let j = 1; j < categories; j++) if (keys[base + j] > keys[base + best]) best = j;
    out[r] = best;
  }
  return out;
}

/**
 * Sampling with replacement: `numSamples` draws per row, written row after row into `out` (int64
 * storage the caller allocated first, as PyTorch does, so a huge request fails with its allocator's
 * out-of-memory error before anything is drawn).
 */
export function sampleWithReplacement(
  gen: Generator,
  probs: Probabilities,
  rows: number,
  categories: number,
  numSamples: number,
  out: Float64Array = new Float64Array(rows * numSamples),
): Float64Array {
  const cumulative = probs instanceof Float32Array ? new Float32Array(categories) : new Float64Array(categories);
  for (let r = 0; r < rows; r++) {
    const base = r * categories;
    let sum = 0;
    for (let j = 0; j < categories; j++) {
      const p = probs[base + j];
      // PyTorch checks `p >= 0` first, so NaN reports as negative.
      if (!(p >= 0)) throw new MultinomialError('invalid multinomial distribution (encountering probability entry < 0)');
      if (p === Infinity) throw new MultinomialError('invalid multinomial distribution (encountering probability entry = infinity or NaN)');
      cumulative[j] = sum + p; // rounds to float32 on store for float32 inputs
      sum = cumulative[j];
    }
    if (!(sum > 0)) throw new MultinomialError('invalid multinomial distribution (sum of probabilities <= 0)');
    for (let j = 0; j < categories; j++) cumulative[j] = cumulative[j] / sum;
    cumulative[categories - 1] = 1;
    for (let s = 0; s < numSamples; s++) {
      const u = gen.uniformDouble();
      let left = 0;
      let right = categories;
      while (right - left > 0) {
        const mid = left + Math.floor((right - left) / 2);
        if (cumulative[mid] < u) left = mid + 1;
        else right = mid;
      }
      out[r * numSamples + s] = left;
    }
  }
  return out;
}
