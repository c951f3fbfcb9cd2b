/**
 * Where backward errors point in the code: a custom backward's mistake (wrong gradient count or
 * shape) at the user's `return` line; an anomaly (NaN/inf gradient) at the forward line that made
 * the node, as PyTorch's anomaly mode reports it.
 */
import type { SourceLocation, TraceEvent } from '../../engine/trace/schema.ts';

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
  const opLocs = new Map<number, SourceLocation | undefined>();
  const marks: ErrorMark[] = [];
  for (const event of events) {
    if (step !== null && event.seq > step) break;
    if (event.kind === 'op') opLocs.set(event.nodeId, event.loc);
    if (event.kind !== 'backward-error') continue;
    const loc = event.anomaly ? opLocs.get(event.nodeId) : (event.loc ?? opLocs.get(event.nodeId));
    marks.push({
      nodeId: event.nodeId,
      seq: event.seq,
      ename: event.ename,
      message: event.message,
      anomaly: event.anomaly,
      ...(loc && { loc }),
    });
  }
  return marks;
}

/** The error recorded for one node up to `step`, if any. */
export function errorOfNode(events: readonly TraceEvent[], step: number | null, nodeId: number): ErrorMark | undefined {
  return backwardErrorMarks(events, step).find((mark) => mark.nodeId === nodeId);
}
