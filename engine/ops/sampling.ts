/**
 * Random sampling ops beyond uniform/normal/bernoulli: multinomial, and the in-place samplers
 * exponential_, geometric_ and random_. Each takes PyTorch's keyword-only `generator=`, drawing
 * from the default generator when it is None.
 */
import { allocate, isFloating, legacyTypeName, type DType } from '../dtype.ts';
import { runtimeError } from '../errors.ts';
import {
  MultinomialError,
  type Generator,
  checkExponentialRoute,
  exponentialFill,
  exponentialKeys,
  geometricFill,
  randintFill,
  randomBitsFill,
  rowArgmax,
  sampleWithReplacement,
  usesExponentialTrick,
} from '../random/index.ts';
import { Tensor } from '../tensor.ts';
import { callOp } from './dispatch.ts';
import { drawOrder, toLogicalOrder } from './draw-order.ts';
import { generatorArg } from './generator-arg.ts';
import type { Args, OpDef, OutputSpec } from './types.ts';

const T = (v: unknown): Tensor => v as Tensor;
const NOT_DIFFERENTIABLE = { symbol: 'rand', formula: 'not differentiable' };

/** Runs a sampler, turning its argument errors into PyTorch's RuntimeError. */
function sampling<R>(draw: () => R): R {
  try {
    return draw();
  } catch (error) {
    if (error instanceof RangeError || error instanceof MultinomialError) throw runtimeError(error.message);
    throw error;
  }
}

/** The out-of-place body of an in-place sampler: a fresh tensor shaped like self, filled. */
function samplerBody(
  name: string,
  signature: string,
  dtypeError: ((dtype: DType) => string) | null,
  fill: (gen: Generator, out: ReturnType<typeof allocate>, dtype: DType, a: Args) => void,
): OpDef {
  return {
    name,
    signature,
    method: false,
    function: false,
    display: NOT_DIFFERENTIABLE,
    infer: (a) => {
      const x = T(a.self);
      if (dtypeError && !isFloating(x.dtype)) throw runtimeError(dtypeError(x.dtype));
      return { shape: x.shape, dtype: x.dtype };
    },
    forward: (a: Args, spec: OutputSpec) => {
      const out = allocate(spec.dtype, T(a.self).numel());
      sampling(() => fill(generatorArg(a, name.slice(1) + '_'), out, spec.dtype, a));
      return Tensor.fromData(toLogicalOrder(out, drawOrder(T(a.self))), spec.shape, spec.dtype);
    },
  };
}

export const exponentialBody = samplerBody(
  '_exponential',
  '_exponential(Tensor self, float lambd=1, *, Generator? generator=None) -> Tensor',
  (dtype) => `Exponential distribution is a continuous probability distribution. dtype must be a floating point but you specified ${legacyTypeName(dtype)}`,
  (gen, out, _dtype, a) => exponentialFill(gen, out as Float32Array | Float64Array, Number(a.lambd)),
);

export const geometricBody = samplerBody(
  '_geometric',
  '_geometric(Tensor self, float p, *, Generator? generator=None) -> Tensor',
  null,
  (gen, out, dtype, a) => {
    if (dtype === 'bool') throw runtimeError(`"geometric_cpu" not implemented for 'Bool'`);
    geometricFill(gen, out, Number(a.p));
  },
);

/** random_(), random_(to) and random_(from, to) in one signature, as PyTorch's three overloads. */
export const randomBody = samplerBody(
  '_random',
  '_random(Tensor self, int? from=None, int? to=None, *, Generator? generator=None) -> Tensor',
  null,
  (gen, out, dtype, a) => {
    const first = a.from as number | null;
    const second = a.to as number | null;
    if (first === null && second === null) {
      randomBitsFill(gen, out, dtype);
      return;
    }
    const [low, high] = second === null ? [0, first as number] : [first ?? 0, second];
    if (out instanceof Float64Array || out instanceof Int32Array) {
      randintFill(gen, out, low, high);
      return;
    }
    const staged = new Float64Array(out.length);
    randintFill(gen, staged, low, high);
    out.set(staged);
  },
);

const MAX_CATEGORIES = 2 ** 24;

