/** linalg_cross(a, b, dim): the 3-vector cross product along `dim`, with PyTorch's LinalgCrossBackward0. */
import { allocate, resultType } from '../dtype.ts';
import { runtimeError } from '../errors.ts';
import { fma32 } from '../kernels/fma32.ts';
import { kernels } from '../kernels/index.ts';
import { fma } from '../random/fma.ts';
import { broadcastAll, normalizeDim, numelOf } from '../shape.ts';
import { Tensor } from '../tensor.ts';
import { callOp } from './dispatch.ts';
import { sumToSize } from './functional.ts';
import { c, self } from './gradcheck-case.ts';
import { asDtype, broadcastView } from './tensor-utils.ts';
import { defineOp } from './types.ts';

const cross = (a: Tensor, b: Tensor, dim: number): Tensor => callOp('linalg_cross', a, b, dim) as Tensor;

export const linalgCrossOp = defineOp({
  name: 'linalg_cross',
  signature: 'linalg_cross(Tensor self, Tensor other, *, int dim=-1) -> Tensor',
  method: false,
  function: true,
  display: { symbol: '×', formula: '∂(a×b)/∂a · g = b × g, ∂(a×b)/∂b · g = g × a' },
  gradFn: 'LinalgCrossBackward0',
  infer: (a) => {
    const x = a.self,
      y = a.other;
    if (x.dim() !== y.dim()) throw runtimeError('linalg.cross: inputs must have the same number of dimensions.');
    const d = normalizeDim(a.dim, x.dim());
    if (x.shape[d] !== 3 || y.shape[d] !== 3) {
      throw runtimeError(`linalg.cross: inputs dimension ${a.dim} must have length 3. Got ${x.shape[d]} and ${y.shape[d]}`);
    }
    return { shape: broadcastAll([x.shape, y.shape]), dtype: resultType([x, y]) };
  },
  forward: (a, spec) => {
    const shape = spec.shape;
    const d = normalizeDim(a.dim, shape.length);
    const n = numelOf(shape);
    const x = allocate(spec.dtype, n),
      y = allocate(spec.dtype, n),
      out = allocate(spec.dtype, n);
    kernels().copy(broadcastView(asDtype(a.self, spec.dtype), shape), x);
    kernels().copy(broadcastView(asDtype(a.other, spec.dtype), shape), y);
    const inner = numelOf(shape.slice(d + 1));
    const outer = numelOf(shape.slice(0, d));
    // PyTorch's kernel computes a1*b2 - a2*b1, which GCC contracts into fma(a1, b2, -(a2*b1)).
    const fused = spec.dtype === 'float32' ? fma32 : spec.dtype === 'float64' ? fma : null;
    const round = spec.dtype === 'float32' ? Math.fround : (v: number): number => v;
    for (let o = 0; o < outer; o++) {
      for (let i = 0; i < inner; i++) {
        const at = o * 3 * inner + i;
        for (let k = 0; k < 3; k++) {
          const p = at + ((k + 1) % 3) * inner,
            q = at + ((k + 2) % 3) * inner;
          out[at + k * inner] = fused ? fused(x[p], y[q], -round(x[q] * y[p])) : x[p] * y[q] - x[q] * y[p];
        }
      }
    }
    return Tensor.fromData(out, shape, spec.dtype);
  },
  save: (a) => ({ self: a.self, other: a.other }),
  backward: (ctx, g) => {
    const dim = ctx.args.dim;
    return [
      ctx.needsInputGrad(0) ? sumToSize(cross(ctx.saved('other'), g, dim), ctx.meta('self').shape) : null,
      ctx.needsInputGrad(1) ? sumToSize(cross(g, ctx.saved('self'), dim), ctx.meta('other').shape) : null,
    ];
  },
  gradcheck: [
    c(
      [
        [2, 3],
        [2, 3],
      ],
      self(),
    ),
    c(
      [
        [3, 2],
        [3, 1],
      ],
      self(0),
    ),
  ],
});
