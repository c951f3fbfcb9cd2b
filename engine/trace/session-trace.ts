/**
 * The one place a session's trace is compacted. The worker keeps the events the app holds (every
 * run's, in order) and, when a run's events join them, works out which older events the session
 * no longer keeps: the detail of passes beyond the kept ones (a training loop spread over many
 * cells) and, past the session bound, the oldest events. The app is told what was appended and
 * which seqs to forget; it never compacts anything itself.
 */
import { compactTrace, DEFAULT_KEEP_PASSES } from './compact.ts';
import type { TraceEvent } from './schema.ts';

/** Events a session's trace holds at most; beyond it the oldest go (the graph tolerates missing references). */
export const SESSION_TRACE_EVENT_LIMIT = 200_000;

/** Seqs `[first, last]` (inclusive) of events the session's trace no longer holds; no kept event lies between. */
export type SeqRange = readonly [first: number, last: number];

export interface SessionTraceUpdate {
  /** The new events the session keeps, in order. */
  readonly appended: readonly TraceEvent[];
  /** Earlier events the session drops, as ascending seq ranges. */
  readonly forgotten: readonly SeqRange[];
}

export interface SessionTrace {
  /** Adds one run's events and says how the session's trace changes. */
  append(added: readonly TraceEvent[]): SessionTraceUpdate;
  /**
   * Adds an event the app appends as it is (an on-request gradcheck): nothing is forgotten for it;
   * the next run's update accounts for it.
   */
  appendAsIs(event: TraceEvent): void;
}

export interface SessionTraceOptions {
  readonly keepPasses?: number;
  readonly eventLimit?: number;
}

const countPasses = (events: readonly TraceEvent[]): number => events.reduce((n, e) => (e.kind === 'backward-start' ? n + 1 : n), 0);

export function createSessionTrace(options: SessionTraceOptions = {}): SessionTrace {
  const keepPasses = options.keepPasses ?? DEFAULT_KEEP_PASSES;
  const eventLimit = options.eventLimit ?? SESSION_TRACE_EVENT_LIMIT;
  // Owned here alone: what is handed out are the run's own arrays or fresh ones.
  let held: TraceEvent[] = [];
  let heldPasses = 0;
  return {
    append(added) {
      if (added.length === 0) return { appended: [], forgotten: [] };
      const oldCount = held.length;
      for (const event of added) held.push(event);
      heldPasses += countPasses(added);
      const compacted = heldPasses > keepPasses ? compactTrace(held, keepPasses) : held;
      const next = compacted.length > eventLimit ? compacted.slice(compacted.length - eventLimit) : compacted;
      if (next === held) return { appended: added, forgotten: [] };
      const update = difference(oldCount, held, next);
      held = next;
      heldPasses = countPasses(next);
      return update;
    },
    appendAsIs(event) {
      held.push(event);
    },
  };
}

/** What `next` (a subsequence of `joined`, by identity) drops of the first `oldCount` events, and keeps of the rest. */
function difference(oldCount: number, joined: readonly TraceEvent[], next: readonly TraceEvent[]): SessionTraceUpdate {
  const forgotten: [number, number][] = [];
  const appended: TraceEvent[] = [];
  let j = 0;
  let isExtendingRange = false;
  for (let i = 0; i < joined.length; i++) {
    const event = joined[i]!;
    const isKept = next[j] === event;
    if (isKept) j++;
    if (i >= oldCount) {
      if (isKept) appended.push(event);
      continue;
    }
    if (isKept) isExtendingRange = false;
    else if (isExtendingRange) forgotten[forgotten.length - 1]![1] = event.seq;
    else {
      forgotten.push([event.seq, event.seq]);
      isExtendingRange = true;
    }
  }
  return { appended, forgotten };
}
