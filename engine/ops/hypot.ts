/** hypot(a, b) = √(a² + b²) without overflow (std::hypot), with PyTorch's HypotBackward0. */
import { allocate, isFloating, legacyTypeName } from '../dtype.ts';
import { runtimeError } from '../errors.ts';
import { kernels } from '../kernels/index.ts';
import { numelOf } from '../shape.ts';
import { Tensor } from '../tensor.ts';
import { inferBinary } from './elementwise.ts';
import { div, mul, sumToSize } from './functional.ts';
import { c, positive, self } from './gradcheck-case.ts';
import { asDtype, broadcastView } from './tensor-utils.ts';
import { defineOp } from './types.ts';

export const hypotOp = defineOp({
  name: 'hypot',
  signature: 'hypot(Tensor self, Tensor other) -> Tensor',
  method: true,
  function: true,
  display: { symbol: 'hypot', formula: '∂hypot(a, b)/∂a = a/hypot(a, b), ∂hypot(a, b)/∂b = b/hypot(a, b)' },
  gradFn: 'HypotBackward0',
  infer: (a) => {
    const spec = inferBinary(a.self, a.other, 'arith');
    if (!isFloating(spec.dtype)) throw runtimeError(`"hypot_cpu" not implemented for '${legacyTypeName(spec.dtype)}'`);
    return spec;
  },
  forward: (a, spec) => {
    // Dense broadcast copies in the result dtype, then one Math.hypot per element.
    const n = numelOf(spec.shape);
    const x = allocate(spec.dtype, n);
    const y = allocate(spec.dtype, n);
    kernels().copy(broadcastView(asDtype(a.self, spec.dtype), spec.shape), x);
    kernels().copy(broadcastView(asDtype(a.other, spec.dtype), spec.shape), y);
    const out = allocate(spec.dtype, n);
    for (let i = 0; i < out.length; i++) out[i] = Math.hypot(x[i], y[i]);
    return Tensor.fromData(out, spec.shape, spec.dtype);
  },
  save: (a, out) => ({ self: a.self, other: a.other, result: out }),
  backward: (ctx, g) => {
    const result = ctx.saved('result');
    return [
      ctx.needsInputGrad(0) ? sumToSize(mul(g, div(ctx.saved('self'), result)), ctx.meta('self').shape) : null,
      ctx.needsInputGrad(1) ? sumToSize(mul(g, div(ctx.saved('other'), result)), ctx.meta('other').shape) : null,
    ];
  },
  gradcheck: [c([[2, 3], [3]], self(), { range: positive })],
});
