/**
 * 1 − y² for float32 tanh_backward, rounded once. ATen's tanh_backward kernel computes
 * `a * (1 - b * b)` with -mfma, and GCC fuses `1 - b * b` into one fnmadd; only the product with the
 * gradient rounds again. Rounding y² first changes the last bit of some gradients.
 */
import { fma32 } from '../kernels/fma32.ts';
import { Tensor } from '../tensor.ts';

export function oneMinusSquareFused(y: Tensor): Tensor {
  const v = y.contiguousValues();
  const out = new Float32Array(v.length);
  for (let i = 0; i < v.length; i++) {
    const b = v[i]!;
    out[i] = fma32(-b, b, 1);
  }
  return Tensor.fromData(out, y.shape, 'float32');
}
