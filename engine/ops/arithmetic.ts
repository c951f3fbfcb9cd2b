/** add, sub, rsub, mul, div, neg, reciprocal: the four rules of arithmetic and their gradients. */
import { isFloating } from '../dtype.ts';
import { runtimeError } from '../errors.ts';
import { callOp } from './dispatch.ts';
import type { Tensor } from '../tensor.ts';
import { binaryOp, unaryOp } from './elementwise.ts';
import { div, mul, neg, sumToSize } from './functional.ts';
import { defineOp } from './types.ts';
import { index } from '../indexing.ts';
import { c, program, self, positive } from './gradcheck-case.ts';
import { sameOpOnTangent, scaleTangent, sumTangents, tangentOrZero } from './jvp-rules.ts';

const scaled = (g: Tensor, alpha: number): Tensor => (alpha === 1 ? g : mul(g, alpha));

export const addOp = defineOp({
  name: 'add',
  jvp: (a, ctx) => sumTangents(ctx.tangent('self'), scaleTangent(ctx.tangent('other'), Number(a.alpha))),
  signature: 'add(Tensor self, Tensor other, *, Scalar alpha=1) -> Tensor',
  method: true,
  function: true,
  display: { symbol: '+', formula: '∂(a+αb)/∂a = 1, ∂/∂b = α' },
  gradFn: 'AddBackward0',
  ...binaryOp('add', 'arith', true),
  backward: (ctx, g) => [
    ctx.needsInputGrad(0) ? sumToSize(g, ctx.meta('self').shape) : null,
    ctx.needsInputGrad(1) ? sumToSize(scaled(g, Number(ctx.args.alpha)), ctx.meta('other').shape) : null,
  ],
  gradcheck: [
    c([[2, 3], [3]], self(1.5)),
    c([[2, 3], [3]], self()),
    c(
      [
        [2, 3],
        [2, 3],
      ],
      self(2.5),
      { label: 'add with alpha' },
    ),
  ],
});

export const subOp = defineOp({
  name: 'sub',
  jvp: (a, ctx) => sumTangents(ctx.tangent('self'), scaleTangent(ctx.tangent('other'), -Number(a.alpha))),
  signature: 'sub(Tensor self, Tensor other, *, Scalar alpha=1) -> Tensor',
  method: true,
  function: true,
  display: { symbol: '−', formula: '∂(a−αb)/∂a = 1, ∂/∂b = −α' },
  gradFn: 'SubBackward0',
  ...binaryOp('sub', 'arith', true),
  infer: (args) => {
    if (args.self.dtype === 'bool' && args.other.dtype === 'bool') {
      throw runtimeError('Subtraction, the `-` operator, with two bool tensors is not supported. Use the `^` or `logical_xor()` operator instead.');
    }
    return binaryOp('sub', 'arith', true).infer(args);
  },
  backward: (ctx, g) => [
    ctx.needsInputGrad(0) ? sumToSize(g, ctx.meta('self').shape) : null,
    ctx.needsInputGrad(1) ? sumToSize(scaled(g, -Number(ctx.args.alpha)), ctx.meta('other').shape) : null,
  ],
  gradcheck: [
    c(
      [
        [2, 3],
        [2, 1],
      ],
      self(0.5),
    ),
    c(
      [
        [2, 3],
        [2, 1],
      ],
      self(),
    ),
  ],
});

/** rsub(self, other) = other − alpha·self: Python's `2 - x`. */
export const rsubOp = defineOp({
  name: 'rsub',
  jvp: (a, ctx) => sumTangents(scaleTangent(ctx.tangent('self'), -Number(a.alpha)), ctx.tangent('other')),
  signature: 'rsub(Tensor self, Tensor other, *, Scalar alpha=1) -> Tensor',
  method: false,
  function: true,
  display: { symbol: '−', formula: '∂(b−αa)/∂a = −α' },
  gradFn: (a) => (a.other.isWrappedNumber ? 'RsubBackward1' : 'RsubBackward0'),
  inputs: (a) => (a.other.isWrappedNumber ? ['self'] : ['self', 'other']),
  infer: (args) => binaryOp('sub', 'arith', true).infer({ self: args.other, other: args.self }),
  forward: (args, spec) => binaryOp('sub', 'arith', true).forward({ self: args.other, other: args.self, alpha: args.alpha }, spec),
  backward: (ctx, g) => {
    const alpha = Number(ctx.args.alpha);
    const gSelf = ctx.needsInputGrad(0) ? sumToSize(scaled(g, -alpha), ctx.meta('self').shape) : null;
    if (!ctx.hasInput('other')) return [gSelf];
    return [gSelf, ctx.needsInputGrad(1) ? sumToSize(g, ctx.meta('other').shape) : null];
  },
  gradcheck: [c([[2, 3], [3]], self()), c([[3], [2, 3]], self())],
});

