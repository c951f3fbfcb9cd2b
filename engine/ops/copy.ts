/** clone, contiguous, to(dtype), detach, *_like creation, and the bodies of fill_/zero_/copy_. */
import { castScalar } from '../dtype.ts';
import { kernels } from '../kernels/index.ts';
import { allocate } from '../dtype.ts';
import { Tensor } from '../tensor.ts';
import { callOp } from './dispatch.ts';
import { sumToSize, to, zerosLike } from './functional.ts';
import { broadcastView, castInto, contiguousCopy, filled } from './tensor-utils.ts';
import { defineOp, type OpDef, type ParamsArgs, type SelfArgs } from './types.ts';
import { shapeText } from '../shape.ts';
import { runtimeError } from '../errors.ts';
import { c, program, self } from './gradcheck-case.ts';
import { sameOpOnTangent } from './jvp-rules.ts';

const same = (a: SelfArgs) => ({ shape: a.self.shape, dtype: a.self.dtype });

export const cloneOp = defineOp({
  name: 'clone',
  jvp: sameOpOnTangent('clone'),
  signature: 'clone(Tensor self) -> Tensor',
  method: true,
  function: true,
  display: { symbol: 'copy', formula: '∂copy(a)/∂a = 1' },
  gradFn: 'CloneBackward0',
  infer: same,
  forward: (a) => contiguousCopy(a.self),
  backward: (_ctx, g) => [g],
  gradcheck: [c([[2, 3]], self()), program('clone', [[3]], ([x]) => x.clone().pow(2))],
});

export const contiguousOp = defineOp({
  name: 'contiguous',
  jvp: sameOpOnTangent('contiguous'),
  signature: 'contiguous(Tensor self) -> Tensor',
  method: true,
  function: false,
  display: { symbol: 'copy', formula: '∂copy(a)/∂a = 1' },
  composite: (a) => (a.self.isContiguous() ? a.self : (callOp('clone', a.self) as Tensor)),
  gradcheck: [c([[2, 3]], self())],
});

export const toCopyOp = defineOp({
  name: '_to_copy',
  signature: '_to_copy(Tensor self, *, ScalarType? dtype=None) -> Tensor',
  method: false,
  function: false,
  display: { symbol: 'cast', formula: 'gradient cast back to the input dtype' },
  gradFn: 'ToCopyBackward0',
  infer: (a) => ({ shape: a.self.shape, dtype: a.dtype ?? a.self.dtype }),
  forward: (a, spec) => Tensor.fromData(castInto(a.self, spec.dtype), spec.shape, spec.dtype),
  backward: (ctx, g) => [to(g, ctx.meta('self').dtype)],
  gradcheck: [c([[2, 3]], self('float64'))],
});

/** to(dtype): returns self when nothing changes, as PyTorch does. */
export const toOp = defineOp({
  name: 'to',
  jvp: sameOpOnTangent('to'),
  signature: 'to(Tensor self, ScalarType dtype) -> Tensor',
  method: true,
  function: false,
  display: { symbol: 'cast', formula: 'gradient cast back to the input dtype' },
  composite: (a) => (a.self.dtype === a.dtype ? a.self : (callOp('_to_copy', a.self, a.dtype) as Tensor)),
  gradcheck: [c([[2, 3]], self('float64'))],
});

export const detachOp = defineOp({
  name: 'detach',
  signature: 'detach(Tensor self) -> Tensor',
  method: true,
  function: true,
  display: { symbol: 'detach', formula: 'no gradient flows' },
  composite: (a) => a.self.detach(),
});

function likeOp(name: string, value: number): OpDef<ParamsArgs<'Tensor self, *, ScalarType? dtype=None'>> {
  return {
    name,
    signature: `${name}(Tensor self, *, ScalarType? dtype=None) -> Tensor`,
    method: false,
    function: true,
    display: { symbol: String(value), formula: 'constant' },
    infer: (a) => ({ shape: a.self.shape, dtype: a.dtype ?? a.self.dtype }),
    forward: (_a, spec) => filled(spec.shape, spec.dtype, value),
  };
}
export const zerosLikeOp = likeOp('zeros_like', 0);
export const onesLikeOp = likeOp('ones_like', 1);

