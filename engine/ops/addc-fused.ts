/**
 * addcmul / addcdiv in float32 and float64, rounded as ATen's CPU kernels round them. The kernels
 * compute `self + value * t1 * t2` and `self + value * t1 / t2` left to right, and GCC (-mfma)
 * fuses the final multiply-add of addcmul into one FMA; addcdiv's division cannot fuse. Computing
 * value · (t1 · t2) or value · (t1 / t2) instead moves the last bit, which optimizers (Adam,
 * RMSprop, Adagrad) then compound step after step.
 */
import { allocate, type DType } from '../dtype.ts';
import { fma32 } from '../kernels/fma32.ts';
import { fma } from '../random/fma.ts';
import { Tensor } from '../tensor.ts';
import { asDtype } from './tensor-utils.ts';

const valuesAs = (t: Tensor, shape: readonly number[], dtype: DType): ArrayLike<number> =>
  asDtype(t, dtype)
    .expand(...shape)
    .contiguousValues();

/** The result of addcmul (isMul) or addcdiv in `dtype` ('float32' or 'float64'), broadcast to `shape`. */
export function addcFused(isMul: boolean, self: Tensor, t1: Tensor, t2: Tensor, value: number, shape: readonly number[], dtype: 'float32' | 'float64'): Tensor {
  const round = dtype === 'float32' ? Math.fround : (v: number): number => v;
  const fused = dtype === 'float32' ? fma32 : fma;
  const s = valuesAs(self, shape, dtype),
    a = valuesAs(t1, shape, dtype),
    b = valuesAs(t2, shape, dtype);
  const v = round(value);
  const out = allocate(dtype, s.length);
  if (isMul) for (let i = 0; i < out.length; i++) out[i] = fused(round(v * a[i]!), b[i]!, s[i]!);
  else for (let i = 0; i < out.length; i++) out[i] = s[i]! + round(round(v * a[i]!) / b[i]!);
  return Tensor.fromData(out, shape, dtype);
}
