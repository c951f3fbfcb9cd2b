/**
 * Recorded custom-Function frames grown event by event: the replay index feeds every event in once
 * and reads the frames (frames.ts) from here.
 */
import type { TraceEvent } from '../../../engine/trace/schema.ts';
import type { CustomFrame, SubStep } from './frames.ts';

/** Frames grown event by event (the replay index extends them as runs append events). */
export interface FramesBuilder {
  add(event: TraceEvent): void;
  /** The frames as they stand now (a new map; sub-step lists are copied). */
  frames(): ReadonlyMap<number, CustomFrame>;
}

export function createFramesBuilder(): FramesBuilder {
  const calls = new Map<number, Extract<TraceEvent, { kind: 'custom-call' }>>();
  const substeps = new Map<number, SubStep[]>();
  return {
    add(event) {
      if (event.kind === 'custom-call') {
        calls.set(event.callId, event);
        substeps.set(event.callId, []);
      } else if (event.kind === 'custom-line' || event.kind === 'custom-return') {
        let list = substeps.get(event.callId);
        if (!list) substeps.set(event.callId, (list = []));
        list.push({
          seq: event.seq,
          kind: event.kind === 'custom-line' ? 'line' : 'return',
          loc: event.loc,
          locals: event.locals,
          ...(event.kind === 'custom-return' && event.value !== undefined && { value: event.value }),
          ...(event.kind === 'custom-return' && event.error !== undefined && { error: event.error }),
        });
      }
    },
    frames() {
      const frames = new Map<number, CustomFrame>();
      for (const [callId, call] of calls) {
        frames.set(callId, {
          callId,
          fn: call.fn,
          functionName: call.functionName,
          ...(call.nodeId !== undefined && { nodeId: call.nodeId }),
          ...(call.pass !== undefined && { pass: call.pass }),
          ...(call.loc !== undefined && { defLoc: call.loc }),
          substeps: (substeps.get(callId) ?? []).slice(),
        });
      }
      return frames;
    },
  };
}

/** The lines of each cell that ran inside a recorded frame, by cell id. */
export function recordedLinesByCell(frames: ReadonlyMap<number, CustomFrame>): ReadonlyMap<string, ReadonlySet<number>> {
  const byCell = new Map<string, Set<number>>();
  for (const frame of frames.values()) {
    for (const substep of frame.substeps) {
      if (substep.kind !== 'line') continue;
      let lines = byCell.get(substep.loc.cell);
      if (!lines) byCell.set(substep.loc.cell, (lines = new Set()));
      lines.add(substep.loc.line);
    }
  }
  return byCell;
}
