/**
 * A finished run's events leave the worker in slices. The page takes each message in as one task
 * (structured clone), and 250 events take a few milliseconds there, where a long run's
 * 100,000 events in one message took half a second of a frozen page (and 500 took up to 114 ms
 * with the machine loaded, load average 17 on 2 cores).
 */
import type { TraceEvent } from '../trace/schema.ts';

/** Events per message. */
export const TRACE_SLICE_EVENTS = 250;

/** `events` cut into consecutive slices of at most `size` (one, possibly empty, slice at least). */
export function traceSlices(events: readonly TraceEvent[], size = TRACE_SLICE_EVENTS): (readonly TraceEvent[])[] {
  if (events.length <= size) return [events];
  const slices: (readonly TraceEvent[])[] = [];
  for (let start = 0; start < events.length; start += size) slices.push(events.slice(start, start + size));
  return slices;
}
