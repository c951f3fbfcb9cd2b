/** Short, stable text for tensor summaries as the graph shows them (not PyTorch's repr). */
import type { TensorSummary } from '../../../engine/trace/schema.ts';

/** How many values a node label shows before eliding the rest. */
const MAX_SHOWN_VALUES = 6;

export function formatShape(shape: readonly number[]): string {
  return `[${shape.join(', ')}]`;
}

/** Four decimals at most, no trailing zeros: 0.6666667 → 0.6667, 2 → 2. */
export function formatNumber(value: number): string {
  if (Number.isNaN(value)) return 'nan';
  if (!Number.isFinite(value)) return value > 0 ? 'inf' : '-inf';
  const abs = Math.abs(value);
  if (abs !== 0 && (abs >= 1e5 || abs < 1e-4)) return value.toExponential(2);
  const rounded = Number(value.toFixed(4));
  return Object.is(rounded, -0) ? '0' : String(rounded);
}

/** `[1, 2, 3]` (scalars as `2`), elided after a few values; statistics when values are absent. */
export function formatSummaryValues(summary: TensorSummary): string {
  const { values, stats, shape } = summary;
  if (values) {
    if (shape.length === 0 && values.length === 1) return formatNumber(values[0]!);
    const shown = values.slice(0, MAX_SHOWN_VALUES).map(formatNumber);
    if (values.length > MAX_SHOWN_VALUES) shown.push('…');
    return `[${shown.join(', ')}]`;
  }
  if (stats) return `${formatNumber(stats.min)} … ${formatNumber(stats.max)}`;
  return '';
}

/** A gradient in a few characters: `0.3333 ×3` when every value is the same, else the values. */
export function formatGradBrief(summary: TensorSummary): string {
  const { values } = summary;
  if (values && values.length > 1) {
    const first = formatNumber(values[0]!);
    if (values.every((value) => formatNumber(value) === first)) return `${first} ×${values.length}`;
  }
  return formatSummaryValues(summary);
}
