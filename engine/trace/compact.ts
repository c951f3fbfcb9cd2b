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
    case 'hook':
    case 'backward-error':
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
  const keepOp = (e: Extract<TraceEvent, { kind: 'op' }>): boolean => {
    const last = lastPassOfNode.get(e.nodeId);
    return last === undefined ? e.seq > droppedEndSeq : !dropped.has(last);
  };
  // A custom Function's recorded frames share the fate of what they belong to: a backward call
  // its pass, a forward call the node it made (whose op event comes after the call); a gradcheck
  // its node.
  const keptOps = new Set<number>();
  const keepCall = new Map<number, boolean>();
  for (const e of events) {
    if (e.kind !== 'op' || !keepOp(e)) continue;
    keptOps.add(e.nodeId);
    if (e.customCall !== undefined) keepCall.set(e.customCall, true);
  }
  for (const e of events) {
    if (e.kind === 'custom-call' && e.pass !== undefined) keepCall.set(e.callId, !dropped.has(e.pass));
  }
  return events.filter((e) => {
    const pass = detailPassOf(e);
    if (pass !== undefined) return !dropped.has(pass);
    switch (e.kind) {
      case 'op':
        return keptOps.has(e.nodeId);
      case 'custom-call':
      case 'custom-line':
      case 'custom-return':
        // A forward whose node was never made (no input required grad) counts as forward work.
        return keepCall.get(e.callId) ?? e.seq > droppedEndSeq;
      case 'gradcheck':
        return keptOps.has(e.nodeId);
      case 'tangent':
        // Forward-mode work goes with its backward pass (forward over reverse), else with its op's
        // node, or (no node) with the forward work of its time.
        if (e.pass !== undefined) return !dropped.has(e.pass);
        return e.nodeId !== undefined ? keptOps.has(e.nodeId) : e.seq > droppedEndSeq;
      default:
        return true;
    }
  });
}
