/**
 * Where backward errors point in the code: a custom backward's mistake (wrong gradient count or
 * shape) at the user's `return` line; an anomaly (NaN/inf gradient) at the forward line that made
 * the node, as PyTorch's anomaly mode reports it.
 */
import type { SourceLocation, TraceEvent } from '../../../engine/trace/schema.ts';
import { traceIndexOf, type TraceIndex } from './trace-index.ts';

export interface ErrorMark {
  readonly nodeId: number;
  readonly seq: number;
  readonly ename: string;
  readonly message: string;
  readonly anomaly: boolean;
  /** The line to light, when the trace knows it. */
  readonly loc?: SourceLocation;
}

/** Errors recorded up to `step` (all of them for null, the end of the trace). */
export function backwardErrorMarks(events: readonly TraceEvent[], step: number | null): ErrorMark[] {
  return errorMarksOf(traceIndexOf(events), step);
}

/** backwardErrorMarks from the replay index, which files each error (and its line) as it arrives. */
export function errorMarksOf(index: TraceIndex, step: number | null): ErrorMark[] {
  return index.errorsUpTo(step).map(({ at: _at, ...mark }) => mark);
}

/** The error recorded for one node up to `step`, if any. */
export function errorOfNode(events: readonly TraceEvent[], step: number | null, nodeId: number): ErrorMark | undefined {
  return errorOfNodeIn(traceIndexOf(events), step, nodeId);
}

export function errorOfNodeIn(index: TraceIndex, step: number | null, nodeId: number): ErrorMark | undefined {
  return errorMarksOf(index, step).find((mark) => mark.nodeId === nodeId);
}
