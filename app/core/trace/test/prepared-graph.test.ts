/**
 * A big trace's graph view is made over many short tasks before the panel draws it, and is then
 * exactly the view made at once; a preparation abandoned half-way leaves nothing half-made.
 */
import { describe, expect, it } from 'vitest';
import { boundedViewOf, defaultCollapsedOf } from '../../graph/bounded-view.ts';
import { chainTrace, mlpTrace } from '../../graph/test/fixtures/synthetic-traces.ts';
import { isGraphViewReady, prepareGraphView, PREPARE_MIN_NODES } from '../prepared-graph.ts';
import { createTraceIndex, type TraceIndex } from '../trace-index.ts';

const FINAL = { names: 'final' } as const;

/** What the panel lays out and draws at the end of the trace. */
function viewAtEnd(index: TraceIndex) {
  const graph = index.graphAt(undefined, FINAL);
  return boundedViewOf(graph, defaultCollapsedOf(graph), index.events);
}

/** A clock that moves one millisecond each time it is read. */
function tickingClock(): () => number {
  let ms = 0;
  return () => ms++;
}

describe('preparing the graph view of a big trace', () => {
  const length = 3 * PREPARE_MIN_NODES;

  it('makes it over many tasks, and it is the view made at once', async () => {
    const index = createTraceIndex(chainTrace(length));
    expect(isGraphViewReady(index)).toBe(false);
    let pauses = 0;
    const done = await prepareGraphView(index, { isCancelled: () => false, now: tickingClock(), pause: async () => void (pauses += 1) });
    expect(done).toBe(true);
    expect(isGraphViewReady(index)).toBe(true);
    expect(pauses).toBeGreaterThan(20);

    const prepared = viewAtEnd(index);
    const atOnce = viewAtEnd(createTraceIndex(chainTrace(length)));
    expect(prepared.model).toEqual(atOnce.model);
    expect(prepared.plan.notes).toEqual(atOnce.plan.notes);
    expect(prepared.plan.notes.join(' ')).toContain(`${length.toLocaleString('en-US')} repeated \`mul\` ops on line 4 collapsed`);
  });

  it('keeps nothing of a preparation abandoned half-way, and a later one completes', async () => {
    const index = createTraceIndex(chainTrace(length));
    let pauses = 0;
    const abandoned = await prepareGraphView(index, { isCancelled: () => pauses >= 5, now: tickingClock(), pause: async () => void (pauses += 1) });
    expect(abandoned).toBe(false);
    expect(isGraphViewReady(index)).toBe(false);
    expect(await prepareGraphView(index, { isCancelled: () => false, pause: async () => {} })).toBe(true);
    expect(isGraphViewReady(index)).toBe(true);
  });

  it('has a small graph ready at once, with nothing to prepare', () => {
    const index = createTraceIndex(mlpTrace(4));
    expect(index.nodeCount).toBeLessThan(PREPARE_MIN_NODES);
    expect(isGraphViewReady(index)).toBe(true);
  });
});
