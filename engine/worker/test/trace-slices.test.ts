import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../../trace/schema.ts';
import { TRACE_SLICE_EVENTS, traceSlices } from '../trace-slices.ts';

const runStarts = (count: number): TraceEvent[] => Array.from({ length: count }, (_, seq) => ({ kind: 'run-start', seq, cell: 'a' }));

describe('a run’s events leaving the worker', () => {
  it('go in slices of at most TRACE_SLICE_EVENTS that rejoin in order', () => {
    const events = runStarts(2 * TRACE_SLICE_EVENTS + 100);
    const slices = traceSlices(events);
    expect(slices.map((slice) => slice.length)).toEqual([TRACE_SLICE_EVENTS, TRACE_SLICE_EVENTS, 100]);
    expect(slices.flat()).toEqual(events);
  });

  it('go as one message when few (or none)', () => {
    const events = runStarts(3);
    expect(traceSlices(events)).toEqual([events]);
    expect(traceSlices([])).toEqual([[]]);
  });
});
