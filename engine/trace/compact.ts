/**
 * Bounded traces for long loops: keep every event of the last `keepPasses` backward passes (and
 * the forward ops that fed them), and of older passes only their `pass-summary`. Pure data in,
 * data out, so the app can apply it to what it has accumulated across cells as well.
 */
import type { TraceEvent } from './schema.ts';

/** Full backward passes kept by default (docs/trace.md states the resulting bound). */
export const DEFAULT_KEEP_PASSES = 3;

/** The pass an event belongs to, for events that belong to one (summaries excepted). */
function detailPassOf(e: TraceEvent): number | undefined {
  switch (e.kind) {
    case 'backward-start':
    case 'backward-step':
    case 'accumulate':
    case 'gradient-sum':
    case 'backward-end':
      return e.pass;
    case 'saved-freed':
      return e.pass;
    default:
      return undefined;
  }
}

/** Numbers of the passes whose detail (backward-start) is still in `events`, in order. */
export function fullPasses(events: readonly TraceEvent[]): number[] {
  return events.filter((e) => e.kind === 'backward-start').map((e) => (e.kind === 'backward-start' ? e.pass : 0));
}

/**
 * Drops the detail of all but the last `keepPasses` passes. Forward ops go with the newest pass
 * that ran their node; ops no pass ran are kept unless they came before the dropped passes ended
 * (dead forward work of long ago). Leaves, names, run starts and summaries always stay.
 */
export function compactTrace(events: readonly TraceEvent[], keepPasses = DEFAULT_KEEP_PASSES): TraceEvent[] {
  const passes = fullPasses(events);
  if (passes.length <= keepPasses) return [...events];
  const dropped = new Set(passes.slice(0, passes.length - keepPasses));
  const lastPassOfNode = new Map<number, number>();
  let droppedEndSeq = -Infinity;
  for (const e of events) {
    if (e.kind === 'backward-step') lastPassOfNode.set(e.nodeId, Math.max(lastPassOfNode.get(e.nodeId) ?? 0, e.pass));
    if (e.kind === 'backward-end' && dropped.has(e.pass)) droppedEndSeq = Math.max(droppedEndSeq, e.seq);
  }
  return events.filter((e) => {
    const pass = detailPassOf(e);
    if (pass !== undefined) return !dropped.has(pass);
    if (e.kind === 'op') {
      const last = lastPassOfNode.get(e.nodeId);
      return last === undefined ? e.seq > droppedEndSeq : !dropped.has(last);
    }
    return true;
  });
}
