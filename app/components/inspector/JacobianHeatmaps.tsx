/** A failed gradcheck's Jacobians side by side, mismatching entries outlined, the pair named. */
import type { JacobianPair } from '../../../engine/trace/schema.ts';
import { formatNumber } from '../../core/graph/format.ts';
import { jacobianPairView, type JacobianGrid } from '../../core/inspector/jacobian-heatmap.ts';

function levelColour(level: number): string {
  // Same light-blue-to-orange ramp as TensorView's heatmap (no red/green pairing).
  const hue = 210 - level * 185;
  return `hsl(${hue.toFixed(0)} 70% ${(90 - level * 36).toFixed(0)}%)`;
}

/** One heatmap grid (a Jacobian, or a gradient laid out as rows and columns); flagged cells are outlined. */
export function HeatmapGrid({ grid, title, ariaLabel }: { readonly grid: JacobianGrid; readonly title: string; readonly ariaLabel?: string }) {
  return (
    <figure className="jacobian" aria-label={ariaLabel ?? `${title} Jacobian`} style={{ margin: 0 }}>
      <figcaption className="jacobian__title">{title}</figcaption>
      {grid.cells.length === 0 ? (
        <span className="jacobian__title">too large to show</span>
      ) : (
        <div className="jacobian__grid" role="table" style={{ gridTemplateColumns: `repeat(${grid.columns}, auto)` }}>
          {grid.cells.map((cell) => (
            <span
              key={`${cell.row},${cell.column}`}
              role="cell"
              className="jacobian__cell"
              data-row={cell.row}
              data-column={cell.column}
              data-mismatch={cell.isMismatch}
              title={`[${cell.row}, ${cell.column}] = ${formatNumber(cell.value)}${cell.isMismatch ? ' (mismatch)' : ''}`}
              style={{ background: levelColour(cell.level) }}
            >
              {formatNumber(cell.value)}
            </span>
          ))}
        </div>
      )}
    </figure>
  );
}

export function JacobianHeatmaps({ pair }: { readonly pair: JacobianPair }) {
  const view = jacobianPairView(pair);
  return (
    <div className="jacobians" role="group" aria-label={`Jacobians of ${view.label}`}>
      <p className="jacobians__pair">
        {view.label}
        {view.mismatchCount > 0 && ` · ${view.mismatchCount} entr${view.mismatchCount === 1 ? 'y differs' : 'ies differ'}`}
      </p>
      <div className="jacobians__grids">
        <HeatmapGrid grid={view.analytical} title="analytical" />
        <HeatmapGrid grid={view.numerical} title="numerical" />
      </div>
    </div>
  );
}