export const mulOp = defineOp({
  name: 'mul',
  jvp: (a, ctx) => {
    const ts = tangentOrZero(ctx.tangent('self'), a.self, a.other),
      to = tangentOrZero(ctx.tangent('other'), a.other, a.self);
    return sumTangents(to && mul(to, a.self), ts && mul(ts, a.other));
  },
  signature: 'mul(Tensor self, Tensor other) -> Tensor',
  method: true,
  function: true,
  display: { symbol: '×', formula: '∂(a·b)/∂a = b, ∂(a·b)/∂b = a' },
  gradFn: 'MulBackward0',
  ...binaryOp('mul', 'arith'),
  save: (a) => {
    const saved: Record<string, Tensor> = {};
    if (a.self.requiresGrad) saved.other = a.other;
    if (a.other.requiresGrad) saved.self = a.self;
    return saved;
  },
  backward: (ctx, g) => [
    ctx.needsInputGrad(0) ? sumToSize(mul(g, ctx.saved('other')), ctx.meta('self').shape) : null,
    ctx.needsInputGrad(1) ? sumToSize(mul(g, ctx.saved('self')), ctx.meta('other').shape) : null,
  ],
  gradcheck: [
    c([[2, 3], [3]], self()),
    program('in-place on a view (CopySlices)', [[2, 3], [3]], ([x, v]) => {
      const y = x.clone();
      index(y, [{ kind: 'int', index: 0 }]).mul_(v);
      return y.pow(2);
    }),
  ],
});

export const divOp = defineOp({
  name: 'div',
  jvp: (a, ctx) => {
    // PyTorch's (self_t − other_t·result) / other
    const ts = ctx.tangent('self'),
      to = tangentOrZero(ctx.tangent('other'), a.other, ctx.result);
    const numerator = to ? (ts ? (callOp('sub', ts, mul(to, ctx.result)) as Tensor) : neg(mul(to, ctx.result))) : ts;
    return numerator && div(numerator, a.other);
  },
  signature: 'div(Tensor self, Tensor other) -> Tensor',
  method: true,
  function: true,
  display: { symbol: '÷', formula: '∂(a/b)/∂a = 1/b, ∂(a/b)/∂b = −a/b²' },
  gradFn: 'DivBackward0',
  ...binaryOp('div', 'trueDivide'),
  // PyTorch computes `2 / x` as reciprocal(x) * 2 (MulBackward0 over ReciprocalBackward0).
  rewrite: (a) =>
    a.self.isWrappedNumber && !a.other.isWrappedNumber && isFloating(a.other.dtype) ? mul(callOp('reciprocal', a.other) as Tensor, a.self) : undefined,
  save: (a): Record<string, Tensor> => (a.other.requiresGrad ? { self: a.self, other: a.other } : { other: a.other }),
  backward: (ctx, g) => {
    const other = ctx.saved('other');
    return [
      ctx.needsInputGrad(0) ? sumToSize(div(g, other), ctx.meta('self').shape) : null,
      ctx.needsInputGrad(1)
        ? // PyTorch's div_tensor_other_backward: −g · ((a / b) / b), which rounds differently from −g · a/b².
          sumToSize(mul(neg(g), div(div(ctx.saved('self'), other), other)), ctx.meta('other').shape)
        : null,
    ];
  },
  gradcheck: [c([[2, 3], [3]], self(), { range: positive }), c([[2, 3], [3]], self(), { range: [0.5, 2] })],
});

export const negOp = defineOp({
  name: 'neg',
  jvp: sameOpOnTangent('neg'),
  signature: 'neg(Tensor self) -> Tensor',
  method: true,
  function: true,
  display: { symbol: '−', formula: '∂(−a)/∂a = −1' },
  gradFn: 'NegBackward0',
  infer: (args) => {
    if (args.self.dtype === 'bool') {
      throw runtimeError(
        'Negation, the `-` operator, on a bool tensor is not supported. If you are trying to invert a mask, use the `~` or `logical_not()` operator instead.',
      );
    }
    return unaryOp('neg', false).infer(args);
  },
  forward: unaryOp('neg', false).forward,
  backward: (_ctx, g) => [neg(g)],
  gradcheck: [c([[2, 3]], self()), c([[4]], self())],
});

/** 1/x; Python's `2 / x` is `reciprocal(x) * 2` in PyTorch (MulBackward0 over ReciprocalBackward0). */
export const reciprocalOp = defineOp({
  name: 'reciprocal',
  jvp: (_a, ctx) => {
    // PyTorch's −self_t · result · result
    const t = ctx.tangent('self');
    return t && mul(mul(neg(t), ctx.result), ctx.result);
  },
  signature: 'reciprocal(Tensor self) -> Tensor',
  method: true,
  function: true,
  display: { symbol: '1/x', formula: '∂(1/a)/∂a = −1/a²' },
  gradFn: 'ReciprocalBackward0',
  ...unaryOp('reciprocal', true),
  save: (_a, out) => ({ result: out }),
  backward: (ctx, g) => {
    const r = ctx.saved('result');
    return [mul(neg(g), mul(r, r))];
  },
  gradcheck: [c([[2, 3]], self(), { range: positive }), c([[4]], self(), { range: [0.5, 2] })],
});

/** C++'s `tensor / scalar` (div.Scalar, DivBackward1), used by composites that PyTorch writes in C++. */
export const divScalarOp = defineOp({
  ...divOp,
  name: '_div_scalar',
  signature: '_div_scalar(Tensor self, Tensor other) -> Tensor',
  method: false,
  function: false,
  gradFn: 'DivBackward1',
  inputs: ['self'],
  rewrite: undefined,
  save: (a): Record<string, Tensor> => ({ other: a.other }),
  backward: (ctx, g) => [div(g, ctx.saved('other'))],
  gradcheck: [c([[2, 3]], self(2.5))],
});
