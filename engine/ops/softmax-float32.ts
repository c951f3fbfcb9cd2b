/**
 * float32 softmax / log_softmax (forward and backward) through the kernels that round as
 * PyTorch 1.13's CPU kernels do (engine/kernels/sleef/softmax.ts). Other dtypes keep the
 * composite in nn.ts.
 */
import {
  logSoftmaxBackwardLastDimF32,
  logSoftmaxLastDimF32,
  softmaxBackwardLastDimF32,
  softmaxBackwardMiddleDimF32,
  softmaxLastDimF32,
  softmaxMiddleDimF32,
} from '../kernels/sleef/softmax.ts';
import { Tensor } from '../tensor.ts';

function blocks(shape: readonly number[], dim: number): { outer: number; size: number; inner: number } {
  let outer = 1,
    inner = 1;
  for (let i = 0; i < dim; i++) outer *= shape[i]!;
  for (let i = dim + 1; i < shape.length; i++) inner *= shape[i]!;
  return { outer, size: shape[dim]!, inner };
}

/** softmax or log_softmax of a float32 tensor (at least 1-d) along `dim`. */
export function softmaxFloat32(x: Tensor, dim: number, isLog: boolean): Tensor {
  const values = x.contiguousValues() as Float32Array;
  const out = new Float32Array(values.length);
  const { outer, size, inner } = blocks(x.shape, dim);
  if (dim === x.dim() - 1) (isLog ? logSoftmaxLastDimF32 : softmaxLastDimF32)(values, 0, out, outer, size);
  else softmaxMiddleDimF32(values, 0, out, outer, size, inner, isLog);
  return Tensor.fromData(out, x.shape, 'float32');
}

/** The backward of float32 softmax/log_softmax along `dim`, given its output y; null for other dtypes. */
export function softmaxBackwardFloat32(g: Tensor, y: Tensor, dim: number, isLog: boolean): Tensor | null {
  if (g.dtype !== 'float32' || y.dtype !== 'float32') return null;
  const gv = g.contiguousValues() as Float32Array;
  const yv = y.contiguousValues() as Float32Array;
  const out = new Float32Array(yv.length);
  const { outer, size, inner } = blocks(y.shape, dim);
  if (dim === y.dim() - 1) (isLog ? logSoftmaxBackwardLastDimF32 : softmaxBackwardLastDimF32)(gv, yv, out, outer, size);
  else softmaxBackwardMiddleDimF32(gv, yv, out, outer, size, inner, isLog);
  return Tensor.fromData(out, y.shape, 'float32');
}
