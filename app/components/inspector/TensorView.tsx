/** A tensor in the inspector: small ones as numbers, larger ones as a heatmap with min/max/mean. */
import { formatNumber, formatShape } from '../../core/graph/format.ts';
import type { TensorSummary } from '../../../engine/trace/schema.ts';

/** Tensors with at most this many values are written out; bigger ones get a heatmap. */
const MAX_LISTED_VALUES = 12;

function statsOf(summary: TensorSummary): { min: number; max: number; mean: number } | undefined {
  if (summary.stats) return summary.stats;
  const values = summary.values;
  if (!values || values.length === 0) return undefined;
  let min = Infinity;
  let max = -Infinity;
  let sum = 0;
  for (const value of values) {
    min = Math.min(min, value);
    max = Math.max(max, value);
    sum += value;
  }
  return { min, max, mean: sum / values.length };
}

function heatColour(value: number, min: number, max: number): string {
  const t = max === min ? 0.5 : (value - min) / (max - min);
  // Light blue (low) to deep orange (high): readable on white, no red/green pairing.
  const hue = 210 - t * 185;
  return `hsl(${hue.toFixed(0)} 70% ${(88 - t * 38).toFixed(0)}%)`;
}

export function TensorView({ summary, label }: { readonly summary: TensorSummary; readonly label: string }) {
  const { values, shape } = summary;
  const stats = statsOf(summary);
  if (values && values.length <= MAX_LISTED_VALUES) {
    return (
      <div className="tensor-view" aria-label={label}>
        <code className="tensor-view__numbers">{shape.length === 0 ? formatNumber(values[0]!) : `[${values.map(formatNumber).join(', ')}]`}</code>
      </div>
    );
  }
  const columns = shape.length >= 2 ? shape[shape.length - 1]! : Math.min(values?.length ?? 1, 16);
  return (
    <div className="tensor-view" aria-label={label}>
      {values && stats && (
        <div
          className="tensor-view__heatmap"
          role="img"
          aria-label={`heatmap of ${formatShape(shape)}`}
          style={{ gridTemplateColumns: `repeat(${columns}, 1fr)` }}
        >
          {values.map((value, index) => (
            <span key={index} title={formatNumber(value)} style={{ background: heatColour(value, stats.min, stats.max) }} />
          ))}
        </div>
      )}
      {stats && (
        <div className="tensor-view__stats">
          min {formatNumber(stats.min)} · max {formatNumber(stats.max)} · mean {formatNumber(stats.mean)}
        </div>
      )}
    </div>
  );
}
