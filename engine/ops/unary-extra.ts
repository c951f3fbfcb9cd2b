/** More one-input functions: trigonometry, rounding, log/exp variants, erf, and NaN/inf tests. */
import type { UnaryOp } from '../kernels/types.ts';
import type { Tensor } from '../tensor.ts';
import { unaryOp } from './elementwise.ts';
import { add, div, exp, mul, neg, pow, zerosLike } from './functional.ts';
import { callOp } from './dispatch.ts';
import type { OpDef } from './types.ts';

const T = (v: unknown): Tensor => v as Tensor;
const fn = (name: string, x: Tensor): Tensor => callOp(name, x) as Tensor;

function unary(name: string, gradFn: string | null, symbol: string, formula: string, kind: 'float' | 'same' | 'bool', save: 'self' | 'result' | null, backward: ((saved: Tensor, g: Tensor) => Tensor) | null): OpDef {
  const k = unaryOp(name as UnaryOp, kind === 'float');
  return {
    name,
    signature: `${name}(Tensor self) -> Tensor`,
    method: true,
    function: true,
    display: { symbol, formula },
    ...(gradFn ? { gradFn } : {}),
    infer: kind === 'bool' ? (a) => ({ shape: T(a.self).shape, dtype: 'bool' }) : k.infer,
    forward: k.forward,
    ...(save ? { save: (a, out) => ({ x: save === 'self' ? T(a.self) : out }) } : {}),
    ...(backward ? { backward: (ctx, g) => [backward(save ? ctx.saved('x') : g, g)] } : {}),
  };
}

const zeroGrad = (_x: Tensor, g: Tensor): Tensor => zerosLike(g);

export const sinOp = unary('sin', 'SinBackward0', 'sin', '∂sin a/∂a = cos a', 'float', 'self', (x, g) => mul(g, fn('cos', x)));
export const cosOp = unary('cos', 'CosBackward0', 'cos', '∂cos a/∂a = −sin a', 'float', 'self', (x, g) => mul(g, neg(fn('sin', x))));
export const rsqrtOp = unary('rsqrt', 'RsqrtBackward0', '1/√', '∂a^(−1/2)/∂a = −a^(−3/2)/2', 'float', 'result', (r, g) =>
  mul(g, mul(pow(r, 3), -0.5)),
);
export const log1pOp = unary('log1p', 'Log1PBackward0', 'ln(1+a)', '∂ln(1+a)/∂a = 1/(1+a)', 'float', 'self', (x, g) => div(g, add(x, 1)));
export const expm1Op = unary('expm1', 'Expm1Backward0', 'eᵃ−1', '∂(eᵃ−1)/∂a = eᵃ', 'float', 'result', (r, g) => mul(g, add(r, 1)));
export const log2Op = unary('log2', 'Log2Backward0', 'log₂', '∂log₂a/∂a = 1/(a ln 2)', 'float', 'self', (x, g) => div(g, mul(x, Math.LN2)));
export const log10Op = unary('log10', 'Log10Backward0', 'log₁₀', '∂log₁₀a/∂a = 1/(a ln 10)', 'float', 'self', (x, g) => div(g, mul(x, Math.LN10)));
export const erfOp = unary('erf', 'ErfBackward0', 'erf', '∂erf a/∂a = 2/√π · e^(−a²)', 'float', 'self', (x, g) =>
  mul(g, mul(exp(neg(mul(x, x))), 2 / Math.sqrt(Math.PI))),
);
export const floorOp = unary('floor', 'FloorBackward0', '⌊a⌋', '∂⌊a⌋/∂a = 0', 'same', null, zeroGrad);
export const ceilOp = unary('ceil', 'CeilBackward0', '⌈a⌉', '∂⌈a⌉/∂a = 0', 'same', null, zeroGrad);
export const roundOp = unary('round', 'RoundBackward0', 'round', '∂round(a)/∂a = 0', 'same', null, zeroGrad);
export const truncOp = unary('trunc', 'TruncBackward0', 'trunc', '∂trunc(a)/∂a = 0', 'same', null, zeroGrad);
export const isnanOp = unary('isnan', null, 'nan?', 'not differentiable (bool result)', 'bool', null, null);
export const isinfOp = unary('isinf', null, 'inf?', 'not differentiable (bool result)', 'bool', null, null);
export const isfiniteOp = unary('isfinite', null, 'finite?', 'not differentiable (bool result)', 'bool', null, null);

/** square(x) is x**2 in PyTorch (PowBackward0). */
export const squareOp: OpDef = {
  name: 'square',
  signature: 'square(Tensor self) -> Tensor',
  method: true,
  function: true,
  display: { symbol: 'a²', formula: '∂a²/∂a = 2a' },
  composite: (a) => pow(T(a.self), 2),
};

