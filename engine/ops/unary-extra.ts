/** More one-input functions: trigonometry, rounding, log/exp variants, erf, and NaN/inf tests. */
import type { Tensor } from '../tensor.ts';
import { unary } from './elementwise.ts';
import { add, div, exp, mul, neg, pow, zerosLike } from './functional.ts';
import { callOp } from './dispatch.ts';
import { defineOp } from './types.ts';
import { c, self, positive, withGradcheck } from './gradcheck-case.ts';
import { elementwiseJvp, withJvp } from './jvp-rules.ts';

const fn = (name: string, x: Tensor): Tensor => callOp(name, x) as Tensor;

const zeroGrad = (_x: Tensor, g: Tensor): Tensor => zerosLike(g);

export const sinOp = withJvp(
  withGradcheck(
    unary('sin', 'SinBackward0', { symbol: 'sin', formula: '∂sin a/∂a = cos a' }, 'float', 'self', (x, g) => mul(g, fn('cos', x))),
    [c([[2, 3]], self())],
  ),
  elementwiseJvp((x) => fn('cos', x)),
);
export const cosOp = withJvp(
  withGradcheck(
    unary('cos', 'CosBackward0', { symbol: 'cos', formula: '∂cos a/∂a = −sin a' }, 'float', 'self', (x, g) => mul(g, neg(fn('sin', x)))),
    [c([[2, 3]], self())],
  ),
  elementwiseJvp((x) => neg(fn('sin', x))),
);
/** PyTorch's AsinBackward0: grad · (1 − x²)^(−1/2), written as `grad * (-self * self + 1).rsqrt()`. */
const asinDerivative = (x: Tensor): Tensor => fn('rsqrt', add(neg(mul(x, x)), 1));
export const asinOp = withJvp(
  withGradcheck(
    unary('asin', 'AsinBackward0', { symbol: 'asin', formula: '∂asin a/∂a = 1/√(1 − a²)' }, 'float', 'self', (x, g) => mul(g, asinDerivative(x))),
    [c([[2, 3]], self(), { range: [-0.9, 0.9] })],
  ),
  elementwiseJvp(asinDerivative),
);
export const rsqrtOp = withGradcheck(
  unary('rsqrt', 'RsqrtBackward0', { symbol: '1/√', formula: '∂a^(−1/2)/∂a = −a^(−3/2)/2' }, 'float', 'result', (r, g) => mul(g, mul(pow(r, 3), -0.5))),
  [c([[2, 3]], self(), { range: positive }), c([[4]], self(), { range: [0.5, 2] })],
);
export const log1pOp = withGradcheck(
  unary('log1p', 'Log1PBackward0', { symbol: 'ln(1+a)', formula: '∂ln(1+a)/∂a = 1/(1+a)' }, 'float', 'self', (x, g) => div(g, add(x, 1))),
  [c([[2, 3]], self(), { range: [0, 2] }), c([[4]], self(), { range: [0, 2] })],
);
export const expm1Op = withGradcheck(
  unary('expm1', 'Expm1Backward0', { symbol: 'eᵃ−1', formula: '∂(eᵃ−1)/∂a = eᵃ' }, 'float', 'result', (r, g) => mul(g, add(r, 1))),
  [c([[2, 3]], self()), c([[4]], self())],
);
export const log2Op = withGradcheck(
  unary('log2', 'Log2Backward0', { symbol: 'log₂', formula: '∂log₂a/∂a = 1/(a ln 2)' }, 'float', 'self', (x, g) => div(g, mul(x, Math.LN2))),
  [c([[2, 3]], self(), { range: positive }), c([[4]], self(), { range: [0.5, 2] })],
);
export const log10Op = withGradcheck(
  unary('log10', 'Log10Backward0', { symbol: 'log₁₀', formula: '∂log₁₀a/∂a = 1/(a ln 10)' }, 'float', 'self', (x, g) => div(g, mul(x, Math.LN10))),
  [c([[2, 3]], self(), { range: positive })],
);
export const erfOp = withGradcheck(
  unary('erf', 'ErfBackward0', { symbol: 'erf', formula: '∂erf a/∂a = 2/√π · e^(−a²)' }, 'float', 'self', (x, g) =>
    mul(g, mul(exp(neg(mul(x, x))), 2 / Math.sqrt(Math.PI))),
  ),
  [c([[2, 3]], self()), c([[4]], self())],
);
export const floorOp = withGradcheck(unary('floor', 'FloorBackward0', { symbol: '⌊a⌋', formula: '∂⌊a⌋/∂a = 0' }, 'same', null, zeroGrad), [
  c([[2, 3]], self(), { range: [0.1, 0.9] }),
]);
export const ceilOp = withGradcheck(unary('ceil', 'CeilBackward0', { symbol: '⌈a⌉', formula: '∂⌈a⌉/∂a = 0' }, 'same', null, zeroGrad), [
  c([[2, 3]], self(), { range: [0.1, 0.9] }),
]);
export const roundOp = withGradcheck(unary('round', 'RoundBackward0', { symbol: 'round', formula: '∂round(a)/∂a = 0' }, 'same', null, zeroGrad), [
  c([[2, 3]], self(), { range: [0.1, 0.4] }),
]);
export const truncOp = withGradcheck(unary('trunc', 'TruncBackward0', { symbol: 'trunc', formula: '∂trunc(a)/∂a = 0' }, 'same', null, zeroGrad), [
  c([[2, 3]], self(), { range: [0.1, 0.9] }),
]);
export const isnanOp = unary('isnan', null, { symbol: 'nan?', formula: 'not differentiable (bool result)' }, 'bool', null, null);
export const isinfOp = unary('isinf', null, { symbol: 'inf?', formula: 'not differentiable (bool result)' }, 'bool', null, null);
export const isfiniteOp = unary('isfinite', null, { symbol: 'finite?', formula: 'not differentiable (bool result)' }, 'bool', null, null);

/** square(x) is x**2 in PyTorch (PowBackward0). */
export const squareOp = defineOp({
  name: 'square',
  signature: 'square(Tensor self) -> Tensor',
  method: true,
  function: true,
  display: { symbol: 'a²', formula: '∂a²/∂a = 2a' },
  composite: (a) => pow(a.self, 2),
  gradcheck: [c([[2, 3]], self())],
});
