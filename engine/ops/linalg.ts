/** mm, mv, dot, bmm and the composite matmul (which picks one of them, as PyTorch does). */
import { allocate, legacyTypeName, type DType } from '../dtype.ts';
import { runtimeError } from '../errors.ts';
import { kernels, type StridedView } from '../kernels/index.ts';
import { broadcastShapes, numelOf } from '../shape.ts';
import { Tensor } from '../tensor.ts';
import { add, bmm, expand, mm, mul, reshape, t, transpose, unsqueeze } from './functional.ts';
import { defineOp } from './types.ts';
import { callOp } from './dispatch.ts';
import { c, self } from './gradcheck-case.ts';
import { bilinearJvp } from './jvp-rules.ts';

function checkSameDtype(a: Tensor, b: Tensor): DType {
  if (a.dtype !== b.dtype) {
    throw runtimeError(`expected scalar type ${typeWord(a.dtype)} but found ${typeWord(b.dtype)}`);
  }
  return a.dtype;
}
const typeWord = (d: DType): string => legacyTypeName(d);

/**
 * `x` as a [batch, rows, cols] view over its own storage (no copy, whatever its strides): a 2-D
 * operand gets batch stride 0; a 1-D one is a row of the left operand or a column of the right.
 */
function batchedView(x: Tensor, batch: number, rows: number, cols: number, isLeft: boolean): StridedView {
  const s = x.strides;
  const strides = x.dim() === 3 ? s : x.dim() === 2 ? [0, s[0]!, s[1]!] : isLeft ? [0, 0, s[0]!] : [0, s[0]!, 0];
  return { data: x.data, shape: [batch, rows, cols], strides, offset: x.offset };
}

/** Batched product [batch, m, k] @ [batch, k, n], read straight from the operands' strides. */
function product(a: Tensor, b: Tensor, batch: number, m: number, k: number, n: number, shape: readonly number[], dtype: DType): Tensor {
  const out = allocate(dtype, batch * m * n);
  kernels().matmul(batchedView(a, batch, m, k, true), batchedView(b, batch, k, n, false), out);
  return Tensor.fromData(out, shape, dtype);
}

/**
 * addmm's value, beta·self + alpha·(mat1 @ mat2), rounded the way PyTorch's BLAS call rounds it.
 * torch hands sgemm/dgemm the operand that becomes BLAS's "A" (mat2, or mat1 when n is 1) either
 * as is or transposed, by its strides. Reference BLAS adds beta·C last for a transposed A
 * (C = alpha·Σ + beta·C) but accumulates onto C for a non-transposed one (C = beta·C; C += alpha·a·b,
 * alpha folded into the other operand first): the bias is the first term of the sum then.
 */
export function addmmValue(self: Tensor, mat1: Tensor, mat2: Tensor, beta: number, alpha: number): Tensor {
  const [m = 0, k = 0] = mat1.shape,
    n = mat2.shape[1] ?? 0;
  const dtype = mat1.dtype;
  const isBlas = (dtype === 'float32' || dtype === 'float64') && self.dtype === dtype && beta !== 0 && alpha !== 0;
  const blasA = n === 1 ? mat1 : mat2,
    rows = n === 1 ? m : n;
  const [outer = 0, inner = 0] = n === 1 ? blasA.strides : [blasA.strides[1]!, blasA.strides[0]!];
  // Mirrors addmm_impl_cpu_: "N" if BLAS's A is column-major as it stands, "T" if row-major, else
  // it is copied contiguous, which is "T" when n is 1 (C not swapped) and "N" otherwise.
  const isTransposedA = outer === 1 && inner >= Math.max(1, rows) ? false : inner === 1 && outer >= Math.max(1, k) ? true : n === 1;
  if (!isBlas || isTransposedA) {
    const prod = mm(mat1, mat2);
    const scaled = alpha === 1 ? prod : mul(prod, alpha);
    return beta === 0 ? scaled : add(scaled, self, beta);
  }
  const start = expand(beta === 1 ? self : mul(self, beta), [m, n]);
  const out = allocate(dtype, m * n);
  out.set(start.contiguousValues());
  const left = n !== 1 && alpha !== 1 ? mul(mat1, alpha) : mat1;
  const right = n === 1 && alpha !== 1 ? mul(mat2, alpha) : mat2;
  kernels().matmul(batchedView(left, 1, m, k, true), batchedView(right, 1, k, n, false), out, true);
  return Tensor.fromData(out, [m, n], dtype);
}

const matmulSave = (a: { readonly self: Tensor; readonly other: Tensor }): Record<string, Tensor> => ({ self: a.self, other: a.other });

