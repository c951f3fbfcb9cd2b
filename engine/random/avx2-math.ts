/**
 * One lane of `log256_ps` and `sincos256_ps` from PyTorch's aten/src/ATen/native/cpu/avx_mathfun.h
 * (Pommier/Garberoglio's cephes-style AVX routines), float32 step by step.
 *
 * PyTorch's AVX2 kernels are compiled with -mfma, and GCC contracts a multiply whose only use is
 * an add into one fused multiply-add. The `fmaf` calls below sit exactly where that happens;
 * replacing them with a rounded multiply and add changes the last bit of some randn values.
 */

import { fmaf } from './fma.ts';

const f = Math.fround;

const SQRTHF = f(0.707106781186547524);
const LOG_P0 = f(7.0376836292e-2);
const LOG_P1 = f(-1.151461031e-1);
const LOG_P2 = f(1.167699874e-1);
const LOG_P3 = f(-1.2420140846e-1);
const LOG_P4 = f(1.4249322787e-1);
const LOG_P5 = f(-1.6668057665e-1);
const LOG_P6 = f(2.0000714765e-1);
const LOG_P7 = f(-2.4999993993e-1);
const LOG_P8 = f(3.3333331174e-1);
const LOG_Q1 = f(-2.1219444e-4);
const LOG_Q2 = f(0.693359375);
const MIN_NORM_POS = 1.1754943508222875e-38; // 0x00800000

const MINUS_DP1 = f(-0.78515625);
const MINUS_DP2 = f(-2.4187564849853515625e-4);
const MINUS_DP3 = f(-3.77489497744594108e-8);
const SINCOF_P0 = f(-1.9515295891e-4);
const SINCOF_P1 = f(8.3321608736e-3);
const SINCOF_P2 = f(-1.6666654611e-1);
const COSCOF_P0 = f(2.443315711809948e-5);
const COSCOF_P1 = f(-1.388731625493765e-3);
const COSCOF_P2 = f(4.166664568298827e-2);
const FOPI = f(1.27323954473516);

const bitsF32 = new Float32Array(1);
const bitsU32 = new Uint32Array(bitsF32.buffer);

/** `log256_ps` for one positive float (the Box–Muller argument 1 - u lies in (0, 1]). */
export function avxLog(input: number): number {
  let x = input > MIN_NORM_POS ? input : MIN_NORM_POS;
  bitsF32[0] = x;
  const bits = bitsU32[0];
  // Split into exponent and a mantissa in [0.5, 1).
  bitsU32[0] = (bits & ~0x7f800000) | 0x3f000000;
  x = bitsF32[0];
  let e = (bits >>> 23) - 0x7f + 1;
  let tmp = 0;
  if (x < SQRTHF) {
    tmp = x;
    e -= 1;
  }
  x = f(f(x - 1) + tmp);
  const z = f(x * x);
  let y = fmaf(LOG_P0, x, LOG_P1);
  y = fmaf(y, x, LOG_P2);
  y = fmaf(y, x, LOG_P3);
  y = fmaf(y, x, LOG_P4);
  y = fmaf(y, x, LOG_P5);
  y = fmaf(y, x, LOG_P6);
  y = fmaf(y, x, LOG_P7);
  y = fmaf(y, x, LOG_P8);
  y = f(y * x);
  // GCC fuses the multiply by z (not the one by q1) into the following add.
  y = fmaf(y, z, f(e * LOG_Q1));
  y = f(y - f(z * 0.5));
  x = f(x + y);
  return fmaf(e, LOG_Q2, x);
}

/** Results of `avxSinCos`, reused to avoid allocating per call. */
export const sinCosOut = { sin: 0, cos: 0 };

/** `sincos256_ps` for one float; writes `sinCosOut`. */
export function avxSinCos(input: number): void {
  const isNegative = input < 0 || Object.is(input, -0);
  let x = Math.abs(input);
  let j = Math.trunc(f(x * FOPI));
  j = (j + 1) & ~1;
  const y = j; // exact as a float for any argument we meet
  let flipSin = (j & 4) !== 0;
  const usesSinPolynomialForSin = (j & 2) === 0;
  x = fmaf(y, MINUS_DP1, x);
  x = fmaf(y, MINUS_DP2, x);
  x = fmaf(y, MINUS_DP3, x);
  const flipCos = (~(j - 2) & 4) !== 0;
  if (isNegative) flipSin = !flipSin;

  const z = f(x * x);
  let cosPoly = fmaf(COSCOF_P0, z, COSCOF_P1);
  cosPoly = fmaf(cosPoly, z, COSCOF_P2);
  cosPoly = f(cosPoly * z);
  cosPoly = fmaf(cosPoly, z, -f(z * 0.5));
  cosPoly = f(cosPoly + 1);

  let sinPoly = fmaf(SINCOF_P0, z, SINCOF_P1);
  sinPoly = fmaf(sinPoly, z, SINCOF_P2);
  sinPoly = f(sinPoly * z);
  sinPoly = fmaf(sinPoly, x, x);

  let s = usesSinPolynomialForSin ? sinPoly : cosPoly;
  let c = usesSinPolynomialForSin ? cosPoly : sinPoly;
  // The vector code selects with masks and adds +0; that turns a -0 into +0.
  s = s + 0;
  c = c + 0;
  sinCosOut.sin = flipSin ? -s : s;
  sinCosOut.cos = flipCos ? -c : c;
}
