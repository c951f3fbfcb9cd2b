/**
 * Python-style indexing: `t[0, 1:3, None, ..., mask]`. Basic items (ints, slices, None, ...) are
 * views (SelectBackward0, SliceBackward0, UnsqueezeBackward0); tensor items gather a copy
 * (IndexBackward0). Assignment writes through a view (CopySlices) or scatters (IndexPutBackward0).
 */
import { indexError, runtimeError } from './errors.ts';
import { indexPositions } from './ops/advanced-index.ts';
import { callOp } from './ops/dispatch.ts';
import { sameShape, shapeText } from './shape.ts';
import { scalarTensor, wrapScalar } from './ops/tensor-utils.ts';
import { Tensor, type TensorLike } from './tensor.ts';

export type IndexItem =
  | { readonly kind: 'int'; readonly index: number }
  | { readonly kind: 'slice'; readonly start?: number | null; readonly stop?: number | null; readonly step?: number | null }
  | { readonly kind: 'none' }
  | { readonly kind: 'ellipsis' }
  | { readonly kind: 'tensor'; readonly tensor: Tensor };

interface Applied {
  /** The tensor after the basic (view) items. */
  readonly view: Tensor;
  /** Tensor indices by dim of `view` (null = whole dim), or null when there are none. */
  readonly indices: (Tensor | null)[] | null;
}

function consumedDims(item: IndexItem): number {
  switch (item.kind) {
    case 'int':
    case 'slice':
      return 1;
    case 'tensor':
      return item.tensor.dtype === 'bool' ? item.tensor.dim() : 1;
    default:
      return 0;
  }
}

function applyBasic(t: Tensor, items: readonly IndexItem[]): Applied {
  const consumed = items.reduce((n, it) => n + consumedDims(it), 0);
  if (t.dim() === 0 && items.some((it) => it.kind === 'slice')) throw indexError('slice() cannot be applied to a 0-dim tensor.');
  if (t.dim() === 0 && items.some((it) => it.kind === 'int')) {
    throw indexError('invalid index of a 0-dim tensor. Use `tensor.item()` in Python or `tensor.item<T>()` in C++ to convert a 0-dim tensor to a number');
  }
  if (consumed > t.dim()) throw indexError(`too many indices for tensor of dimension ${t.dim()}`);
  if (items.filter((it) => it.kind === 'ellipsis').length > 1) throw indexError("an index can only have a single ellipsis ('...')");
  let view = t;
  let dim = 0;
  const indices: (Tensor | null)[] = [];
  let hasTensor = false;
  const setIndex = (d: number, idx: Tensor): void => {
    while (indices.length < d) indices.push(null);
    indices[d] = idx;
    hasTensor = true;
  };
  for (const item of items) {
    switch (item.kind) {
      case 'int':
        view = callOp('select', view, dim, item.index) as Tensor;
        break;
      case 'slice':
        view = callOp('slice', view, dim, item.start ?? null, item.stop ?? null, item.step ?? 1) as Tensor;
        dim++;
        break;
      case 'none':
        view = callOp('unsqueeze', view, dim) as Tensor;
        dim++;
        break;
      case 'ellipsis':
        dim += t.dim() - consumed;
        break;
      case 'tensor': {
        const idx = item.tensor;
        if (idx.dtype === 'bool' && idx.dim() === 0) {
          // x[True] adds a dim of size 1; x[False] one of size 0.
          view = callOp('unsqueeze', view, dim) as Tensor;
          setIndex(dim, Tensor.fromData(Float64Array.from(idx.item() ? [0] : []), [idx.item() ? 1 : 0], 'int64'));
          dim++;
        } else {
          setIndex(dim, idx);
          dim += consumedDims(item);
        }
        break;
      }
    }
  }
  return { view, indices: hasTensor ? indices : null };
}

/** t[items] */
export function index(t: Tensor, items: readonly IndexItem[]): Tensor {
  const { view, indices } = applyBasic(t, items);
  if (!indices) return view;
  return callOp('index', view, indices) as Tensor;
}

/** t[items] = value (in place; returns t). */
export function indexPut_(t: Tensor, items: readonly IndexItem[], value: TensorLike): Tensor {
  const { view, indices } = applyBasic(t, items);
  let v = value instanceof Tensor ? value : wrapScalar(value);
  if (v.dtype !== t.dtype) {
    // Python scalars (and other dtypes) are converted to the destination dtype, as __setitem__ does.
    v = v.isWrappedNumber ? scalarTensor(Number(v.item()), t.dtype) : (callOp('to', v, t.dtype) as Tensor);
  }
  if (!indices) {
    if (!sameShape(view.shape, v.shape)) v = withoutLeadingOnes(v);
    callOp('copy_', view, v);
    return t;
  }
  v = withoutLeadingOnes(v);
  if (v.dim() > 0) checkBroadcastsTo(v, indexPositions(view.shape, indices).shape);
  callOp('index_put_', view, indices, v);
  return t;
}

/** PyTorch's setitem views the value without its leading 1-dims (slicePrefix1sSize): a [1, n] row fits an [n] slot. */
function withoutLeadingOnes(v: Tensor): Tensor {
  let lead = 0;
  while (lead < v.dim() && v.shape[lead] === 1) lead++;
  return lead === 0 ? v : (callOp('view', v, v.shape.slice(lead)) as Tensor);
}

/** index_put_ expands the value to the indexing result; it never grows the result ([2, 1] into [2] fails). */
function checkBroadcastsTo(v: Tensor, shape: readonly number[]): void {
  const offset = shape.length - v.dim();
  const fits = offset >= 0 && v.shape.every((d, i) => d === 1 || d === shape[offset + i]);
  if (!fits) {
    throw runtimeError(`shape mismatch: value tensor of shape ${shapeText(v.shape)} cannot be broadcast to indexing result of shape ${shapeText(shape)}`);
  }
}
