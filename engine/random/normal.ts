/**
 * `torch.randn` / `Tensor.normal_`: PyTorch's `normal_kernel` on CPU, which picks one of three
 * Box–Muller variants that consume randomness differently:
 *
 * - float32, 16+ contiguous elements: `normal_fill_AVX2`. Draw one 24-bit uniform per element,
 *   then transform blocks of 16 in place (u1 = 1 - data[j], u2 = data[j + 8]) with the AVX float
 *   log/sincos approximations. A tail of n % 16 elements redraws 16 fresh uniforms and transforms
 *   the last 16 slots again.
 * - float64, 16+ contiguous elements: `normal_fill<double>`, the same blocks with 53-bit uniforms
 *   and libm's double log/cos/sin (glibc's are correctly rounded almost always, V8's are not,
 *   so libm.ts supplies correctly rounded ones).
 * - anything smaller (or not contiguous): `normal_distribution<double>` one element at a time,
 *   two 53-bit uniforms per pair, the second value cached in the generator for the next call,
 *   then cast to the tensor's dtype. Its radius uses log1p(-u2), whose fdlibm rounding V8 and
 *   glibc share.
 *
 * The AVX2 variant is what PyTorch uses on x86 CPUs with AVX2 (nearly all of them). PyTorch built
 * without AVX2 (e.g. ARM) uses the C library's float log/cos/sin instead, which changes the last
 * bit of some float32 values (randn(40) after manual_seed(0) already differs in one).
 */

import { avxLog, avxSinCos, sinCosOut } from './avx2-math.ts';
import { fma, fmaf } from './fma.ts';
import type { Generator } from './generator.ts';
import { crLog, crSinCos, sinCos } from './libm.ts';

const VECTORIZED_MIN_SIZE = 16;
const TWO_PI_FLOAT = Math.fround(2 * Math.PI);
const TWO_PI = 2 * Math.PI;

/**
 * Fills `out` with normal samples. `isContiguous` is false for strided views (PyTorch then takes
 * the element-by-element path whatever the size); values are written in the order given.
 */
export function normalFill(gen: Generator, out: Float32Array | Float64Array, mean: number, std: number, isContiguous = true): void {
  if (!(std >= 0)) throw new RangeError(`normal expects std >= 0.0, but found std ${std}`);
  const size = out.length;
  if (size >= VECTORIZED_MIN_SIZE && isContiguous) {
    if (out instanceof Float32Array) fillFloat32Blocks(gen, out, Math.fround(mean), Math.fround(std));
    else fillFloat64Blocks(gen, out, mean, std);
    return;
  }
  for (let i = 0; i < size; i++) out[i] = sampleNormal(gen, mean, std);
}

/** One `normal_distribution<double>` draw (consumes the cached sample when there is one). */
export function sampleNormal(gen: Generator, mean: number, std: number): number {
  const cached = gen.takeNextDoubleNormal();
  if (cached !== null) return fma(cached, std, mean);
  const u1 = gen.uniformDouble();
  const u2 = gen.uniformDouble();
  // PyTorch 2.x; 1.13 computed log(1 - u2), which rounds differently in ~7% of cases.
  const radius = Math.sqrt(-2 * Math.log1p(-u2));
  crSinCos(TWO_PI * u1);
  gen.setNextDoubleNormal(radius * sinCos.sin);
  return fma(radius * sinCos.cos, std, mean);
}

function fillFloat32Blocks(gen: Generator, data: Float32Array, mean: number, std: number): void {
  const size = data.length;
  for (let i = 0; i < size; i++) data[i] = gen.uniformFloat();
  for (let start = 0; start < size - 15; start += 16) transformFloat32Block(data, start, mean, std);
  if (size % 16 !== 0) {
    const start = size - 16;
    for (let i = 0; i < 16; i++) data[start + i] = gen.uniformFloat();
    transformFloat32Block(data, start, mean, std);
  }
}

/** `normal_fill_16_AVX2`, one lane at a time. */
function transformFloat32Block(data: Float32Array, start: number, mean: number, std: number): void {
  for (let j = start; j < start + 8; j++) {
    const u1 = Math.fround(1 - data[j]);
    const u2 = data[j + 8];
    const radius = Math.fround(Math.sqrt(Math.fround(-2 * avxLog(u1))));
    avxSinCos(Math.fround(TWO_PI_FLOAT * u2));
    data[j] = fmaf(Math.fround(radius * sinCosOut.cos), std, mean);
    data[j + 8] = fmaf(Math.fround(radius * sinCosOut.sin), std, mean);
  }
}

function fillFloat64Blocks(gen: Generator, data: Float64Array, mean: number, std: number): void {
  const size = data.length;
  for (let i = 0; i < size; i++) data[i] = gen.uniformDouble();
  for (let start = 0; start < size - 15; start += 16) transformFloat64Block(data, start, mean, std);
  if (size % 16 !== 0) {
    const start = size - 16;
    for (let i = 0; i < 16; i++) data[start + i] = gen.uniformDouble();
    transformFloat64Block(data, start, mean, std);
  }
}

/** `normal_fill_16<double>`. */
function transformFloat64Block(data: Float64Array, start: number, mean: number, std: number): void {
  for (let j = start; j < start + 8; j++) {
    const u1 = 1 - data[j];
    const u2 = data[j + 8];
    const radius = Math.sqrt(-2 * crLog(u1));
    crSinCos(TWO_PI * u2);
    data[j] = fma(radius * sinCos.cos, std, mean);
    data[j + 8] = fma(radius * sinCos.sin, std, mean);
  }
}
