/**
 * What the op-table walks (gradcheck.test.ts, forward-gradcheck.test.ts) share: which ops are
 * differentiable, their gradcheck cases, and the deterministic values the leaves are filled with.
 */
import type { OpDef } from '../index.ts';
import type { GradcheckCase } from '../ops/gradcheck-case.ts';

/** Differentiable = has a backward rule or is a composition of ops that have one, and says so. */
const NOT_DIFFERENTIABLE = /not differentiable|^constant$|no gradient flows/;
export const isDifferentiable = (op: OpDef): boolean =>
  (op.backward !== undefined || op.composite !== undefined) && !NOT_DIFFERENTIABLE.test(op.display.formula);
export const baseOf = (op: OpDef): OpDef => op.inplaceOf ?? op;
export const casesOf = (op: OpDef): readonly GradcheckCase[] => baseOf(op).gradcheck ?? [];

/** Distinct, deterministic values in [lo, hi], away from 0 (kinks of relu/abs/sign). */
export function values(n: number, seed: number, [lo, hi]: readonly [number, number]): number[] {
  return Array.from({ length: n }, (_, i) => {
    const u = Math.abs(Math.sin(seed * 97.13 + i * 12.9898) * 43758.5453) % 1;
    const v = lo + u * (hi - lo);
    return Math.abs(v) < 0.05 ? v + 0.1 : v;
  });
}
