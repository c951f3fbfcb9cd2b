/** maximum/minimum, Python's // and %, and the bitwise/logical operators. */
import type { BinaryOp } from '../kernels/types.ts';
import { isFloating, isIntegral, legacyTypeName } from '../dtype.ts';
import { runtimeError } from '../errors.ts';
import type { Tensor } from '../tensor.ts';
import { binaryOp, inferBinary, unaryForward } from './elementwise.ts';
import { div, eq, gt, lt, mul, neg, sumToSize, where } from './functional.ts';
import { callOp } from './dispatch.ts';
import { defineOp, type BackwardContext, type BinaryArgs, type OpDef } from './types.ts';
import { c, program, self, withGradcheck } from './gradcheck-case.ts';

/** max/min of two tensors: the gradient goes to the winner, split evenly on ties. */
function extremum(name: 'maximum' | 'minimum', gradFn: string, symbol: string): OpDef<BinaryArgs> {
  const loses = (x: Tensor, y: Tensor): Tensor => (name === 'maximum' ? lt(x, y) : gt(x, y));
  return {
    name,
    signature: `${name}(Tensor self, Tensor other) -> Tensor`,
    method: true,
    function: true,
    display: { symbol, formula: '∂/∂winner = 1 (½ each on ties)' },
    gradFn,
    ...binaryOp(name, 'arith'),
    save: (a) => ({ self: a.self, other: a.other }),
    backward: (ctx: BackwardContext<BinaryArgs>, g: Tensor) => {
      const self = ctx.saved('self'),
        other = ctx.saved('other');
      const shared = where(eq(self, other), div(g, 2), g);
      return [
        ctx.needsInputGrad(0) ? sumToSize(where(loses(self, other), 0, shared), ctx.meta('self').shape) : null,
        ctx.needsInputGrad(1) ? sumToSize(where(loses(other, self), 0, shared), ctx.meta('other').shape) : null,
      ];
    },
  };
}
export const maximumOp = withGradcheck(extremum('maximum', 'MaximumBackward0', 'max'), [c([[2, 3], [3]], self())]);
export const minimumOp = withGradcheck(extremum('minimum', 'MinimumBackward0', 'min'), [
  c(
    [
      [2, 3],
      [2, 1],
    ],
    self(),
  ),
]);

export const floorDivideOp = defineOp({
  name: 'floor_divide',
  signature: 'floor_divide(Tensor self, Tensor other) -> Tensor',
  method: true,
  function: true,
  display: { symbol: '//', formula: 'not differentiable' },
  ...binaryOp('floorDivide', 'arith'),
});

/** Python's %: the result has the divisor's sign. */
export const remainderOp = defineOp({
  name: 'remainder',
  signature: 'remainder(Tensor self, Tensor other) -> Tensor',
  method: true,
  function: true,
  display: { symbol: '%', formula: '∂(a mod b)/∂a = 1, ∂/∂b = −⌊a/b⌋' },
  gradFn: 'RemainderBackward0',
  ...binaryOp('remainder', 'arith'),
  save: (a) => ({ self: a.self, other: a.other }),
  backward: (ctx, g) => [
    ctx.needsInputGrad(0) ? sumToSize(g, ctx.meta('self').shape) : null,
    ctx.needsInputGrad(1) ? sumToSize(mul(neg(g), callOp('floor_divide', ctx.saved('self'), ctx.saved('other')) as Tensor), ctx.meta('other').shape) : null,
  ],
  gradcheck: [
    c([[2, 3]], self(0.7), { range: [0.1, 0.6] }),
    program('remainder', [[4]], ([a]) => callOp('remainder', a, 0.7) as Tensor, { range: [0.1, 0.6] }),
  ],
});

function bitwise(name: string, kernel: BinaryOp, symbol: string): OpDef<BinaryArgs> {
  const base = binaryOp(kernel, 'arith');
  return {
    name,
    signature: `${name}(Tensor self, Tensor other) -> Tensor`,
    method: true,
    function: true,
    display: { symbol, formula: 'not differentiable' },
    infer: (a) => {
      const spec = inferBinary(a.self, a.other, 'arith');
      if (isFloating(spec.dtype) || !isIntegral(spec.dtype, true)) {
        throw runtimeError(`"${name}_cpu" not implemented for '${legacyTypeName(spec.dtype)}'`);
      }
      return spec;
    },
    forward: base.forward,
  };
}
export const bitwiseAndOp = bitwise('bitwise_and', 'bitwiseAnd', '&');
export const bitwiseOrOp = bitwise('bitwise_or', 'bitwiseOr', '|');
export const bitwiseXorOp = bitwise('bitwise_xor', 'bitwiseXor', '^');

/** Python's ~: logical not on bool tensors, two's complement on integers. */
export const bitwiseNotOp = defineOp({
  name: 'bitwise_not',
  signature: 'bitwise_not(Tensor self) -> Tensor',
  method: true,
  function: true,
  display: { symbol: '~', formula: 'not differentiable' },
  infer: (a) => {
    const x = a.self;
    if (!isIntegral(x.dtype, true)) throw runtimeError(`"bitwise_not_cpu" not implemented for '${legacyTypeName(x.dtype)}'`);
    return { shape: x.shape, dtype: x.dtype };
  },
  forward: (a, spec) => unaryForward(spec.dtype === 'bool' ? 'logicalNot' : 'bitwiseNot', a.self, spec.dtype),
});

export const logicalXorOp = defineOp({
  name: 'logical_xor',
  signature: 'logical_xor(Tensor self, Tensor other) -> Tensor',
  method: true,
  function: true,
  display: { symbol: '⊕', formula: 'not differentiable (bool result)' },
  ...binaryOp('logicalXor', 'compare'),
});
