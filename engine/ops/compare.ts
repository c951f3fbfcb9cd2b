/** Comparisons and logical ops: bool results, no gradient. */
import type { BinaryOp } from '../kernels/types.ts';
import { binaryOp, unaryOp } from './elementwise.ts';
import { defineOp, type BinaryArgs, type OpDef } from './types.ts';

function comparison(name: string, kernel: BinaryOp, symbol: string): OpDef<BinaryArgs> {
  return {
    name,
    signature: `${name}(Tensor self, Tensor other) -> Tensor`,
    method: true,
    function: true,
    display: { symbol, formula: 'not differentiable (bool result)' },
    ...binaryOp(kernel, 'compare'),
  };
}

export const eqOp = comparison('eq', 'eq', '==');
export const neOp = comparison('ne', 'ne', '≠');
export const ltOp = comparison('lt', 'lt', '<');
export const leOp = comparison('le', 'le', '≤');
export const gtOp = comparison('gt', 'gt', '>');
export const geOp = comparison('ge', 'ge', '≥');
export const logicalAndOp = comparison('logical_and', 'logicalAnd', '∧');
export const logicalOrOp = comparison('logical_or', 'logicalOr', '∨');

export const logicalNotOp = defineOp({
  name: 'logical_not',
  signature: 'logical_not(Tensor self) -> Tensor',
  method: true,
  function: true,
  display: { symbol: '¬', formula: 'not differentiable (bool result)' },
  infer: (a) => ({ ...unaryOp('logicalNot', false).infer(a), dtype: 'bool' }),
  forward: unaryOp('logicalNot', false).forward,
});
