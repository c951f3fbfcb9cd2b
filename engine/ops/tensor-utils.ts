/** Small tensor-building helpers shared by op forwards (no autograd here). */
import { allocate, castScalar, isFloating, isIntegral, type DType, type NumericArray } from '../dtype.ts';
import { kernels } from '../kernels/index.ts';
import type { StridedView } from '../kernels/types.ts';
import { broadcastStrides, creationNumel, type Shape } from '../shape.ts';
import { Tensor } from '../tensor.ts';

/** A Python scalar as PyTorch's "wrapped number" 0-d tensor (bool, int64 or float64). */
export function wrapScalar(v: number | boolean): Tensor {
  const dtype: DType = typeof v === 'boolean' ? 'bool' : Number.isInteger(v) ? 'int64' : 'float64';
  return scalarTensor(v, dtype);
}

/** A 0-d wrapped-number tensor of the given dtype. */
export function scalarTensor(value: number | boolean, dtype: DType): Tensor {
  const data = allocate(dtype, 1);
  data[0] = castScalar(Number(value), dtype);
  const t = Tensor.fromData(data, [], dtype);
  t.isWrappedNumber = true;
  return t;
}

/** Contiguous values of t converted to `dtype` (bool conversion means "nonzero"). */
export function castInto(t: Tensor, dtype: DType): NumericArray {
  const out = allocate(dtype, t.numel());
  if (dtype === 'bool' && t.dtype !== 'bool') kernels().unary('notZero', t, out, 0, 0);
  else if (isIntegral(dtype) && isFloating(t.dtype)) {
    const src = t.contiguousValues();
    for (let i = 0; i < out.length; i++) out[i] = Math.trunc(src[i]);
  } else kernels().copy(t, out);
  return out;
}

/** t itself when already of `dtype`, else a converted contiguous copy. */
export function asDtype(t: Tensor, dtype: DType): Tensor {
  if (t.dtype === dtype) return t;
  const c = Tensor.fromData(castInto(t, dtype), t.shape, dtype);
  c.isWrappedNumber = t.isWrappedNumber;
  return c;
}

/** t read as if broadcast to `shape` (zero strides on broadcast dims), without copying. */
export function broadcastView(t: Tensor, shape: Shape): StridedView {
  return { data: t.data, shape, strides: broadcastStrides(t.shape, t.strides, shape), offset: t.offset };
}

export function filled(shape: Shape, dtype: DType, value: number): Tensor {
  const data = allocate(dtype, creationNumel(shape));
  const v = castScalar(value, dtype);
  if (v !== 0) data.fill(v);
  return Tensor.fromData(data, shape, dtype);
}

/** A view of t's storage with new geometry; views remember the storage owner as their base. */
export function makeView(t: Tensor, shape: Shape, strides: Shape, offset: number): Tensor {
  const v = new Tensor(t.storage, [...shape], [...strides], offset, t.dtype);
  v.base = t.base ?? t;
  return v;
}

/** A contiguous copy of t (same dtype). */
export function contiguousCopy(t: Tensor): Tensor {
  const out = allocate(t.dtype, t.numel());
  kernels().copy(t, out);
  return Tensor.fromData(out, t.shape, t.dtype);
}
