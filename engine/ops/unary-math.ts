/** exp, log, sqrt, tanh, sigmoid, relu, abs, sign: one-input elementwise functions. */
import { sigmoidBackward, tanhBackward, thresholdBackward } from './activation-backward.ts';
import { unary } from './elementwise.ts';
import { div, mul, sign, zerosLike } from './functional.ts';

export const expOp = unary('exp', 'ExpBackward0', { symbol: 'exp', formula: '∂eᵃ/∂a = eᵃ' }, 'float', 'result', (r, g) => mul(g, r));
export const logOp = unary('log', 'LogBackward0', { symbol: 'ln', formula: '∂ln a/∂a = 1/a' }, 'float', 'self', (x, g) => div(g, x));
export const sqrtOp = unary('sqrt', 'SqrtBackward0', { symbol: '√', formula: '∂√a/∂a = 1/(2√a)' }, 'float', 'result', (r, g) => div(g, mul(r, 2)));
export const tanhOp = unary('tanh', 'TanhBackward0', { symbol: 'tanh', formula: '∂tanh a/∂a = 1 − tanh²a' }, 'float', 'result', (r, g) => tanhBackward(g, r));
export const sigmoidOp = unary('sigmoid', 'SigmoidBackward0', { symbol: 'σ', formula: '∂σ(a)/∂a = σ(a)(1 − σ(a))' }, 'float', 'result', (r, g) => sigmoidBackward(g, r));
export const reluOp = unary('relu', 'ReluBackward0', { symbol: 'ReLU', formula: '∂relu(a)/∂a = 1 if a > 0 else 0' }, 'same', 'result', (r, g) => thresholdBackward(g, r, 0));
export const absOp = unary('abs', 'AbsBackward0', { symbol: '|a|', formula: '∂|a|/∂a = sign(a)' }, 'same', 'self', (x, g) => mul(g, sign(x)));
export const signOp = unary('sign', 'SignBackward0', { symbol: 'sgn', formula: '∂sign(a)/∂a = 0' }, 'same', null, (g) => zerosLike(g));
