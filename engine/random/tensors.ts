/**
 * Random tensors drawn from the default generator, as torch.rand/randn/randint/randperm make them.
 * Fresh tensors only; the in-place fills (uniform_, normal_, bernoulli_) are op-table entries.
 */
import type { DType } from '../dtype.ts';
import { Tensor } from '../tensor.ts';
import { runtimeError } from '../errors.ts';
import { bernoulliFill } from './bernoulli.ts';
import { defaultGenerator } from './generator.ts';
import { normalFill } from './normal.ts';
import { randintFill } from './randint.ts';
import { randperm as randpermValues } from './randperm.ts';
import { uniformFill } from './uniform.ts';

type Shape = readonly number[];

function floatTensor(shape: Shape, dtype: DType, op: string): Tensor {
  if (dtype !== 'float32' && dtype !== 'float64') {
    throw runtimeError(`"${op}" not implemented for '${dtype === 'int64' ? 'Long' : dtype === 'int32' ? 'Int' : 'Bool'}'`);
  }
  return Tensor.empty(shape, dtype);
}

export function rand(shape: Shape, dtype: DType = 'float32'): Tensor {
  const t = floatTensor(shape, dtype, 'check_uniform_bounds');
  uniformFill(defaultGenerator, t.data as Float32Array | Float64Array, 0, 1);
  return t;
}

export function randn(shape: Shape, dtype: DType = 'float32'): Tensor {
  const t = floatTensor(shape, dtype, 'normal_kernel_cpu');
  normalFill(defaultGenerator, t.data as Float32Array | Float64Array, 0, 1);
  return t;
}

/** torch.normal(mean, std, size): a fresh tensor of normals with scalar mean and std. */
export function normal(mean: number, std: number, shape: Shape, dtype: DType = 'float32'): Tensor {
  if (std < 0) throw runtimeError(`normal expects std >= 0.0, but found std ${std}`);
  const t = floatTensor(shape, dtype, 'normal_kernel_cpu');
  normalFill(defaultGenerator, t.data as Float32Array | Float64Array, mean, std);
  return t;
}

export function randint(low: number, high: number, shape: Shape, dtype: DType = 'int64'): Tensor {
  if (low >= high) throw runtimeError(`random_ expects 'from' to be less than 'to', but got from=${low} >= to=${high}`);
  const t = Tensor.empty(shape, dtype);
  if (dtype === 'int64' || dtype === 'int32') {
    randintFill(defaultGenerator, t.data as Float64Array | Int32Array, low, high);
  } else {
    const scratch = new Float64Array(t.numel());
    randintFill(defaultGenerator, scratch, low, high);
    (t.data as Float32Array | Float64Array).set(scratch);
  }
  return t;
}

export function randperm(n: number, dtype: DType = 'int64'): Tensor {
  if (n < 0) throw runtimeError(`n must be non-negative, got${n}`);
  const values = randpermValues(defaultGenerator, n);
  const t = Tensor.empty([n], dtype);
  (t.data as Float64Array).set(values);
  return t;
}

/** Fills a fresh tensor shaped like `like` with Bernoulli(p) draws (0/1), as `empty_like(x).bernoulli_(p)`. */
export function bernoulliLike(like: Tensor, p: number): Tensor {
  const t = floatTensor(like.shape, like.dtype, 'bernoulli_scalar_cpu_');
  bernoulliFill(defaultGenerator, t.data as Float32Array | Float64Array, p);
  return t;
}

export function manualSeed(seed: number | bigint): void {
  defaultGenerator.manualSeed(typeof seed === 'number' ? BigInt(Math.trunc(seed)) : seed);
}

export function initialSeed(): bigint {
  return defaultGenerator.initialSeed();
}

export function getRngState(): Uint8Array {
  return defaultGenerator.getState();
}

export function setRngState(state: Uint8Array): void {
  defaultGenerator.setState(state);
}