export const mmOp = defineOp({
  name: 'mm',
  jvp: bilinearJvp('mm', 'self', 'mat2'),
  signature: 'mm(Tensor self, Tensor mat2) -> Tensor',
  method: true,
  function: true,
  display: { symbol: '@', formula: '∂(AB)/∂A = G·Bᵀ, ∂(AB)/∂B = Aᵀ·G' },
  gradFn: 'MmBackward0',
  infer: (a) => {
    const x = a.self,
      y = a.mat2;
    if (x.dim() !== 2) throw runtimeError('self must be a matrix');
    if (y.dim() !== 2) throw runtimeError('mat2 must be a matrix');
    if (x.shape[1] !== y.shape[0]) {
      throw runtimeError(`mat1 and mat2 shapes cannot be multiplied (${x.shape[0]}x${x.shape[1]} and ${y.shape[0]}x${y.shape[1]})`);
    }
    return { shape: [x.shape[0], y.shape[1]], dtype: checkSameDtype(x, y) };
  },
  forward: (a, spec) => {
    const x = a.self,
      y = a.mat2;
    return product(x, y, 1, x.shape[0], x.shape[1], y.shape[1], spec.shape, spec.dtype);
  },
  save: (a) => matmulSave({ self: a.self, other: a.mat2 }),
  backward: (ctx, g) => [ctx.needsInputGrad(0) ? mm(g, t(ctx.saved('other'))) : null, ctx.needsInputGrad(1) ? mm(t(ctx.saved('self')), g) : null],
  gradcheck: [
    c(
      [
        [2, 3],
        [3, 2],
      ],
      self(),
    ),
  ],
});

export const mvOp = defineOp({
  name: 'mv',
  jvp: bilinearJvp('mv', 'self', 'vec'),
  signature: 'mv(Tensor self, Tensor vec) -> Tensor',
  method: true,
  function: true,
  display: { symbol: '@', formula: '∂(Av)/∂A = g·vᵀ, ∂(Av)/∂v = Aᵀ·g' },
  gradFn: 'MvBackward0',
  infer: (a) => {
    const x = a.self,
      v = a.vec;
    // PyTorch sizes the result from self.size(0) first, then checks the ranks, then the sizes.
    if (x.dim() === 0) throw runtimeError('Dimension specified as 0 but tensor has no dimensions');
    if (x.dim() !== 2 || v.dim() !== 1) throw runtimeError(`vector + matrix @ vector expected, got 1, ${x.dim()}, ${v.dim()}`);
    if (x.shape[1] !== v.shape[0]) throw runtimeError(`size mismatch, got ${x.shape[0]}, ${x.shape[0]}x${x.shape[1]},${v.shape[0]}`);
    return { shape: [x.shape[0]], dtype: checkSameDtype(x, v) };
  },
  forward: (a, spec) => {
    const x = a.self,
      v = a.vec;
    return product(x, v, 1, x.shape[0], x.shape[1], 1, spec.shape, spec.dtype);
  },
  save: (a) => matmulSave({ self: a.self, other: a.vec }),
  backward: (ctx, g) => [
    ctx.needsInputGrad(0) ? mm(unsqueeze(g, 1), unsqueeze(ctx.saved('other'), 0)) : null,
    ctx.needsInputGrad(1) ? (callOp('mv', t(ctx.saved('self')), g) as Tensor) : null,
  ],
  gradcheck: [c([[2, 3], [3]], self())],
});

export const dotOp = defineOp({
  name: 'dot',
  jvp: bilinearJvp('dot', 'self', 'tensor'),
  signature: 'dot(Tensor self, Tensor tensor) -> Tensor',
  method: true,
  function: true,
  display: { symbol: '·', formula: '∂(a·b)/∂a = g·b, ∂(a·b)/∂b = g·a' },
  gradFn: 'DotBackward0',
  infer: (a) => {
    const x = a.self,
      y = a.tensor;
    if (x.dim() !== 1 || y.dim() !== 1) throw runtimeError(`1D tensors expected, but got ${x.dim()}D and ${y.dim()}D tensors`);
    if (x.shape[0] !== y.shape[0]) {
      throw runtimeError(
        `inconsistent tensor size, expected tensor [${x.shape[0]}] and src [${y.shape[0]}] to have the same number of elements, but got ${x.shape[0]} and ${y.shape[0]} elements respectively`,
      );
    }
    return { shape: [], dtype: checkSameDtype(x, y) };
  },
  forward: (a, spec) => {
    const x = a.self,
      y = a.tensor;
    return product(x, y, 1, 1, x.shape[0], 1, spec.shape, spec.dtype);
  },
  save: (a) => matmulSave({ self: a.self, other: a.tensor }),
  backward: (ctx, g) => [ctx.needsInputGrad(0) ? mul(g, ctx.saved('other')) : null, ctx.needsInputGrad(1) ? mul(g, ctx.saved('self')) : null],
  gradcheck: [c([[3], [3]], self())],
});

