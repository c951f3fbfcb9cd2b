/** pow: tensor^scalar (PowBackward0), tensor^tensor (PowBackward1), scalar^tensor (PowBackward2). */
import type { Tensor } from '../tensor.ts';
import { binaryForward, inferBinary, unaryForward } from './elementwise.ts';
import { eq, ge, log, logicalAnd, mul, pow, sumToSize, where, zerosLike } from './functional.ts';
import { asDtype } from './tensor-utils.ts';
import { defineOp, type ParamsArgs } from './types.ts';
import { c, program, self, positive } from './gradcheck-case.ts';
import { callOp } from './dispatch.ts';
import { sumTangents } from './jvp-rules.ts';

type PowForm = 'tensorScalar' | 'tensorTensor' | 'scalarTensor';

function form(a: ParamsArgs<'Tensor self, Tensor exponent'>): PowForm {
  if (a.exponent.isWrappedNumber) return 'tensorScalar';
  if (a.self.isWrappedNumber) return 'scalarTensor';
  return 'tensorTensor';
}

/** d(b^e)/de = b^e · ln b, defined as 0 where b = 0 and e ≥ 0 (PyTorch's convention). */
function exponentGrad(g: Tensor, base: Tensor, exponent: Tensor, result: Tensor): Tensor {
  const raw = mul(g, mul(result, log(base)));
  return where(logicalAnd(eq(base, 0), ge(exponent, 0)), 0, raw);
}

export const powOp = defineOp({
  name: 'pow',
  signature: 'pow(Tensor self, Tensor exponent) -> Tensor',
  method: true,
  function: true,
  display: { symbol: 'xⁿ', formula: '∂(aⁿ)/∂a = n·aⁿ⁻¹, ∂(aⁿ)/∂n = aⁿ·ln a' },
  gradFn: (a) => ({ tensorScalar: 'PowBackward0', tensorTensor: 'PowBackward1', scalarTensor: 'PowBackward2' })[form(a)],
  inputs: (a) => ({ tensorScalar: ['self'], tensorTensor: ['self', 'exponent'], scalarTensor: ['exponent'] })[form(a)],
  infer: (a) => inferBinary(a.self, a.exponent, 'arith'),
  forward: (a, spec) => {
    const self = a.self;
    const exponent = a.exponent;
    switch (form(a)) {
      case 'tensorScalar':
        return unaryForward('powScalar', asDtype(self, spec.dtype), spec.dtype, Number(asDtype(exponent, spec.dtype).item()));
      case 'scalarTensor':
        return unaryForward('scalarPow', asDtype(exponent, spec.dtype), spec.dtype, Number(asDtype(self, spec.dtype).item()));
      case 'tensorTensor':
        return binaryForward('pow', self, exponent, spec.shape, spec.dtype, spec.dtype);
    }
  },
  save: (a, out) => ({ self: a.self, exponent: a.exponent, result: out }),
  jvp: (a, ctx) => {
    // PyTorch's pow_backward(self_t, self, exponent) + pow_backward_exponent(exponent_t, ...).
    const ts = ctx.tangent('self'),
      te = ctx.tangent('exponent');
    const f = form(a);
    const selfPart = (): Tensor | null => {
      if (!ts) return null;
      if (f === 'tensorScalar') {
        const n = Number(a.exponent.item());
        return n === 0 ? null : mul(ts, mul(pow(a.self, n - 1), n));
      }
      return where(eq(a.exponent, 0), 0, mul(ts, mul(a.exponent, pow(a.self, sub1(a.exponent)))));
    };
    const exponentPart = (): Tensor | null => (te ? exponentGrad(te, a.self, a.exponent, ctx.result) : null);
    return sumTangents(f === 'scalarTensor' ? null : selfPart(), f === 'tensorScalar' ? null : exponentPart());
  },
  backward: (ctx, g) => {
    const self = ctx.saved('self');
    const exponent = ctx.saved('exponent');
    const selfGrad = (): Tensor => {
      // n·aⁿ⁻¹, with n = 0 giving zeros rather than 0·a⁻¹ = NaN at a = 0 (PyTorch's pow_backward).
      if (exponent.isWrappedNumber) {
        const n = Number(exponent.item());
        return n === 0 ? zerosLike(g) : mul(g, mul(pow(self, n - 1), n));
      }
      const local = mul(exponent, pow(self, sub1(exponent)));
      return sumToSize(where(eq(exponent, 0), 0, mul(g, local)), ctx.meta('self').shape);
    };
    if (!ctx.hasInput('exponent')) return [ctx.needsInputGrad(0) ? selfGrad() : null];
    const result = ctx.saved('result');
    const expGrad = (i: number): Tensor | null =>
      ctx.needsInputGrad(i) ? sumToSize(exponentGrad(g, self, exponent, result), ctx.meta('exponent').shape) : null;
    if (!ctx.hasInput('self')) return [expGrad(0)];
    return [ctx.needsInputGrad(0) ? selfGrad() : null, expGrad(1)];
  },
  gradcheck: [
    c([[2, 3], [3]], self(), { range: positive }),
    program('pow tensor^scalar', [[4]], ([x]) => x.pow(3)),
    program('pow tensor^fractional', [[4]], ([x]) => x.pow(1.5), { range: [0.5, 2] }),
    c([[2, 3], [3]], self(), { label: 'pow tensor^tensor', range: [0.5, 2] }),
    program('pow scalar^tensor', [[4]], ([x]) => callOp('pow', 2.5, x) as Tensor),
  ],
});

function sub1(t: Tensor): Tensor {
  return t.sub(1);
}
