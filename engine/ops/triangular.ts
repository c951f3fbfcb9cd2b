/**
 * tril / triu: keep the lower (upper) triangle of the last two dims, from `diagonal` on, zeros
 * elsewhere; the gradient is masked the same way. GPT-style attention masks are built with them.
 */
import { normalizeDim } from '../shape.ts';
import { Tensor } from '../tensor.ts';
import { c, self } from './gradcheck-case.ts';
import { contiguousCopy } from './tensor-utils.ts';
import { callOp } from './dispatch.ts';
import { defineOp } from './types.ts';

/** A copy of x with the elements outside the triangle zeroed: `keep(col - row)` decides. */
function triangle(x: Tensor, keep: (offset: number) => boolean): Tensor {
  normalizeDim(-2, x.dim()); // at least 2 dims, in PyTorch's words
  const out = contiguousCopy(x);
  const rows = x.shape[x.dim() - 2]!;
  const cols = x.shape[x.dim() - 1]!;
  const data = out.data;
  for (let base = 0; base < data.length; base += rows * cols) {
    for (let i = 0; i < rows; i++) {
      for (let j = 0; j < cols; j++) if (!keep(j - i)) data[base + i * cols + j] = 0;
    }
  }
  return out;
}

export const trilOp = defineOp({
  name: 'tril',
  signature: 'tril(Tensor self, int diagonal=0) -> Tensor',
  method: true,
  function: true,
  display: { symbol: 'tril', formula: '∂tril(a)/∂a = 1 on and below the diagonal, 0 above' },
  gradFn: 'TrilBackward0',
  infer: (a) => ({ shape: a.self.shape, dtype: a.self.dtype }),
  forward: (a) => triangle(a.self, (offset) => offset <= a.diagonal),
  backward: (ctx, g) => [callOp('tril', g, ctx.args.diagonal) as Tensor],
  gradcheck: [c([[3, 4]], self(-1)), c([[2, 3, 3]], self(1), { label: 'batched, above the diagonal' })],
});

export const triuOp = defineOp({
  name: 'triu',
  signature: 'triu(Tensor self, int diagonal=0) -> Tensor',
  method: true,
  function: true,
  display: { symbol: 'triu', formula: '∂triu(a)/∂a = 1 on and above the diagonal, 0 below' },
  gradFn: 'TriuBackward0',
  infer: (a) => ({ shape: a.self.shape, dtype: a.self.dtype }),
  forward: (a) => triangle(a.self, (offset) => offset >= a.diagonal),
  backward: (ctx, g) => [callOp('triu', g, ctx.args.diagonal) as Tensor],
  gradcheck: [c([[3, 4]], self(1)), c([[2, 3, 3]], self(-1), { label: 'batched, below the diagonal' })],
});
