/**
 * Forward mode on the whole op table (PyTorch's gradcheck with check_forward_ad=True): every
 * differentiable op's gradcheck cases (ops/gradcheck-case.ts), with the Jacobian built from JVPs
 * compared against central finite differences in float64. Ops with an explicit `jvp` rule check
 * the rule; the others check the double-vjp fallback through their backward rule. The first case
 * also runs on a transposed (non-contiguous) leaf, and drives the in-place variant, whose tangent
 * is written into self's in place.
 */
import { describe, expect, it } from 'vitest';
import { callOp, forwardGradcheck, fromArray, opTable, type OpDef, type Tensor } from '../index.ts';
import type { GradcheckCase } from '../ops/gradcheck-case.ts';
import { baseOf, casesOf, isDifferentiable, values } from './op-table-cases.ts';

function leaf(shape: readonly number[], vals: number[], transposed: boolean): Tensor {
  const n = shape.length;
  if (transposed && n >= 2) {
    const swapped = [...shape.slice(0, -2), shape[n - 1], shape[n - 2]];
    const stored = fromArray(vals, [...shape], 'float64')
      .transpose(n - 2, n - 1)
      .contiguous();
    const view = fromArray(stored.toArray(), swapped, 'float64')
      .transpose(n - 2, n - 1)
      .detach();
    view.requiresGrad = true;
    return view;
  }
  return fromArray(vals, [...shape], 'float64', true);
}

function checkable(op: OpDef, kase: GradcheckCase, transposed: boolean) {
  const inputs = kase.shapes.map((s, i) =>
    leaf(
      s,
      values(
        s.reduce((a, b) => a * b, 1),
        i + 1,
        kase.range ?? [-2, 2],
      ),
      transposed,
    ),
  );
  const fn = (...xs: Tensor[]): Tensor | Tensor[] => {
    if (kase.run) return kase.run(xs);
    const args = kase.args!(xs);
    if (op.inplaceOf) return callOp(op.name, (args[0] as Tensor).clone(), ...args.slice(1));
    return callOp(op.name, ...args);
  };
  return { fn, inputs };
}

const transposable = (shapes: readonly (readonly number[])[]): boolean => shapes.some((s) => s.length >= 2 && s[s.length - 1] > 1 && s[s.length - 2] > 1);

const differentiableOps = opTable().filter((op) => isDifferentiable(baseOf(op)));

describe('forward-mode AD over the op table', () => {
  it('reaches every differentiable op (explicit rule or the double-vjp fallback)', () => {
    expect(differentiableOps.length).toBeGreaterThan(100);
    expect(differentiableOps.filter((op) => casesOf(op).length === 0).map((op) => op.name)).toEqual([]);
  });
});

for (const op of differentiableOps) {
  const [first, ...others] = op.inplaceOf ? casesOf(op).slice(0, 1) : casesOf(op);
  if (!first) continue;
  const rule = baseOf(op).jvp ? 'its jvp rule' : baseOf(op).composite ? 'its parts' : 'the double-vjp fallback';
  describe(`${op.name} in forward mode (${rule})`, () => {
    it('matches finite differences', () => {
      const { fn, inputs } = checkable(op, first, false);
      expect(forwardGradcheck(fn, inputs).mismatches.slice(0, 2)).toEqual([]);
    });
    if (!first.contiguousOnly && transposable(first.shapes)) {
      it('matches finite differences on transposed inputs', () => {
        const { fn, inputs } = checkable(op, first, true);
        expect(forwardGradcheck(fn, inputs).mismatches.slice(0, 2)).toEqual([]);
      });
    }
    others.forEach((kase, i) => {
      it(`${kase.label ?? `case ${i + 2}`}: matches finite differences`, () => {
        const { fn, inputs } = checkable(op, kase, false);
        expect(forwardGradcheck(fn, inputs).mismatches.slice(0, 3)).toEqual([]);
      });
    });
  });
}
