/**
 * The loss chart's data: one point per backward pass that has a scalar loss, from `pass-summary`
 * events (kept for every pass, even after compaction dropped the pass's detail).
 */
import type { GradNorm, TraceEvent } from '../../../engine/trace/schema.ts';
import { traceIndexOf, type TraceIndex } from './trace-index.ts';
import { UNNAMED_TENSOR } from '../graph/labels.ts';

export interface LossPoint {
  readonly pass: number;
  readonly loss: number;
  /** The pass's backward-start seq while its detail is still in the trace (the timeline can go there). */
  readonly detailSeq?: number;
  readonly gradNorms: readonly GradNorm[];
}

/** Points in pass order; passes without a scalar loss (backward of a non-scalar) are left out. */
export function lossPoints(events: readonly TraceEvent[]): LossPoint[] {
  return lossPointsOf(traceIndexOf(events));
}

export function lossPointsOf(index: TraceIndex): LossPoint[] {
  const startSeqOfPass = index.startSeqOfPass;
  const points: LossPoint[] = [];
  for (const event of index.passSummaries) {
    if (event.kind !== 'pass-summary' || event.loss === undefined || !Number.isFinite(event.loss)) continue;
    const detailSeq = startSeqOfPass.get(event.pass);
    points.push({ pass: event.pass, loss: event.loss, gradNorms: event.gradNorms, ...(detailSeq !== undefined && { detailSeq }) });
  }
  return points.sort((a, b) => a.pass - b.pass);
}

/** What clicking a pass does: go to its first backward step, or show the summary that is all that is left. */
export type PassPick = { readonly kind: 'step'; readonly seq: number } | { readonly kind: 'summary'; readonly point: LossPoint };

export function pickPass(point: LossPoint): PassPick {
  return point.detailSeq !== undefined ? { kind: 'step', seq: point.detailSeq } : { kind: 'summary', point };
}

/** The point nearest to a horizontal position (0 = first pass, 1 = last), for clicks between dots. */
export function nearestPoint(points: readonly LossPoint[], fraction: number): LossPoint | undefined {
  if (points.length === 0) return undefined;
  const index = Math.round(Math.min(1, Math.max(0, fraction)) * (points.length - 1));
  return points[index];
}

/** The pass a trace position belongs to (the last backward-start at or before `seq`), if any. */
export function passAtSeq(events: readonly TraceEvent[], seq: number | null): number | undefined {
  return passAtSeqIn(traceIndexOf(events), seq);
}

export function passAtSeqIn(index: TraceIndex, seq: number | null): number | undefined {
  return index.backwardStartBefore(index.endOf(seq))?.pass;
}

/** Short text for a pass: its loss and the gradient norm of each parameter. */
export function describePass(point: LossPoint): string {
  const norms = point.gradNorms.map((norm) => `‖∇${norm.name ?? UNNAMED_TENSOR}‖ = ${formatNumber(norm.norm)}`);
  return [`pass ${point.pass}`, `loss ${formatNumber(point.loss)}`, ...norms].join(' · ');
}

export function formatNumber(value: number): string {
  if (value === 0) return '0';
  const magnitude = Math.abs(value);
  return magnitude >= 1e4 || magnitude < 1e-3 ? value.toExponential(3) : String(Number(value.toPrecision(4)));
}
