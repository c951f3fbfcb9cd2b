/**
 * Every differentiable op of the op table passes gradcheck and gradgradcheck in float64 against
 * finite differences. The cases live beside each OpDef (`gradcheck: [...]`, see
 * ops/gradcheck-case.ts); this file walks the table, so a new differentiable op without a case
 * fails the first test. An op's first case also runs on non-contiguous leaves (transposed,
 * sliced with a step) and on inputs broadcast by `expand` (stride 0), and drives the in-place
 * variant; its other cases run on contiguous leaves.
 */
import { describe, expect, it } from 'vitest';
import { callOp, fromArray, gradcheck, gradgradcheck, index, opTable, type OpDef, type Tensor } from '../index.ts';
import type { GradcheckCase } from '../ops/gradcheck-case.ts';
import { baseOf, casesOf, isDifferentiable, values } from './op-table-cases.ts';

type Layout = 'contiguous' | 'transposed' | 'sliced with a step' | 'expanded';
const LAYOUTS: readonly Layout[] = ['contiguous', 'transposed', 'sliced with a step', 'expanded'];

/**
 * A float64 leaf with the given logical values and shape, laid out as asked: a transposed or
 * step-sliced view of a larger buffer (a non-contiguous leaf), or a smaller leaf that the checked
 * function expands (stride 0) to the shape.
 */
function leaf(shape: readonly number[], vals: number[], layout: Layout): { leaf: Tensor; prepare: (t: Tensor) => Tensor } {
  const id = (t: Tensor): Tensor => t;
  const n = shape.length;
  if (layout === 'transposed' && n >= 2) {
    const swapped = [...shape.slice(0, -2), shape[n - 1], shape[n - 2]];
    const base = fromArray(vals, [...shape], 'float64');
    const stored = base.transpose(n - 2, n - 1).contiguous(); // laid out as `swapped`
    const view = fromArray(stored.toArray(), swapped, 'float64')
      .transpose(n - 2, n - 1)
      .detach();
    view.requiresGrad = true;
    return { leaf: view, prepare: id };
  }
  if (layout === 'sliced with a step' && n >= 1) {
    const wide = [...shape.slice(0, -1), shape[n - 1] * 2];
    const padded: number[] = [];
    vals.forEach((v) => padded.push(v, 7)); // the skipped elements must not matter
    const view = index(fromArray(padded, wide, 'float64'), [{ kind: 'ellipsis' }, { kind: 'slice', step: 2 }]).detach();
    view.requiresGrad = true;
    return { leaf: view, prepare: id };
  }
  if (layout === 'expanded' && n >= 1 && shape[0] > 1) {
    const small = [1, ...shape.slice(1)];
    const t = fromArray(vals.slice(0, vals.length / shape[0]), small, 'float64', true);
    return { leaf: t, prepare: (x) => x.expand(...shape) };
  }
  return { leaf: fromArray(vals, [...shape], 'float64', true), prepare: id };
}

/** Whether a layout changes anything for these shapes (a 1-D input has nothing to transpose). */
function layoutApplies(shapes: readonly (readonly number[])[], layout: Layout): boolean {
  if (layout === 'contiguous') return true;
  if (layout === 'transposed') return shapes.some((s) => s.length >= 2 && s[s.length - 1] > 1 && s[s.length - 2] > 1);
  if (layout === 'sliced with a step') return shapes.some((s) => s.length >= 1);
  return shapes.some((s) => s.length >= 1 && s[0] > 1);
}

function checkable(op: OpDef, kase: GradcheckCase, layout: Layout) {
  const built = kase.shapes.map((s, i) =>
    leaf(
      s,
      values(
        s.reduce((a, b) => a * b, 1),
        i + 1,
        kase.range ?? [-2, 2],
      ),
      layout,
    ),
  );
  const fn = (...xs: Tensor[]): Tensor | Tensor[] => {
    const leaves = xs.map((x, i) => built[i].prepare(x));
    if (kase.run) return kase.run(leaves);
    const args = kase.args!(leaves);
    if (op.inplaceOf) {
      // In place on a fresh copy of self, so the leaf itself stays untouched.
      const selfArg = args[0] as Tensor;
      return callOp(op.name, selfArg.clone(), ...args.slice(1));
    }
    return callOp(op.name, ...args);
  };
  return { fn, inputs: built.map((b) => b.leaf) };
}

const differentiableOps = opTable().filter((op) => isDifferentiable(baseOf(op)));

describe('the gradcheck cases cover the op table', () => {
  it('every differentiable op has a gradcheck case', () => {
    const missing = differentiableOps.filter((op) => casesOf(op).length === 0).map((op) => baseOf(op).name);
    expect([...new Set(missing)]).toEqual([]);
  });

  it('only differentiable ops carry cases, and the first case of each is a plain call (the in-place variant reuses it)', () => {
    const differentiable = new Set(differentiableOps.map((op) => op.name));
    expect(
      opTable()
        .filter((op) => op.gradcheck && !differentiable.has(op.name))
        .map((op) => op.name),
    ).toEqual([]);
    expect(differentiableOps.filter((op) => casesOf(op)[0]?.args === undefined).map((op) => op.name)).toEqual([]);
  });
});

for (const op of differentiableOps) {
  const [first, ...others] = op.inplaceOf ? casesOf(op).slice(0, 1) : casesOf(op);
  if (!first) continue;
  describe(`${op.name} in float64`, () => {
    for (const layout of LAYOUTS) {
      if (!layoutApplies(first.shapes, layout) || (first.contiguousOnly && layout !== 'contiguous')) continue;
      it(`passes gradcheck on ${layout} inputs`, () => {
        const { fn, inputs } = checkable(op, first, layout);
        expect(gradcheck(fn, inputs).mismatches.slice(0, 2)).toEqual([]);
      });
      it(`passes gradgradcheck on ${layout} inputs`, () => {
        const { fn, inputs } = checkable(op, first, layout);
        expect(gradgradcheck(fn, inputs).mismatches.slice(0, 2)).toEqual([]);
      });
    }
    others.forEach((kase, i) => {
      const name = kase.label ?? `case ${i + 2}`;
      it(`${name}: first derivatives`, () => {
        const { fn, inputs } = checkable(op, kase, 'contiguous');
        expect(gradcheck(fn, inputs).mismatches.slice(0, 3)).toEqual([]);
      });
      it(`${name}: second derivatives`, () => {
        const { fn, inputs } = checkable(op, kase, 'contiguous');
        expect(gradgradcheck(fn, inputs).mismatches.slice(0, 3)).toEqual([]);
      });
    });
  });
}

describe('gradcheck reports wrong Jacobian entries', () => {
  it('names the entry where a broken gradient differs', () => {
    const x = fromArray(values(3, 1, [-2, 2]), [3], 'float64', true);
    // A hook that doubles the gradient makes the analytical Jacobian wrong.
    const broken = (t: Tensor): Tensor => {
      const y = t.mul(1);
      y.registerHook((g) => g.mul(2));
      return y.pow(2);
    };
    const result = gradcheck(broken, [x]);
    expect(result.ok).toBe(false);
    expect(result.mismatches[0]).toMatchObject({ input: 0, inputIndex: 0, outputIndex: 0 });
  });
});
