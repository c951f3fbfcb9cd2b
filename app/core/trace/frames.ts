/**
 * Recorded frames of the user's own `forward`/`backward` (custom `torch.autograd.Function`): the
 * `custom-call` event, then its line events and its return, as sub-steps one can step through.
 * Pure data from the trace; the timeline enters a frame from the graph step it belongs to.
 */
import type { LocalValue, PyValue, SourceLocation, TraceEvent } from '../../../engine/trace/schema.ts';
import { traceIndexOf } from './trace-index.ts';

/** One line (about to run) or the return of a recorded frame. Identified by its event seq. */
export interface SubStep {
  readonly seq: number;
  readonly kind: 'line' | 'return';
  readonly loc: SourceLocation;
  /** Locals before the line runs (for a return: as the frame left them). */
  readonly locals: readonly LocalValue[];
  /** What the frame returned (return sub-step only). */
  readonly value?: PyValue;
  /** What the frame raised (return sub-step only). */
  readonly error?: string;
}

export interface CustomFrame {
  readonly callId: number;
  readonly fn: 'forward' | 'backward';
  readonly functionName: string;
  readonly nodeId?: number;
  readonly pass?: number;
  /** The method's `def` line. */
  readonly defLoc?: SourceLocation;
  readonly substeps: readonly SubStep[];
}

/** Every recorded frame of the trace by call id, from the trace's replay index. */
export function customFrames(events: readonly TraceEvent[]): ReadonlyMap<number, CustomFrame> {
  return traceIndexOf(events).frames();
}

/** `MyReLU.backward` */
export function frameTitle(frame: CustomFrame): string {
  return `${frame.functionName}.${frame.fn}`;
}

/** Index of the sub-step with this seq in its frame, -1 when it is not there. */
export function substepIndex(frame: CustomFrame, seq: number | null): number {
  if (seq === null) return -1;
  return frame.substeps.findIndex((substep) => substep.seq === seq);
}

/** The lines of cell `cellId` that ran inside a recorded frame: where breakpoints can go. */
export function recordedLines(events: readonly TraceEvent[], cellId: string): ReadonlySet<number> {
  return traceIndexOf(events).recordedLines(cellId);
}

/** `cell-1:14`, how the replay store keeps a breakpoint. */
export const breakpointKey = (loc: Pick<SourceLocation, 'cell' | 'line'>): string => `${loc.cell}:${loc.line}`;