export const fullLikeOp = defineOp({
  name: 'full_like',
  signature: 'full_like(Tensor self, Scalar fill_value, *, ScalarType? dtype=None) -> Tensor',
  method: false,
  function: true,
  display: { symbol: 'c', formula: 'constant' },
  infer: (a) => ({ shape: a.self.shape, dtype: a.dtype ?? a.self.dtype }),
  forward: (a, spec) => filled(spec.shape, spec.dtype, Number(a.fill_value)),
});

/** The out-of-place body of fill_: self's shape and dtype, every element `value`. */
export const fillOp = defineOp({
  name: 'fill',
  signature: 'fill(Tensor self, Scalar value) -> Tensor',
  method: false,
  function: true,
  display: { symbol: 'fill', formula: '∂/∂a = 0' },
  gradFn: 'FillBackward0',
  infer: same,
  forward: (a, spec) => filled(spec.shape, spec.dtype, castScalar(Number(a.value), spec.dtype)),
  backward: (_ctx, g) => [zerosLike(g)],
  gradcheck: [c([[2, 3]], self(0.5))],
});

export const zeroOp = defineOp({
  name: 'zero',
  signature: 'zero(Tensor self) -> Tensor',
  method: false,
  function: false,
  display: { symbol: '0', formula: '∂/∂a = 0' },
  gradFn: 'ZeroBackward0',
  infer: same,
  forward: (_a, spec) => filled(spec.shape, spec.dtype, 0),
  backward: (_ctx, g) => [zerosLike(g)],
  gradcheck: [c([[2, 3]], self())],
});

/** The out-of-place body of copy_: src broadcast to self's shape, cast to self's dtype. */
export const copyOp = defineOp({
  name: 'copy',
  signature: 'copy(Tensor self, Tensor src) -> Tensor',
  method: false,
  function: false,
  display: { symbol: '←', formula: '∂/∂self = 0, ∂/∂src = 1' },
  gradFn: 'CopyBackwards',
  infer: (a) => {
    const self = a.self,
      src = a.src;
    // src must expand to self's shape (copy_ never broadcasts self).
    const lead = self.dim() - src.dim();
    for (let i = 0; i < self.dim(); i++) {
      const s = i >= lead ? src.shape[i - lead] : 1;
      if (s !== 1 && s !== self.shape[i]) {
        throw runtimeError(
          `The expanded size of the tensor (${self.shape[i]}) must match the existing size (${s}) at non-singleton dimension ${i}.  Target sizes: ${shapeText(self.shape)}.  Tensor sizes: ${shapeText(src.shape)}`,
        );
      }
    }
    if (lead < 0) {
      throw runtimeError(
        `expand(${src.typeName()}{${shapeText(src.shape)}}, size=${shapeText(self.shape)}): the number of sizes provided (${self.dim()}) must be greater or equal to the number of dimensions in the tensor (${src.dim()})`,
      );
    }
    return same(a);
  },
  forward: (a, spec) => {
    const src = a.src;
    const staged = Tensor.fromData(castInto(src, spec.dtype), src.shape, spec.dtype);
    const out = allocate(spec.dtype, a.self.numel());
    kernels().copy(broadcastView(staged, spec.shape), out);
    return Tensor.fromData(out, spec.shape, spec.dtype);
  },
  backward: (ctx, g) => [
    ctx.needsInputGrad(0) ? zerosLike(g) : null,
    ctx.needsInputGrad(1) ? to(sumToSize(g, ctx.meta('src').shape), ctx.meta('src').dtype) : null,
  ],
  gradcheck: [c([[2, 3], [3]], self())],
});
