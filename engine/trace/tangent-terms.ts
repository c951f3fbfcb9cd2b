/**
 * The chain-rule numbers of one forward-mode step, per input that carries a tangent: its share of
 * the output's tangent (the op's JVP with only that input's tangent, `∂y/∂x · ẋ`) and, for
 * elementwise ops, the local derivative `∂y/∂x` itself (the JVP for a tangent of ones). Computed
 * with the op's own `jvp` rule, so the numbers are the ones the engine used; only while a recorder
 * listens, for small outputs, and only for ops with a jvp rule (the double-vjp fallback gives just
 * the total).
 */
import { noGrad } from '../autograd/grad-mode.ts';
import { onesLike } from '../creation.ts';
import type { Args, JvpContext, OpDef } from '../ops/types.ts';
import type { Tensor } from '../tensor.ts';
import { ELEMENTWISE_OPS } from './chain-rule.ts';
import { SUMMARY_VALUE_LIMIT } from './schema.ts';

/** One input's term of `ẏ = Σ ∂y/∂xᵢ · ẋᵢ`. */
export interface TangentTermValues {
  /** The input's position among the op's tensor inputs (the tangent event's `inputs`). */
  readonly index: number;
  /** The input's own tangent ẋᵢ. */
  readonly tangentIn: Tensor;
  /** ∂y/∂xᵢ · ẋᵢ; null when the rule gives a zero. */
  readonly contribution: Tensor | null;
  /** ∂y/∂xᵢ (elementwise ops: shaped like the output). */
  readonly local?: Tensor;
}

/**
 * The terms of one op's JVP. `inputs` are the op's tensor inputs with their parameter names (edge
 * order); `tangentOf` reads the open level's tangents. Call with forward AD suspended.
 */
export function tangentTerms(
  def: OpDef,
  args: Args,
  inputs: readonly (readonly [string, Tensor | null])[],
  result: Tensor,
  tangentOf: (t: Tensor) => Tensor | undefined,
): TangentTermValues[] {
  const jvp = def.jvp;
  if (!jvp || result.numel() > SUMMARY_VALUE_LIMIT) return [];
  const names = inputs.map(([name]) => name);
  // A list parameter (cat's tensors) has one name for several inputs: its terms are not told apart.
  if (new Set(names).size !== names.length) return [];
  const isElementwise = ELEMENTWISE_OPS.has(def.name.replace(/(?<=[^_])_$/, ''));
  const jvpWith = (only: string, tangent: Tensor): Tensor | null => {
    const ctx: JvpContext = {
      result,
      tangent: (name) => (name === only ? tangent : null),
      tangents: () => [],
    };
    return jvp(args, ctx);
  };
  const terms: TangentTermValues[] = [];
  inputs.forEach(([name, input], index) => {
    const tangentIn = input ? tangentOf(input) : undefined;
    if (!input || !tangentIn) return;
    try {
      const contribution = noGrad(() => jvpWith(name, tangentIn));
      const local = isElementwise ? noGrad(() => jvpWith(name, onesLike(input))) : null;
      terms.push({ index, tangentIn, contribution, ...(local ? { local } : {}) });
    } catch {
      // A rule that cannot run on its own input (or twice) gives the panel no numbers for it.
    }
  });
  return terms;
}
