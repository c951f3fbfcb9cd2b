/**
 * The chain-rule line for the panel, from trace data alone:
 * `∂w/∂x = ∂w/∂y · ∂y/∂x = 0.3333 · 2 = 0.6667`. Pure, so the app and tests can both use it.
 */
import type { BackwardEdge, TensorSummary } from './schema.ts';

/** A number as the panel shows it: integers bare, others with PyTorch's four decimals. */
export function formatTraceNumber(v: number): string {
  if (Number.isInteger(v)) return String(v);
  return v.toFixed(4);
}

/** A tensor's values for the panel: one number when every element is the same, else a list. */
export function formatSummaryBrief(s: TensorSummary | null | undefined): string {
  if (!s) return '0';
  if (!s.values) return s.stats ? `[${s.shape.join('×')}: mean ${formatTraceNumber(s.stats.mean)}]` : '?';
  const first = s.values[0];
  if (s.values.length > 0 && s.values.every((v) => Math.abs(v - first) < 1e-12)) return formatTraceNumber(first);
  return `[${s.values.map(formatTraceNumber).join(', ')}]`;
}

export interface ChainRuleNames {
  /** The tensor backward started from (`w`). */
  readonly root: string;
  /** The op's output (`y`). */
  readonly output: string;
  /** The input the edge leads to (`x`). */
  readonly input: string;
}

/**
 * `∂root/∂input = ∂root/∂output · ∂output/∂input = upstream · local = product`. Without local
 * numbers (matmul), the rule or formula stands in for them.
 */
export function chainRuleText(names: ChainRuleNames, upstream: TensorSummary | null, edge: BackwardEdge): string {
  const { root, output, input } = names;
  const symbolic = `∂${root}/∂${input} = ∂${root}/∂${output} · ∂${output}/∂${input}`;
  const result = edge.product ?? edge.grad;
  const local = edge.local ? formatSummaryBrief(edge.local) : edge.rule ?? edge.formula ?? '?';
  const numbers = `${formatSummaryBrief(upstream)} · ${local} = ${formatSummaryBrief(result)}`;
  const reduced = edge.reduction ? `, ${edge.reduction.text} = ${formatSummaryBrief(edge.grad)}` : '';
  return `${symbolic} = ${numbers}${reduced}`;
}
