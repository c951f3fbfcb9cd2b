/**
 * Backward ops that PyTorch gives their own names (derivatives.yaml's sigmoid_backward,
 * tanh_backward, threshold_backward). sigmoid, tanh and relu write their backward with them, so a
 * gradient taken with create_graph shows `grad_fn=<SigmoidBackwardBackward0>` as in PyTorch, and a
 * relu gradient still requires grad (it depends on relu's output).
 */
import type { Tensor } from '../tensor.ts';
import { callOp } from './dispatch.ts';
import { inferBinary } from './elementwise.ts';
import { le, mul, sub, where, zerosLike } from './functional.ts';
import { defineOp } from './types.ts';
import { c, self, unit } from './gradcheck-case.ts';
import { oneMinusSquareFused } from './tanh-backward-float32.ts';

const op = (name: string, ...args: unknown[]): Tensor => callOp(name, ...args) as Tensor;

export const sigmoidBackward = (g: Tensor, output: Tensor): Tensor => op('sigmoid_backward', g, output);
export const tanhBackward = (g: Tensor, output: Tensor): Tensor => op('tanh_backward', g, output);
export const thresholdBackward = (g: Tensor, self: Tensor, threshold: number): Tensor => op('threshold_backward', g, self, threshold);

export const sigmoidBackwardOp = defineOp({
  name: 'sigmoid_backward',
  signature: 'sigmoid_backward(Tensor grad_output, Tensor output) -> Tensor',
  method: false,
  function: false,
  display: { symbol: "σ'", formula: 'g · σ(1 − σ)' },
  gradFn: 'SigmoidBackwardBackward0',
  infer: (a) => inferBinary(a.grad_output, a.output, 'arith'),
  // (g · (1 − y)) · y: PyTorch's CPU kernel order, so float32 rounding matches.
  forward: (a) => {
    const y = a.output.detach();
    return mul(mul(a.grad_output.detach(), sub(1, y)), y);
  },
  save: (a) => ({ grad_output: a.grad_output, output: a.output }),
  backward: (ctx, g) => {
    const output = ctx.saved('output');
    return [
      ctx.needsInputGrad(0) ? sigmoidBackward(g, output) : null,
      ctx.needsInputGrad(1) ? mul(mul(g, ctx.saved('grad_output')), sub(1, mul(output, 2))) : null,
    ];
  },
  gradcheck: [
    c(
      [
        [2, 3],
        [2, 3],
      ],
      self(),
      { range: unit },
    ),
  ],
});

export const tanhBackwardOp = defineOp({
  name: 'tanh_backward',
  signature: 'tanh_backward(Tensor grad_output, Tensor output) -> Tensor',
  method: false,
  function: false,
  display: { symbol: "tanh'", formula: 'g · (1 − y²)' },
  gradFn: 'TanhBackwardBackward0',
  infer: (a) => inferBinary(a.grad_output, a.output, 'arith'),
  forward: (a) => {
    const y = a.output.detach();
    const g = a.grad_output.detach();
    // float32: PyTorch's kernel fuses 1 − y·y into one FMA (see tanh-backward-float32.ts).
    const fused = y.dtype === 'float32' && inferBinary(g, y, 'arith').compute === 'float32';
    return mul(g, fused ? oneMinusSquareFused(y) : sub(1, mul(y, y)));
  },
  save: (a) => ({ grad_output: a.grad_output, output: a.output }),
  backward: (ctx, g) => [
    ctx.needsInputGrad(0) ? tanhBackward(g, ctx.saved('output')) : null,
    ctx.needsInputGrad(1) ? mul(mul(mul(g, -2), ctx.saved('output')), ctx.saved('grad_output')) : null,
  ],
  gradcheck: [
    c(
      [
        [2, 3],
        [2, 3],
      ],
      self(),
    ),
  ],
});

export const thresholdBackwardOp = defineOp({
  name: 'threshold_backward',
  signature: 'threshold_backward(Tensor grad_output, Tensor self, Scalar threshold) -> Tensor',
  method: false,
  function: false,
  display: { symbol: "relu'", formula: 'g where a > threshold, else 0' },
  gradFn: 'ThresholdBackwardBackward0',
  infer: (a) => inferBinary(a.grad_output, a.self, 'arith'),
  forward: (a, spec) => {
    const g = a.grad_output.detach();
    const out = where(le(a.self.detach(), a.threshold), 0, g);
    return out.dtype === spec.dtype ? out : op('to', out, spec.dtype);
  },
  save: (a) => ({ self: a.self }),
  backward: (ctx, g) => [
    ctx.needsInputGrad(0) ? thresholdBackward(g, ctx.saved('self'), Number(ctx.args.threshold)) : null,
    ctx.needsInputGrad(1) ? zerosLike(g) : null,
  ],
  gradcheck: [
    c(
      [
        [2, 3],
        [2, 3],
      ],
      self(0),
    ),
  ],
});
