/**
 * Gradcheck's two Jacobians as heatmap data: one grid per Jacobian (rows: input elements, columns:
 * output elements, as PyTorch lays them out), one colour scale for both so they compare at a
 * glance, mismatching entries flagged, and the pair named as gradcheck names it.
 */
import type { JacobianPair, TensorSummary, TraceEvent } from '../../../engine/trace/schema.ts';
import { traceIndexOf } from '../trace/trace-index.ts';

export interface HeatmapCell {
  readonly row: number;
  readonly column: number;
  readonly value: number;
  readonly isMismatch: boolean;
  /** 0 (lowest value of both grids) … 1 (highest). */
  readonly level: number;
}

export interface JacobianGrid {
  readonly rows: number;
  readonly columns: number;
  /** Row-major; empty when the trace kept no values (a large Jacobian). */
  readonly cells: readonly HeatmapCell[];
}

export interface JacobianPairView {
  /** `output 0 with respect to input 0` */
  readonly label: string;
  readonly analytical: JacobianGrid;
  readonly numerical: JacobianGrid;
  readonly mismatchCount: number;
}

export type GradcheckEvent = Extract<TraceEvent, { kind: 'gradcheck' }>;

/** The latest gradcheck of a node, if the trace has one. */
export function gradcheckOf(events: readonly TraceEvent[], nodeId: number): GradcheckEvent | undefined {
  return traceIndexOf(events).gradcheckOf(nodeId);
}

export function pairLabel(pair: Pick<JacobianPair, 'inputIndex' | 'outputIndex'>): string {
  return `output ${pair.outputIndex} with respect to input ${pair.inputIndex}`;
}

export function jacobianPairView(pair: JacobianPair): JacobianPairView {
  const mismatches = new Set(pair.mismatches.map(([row, column]) => `${row},${column}`));
  const all = [...(pair.analytical.values ?? []), ...(pair.numerical.values ?? [])].filter(Number.isFinite);
  const low = all.length > 0 ? Math.min(...all) : 0;
  const high = all.length > 0 ? Math.max(...all) : 0;
  const grid = (summary: TensorSummary): JacobianGrid => {
    const rows = summary.shape[0] ?? 1;
    const columns = summary.shape.length >= 2 ? summary.shape[1]! : 1;
    const cells = (summary.values ?? []).map((value, index): HeatmapCell => {
      const row = Math.floor(index / columns);
      const column = index % columns;
      const level = !Number.isFinite(value) ? 1 : high === low ? 0.5 : (value - low) / (high - low);
      return { row, column, value, isMismatch: mismatches.has(`${row},${column}`), level };
    });
    return { rows, columns, cells };
  };
  return { label: pairLabel(pair), analytical: grid(pair.analytical), numerical: grid(pair.numerical), mismatchCount: pair.mismatches.length };
}
