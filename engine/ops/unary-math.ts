/** exp, log, sqrt, tanh, sigmoid, relu, abs, sign: one-input elementwise functions. */
import type { Tensor } from '../tensor.ts';
import { sigmoidBackward, tanhBackward, thresholdBackward } from './activation-backward.ts';
import { unaryOp } from './elementwise.ts';
import { div, mul, sign, zerosLike } from './functional.ts';
import type { OpDef } from './types.ts';

const T = (v: unknown): Tensor => v as Tensor;

function unary(
  name: string,
  gradFn: string,
  symbol: string,
  formula: string,
  floatResult: boolean,
  save: 'self' | 'result' | null,
  backward: ((saved: Tensor, g: Tensor) => Tensor) | null,
): OpDef {
  const kernel = unaryOp(name as Parameters<typeof unaryOp>[0], floatResult);
  return {
    name,
    signature: `${name}(Tensor self) -> Tensor`,
    method: true,
    function: true,
    display: { symbol, formula },
    gradFn,
    ...kernel,
    ...(save ? { save: (a, out) => ({ x: save === 'self' ? T(a.self) : out }) } : {}),
    ...(backward ? { backward: (ctx, g) => [backward(save ? ctx.saved('x') : g, g)] } : {}),
  };
}

export const expOp = unary('exp', 'ExpBackward0', 'exp', '∂eᵃ/∂a = eᵃ', true, 'result', (r, g) => mul(g, r));
export const logOp = unary('log', 'LogBackward0', 'ln', '∂ln a/∂a = 1/a', true, 'self', (x, g) => div(g, x));
export const sqrtOp = unary('sqrt', 'SqrtBackward0', '√', '∂√a/∂a = 1/(2√a)', true, 'result', (r, g) => div(g, mul(r, 2)));
export const tanhOp = unary('tanh', 'TanhBackward0', 'tanh', '∂tanh a/∂a = 1 − tanh²a', true, 'result', (r, g) => tanhBackward(g, r));
export const sigmoidOp = unary('sigmoid', 'SigmoidBackward0', 'σ', '∂σ(a)/∂a = σ(a)(1 − σ(a))', true, 'result', (r, g) => sigmoidBackward(g, r));
export const reluOp = unary('relu', 'ReluBackward0', 'ReLU', '∂relu(a)/∂a = 1 if a > 0 else 0', false, 'result', (r, g) => thresholdBackward(g, r, 0));
export const absOp = unary('abs', 'AbsBackward0', '|a|', '∂|a|/∂a = sign(a)', false, 'self', (x, g) => mul(g, sign(x)));
export const signOp = unary('sign', 'SignBackward0', 'sgn', '∂sign(a)/∂a = 0', false, null, (g) => zerosLike(g));
