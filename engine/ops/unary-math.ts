/** exp, log, sqrt, tanh, sigmoid, relu, abs, sign: one-input elementwise functions. */
import { sigmoidBackward, tanhBackward, thresholdBackward } from './activation-backward.ts';
import { unary } from './elementwise.ts';
import { div, mul, sign, zerosLike } from './functional.ts';
import { c, self, positive, withGradcheck } from './gradcheck-case.ts';
import { elementwiseJvp, withJvp } from './jvp-rules.ts';
import type { Tensor } from '../tensor.ts';

export const expOp = withJvp(
  withGradcheck(
    unary('exp', 'ExpBackward0', { symbol: 'exp', formula: '∂eᵃ/∂a = eᵃ' }, 'float', 'result', (r, g) => mul(g, r)),
    [c([[2, 3]], self())],
  ),
  elementwiseJvp((_, result) => result),
);
export const logOp = withJvp(
  withGradcheck(
    unary('log', 'LogBackward0', { symbol: 'ln', formula: '∂ln a/∂a = 1/a' }, 'float', 'self', (x, g) => div(g, x)),
    [c([[2, 3]], self(), { range: positive }), c([[2, 3]], self(), { range: [0.5, 3] })],
  ),
  (a, ctx) => {
    const t = ctx.tangent('self');
    return t && div(t, a.self as Tensor);
  },
);
export const sqrtOp = withGradcheck(
  unary('sqrt', 'SqrtBackward0', { symbol: '√', formula: '∂√a/∂a = 1/(2√a)' }, 'float', 'result', (r, g) => div(g, mul(r, 2))),
  [c([[2, 3]], self(), { range: positive }), c([[2, 3]], self(), { range: [0.5, 3] })],
);
export const tanhOp = withJvp(
  withGradcheck(
    unary('tanh', 'TanhBackward0', { symbol: 'tanh', formula: '∂tanh a/∂a = 1 − tanh²a' }, 'float', 'result', (r, g) => tanhBackward(g, r)),
    [c([[2, 3]], self())],
  ),
  (_, ctx) => {
    const t = ctx.tangent('self');
    return t && tanhBackward(t, ctx.result);
  },
);
export const sigmoidOp = withJvp(
  withGradcheck(
    unary('sigmoid', 'SigmoidBackward0', { symbol: 'σ', formula: '∂σ(a)/∂a = σ(a)(1 − σ(a))' }, 'float', 'result', (r, g) => sigmoidBackward(g, r)),
    [c([[2, 3]], self())],
  ),
  (_, ctx) => {
    const t = ctx.tangent('self');
    return t && sigmoidBackward(t, ctx.result);
  },
);
export const reluOp = withJvp(
  withGradcheck(
    unary('relu', 'ReluBackward0', { symbol: 'ReLU', formula: '∂relu(a)/∂a = 1 if a > 0 else 0' }, 'same', 'result', (r, g) => thresholdBackward(g, r, 0)),
    [c([[2, 3]], self())],
  ),
  (_, ctx) => {
    const t = ctx.tangent('self');
    return t && thresholdBackward(t, ctx.result, 0);
  },
);
export const absOp = withGradcheck(
  unary('abs', 'AbsBackward0', { symbol: '|a|', formula: '∂|a|/∂a = sign(a)' }, 'same', 'self', (x, g) => mul(g, sign(x))),
  [c([[2, 3]], self())],
);
export const signOp = withGradcheck(
  unary('sign', 'SignBackward0', { symbol: 'sgn', formula: '∂sign(a)/∂a = 0' }, 'same', null, (g) => zerosLike(g)),
  [c([[2, 3]], self())],
);
