/**
 * The recorder's bound per run: a loop that builds a million-node graph would otherwise record
 * a million op events, a million backward steps and their tensors (~550 bytes of JSON each), and
 * the page would hold, send and step through all of them. Past the bound a run only counts what
 * it does, by kind, op and line; the counts end the run as one `trace-summary` event.
 */
import type { OmittedCount, SourceLocation, TraceEvent, TraceEventKind } from './schema.ts';

/** Events kept in detail per run (docs/reliability.md): ~27 MB of trace JSON at most. */
export const MAX_EVENTS_PER_RUN = 50_000;

/** Kinds recorded even past the bound: few per run, and what the loss chart and names need. */
const ALWAYS_RECORDED: ReadonlySet<TraceEventKind> = new Set(['name', 'pass-summary', 'run-start', 'trace-summary']);

export const isAlwaysRecorded = (kind: TraceEventKind): boolean => ALWAYS_RECORDED.has(kind);

export interface OmittedCounter {
  /** Counts one event not recorded. */
  count(kind: TraceEventKind, op: string | undefined, loc: SourceLocation | undefined): void;
  readonly omitted: number;
  /** The summary event of what was counted since the last take (undefined when nothing was), then forgets. */
  take(seq: number, limit: number): Extract<TraceEvent, { kind: 'trace-summary' }> | undefined;
}

export function createOmittedCounter(): OmittedCounter {
  let counts = new Map<string, { kind: TraceEventKind; op?: string; loc?: SourceLocation; count: number }>();
  let omitted = 0;
  return {
    count(kind, op, loc) {
      omitted++;
      const key = `${kind}\u0000${op ?? ''}\u0000${loc ? `${loc.cell}:${loc.line}` : ''}`;
      const entry = counts.get(key);
      if (entry) entry.count++;
      else counts.set(key, { kind, ...(op !== undefined && { op }), ...(loc !== undefined && { loc: { cell: loc.cell, line: loc.line } }), count: 1 });
    },
    get omitted() {
      return omitted;
    },
    take(seq, limit) {
      if (omitted === 0) return undefined;
      const list: OmittedCount[] = [...counts.values()].sort((a, b) => b.count - a.count);
      const event = { kind: 'trace-summary' as const, seq, limit, omitted, counts: list };
      counts = new Map();
      omitted = 0;
      return event;
    },
  };
}
