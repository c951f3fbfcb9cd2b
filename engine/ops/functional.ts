/**
 * Typed shorthands over callOp, for writing backward rules with engine ops (so a backward is
 * itself recorded under create_graph) and for the engine's own composites. All but `to` and
 * `sumToSize` are generated from the op table.
 */
import type { DType } from '../dtype.ts';
import { isExpandableTo, sameShape, type Shape } from '../shape.ts';
import { sum, view } from './generated/functional.ts';
import type { Tensor } from '../tensor.ts';
import { callOp } from './dispatch.ts';

// One typed shorthand per op, generated from the op table (`npm run gen:ops`).
export * from './generated/functional.ts';

/** to(dtype), returning the tensor itself when nothing changes (no node, as PyTorch). */
export const to = (a: Tensor, dtype: DType): Tensor => (a.dtype === dtype ? a : (callOp('to', a, dtype) as Tensor));

/** sum_to_size: reduce a broadcast gradient back to an input's shape (leading dims and 1-dims). */
export function sumToSize(grad: Tensor, shape: Shape): Tensor {
  if (sameShape(grad.shape, shape)) return grad;
  if (!isExpandableTo(shape, grad.shape)) {
    throw new Error(`sumToSize: [${grad.shape}] is not expandable from [${shape}]`);
  }
  const lead = grad.dim() - shape.length;
  const dims: number[] = [];
  for (let d = 0; d < grad.dim(); d++) {
    if (d < lead || (shape[d - lead] === 1 && grad.shape[d] !== 1)) dims.push(d);
  }
  const summed = dims.length > 0 ? sum(grad, dims, true) : grad;
  return sameShape(summed.shape, shape) ? summed : view(summed, shape);
}
