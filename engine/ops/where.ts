/** where(cond, a, b) and masked_fill: choose elements by a bool mask. */
import { allocate, legacyTypeName, resultType } from '../dtype.ts';
import { runtimeError } from '../errors.ts';
import { kernels } from '../kernels/index.ts';
import { broadcastAll, numelOf } from '../shape.ts';
import { Tensor } from '../tensor.ts';
import { sum, sumToSize, where } from './functional.ts';
import { asDtype, broadcastView } from './tensor-utils.ts';
import { defineOp } from './types.ts';
import { c, program, bool } from './gradcheck-case.ts';
import { callOp } from './dispatch.ts';

function whereForward(cond: Tensor, a: Tensor, b: Tensor, shape: readonly number[], dtype: Tensor['dtype']): Tensor {
  const out = allocate(dtype, numelOf(shape));
  kernels().where(broadcastView(cond, shape), broadcastView(asDtype(a, dtype), shape), broadcastView(asDtype(b, dtype), shape), out);
  return Tensor.fromData(out, shape, dtype);
}

export const whereOp = defineOp({
  name: 'where',
  signature: 'where(Tensor condition, Tensor self, Tensor other) -> Tensor',
  method: true,
  function: true,
  display: { symbol: '?:', formula: '∂/∂a = 1 where cond, ∂/∂b = 1 elsewhere' },
  gradFn: 'WhereBackward0',
  inputs: ['self', 'other'],
  infer: (a) => {
    const cond = a.condition;
    if (cond.dtype !== 'bool') {
      throw runtimeError(`where expected condition to be a boolean tensor, but got a tensor with dtype ${legacyTypeName(cond.dtype)}`);
    }
    return { shape: broadcastAll([cond.shape, a.self.shape, a.other.shape]), dtype: resultType([a.self, a.other]) };
  },
  forward: (a, spec) => whereForward(a.condition, a.self, a.other, spec.shape, spec.dtype),
  save: (a) => ({ condition: a.condition }),
  backward: (ctx, g) => {
    const cond = ctx.saved('condition');
    return [
      ctx.needsInputGrad(0) ? sumToSize(where(cond, g, 0), ctx.meta('self').shape) : null,
      ctx.needsInputGrad(1) ? sumToSize(where(cond, 0, g), ctx.meta('other').shape) : null,
    ];
  },
  gradcheck: [
    c([[2, 3], [3]], (xs) => [bool([1, 0, 1, 0, 0, 1], [2, 3]), ...xs]),
    program('where', [[2, 3], [3]], ([a, b]) => callOp('where', callOp('gt', a, 0), a, b) as Tensor),
  ],
});

export const maskedFillOp = defineOp({
  name: 'masked_fill',
  signature: 'masked_fill(Tensor self, Tensor mask, Tensor value) -> Tensor',
  method: true,
  function: true,
  display: { symbol: 'fill', formula: '∂/∂a = 0 where mask else 1' },
  gradFn: (a) => (a.value.isWrappedNumber ? 'MaskedFillBackward0' : 'MaskedFillBackward1'),
  inputs: (a) => (a.value.isWrappedNumber ? ['self'] : ['self', 'value']),
  infer: (a) => {
    const self = a.self,
      mask = a.mask,
      value = a.value;
    if (mask.dtype !== 'bool') {
      throw runtimeError(`masked_fill_ only supports boolean masks, but got mask with dtype ${legacyTypeName(mask.dtype)}`);
    }
    if (value.dim() !== 0) {
      throw runtimeError(`masked_fill_ only supports a 0-dimensional value tensor, but got tensor with ${value.dim()} dimension(s).`);
    }
    return { shape: broadcastAll([self.shape, mask.shape]), dtype: self.dtype };
  },
  forward: (a, spec) => whereForward(a.mask, a.value, a.self, spec.shape, spec.dtype),
  save: (a) => ({ mask: a.mask }),
  backward: (ctx, g) => {
    const mask = ctx.saved('mask');
    const gSelf = ctx.needsInputGrad(0) ? sumToSize(where(mask, 0, g), ctx.meta('self').shape) : null;
    if (!ctx.hasInput('value')) return [gSelf];
    return [gSelf, ctx.needsInputGrad(1) ? sum(where(mask, g, 0)) : null];
  },
  gradcheck: [
    c([[2, 3]], (xs) => [xs[0], bool([1, 0, 1, 0, 0, 1], [2, 3]), 0.25]),
    program('masked_fill', [[2, 3]], ([a]) => a.maskedFill(callOp('gt', a, 0.5) as Tensor, 0)),
  ],
});
