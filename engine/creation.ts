/** Creating tensors: from nested arrays, typed values, or by shape (zeros, ones, arange, eye ...). */
import { allocate, castScalar, DEFAULT_FLOAT, isFloating, type DType, type NumericArray } from './dtype.ts';
import { runtimeError, typeError } from './errors.ts';
import { filled, scalarTensor } from './ops/tensor-utils.ts';
import { fma, fmaf } from './random/fma.ts';
import { defaultGenerator, type Generator, normalFill, randintFill, randperm as randpermValues, uniformFill } from './random/index.ts';
import { creationNumel, numelOf, type Shape } from './shape.ts';
import { Tensor, type NestedNumbers } from './tensor.ts';

export { scalarTensor };

function withGrad(t: Tensor, requiresGrad: boolean | undefined): Tensor {
  if (!requiresGrad) return t;
  // The factory functions word this error differently from requires_grad_().
  if (t.dtype !== 'float32' && t.dtype !== 'float64') {
    throw runtimeError('Only Tensors of floating point and complex dtype can require gradients');
  }
  t.requiresGrad = true;
  return t;
}

/**
 * torch.tensor(data, dtype, requires_grad). Without a dtype: bool for all-booleans, else float32
 * (the Python layer passes the dtype it inferred, e.g. int64 for Python ints).
 */
export function tensor(data: NestedNumbers, dtype?: DType | null, requiresGrad?: boolean): Tensor {
  const shape: number[] = [];
  let probe: NestedNumbers = data;
  while (Array.isArray(probe)) {
    shape.push(probe.length);
    if (probe.length === 0) break;
    probe = probe[0] as NestedNumbers;
  }
  const flat: (number | boolean)[] = [];
  const walk = (v: NestedNumbers, depth: number): void => {
    if (Array.isArray(v)) {
      if (depth >= shape.length || v.length !== shape[depth]) {
        throw typeError(`expected sequence of length ${shape[depth]} at dim ${depth} (got ${v.length})`);
      }
      for (const x of v) walk(x as NestedNumbers, depth + 1);
    } else {
      if (depth !== shape.length) throw typeError('inconsistent nesting in tensor data');
      flat.push(v as number | boolean);
    }
  };
  walk(data, 0);
  const inferred: DType = dtype ?? (flat.length > 0 && flat.every((v) => typeof v === 'boolean') ? 'bool' : DEFAULT_FLOAT);
  const values = allocate(inferred, flat.length);
  flat.forEach((v, i) => (values[i] = castScalar(Number(v), inferred)));
  return withGrad(Tensor.fromData(values, shape, inferred), requiresGrad);
}

/** A tensor of `shape` over a copy of row-major `values`. */
export function fromArray(values: ArrayLike<number>, shape: Shape, dtype: DType = DEFAULT_FLOAT, requiresGrad?: boolean): Tensor {
  if (values.length !== numelOf(shape)) {
    throw runtimeError(`shape '[${shape.join(', ')}]' is invalid for input of size ${values.length}`);
  }
  const data: NumericArray = allocate(dtype, values.length);
  for (let i = 0; i < values.length; i++) data[i] = castScalar(values[i], dtype);
  return withGrad(Tensor.fromData(data, shape, dtype), requiresGrad);
}

export const zeros = (shape: Shape, dtype: DType = DEFAULT_FLOAT, requiresGrad?: boolean): Tensor => withGrad(filled(shape, dtype, 0), requiresGrad);
export const ones = (shape: Shape, dtype: DType = DEFAULT_FLOAT, requiresGrad?: boolean): Tensor => withGrad(filled(shape, dtype, 1), requiresGrad);
export const full = (shape: Shape, value: number | boolean, dtype: DType = DEFAULT_FLOAT, requiresGrad?: boolean): Tensor =>
  withGrad(filled(shape, dtype, Number(value)), requiresGrad);
export const zerosLike = (t: Tensor, dtype?: DType): Tensor => filled(t.shape, dtype ?? t.dtype, 0);
export const onesLike = (t: Tensor, dtype?: DType): Tensor => filled(t.shape, dtype ?? t.dtype, 1);
export const fullLike = (t: Tensor, value: number | boolean, dtype?: DType): Tensor => filled(t.shape, dtype ?? t.dtype, Number(value));

/** torch.arange(start, end, step): int64 when all arguments are integers, else float32. */
export function arange(start: number, end?: number | null, step = 1, dtype?: DType | null): Tensor {
  const [lo, hi] = end === undefined || end === null ? [0, start] : [start, end];
  if (step === 0) throw runtimeError('step must be nonzero');
  if ((hi - lo) / step < 0) {
    throw runtimeError('upper bound and larger bound inconsistent with step sign');
  }
  const n = Math.max(Math.ceil((hi - lo) / step), 0);
  const d: DType = dtype ?? ([lo, hi, step].every(Number.isInteger) ? 'int64' : DEFAULT_FLOAT);
  const data = allocate(d, n);
  if (isFloating(d)) floatArange(data, lo, step, n);
  else for (let i = 0; i < n; i++) data[i] = castScalar(lo + i * step, d);
  return Tensor.fromData(data, [n], d);
}

/**
 * Float arange as PyTorch's CPU kernel rounds it: in double, `start + step * idx` fused into one FMA;
 * in blocks of two 32-byte vectors, each vector takes that value (rounded to the dtype) as its base
 * and adds k·step in double (fused again) per lane; the tail after the last whole block goes
 * element by element. So float32 arange(-8, 8, 0.1)[80] is 4.4409e-16, not 0.
 */
