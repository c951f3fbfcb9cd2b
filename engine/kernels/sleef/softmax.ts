/**
 * float32 softmax and log_softmax and their backwards (last dim and middle dims), rounded as
 * PyTorch 1.13's vectorised CPU kernels round them on AVX2 (aten/src/ATen/native/cpu/
 * SoftMaxKernel.cpp: `_vec_softmax_lastdim`, `_vec_log_softmax_lastdim`,
 * `_vec_host_softmax_backward_lastdim`).
 *
 * Per row of length D: the max, then exp(x − max) with SLEEF, summed the way `vec::reduce_all` /
 * `map_reduce_all` sum (8 lane accumulators, a masked partial last vector, then the AVX2 shuffle
 * tree ((l0+l4)+(l2+l6)) + ((l1+l5)+(l3+l7)); rows shorter than 8 add left to right). softmax
 * multiplies by 1/sum (it does not divide); log_softmax subtracts max, then log(sum) (SLEEF log).
 * Rows are independent, so PyTorch's splitting of rows across threads does not change a bit.
 */
import { fmaf as fma32 } from './fma32-midpoint.ts';
import { sleefExpf } from './expf.ts';
import { sleefLogf } from './logf.ts';
import { kernels } from '../index.ts';

const fr = Math.fround;
const LANES = 8;
const lanes = new Float64Array(LANES);

/** `vec::reduce_all<float>(x + y, a + o, n)` on AVX2. */
export function vecSum(a: Float32Array, o: number, n: number): number {
  if (n < LANES) {
    let s = a[o]!;
    for (let i = 1; i < n; i++) s = fr(s + a[o + i]!);
    return s;
  }
  for (let k = 0; k < LANES; k++) lanes[k] = a[o + k]!;
  let d = LANES;
  const full = n - (n % LANES);
  for (; d < full; d += LANES) for (let k = 0; k < LANES; k++) lanes[k] = fr(lanes[k]! + a[o + d + k]!);
  for (let k = 0; d + k < n; k++) lanes[k] = fr(lanes[k]! + a[o + d + k]!);
  return fr(fr(fr(lanes[0]! + lanes[4]!) + fr(lanes[2]! + lanes[6]!)) + fr(fr(lanes[1]! + lanes[5]!) + fr(lanes[3]! + lanes[7]!)));
}

/** `vec::reduce_all(maximum)`: NaN anywhere gives NaN. */
function rowMax(a: Float32Array, o: number, n: number): number {
  let m = a[o]!;
  for (let i = 1; i < n; i++) {
    const v = a[o + i]!;
    if (v > m || v !== v) m = v;
    if (m !== m) return m;
  }
  return m;
}

/**
 * exp of out[0, n) in place with SLEEF's float32 exp, on whichever kernels are active (WebAssembly
 * SIMD where the host has it): one call for every row of a softmax, so even short rows get the
 * vector kernel. Every element is rounded alone, so batching rows changes no bit.
 */
function expInPlace(out: Float32Array, n: number): void {
  kernels().unary('exp', { data: out, shape: [n], strides: [1], offset: 0 }, out, 0, 0);
}

/** out[r·d + k] = x[xo + r·d + k] − max of row r, and the row maxima. */
function shiftByRowMax(x: Float32Array, xo: number, out: Float32Array, outer: number, d: number): Float32Array {
  const maxima = new Float32Array(outer);
  for (let r = 0; r < outer; r++) {
    const xi = xo + r * d,
      oi = r * d;
    const m = rowMax(x, xi, d);
    maxima[r] = m;
    for (let k = 0; k < d; k++) out[oi + k] = fr(x[xi + k]! - m);
  }
  return maxima;
}

/** softmax over the last dim of a contiguous [outer, d] float32 block. */
export function softmaxLastDimF32(x: Float32Array, xo: number, out: Float32Array, outer: number, d: number): void {
  shiftByRowMax(x, xo, out, outer, d);
  expInPlace(out, outer * d);
  for (let r = 0; r < outer; r++) {
    const oi = r * d;
    const inv = fr(1 / vecSum(out, oi, d));
    for (let k = 0; k < d; k++) out[oi + k] = fr(out[oi + k]! * inv);
  }
}

/** log_softmax over the last dim of a contiguous [outer, d] float32 block. */
export function logSoftmaxLastDimF32(x: Float32Array, xo: number, out: Float32Array, outer: number, d: number): void {
  const n = outer * d;
  const e = new Float32Array(n);
  shiftByRowMax(x, xo, out, outer, d);
  e.set(out.subarray(0, n));
  expInPlace(e, n);
  for (let r = 0; r < outer; r++) {
    const oi = r * d;
    const logSum = sleefLogf(vecSum(e, oi, d));
    for (let k = 0; k < d; k++) out[oi + k] = fr(out[oi + k]! - logSum);
  }
}

/**
 * log_softmax's backward: gradIn = g − exp(y)·Σg. GCC fuses the multiply and subtract of
 * Vectorized<float> (built with -mfma) into one vfnmadd, so it rounds once.
 */
