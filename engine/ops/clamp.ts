/** clamp(min, max): the gradient passes where the input was inside the bounds. */
import { runtimeError } from '../errors.ts';
import { unaryForward } from './elementwise.ts';
import { ge, le, logicalAnd, where } from './functional.ts';
import { defineOp } from './types.ts';
import { c, program, self } from './gradcheck-case.ts';

const bound = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

export const clampOp = defineOp({
  name: 'clamp',
  signature: 'clamp(Tensor self, Scalar? min=None, Scalar? max=None) -> Tensor',
  method: true,
  function: true,
  display: { symbol: 'clamp', formula: '∂clamp(a)/∂a = 1 if min ≤ a ≤ max else 0' },
  gradFn: (a) => {
    const lo = bound(a.min),
      hi = bound(a.max);
    return lo !== null && hi !== null ? 'ClampBackward1' : lo !== null ? 'ClampMinBackward0' : 'ClampMaxBackward0';
  },
  infer: (a) => {
    if (bound(a.min) === null && bound(a.max) === null) {
      throw runtimeError("torch.clamp: At least one of 'min' or 'max' must not be None");
    }
    const x = a.self;
    return { shape: x.shape, dtype: x.dtype };
  },
  forward: (a, spec) => unaryForward('clamp', a.self, spec.dtype, bound(a.min) ?? -Infinity, bound(a.max) ?? Infinity),
  save: (a) => ({ self: a.self }),
  backward: (ctx, g) => {
    const x = ctx.saved('self');
    const lo = bound(ctx.args.min),
      hi = bound(ctx.args.max);
    const inside = lo !== null && hi !== null ? logicalAnd(ge(x, lo), le(x, hi)) : lo !== null ? ge(x, lo) : le(x, hi!);
    return [where(inside, g, 0)];
  },
  gradcheck: [
    c([[2, 3]], self(-0.7, 0.7)),
    program('clamp min', [[6]], ([x]) => x.clamp(0.3)),
    program('clamp max', [[6]], ([x]) => x.clamp(null, 0.3)),
    program('clamp both', [[6]], ([x]) => x.clamp(-0.7, 0.7)),
  ],
});
