/**
 * Forward-mode AD in the engine (autograd/forward-ad.ts): levels, dual tensors and the errors in
 * PyTorch's words, views sharing their tangents, in-place ops, tangents differentiable in reverse
 * mode, and the forward gradcheck catching a wrong JVP.
 */
import { afterEach, describe, expect, it } from 'vitest';
import {
  callOp,
  currentDualLevel,
  noGrad,
  enterDualLevel,
  exitDualLevel,
  forwardGradcheck,
  fromArray,
  makeDual,
  setTangent,
  tangentOf,
  unpackDual,
  type Tensor,
} from '../index.ts';

const f64 = (values: number[], shape = [values.length]): Tensor => fromArray(values, shape, 'float64');

afterEach(() => {
  if (currentDualLevel() >= 0) exitDualLevel();
});

describe('dual levels', () => {
  it('number the one level 0, refuse nesting and a second exit, in PyTorch words', () => {
    expect(enterDualLevel()).toBe(0);
    expect(() => enterDualLevel()).toThrow('Nested forward mode AD is not supported at the moment');
    exitDualLevel();
    expect(() => exitDualLevel()).toThrow('Dual level must be a positive number.');
  });

  it('forget every tangent when the level is left', () => {
    enterDualLevel();
    const d = makeDual(f64([1, 2]), f64([3, 4]));
    const y = callOp('mul', d, 2) as Tensor;
    expect(tangentOf(y)!.toArray()).toEqual([6, 8]);
    exitDualLevel();
    expect(tangentOf(y)).toBeNull();
    expect(tangentOf(d)).toBeNull();
  });

  it('make_dual needs a level and a tangent of the primal size', () => {
    expect(() => makeDual(f64([1]), f64([1]))).toThrow(/no level exists, make sure to enter_dual_level\(\) first/);
    enterDualLevel();
    expect(() => makeDual(f64([1, 2]), f64([1]))).toThrow(
      'Trying to set a forward gradient that has a different size than that of the original Tensor, this is not supported. Tensor is of size [2] while the given forward gradient is of size [1].',
    );
  });
});

describe('dual tensors', () => {
  it('are views of the primal; the tangent is kept as-is when laid out alike, copied otherwise', () => {
    enterDualLevel();
    const p = f64([1, 2, 3, 4], [2, 2]);
    const t = f64([5, 6, 7, 8], [2, 2]);
    const d = makeDual(p, t);
    expect(d.storage).toBe(p.storage);
    expect(tangentOf(d)).toBe(t);
    const transposed = f64([5, 7, 6, 8], [2, 2]).transpose(0, 1);
    const d2 = makeDual(p, transposed);
    expect(tangentOf(d2)).not.toBe(transposed);
    expect(tangentOf(d2)!.toArray()).toEqual(transposed.toArray());
    const [primal, tangent] = unpackDual(d);
    expect(tangentOf(primal)).toBeNull();
    expect(tangent).toBe(t);
  });

  it('give views tangents that are views of the tangent, so in-place writes reach the base', () => {
    enterDualLevel();
    const d = makeDual(f64([0, 0, 0, 0], [2, 2]), f64([1, 2, 3, 4], [2, 2]));
    const row = callOp('select', d, 0, 1) as Tensor;
    expect(tangentOf(row)!.storage).toBe(tangentOf(d)!.storage);
    callOp('mul_', row, 10);
    expect(tangentOf(d)!.toArray()).toEqual([1, 2, 30, 40]);
  });

  it('give a plain tensor written in place with a dual a tangent (zeros elsewhere)', () => {
    enterDualLevel();
    const base = f64([9, 9, 9]);
    const tail = callOp('slice', base, 0, 1, 3) as Tensor;
    callOp('copy_', tail, makeDual(f64([1, 2]), f64([5, 6])));
    expect(tangentOf(base)!.toArray()).toEqual([0, 5, 6]);
  });

  it('have tangents that are differentiable in reverse mode when the primal requires grad', () => {
    enterDualLevel();
    const w = fromArray([1, 2], [2], 'float64', true);
    const d = makeDual(w, f64([1, 1]));
    const tangent = tangentOf(callOp('pow', d, 3) as Tensor)!; // 3w²
    (callOp('sum', tangent) as Tensor).backward();
    expect(w.grad!.toArray()).toEqual([6, 12]); // d(3w²)/dw
  });

  it('propagate under no_grad as well (forward mode does not need a graph)', () => {
    enterDualLevel();
    const d = makeDual(fromArray([0], [1], 'float64', true), f64([2]));
    const y = noGrad(() => callOp('sin', d) as Tensor);
    expect(y.requiresGrad).toBe(false);
    expect(tangentOf(y)!.toArray()).toEqual([2]);
  });
});

describe('forwardGradcheck', () => {
  it('passes a correct JVP and names the entries of a wrong one', () => {
    const x = fromArray([0.5, -1.5], [2], 'float64', true);
    expect(forwardGradcheck((t) => callOp('exp', t) as Tensor, [x]).ok).toBe(true);
    // A function whose tangent is deliberately doubled.
    const broken = (t: Tensor): Tensor => {
      const y = callOp('exp', t) as Tensor;
      const tangent = tangentOf(y);
      if (tangent) setTangent(y, callOp('mul', tangent, 2) as Tensor);
      return y;
    };
    const result = forwardGradcheck(broken, [x]);
    expect(result.ok).toBe(false);
    expect(result.mismatches[0]).toMatchObject({ input: 0, inputIndex: 0, outputIndex: 0 });
  });
});
