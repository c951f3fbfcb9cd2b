/**
 * 1 − y² for float32 tanh_backward, rounded once. ATen's tanh_backward kernel computes
 * `a * (1 - b * b)` with -mfma, and GCC fuses `1 - b * b` into one fnmadd; only the product with the
 * gradient rounds again. Rounding y² first changes the last bit of some gradients.
 */
import { kernels } from '../kernels/index.ts';
import { Tensor } from '../tensor.ts';

export function oneMinusSquareFused(y: Tensor): Tensor {
  const out = new Float32Array(y.numel());
  kernels().unary('oneMinusSquare', y, out, 0, 0);
  return Tensor.fromData(out, y.shape, 'float32');
}
