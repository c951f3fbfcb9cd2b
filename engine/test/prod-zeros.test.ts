/**
 * prod's backward at inputs with zeros, where result/input is 0/0: first and second derivatives
 * (create_graph) match finite differences, as PyTorch 2.x's prod_safe_zeros_backward makes them.
 */
import { describe, expect, it } from 'vitest';
import { callOp, fromArray, grad, gradcheck, gradgradcheck, type Tensor } from '../index.ts';

const prod =
  (...args: unknown[]) =>
  (x: Tensor): Tensor =>
    callOp('prod', x, ...args) as Tensor;

const CASES: readonly [string, (x: Tensor) => Tensor, number[], number[]][] = [
  ['prod(x, 0) at an all-zero 2×2', prod(0), [0, 0, 0, 0], [2, 2]],
  ['prod(x, 1, keepdim=True) with one and two zeros per row', prod(1, true), [0, 2, 0, 0, 3, 1], [2, 3]],
  ['prod(x, -1) on a 3-d input with a zero', prod(-1), [1.5, 0, -2, 0.5, 0.25, 3, 0, 0, 1, 2, -1, 0.5], [2, 2, 3]],
  ['prod() at [0, 1, 2, 0.5]', prod(), [0, 1, 2, 0.5], [4]],
  ['prod() with two zeros', prod(), [0, 1, 0, 0.5], [2, 2]],
  ['prod() of a 0-dim zero', prod(), [0], []],
  ['prod(x, 1) over a dim of size 1', prod(1), [0, 2], [2, 1]],
];

describe('prod with zeros in its input', () => {
  for (const [name, f, values, shape] of CASES) {
    it(`${name}: first and second derivatives match finite differences`, () => {
      const x = fromArray(values, shape, 'float64', true);
      expect(gradcheck(f, [x]).ok).toBe(true);
      expect(gradgradcheck(f, [x]).ok).toBe(true);
    });
  }

  it('has the Hessian Π_{l≠i,j} x_l off the diagonal, zeros included', () => {
    const x = fromArray([0, 1, 2, 0.5], [4], 'float64', true);
    const g = grad(prod()(x), x, null, true, true)[0]!;
    expect(g.toArray()).toEqual([1, 0, 0, 0]);
    const rows = [0, 1, 2, 3].map((i) => grad(callOp('select', g, 0, i) as Tensor, x, null, true)[0]!.toArray());
    expect(rows).toEqual([
      [0, 1, 0.5, 2],
      [1, 0, 0, 0],
      [0.5, 0, 0, 0],
      [2, 0, 0, 0],
    ]);
  });
});