function floatArange(data: NumericArray, start: number, step: number, n: number): void {
  const round = data instanceof Float32Array ? Math.fround : (v: number): number => v;
  const width = 32 / data.BYTES_PER_ELEMENT;
  const vectorized = Math.floor(n / (2 * width)) * 2 * width;
  for (let i = 0; i < n; i++) {
    const k = i % width;
    if (i < vectorized && k !== 0) data[i] = round(fma(k, step, round(fma(step, i - k, start))));
    else data[i] = round(fma(step, i, start));
  }
}

/** torch.eye(n, m) */
export function eye(n: number, m: number = n, dtype: DType = DEFAULT_FLOAT): Tensor {
  if (n < 0) throw runtimeError(`n must be greater or equal to 0, got ${n}`);
  if (m < 0) throw runtimeError(`m must be greater or equal to 0, got ${m}`);
  const data = allocate(dtype, n * m);
  for (let i = 0; i < Math.min(n, m); i++) data[i * m + i] = 1;
  return Tensor.fromData(data, [n, m], dtype);
}

/** torch.manual_seed: reseed the generator every random op draws from. */
export function manualSeed(seed: number | bigint): void {
  defaultGenerator.manualSeed(seed);
}

function floatDtype(dtype: DType | null | undefined, fn: string): 'float32' | 'float64' {
  const d = dtype ?? DEFAULT_FLOAT;
  if (d !== 'float32' && d !== 'float64') throw runtimeError(`"${fn}" not implemented for '${d}'`);
  return d;
}

/** torch.rand: uniform on [0, 1), bit-identical to PyTorch after the same manual_seed. */
export function rand(shape: Shape, dtype?: DType | null, requiresGrad?: boolean, generator: Generator = defaultGenerator): Tensor {
  const d = floatDtype(dtype, 'check_uniform_bounds');
  const data = allocate(d, creationNumel(shape)) as Float32Array | Float64Array;
  uniformFill(generator, data, 0, 1);
  return withGrad(Tensor.fromData(data, shape, d), requiresGrad);
}

/** torch.randn: standard normal, bit-identical to PyTorch after the same manual_seed. */
export function randn(shape: Shape, dtype?: DType | null, requiresGrad?: boolean, generator: Generator = defaultGenerator): Tensor {
  const d = floatDtype(dtype, 'normal_kernel_cpu');
  const data = allocate(d, creationNumel(shape)) as Float32Array | Float64Array;
  normalFill(generator, data, 0, 1);
  return withGrad(Tensor.fromData(data, shape, d), requiresGrad);
}

/** torch.randint(low, high, shape): int64 unless told otherwise. */
export function randint(low: number, high: number, shape: Shape, dtype: DType = 'int64', generator: Generator = defaultGenerator): Tensor {
  if (low >= high) throw runtimeError(`random_ expects 'from' to be less than 'to', but got from=${low} >= to=${high}`);
  const staged = allocate('float64', creationNumel(shape)) as Float64Array;
  randintFill(generator, staged, low, high);
  return fromArray(staged, shape, dtype);
}

/** torch.randperm(n) */
export function randperm(n: number, dtype: DType = 'int64', generator: Generator = defaultGenerator): Tensor {
  creationNumel([n]);
  return fromArray(randpermValues(generator, n), [n], dtype);
}

/**
 * torch.linspace, rounded as PyTorch's CPU kernel computes it: in the output dtype, the first half
 * from `start`, the second from `end`, and in blocks of two 32-byte vectors where each vector
 * takes one base value and adds k·step to it (so a vector straddling the middle keeps counting from
 * `start`). The tail after the last whole block is computed element by element.
 */
export function linspace(start: number, end: number, steps: number, dtype: DType = DEFAULT_FLOAT): Tensor {
  if (steps < 0) throw runtimeError('number of steps must be non-negative');
  // Integer outputs step in double and truncate each value; floats compute in their own dtype.
  const round = dtype === 'float32' ? Math.fround : (v: number): number => v;
  const fused = dtype === 'float32' ? fmaf : fma;
  const from = isFloating(dtype) ? round(start) : Math.trunc(start);
  const to = isFloating(dtype) ? round(end) : Math.trunc(end);
  const data = allocate(dtype, steps);
  if (steps === 1) data[0] = castScalar(from, dtype);
  if (steps > 1) {
    const step = round(round(to - from) / (steps - 1));
    const half = Math.floor(steps / 2);
    // The compiler contracts `start + step * idx` into one FMA (one rounding), as in random/fma.ts.
    const at = (i: number): number => castScalar(i < half ? fused(step, i, from) : fused(-step, steps - i - 1, to), dtype);
    const width = 32 / data.BYTES_PER_ELEMENT;
    const vectorized = Math.floor(steps / (2 * width)) * 2 * width;
    for (let i = 0; i < steps; i++) {
      const chunk = i - (i % width);
      data[i] = i < vectorized && i !== chunk ? castScalar(round(at(chunk) + round((i - chunk) * step)), dtype) : at(i);
    }
  }
  return Tensor.fromData(data, [steps], dtype);
}

/** torch.equal: same shape and the same values. */
export function equal(a: Tensor, b: Tensor): boolean {
  if (a.shape.length !== b.shape.length || a.shape.some((s, i) => s !== b.shape[i])) return false;
  const x = a.toArray(),
    y = b.toArray();
  return x.every((v, i) => v === y[i]);
}
