/** In-place random fills (uniform_, normal_, bernoulli_) drawing from the PyTorch-exact generator. */
import { allocate, isFloating, legacyTypeName } from '../dtype.ts';
import { runtimeError } from '../errors.ts';
import { bernoulliFill, normalFill, uniformFill } from '../random/index.ts';
import { Tensor } from '../tensor.ts';
import { drawOrder, toLogicalOrder } from './draw-order.ts';
import { generatorArg } from './generator-arg.ts';
import type { Args, OpDef, OutputSpec, SelfArgs } from './types.ts';

/** `self` plus the fill's float parameters (read with Number). */
type RandomArgs = SelfArgs & Args;

function randomBody(name: string, signature: string, fill: (out: Float32Array | Float64Array, a: RandomArgs) => void): OpDef<RandomArgs> {
  return {
    name,
    signature,
    method: false,
    function: false,
    display: { symbol: 'rand', formula: 'not differentiable' },
    infer: (a) => {
      const x = a.self;
      if (!isFloating(x.dtype)) throw runtimeError(`"${name.slice(1)}_kernel_cpu" not implemented for '${legacyTypeName(x.dtype)}'`);
      return { shape: x.shape, dtype: x.dtype };
    },
    forward: (a: RandomArgs, spec: OutputSpec) => {
      const out = allocate(spec.dtype, a.self.numel()) as Float32Array | Float64Array;
      fill(out, a);
      return Tensor.fromData(toLogicalOrder(out, drawOrder(a.self)), spec.shape, spec.dtype);
    },
  };
}

export const uniformBody = randomBody('_uniform', '_uniform(Tensor self, float from=0, float to=1, *, Generator? generator=None) -> Tensor', (out, a) =>
  uniformFill(generatorArg(a, 'uniform_'), out, Number(a.from), Number(a.to)),
);
export const normalBody = randomBody('_normal', '_normal(Tensor self, float mean=0, float std=1, *, Generator? generator=None) -> Tensor', (out, a) =>
  // A non-contiguous self takes PyTorch's element-by-element path whatever its size.
  normalFill(generatorArg(a, 'normal_'), out, Number(a.mean), Number(a.std), a.self.isContiguous()),
);
export const bernoulliBody = randomBody('_bernoulli', '_bernoulli(Tensor self, float p=0.5, *, Generator? generator=None) -> Tensor', (out, a) =>
  bernoulliFill(generatorArg(a, 'bernoulli_'), out, Number(a.p)),
);