export const bmmOp = defineOp({
  name: 'bmm',
  jvp: bilinearJvp('bmm', 'self', 'mat2'),
  signature: 'bmm(Tensor self, Tensor mat2) -> Tensor',
  method: true,
  function: true,
  display: { symbol: '@', formula: '∂(AB)/∂A = G·Bᵀ, ∂(AB)/∂B = Aᵀ·G (per batch)' },
  gradFn: 'BmmBackward0',
  infer: (a) => {
    const x = a.self,
      y = a.mat2;
    if (x.dim() !== 3) throw runtimeError(`batch1 must be a 3D tensor`);
    if (y.dim() !== 3) throw runtimeError(`batch2 must be a 3D tensor`);
    if (x.shape[0] !== y.shape[0] || x.shape[2] !== y.shape[1]) {
      throw runtimeError(
        `Expected size for first two dimensions of batch2 tensor to be: [${x.shape[0]}, ${x.shape[2]}] but got: [${y.shape[0]}, ${y.shape[1]}].`,
      );
    }
    return { shape: [x.shape[0], x.shape[1], y.shape[2]], dtype: checkSameDtype(x, y) };
  },
  forward: (a, spec) => {
    const x = a.self,
      y = a.mat2;
    return product(x, y, x.shape[0], x.shape[1], x.shape[2], y.shape[2], spec.shape, spec.dtype);
  },
  save: (a) => matmulSave({ self: a.self, other: a.mat2 }),
  backward: (ctx, g) => [
    ctx.needsInputGrad(0) ? bmm(g, transpose(ctx.saved('other'), 1, 2)) : null,
    ctx.needsInputGrad(1) ? bmm(transpose(ctx.saved('self'), 1, 2), g) : null,
  ],
  gradcheck: [
    c(
      [
        [2, 2, 3],
        [2, 3, 2],
      ],
      self(),
    ),
  ],
});

const unsafeView = (x: Tensor, shape: readonly number[]): Tensor => callOp('_unsafe_view', x, shape) as Tensor;

/** torch.matmul's dispatch: dot, mv, mm, or batched bmm with broadcasting over batch dims. */
function matmul(x: Tensor, y: Tensor): Tensor {
  const dx = x.dim(),
    dy = y.dim();
  if (dx === 0 || dy === 0) {
    throw runtimeError(`both arguments to matmul need to be at least 1D, but they are ${dx}D and ${dy}D`);
  }
  if (dx === 1 && dy === 1) return callOp('dot', x, y) as Tensor;
  if (dx === 2 && dy === 1) return callOp('mv', x, y) as Tensor;
  if (dx === 1 && dy === 2) return callOp('_squeeze_dim_', mm(unsqueeze(x, 0), y), 0) as Tensor;
  if (dx === 2 && dy === 2) return mm(x, y);
  if (dx >= 3 && dy <= 2) {
    // Fold the batch dims of x into its rows: one mm (or mv) instead of a batch of small ones.
    const rows = numelOf(x.shape.slice(0, -1));
    const folded = reshape(x, [rows, x.shape[dx - 1]]);
    if (dy === 1) return unsafeView(callOp('mv', folded, y) as Tensor, x.shape.slice(0, -1));
    return unsafeView(mm(folded, y), [...x.shape.slice(0, -1), y.shape[1]]);
  }
  // General batched case.
  const xm = dx === 1 ? unsqueeze(x, 0) : x;
  const ym = dy === 1 ? unsqueeze(y, 1) : y;
  const n = xm.shape[xm.dim() - 2],
    k = xm.shape[xm.dim() - 1];
  const k2 = ym.shape[ym.dim() - 2],
    p = ym.shape[ym.dim() - 1];
  if (k !== k2) {
    throw runtimeError(
      `Expected size for first two dimensions of batch2 tensor to be: [${numelOf(xm.shape.slice(0, -2))}, ${k}] but got: [${numelOf(ym.shape.slice(0, -2))}, ${k2}].`,
    );
  }
  const batchShape = broadcastShapes(xm.shape.slice(0, -2), ym.shape.slice(0, -2));
  const batch = numelOf(batchShape);
  const xb = reshape(expand(xm, [...batchShape, n, k]), [batch, n, k]);
  const yb = reshape(expand(ym, [...batchShape, k, p]), [batch, k, p]);
  const outShape = [...batchShape, ...(dx === 1 ? [] : [n]), ...(dy === 1 ? [] : [p])];
  return unsafeView(bmm(xb, yb), outShape);
}

export const matmulOp = defineOp({
  name: 'matmul',
  signature: 'matmul(Tensor self, Tensor other) -> Tensor',
  method: true,
  function: true,
  display: { symbol: '@', formula: 'dot, mv, mm or bmm by the inputs’ dims' },
  composite: (a) => matmul(a.self, a.other),
  gradcheck: [
    c(
      [
        [2, 1, 2, 3],
        [3, 3, 2],
      ],
      self(),
    ),
    c(
      [
        [2, 1, 2, 3],
        [3, 3, 2],
      ],
      self(),
      { label: 'matmul batched broadcast' },
    ),
    c([[3], [3, 2]], self(), { label: 'matmul 1-D @ 2-D' }),
  ],
});