export function logSoftmaxBackwardLastDimF32(g: Float32Array, y: Float32Array, out: Float32Array, outer: number, d: number): void {
  out.set(y.subarray(0, outer * d));
  expInPlace(out, outer * d);
  for (let r = 0; r < outer; r++) {
    const o = r * d;
    const s = vecSum(g, o, d);
    for (let k = 0; k < d; k++) out[o + k] = fma32(-out[o + k]!, s, g[o + k]!);
  }
}

/** softmax's backward: gradIn = (g − Σ g·y)·y, the sum of products as `map2_reduce_all` forms it. */
export function softmaxBackwardLastDimF32(g: Float32Array, y: Float32Array, out: Float32Array, outer: number, d: number): void {
  for (let r = 0; r < outer; r++) {
    const o = r * d;
    const s = vecDot(g, y, o, d);
    for (let k = 0; k < d; k++) out[o + k] = fr(fr(g[o + k]! - s) * y[o + k]!);
  }
}

/** `vec::map2_reduce_all(x * y, x + y)`: the product is fused into the running lane sums. */
function vecDot(a: Float32Array, b: Float32Array, o: number, n: number): number {
  if (n < LANES) {
    let s = fr(a[o]! * b[o]!);
    for (let i = 1; i < n; i++) s = fr(s + fr(a[o + i]! * b[o + i]!));
    return s;
  }
  for (let k = 0; k < LANES; k++) lanes[k] = fr(a[o + k]! * b[o + k]!);
  let d = LANES;
  const full = n - (n % LANES);
  for (; d < full; d += LANES) for (let k = 0; k < LANES; k++) lanes[k] = fma32(a[o + d + k]!, b[o + d + k]!, lanes[k]!);
  for (let k = 0; d + k < n; k++) lanes[k] = fma32(a[o + d + k]!, b[o + d + k]!, lanes[k]!);
  return fr(fr(fr(lanes[0]! + lanes[4]!) + fr(lanes[2]! + lanes[6]!)) + fr(fr(lanes[1]! + lanes[5]!) + fr(lanes[3]! + lanes[7]!)));
}

/**
 * softmax / log_softmax over a middle dim of a contiguous [outer, d, inner] float32 block, as
 * PyTorch 1.13's `_vec_softmax` (and its log twin) compute it: 8 inner positions at a time with
 * Vectorized<float> (SLEEF exp, a running per-lane sum over d, then x/sum or x − max − log(sum)),
 * and the inner positions left when fewer than 8 remain with the scalar std::exp / std::log.
 */
export function softmaxMiddleDimF32(x: Float32Array, xo: number, out: Float32Array, outer: number, d: number, inner: number, isLog: boolean): void {
  const vecInner = inner - (inner % LANES);
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++) {
      const base = o * d * inner + i;
      const vec = i < vecInner;
      let m = x[xo + base]!;
      for (let k = 1; k < d && m === m; k++) {
        const v = x[xo + base + k * inner]!;
        if (v > m || v !== v) m = v;
      }
      let s = 0;
      for (let k = 0; k < d; k++) {
        const at = base + k * inner;
        const shifted = fr(x[xo + at]! - m);
        const e = vec ? sleefExpf(shifted) : fr(Math.exp(shifted));
        s = fr(s + e);
        out[at] = isLog ? shifted : e;
      }
      if (isLog) {
        const logSum = vec ? sleefLogf(s) : fr(Math.log(s));
        for (let k = 0; k < d; k++) out[base + k * inner] = fr(out[base + k * inner]! - logSum);
      } else {
        for (let k = 0; k < d; k++) out[base + k * inner] = fr(out[base + k * inner]! / s);
      }
    }
  }
}

/**
 * The backward of softmax / log_softmax over a middle dim of a contiguous [outer, d, inner] block
 * (`_vec_softmax_backward` and its log twin): per inner position a running float32 sum over d
 * (softmax: Σ g·y with each product fused into the sum, as GCC contracts it), then
 * softmax: y·(g − Σ); log_softmax: g − exp(y)·Σ fused, exp from SLEEF on the 8-wide lanes and
 * from std::exp on the inner positions past the last full vector.
 */
export function softmaxBackwardMiddleDimF32(
  g: Float32Array,
  y: Float32Array,
  out: Float32Array,
  outer: number,
  d: number,
  inner: number,
  isLog: boolean,
): void {
  const vecInner = inner - (inner % LANES);
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++) {
      const base = o * d * inner + i;
      let s = 0;
      if (isLog) for (let k = 0; k < d; k++) s = fr(s + g[base + k * inner]!);
      else for (let k = 0; k < d; k++) s = fma32(g[base + k * inner]!, y[base + k * inner]!, s);
      for (let k = 0; k < d; k++) {
        const at = base + k * inner;
        if (!isLog) out[at] = fr(y[at]! * fr(g[at]! - s));
        else out[at] = fma32(-(i < vecInner ? sleefExpf(y[at]!) : fr(Math.exp(y[at]!))), s, g[at]!);
      }
    }
  }
}
