/**
 * Correctly rounded log, sin and cos for doubles.
 *
 * PyTorch's float64 normal kernels call glibc's log/sin/cos, which return the correctly rounded
 * result in all but ~0.1% of cases; V8's Math.log/sin/cos (fdlibm) are only faithful and differ
 * from glibc in the last bit of 3–7% of results. Evaluating in double-double and rounding once
 * matches glibc wherever glibc is correctly rounded.
 */

import { ddAdd, ddDiv, ddMul, lo, quickTwoSum, twoProd, twoSum } from './double-double.ts';

const LN2_HI = 0.6931471805599453;
const LN2_LO = 2.3190468138462996e-17;
const PIO2_1 = 1.5707963267948966;
const PIO2_2 = 6.123233995736766e-17;
const PIO2_3 = -1.4973849048591698e-33;
const SQRT2 = Math.SQRT2;

/** Double-double 1/n, as [hi, lo] pairs in one array. */
function reciprocals(denominators: number[]): Float64Array {
  const table = new Float64Array(denominators.length * 2);
  denominators.forEach((d, i) => {
    table[2 * i] = ddDiv(1, 0, d, 0);
    table[2 * i + 1] = lo;
  });
  return table;
}

// atanh(s) / s = sum s^(2k) / (2k + 1): the first terms in double-double, the rest in double.
const LOG_DD_TERMS = 10;
const LOG_TERMS = 24;
const LOG_COEFFS = reciprocals(Array.from({ length: LOG_TERMS }, (_, k) => 2 * k + 1));

const TRIG_DD_TERMS = 9;
const TRIG_TERMS = 16;
function factorialReciprocals(offset: number): Float64Array {
  // 1/(2k + offset)! with alternating signs: the Taylor coefficients of cos (offset 0), sin/x (1).
  const table = new Float64Array(TRIG_TERMS * 2);
  let hi = 1;
  let low = 0;
  for (let k = 0; k < TRIG_TERMS; k++) {
    if (k > 0) {
      hi = ddDiv(hi, low, (2 * k + offset - 1) * (2 * k + offset), 0);
      low = lo;
    }
    const sign = k % 2 === 0 ? 1 : -1;
    table[2 * k] = sign * hi;
    table[2 * k + 1] = sign * low;
  }
  return table;
}
const COS_COEFFS = factorialReciprocals(0);
const SIN_COEFFS = factorialReciprocals(1);

const bits = new Float64Array(1);
const words = new Uint32Array(bits.buffer);
const HIGH = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0;

/** Correctly rounded natural log of a positive normal double. */
export function crLog(x: number): number {
  if (!(x > 0) || !Number.isFinite(x) || x < 2.2250738585072014e-308) return Math.log(x);
  if (x === 1) return 0;
  // x = m * 2^e with m in [sqrt(1/2), sqrt(2)).
  bits[0] = x;
  let e = ((words[HIGH] >>> 20) & 0x7ff) - 1023;
  words[HIGH] = (words[HIGH] & 0x800fffff) | 0x3ff00000;
  let m = bits[0];
  if (m > SQRT2) {
    m /= 2;
    e += 1;
  }
  // log m = 2 atanh(s), s = (m - 1) / (m + 1); m - 1 is exact.
  const denHigh = twoSum(m, 1);
  const sHigh = ddDiv(m - 1, 0, denHigh, lo);
  const sLow = lo;
  const s2High = ddMul(sHigh, sLow, sHigh, sLow);
  const s2Low = lo;
  let tail = 0;
  for (let k = LOG_TERMS - 1; k >= LOG_DD_TERMS; k--) tail = tail * s2High + LOG_COEFFS[2 * k];
  let accHigh = tail;
  let accLow = 0;
  for (let k = LOG_DD_TERMS - 1; k >= 0; k--) {
    accHigh = ddMul(accHigh, accLow, s2High, s2Low);
    accHigh = ddAdd(accHigh, lo, LOG_COEFFS[2 * k], LOG_COEFFS[2 * k + 1]);
    accLow = lo;
  }
  let logMHigh = ddMul(accHigh, accLow, 2 * sHigh, 2 * sLow);
  const logMLow = lo;
  if (e === 0) return logMHigh + logMLow;
  const eLn2High = twoProd(e, LN2_HI);
  const eLn2Low = lo + e * LN2_LO;
  logMHigh = ddAdd(eLn2High, eLn2Low, logMHigh, logMLow);
  return logMHigh + lo;
}

/** Taylor series sum c_k r2^k with double-double coefficients; result in (hi, lo). */
function evenSeries(coeffs: Float64Array, r2High: number, r2Low: number): number {
  let tail = 0;
  for (let k = TRIG_TERMS - 1; k >= TRIG_DD_TERMS; k--) tail = tail * r2High + coeffs[2 * k];
  let accHigh = tail;
  let accLow = 0;
  for (let k = TRIG_DD_TERMS - 1; k >= 0; k--) {
    accHigh = ddMul(accHigh, accLow, r2High, r2Low);
    accHigh = ddAdd(accHigh, lo, coeffs[2 * k], coeffs[2 * k + 1]);
    accLow = lo;
  }
  return quickTwoSum(accHigh, accLow);
}

/** Results of `crSinCos`, reused to avoid allocating per call. */
export const sinCos = { sin: 0, cos: 0 };

/** Correctly rounded sin and cos of a double of moderate size (|x| < 2^20). */
export function crSinCos(x: number): void {
  if (!Number.isFinite(x) || Math.abs(x) >= 1048576) {
    sinCos.sin = Math.sin(x);
    sinCos.cos = Math.cos(x);
    return;
  }
  // r = x - k * pi/2 with pi/2 carried to ~160 bits, so cancellation near k * pi/2 stays exact.
  const k = Math.round(x / PIO2_1);
  let rHigh = twoProd(k, PIO2_1);
  let rLow = lo;
  rHigh = ddAdd(x, 0, -rHigh, -rLow);
  rLow = lo;
  const k2High = twoProd(k, PIO2_2);
  rHigh = ddAdd(rHigh, rLow, -k2High, -(lo + k * PIO2_3));
  rLow = lo;

  const r2High = ddMul(rHigh, rLow, rHigh, rLow);
  const r2Low = lo;
  const cosHigh = evenSeries(COS_COEFFS, r2High, r2Low);
  const cosR = cosHigh + lo;
  const sinOverRHigh = evenSeries(SIN_COEFFS, r2High, r2Low);
  const sinHigh = ddMul(sinOverRHigh, lo, rHigh, rLow);
  const sinR = sinHigh + lo;
  switch (((k % 4) + 4) % 4) {
    case 0:
      sinCos.sin = sinR;
      sinCos.cos = cosR;
      break;
    case 1:
      sinCos.sin = cosR;
      sinCos.cos = -sinR;
      break;
    case 2:
      sinCos.sin = -sinR;
      sinCos.cos = -cosR;
      break;
    default:
      sinCos.sin = -cosR;
      sinCos.cos = sinR;
      break;
  }
}
