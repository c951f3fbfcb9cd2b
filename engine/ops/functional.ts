/**
 * Typed shorthands over callOp, for writing backward rules with engine ops (so a backward is
 * itself recorded under create_graph) and for the engine's own composites.
 */
import type { DType } from '../dtype.ts';
import { isExpandableTo, sameShape, type Shape } from '../shape.ts';
import type { Tensor, TensorLike } from '../tensor.ts';
import { callOp } from './dispatch.ts';

const op = (name: string, ...args: unknown[]): Tensor => callOp(name, ...args) as Tensor;

export const add = (a: TensorLike, b: TensorLike, alpha?: number): Tensor => op('add', a, b, alpha);
export const sub = (a: TensorLike, b: TensorLike, alpha?: number): Tensor => op('sub', a, b, alpha);
export const mul = (a: TensorLike, b: TensorLike): Tensor => op('mul', a, b);
export const div = (a: TensorLike, b: TensorLike): Tensor => op('div', a, b);
export const neg = (a: Tensor): Tensor => op('neg', a);
export const pow = (a: TensorLike, b: TensorLike): Tensor => op('pow', a, b);
export const exp = (a: Tensor): Tensor => op('exp', a);
export const log = (a: Tensor): Tensor => op('log', a);
export const sqrt = (a: Tensor): Tensor => op('sqrt', a);
export const sign = (a: Tensor): Tensor => op('sign', a);
export const abs = (a: Tensor): Tensor => op('abs', a);
export const where = (c: Tensor, a: TensorLike, b: TensorLike): Tensor => op('where', c, a, b);
export const eq = (a: TensorLike, b: TensorLike): Tensor => op('eq', a, b);
export const gt = (a: TensorLike, b: TensorLike): Tensor => op('gt', a, b);
export const ge = (a: TensorLike, b: TensorLike): Tensor => op('ge', a, b);
export const lt = (a: TensorLike, b: TensorLike): Tensor => op('lt', a, b);
export const le = (a: TensorLike, b: TensorLike): Tensor => op('le', a, b);
export const logicalAnd = (a: Tensor, b: Tensor): Tensor => op('logical_and', a, b);
export const sum = (a: Tensor, dims?: readonly number[] | null, keepdim = false): Tensor => op('sum', a, dims, keepdim);
export const expand = (a: Tensor, shape: Shape): Tensor => op('expand', a, shape);
export const reshape = (a: Tensor, shape: Shape): Tensor => op('reshape', a, shape);
export const view = (a: Tensor, shape: Shape): Tensor => op('view', a, shape);
export const unsqueeze = (a: Tensor, dim: number): Tensor => op('unsqueeze', a, dim);
export const squeeze = (a: Tensor, dim: number): Tensor => op('squeeze', a, dim);
export const transpose = (a: Tensor, d0: number, d1: number): Tensor => op('transpose', a, d0, d1);
export const permute = (a: Tensor, dims: readonly number[]): Tensor => op('permute', a, dims);
export const mm = (a: Tensor, b: Tensor): Tensor => op('mm', a, b);
export const bmm = (a: Tensor, b: Tensor): Tensor => op('bmm', a, b);
export const matmul = (a: Tensor, b: Tensor): Tensor => op('matmul', a, b);
export const t = (a: Tensor): Tensor => op('t', a);
export const to = (a: Tensor, dtype: DType): Tensor => (a.dtype === dtype ? a : op('to', a, dtype));
export const zerosLike = (a: Tensor): Tensor => op('zeros_like', a);
export const onesLike = (a: Tensor): Tensor => op('ones_like', a);
export const clone = (a: Tensor): Tensor => op('clone', a);
export const maskedFill = (a: Tensor, mask: Tensor, v: TensorLike): Tensor => op('masked_fill', a, mask, v);

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
