/** Questions about a tensor's history, asked by torch.func's transforms. */
import type { Tensor } from '../tensor.ts';
import { AccumulateGrad, type GradNode } from './node.ts';

/**
 * Whether `t`'s history reaches a leaf that requires grad other than `excluded` (a transform's own
 * inputs): if so, its result must stay differentiable for the user (`grad(f)(x)` where f uses a
 * weight `w` that requires grad). Iterative, so deep graphs are fine.
 */
export function dependsOnOtherLeaves(t: Tensor, excluded: readonly Tensor[]): boolean {
  if (!t.requiresGrad) return false;
  if (!t.gradFn) return !excluded.includes(t);
  const skip = new Set(excluded);
  const seen = new Set<GradNode>([t.gradFn]);
  const stack: GradNode[] = [t.gradFn];
  while (stack.length > 0) {
    const node = stack.pop()!;
    for (const [next] of node.nextFunctions) {
      if (!next || seen.has(next)) continue;
      if (next instanceof AccumulateGrad) {
        if (!skip.has(next.variable)) return true;
        continue;
      }
      seen.add(next);
      stack.push(next);
    }
  }
  return false;
}
