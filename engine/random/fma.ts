/**
 * Correctly rounded fused multiply-add in float32 and float64.
 *
 * PyTorch's CPU kernels are compiled with -mfma, and GCC contracts `a * b + c` into one FMA
 * (one rounding instead of two): `uniform_` computes `x * (to - from) + from` that way and
 * `normal_` computes `sample * std + mean` that way. JavaScript has no FMA, so these emulate it
 * with error-free transformations and "round to odd" (Boldo & Melquiond, 2008), which makes the
 * final rounding the only one that counts.
 */

const scratch = new Float64Array(1);
const scratchWords = new Uint32Array(scratch.buffer);
const LOW = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 0 : 1;
const HIGH = 1 - LOW;

/** `value` when exact, otherwise its neighbour toward the true value whose last bit is odd. */
function roundToOdd(value: number, error: number): number {
  if (error === 0 || !Number.isFinite(value)) return value;
  scratch[0] = value;
  if ((scratchWords[LOW] & 1) === 1) return value;
  // The last bit is even, so stepping one ulp only touches the low word, except 0 - 1.
  const step = error > 0 === value > 0 ? 1 : -1;
  const low = scratchWords[LOW] + step;
  if (low < 0) {
    scratchWords[LOW] = 0xffffffff;
    scratchWords[HIGH] -= 1;
  } else {
    scratchWords[LOW] = low;
  }
  return scratch[0];
}

/** fmaf(a, b, c) for float32 values a, b, c: their product is exact in a double. */
export function fmaf(a: number, b: number, c: number): number {
  const product = a * b;
  const sum = product + c;
  const virtualC = sum - product;
  const error = product - (sum - virtualC) + (c - virtualC);
  return Math.fround(roundToOdd(sum, error));
}

const SPLITTER = 134217729; // 2^27 + 1, Veltkamp's splitting constant for doubles

/** fma(a, b, c) for doubles (finite, far from overflow and underflow, as our callers are). */
export function fma(a: number, b: number, c: number): number {
  // Exact product a * b = productHigh + productLow (Dekker).
  const productHigh = a * b;
  const aSplit = SPLITTER * a;
  const aHigh = aSplit - (aSplit - a);
  const aLow = a - aHigh;
  const bSplit = SPLITTER * b;
  const bHigh = bSplit - (bSplit - b);
  const bLow = b - bHigh;
  const productLow = aHigh * bHigh - productHigh + aHigh * bLow + aLow * bHigh + aLow * bLow;
  if (!Number.isFinite(productHigh)) return productHigh + c;
  // Exact c + productHigh = sumHigh + sumLow (Knuth's TwoSum).
  const sumHigh = c + productHigh;
  const virtualP = sumHigh - c;
  const sumLow = c - (sumHigh - virtualP) + (productHigh - virtualP);
  // Round the small tail to odd, then let the last addition do the single real rounding.
  const tail = sumLow + productLow;
  const virtualL = tail - sumLow;
  const tailError = sumLow - (tail - virtualL) + (productLow - virtualL);
  return sumHigh + roundToOdd(tail, tailError);
}