export const multinomialOp: OpDef = {
  name: 'multinomial',
  signature: 'multinomial(Tensor self, int num_samples, bool replacement=False, *, Generator? generator=None) -> Tensor',
  method: true,
  function: true,
  display: { symbol: 'multinomial', formula: 'not differentiable' },
  infer: (a) => {
    const self = T(a.self);
    const numSamples = a.num_samples as number;
    if (self.dim() < 1 || self.dim() > 2) throw runtimeError('prob_dist must be 1 or 2 dim');
    if (!isFloating(self.dtype)) {
      throw runtimeError(`multinomial only supports floating-point dtypes for input, got: ${legacyTypeName(self.dtype)}`);
    }
    if (!(numSamples > 0)) throw runtimeError('cannot sample n_sample <= 0 samples');
    const categories = self.shape[self.dim() - 1];
    if (!a.replacement && numSamples > categories) {
      throw runtimeError('cannot sample n_sample > prob_dist.size(-1) samples without replacement');
    }
    if (categories > MAX_CATEGORIES) throw runtimeError('number of categories cannot exceed 2^24');
    return { shape: self.dim() === 1 ? [numSamples] : [self.shape[0], numSamples], dtype: 'int64' };
  },
  forward: (a: Args, spec: OutputSpec) => {
    const self = T(a.self);
    const numSamples = a.num_samples as number;
    const replacement = a.replacement as boolean;
    const categories = self.shape[self.dim() - 1];
    const rows = self.dim() === 2 ? self.shape[0] : 1;
    if (rows * numSamples === 0) return Tensor.fromData(new Float64Array(0), spec.shape, 'int64');
    const probs = self.contiguousValues() as Float32Array | Float64Array;
    const gen = generatorArg(a, 'multinomial');
    if (!usesExponentialTrick(numSamples, replacement)) {
      const out = allocate('int64', rows * numSamples) as Float64Array;
      const samples = sampling(() => sampleWithReplacement(gen, probs, rows, categories, numSamples, out));
      return Tensor.fromData(samples, spec.shape, 'int64');
    }
    sampling(() => checkExponentialRoute(probs, rows, categories));
    const keys = exponentialKeys(gen, probs);
    if (numSamples === 1) return Tensor.fromData(rowArgmax(keys, rows, categories), spec.shape, 'int64');
    const keyTensor = Tensor.fromData(keys, self.shape, self.dtype);
    return (callOp('topk', keyTensor, numSamples) as Tensor[])[1];
  },
};

/** Out-of-place bodies whose in-place variants (`exponential_`, ...) the table derives. */
export const samplerBodies: readonly [OpDef, string][] = [
  [exponentialBody, 'exponential_'],
  [geometricBody, 'geometric_'],
  [randomBody, 'random_'],
];

/**
 * `torch.bernoulli(p)` / `p.bernoulli()`: one draw per element of the probability tensor, in its
 * dtype. float32 probabilities compare a 24-bit uniform (`bernoulli_distribution<float>`), float64
 * ones a 53-bit uniform.
 */
export const bernoulliProbsOp: OpDef = {
  name: 'bernoulli',
  signature: 'bernoulli(Tensor self, *, Generator? generator=None) -> Tensor',
  method: true,
  function: false,
  display: NOT_DIFFERENTIABLE,
  infer: (a) => {
    const self = T(a.self);
    if (!isFloating(self.dtype)) throw runtimeError(`"bernoulli_tensor_cpu_p_" not implemented for '${legacyTypeName(self.dtype)}'`);
    return { shape: self.shape, dtype: self.dtype };
  },
  forward: (a: Args, spec: OutputSpec) => {
    const probs = T(a.self).contiguousValues() as Float32Array | Float64Array;
    for (let i = 0; i < probs.length; i++) {
      if (!(probs[i] >= 0 && probs[i] <= 1)) {
        throw runtimeError(
          'Expected p_in >= 0 && p_in <= 1 to be true, but got false.  (Could this error message be improved?  If so, please report an enhancement request to PyTorch.)',
        );
      }
    }
    const gen = generatorArg(a, 'bernoulli');
    const out = allocate(spec.dtype, probs.length) as Float32Array | Float64Array;
    if (probs instanceof Float32Array) for (let i = 0; i < probs.length; i++) out[i] = gen.uniformFloat() < probs[i] ? 1 : 0;
    else for (let i = 0; i < probs.length; i++) out[i] = gen.uniformDouble() < probs[i] ? 1 : 0;
    return Tensor.fromData(out, spec.shape, spec.dtype);
  },
};
