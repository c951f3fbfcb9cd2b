/**
 * A long run's events are indexed a chunk per task before the notebook takes them in
 * (indexTraceAhead), so the page never reads 50,000 events in one task. What the panels then read
 * is the same as a fresh index's, and a trace that changed meanwhile is indexed afresh, not mixed.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { TraceEvent } from '../../../../engine/trace/schema.ts';
import { mlpTrace } from '../../graph/test/fixtures/synthetic-traces.ts';
import { notebook } from '../../notebook/notebook-store.ts';
import { createTraceIndex, indexTraceAhead, READ_AHEAD_CHUNK, resetTraceIndexStats, traceIndexOf, traceIndexStats } from '../trace-index.ts';

const trace = mlpTrace(400);
const cellId = () => notebook.store.getState().cells[0]!.id;

/** What a person sees of a trace at its end: the graph and the timeline. */
const seen = (events: readonly TraceEvent[]) => {
  const index = traceIndexOf(events);
  return { graph: index.graphAt(undefined, { names: 'final' }), steps: index.steps(), passes: index.fullPassCount };
};

describe('indexing a run ahead of the notebook', () => {
  beforeEach(() => {
    // Unit files share one process: start from an empty session trace whatever ran before
    // (a recorded graph left by another file survives a kernel restart by design).
    notebook.actions.loadNotebook({ cells: notebook.store.getState().cells, events: [] });
    notebook.actions.kernelRestarted();
    traceIndexOf(notebook.store.getState().traceEvents);
    resetTraceIndexStats();
  });

  it('reads a long run a chunk per pause, and taking it in then reads nothing more', async () => {
    expect(trace.length).toBeGreaterThan(2 * READ_AHEAD_CHUNK);
    let pauses = 0;
    const before = notebook.store.getState().traceEvents;
    await indexTraceAhead(before, trace, async () => {
      pauses += 1;
      // The page may draw between chunks: the trace it shows is still the one before the run.
      expect(traceIndexOf(before).steps()).toHaveLength(0);
      expect(traceIndexOf(before).fullPassCount).toBe(0);
    });
    expect(pauses).toBe(Math.ceil(trace.length / READ_AHEAD_CHUNK));
    expect(traceIndexStats.eventsRead).toBe(trace.length);

    notebook.actions.finishCell({ cellId: cellId(), ok: true, trace });
    const events = notebook.store.getState().traceEvents;
    const shown = seen(events);
    expect(traceIndexStats.eventsRead).toBe(trace.length);
    expect(traceIndexStats.fullBuilds).toBe(0);
    const fresh = createTraceIndex(events);
    expect(shown.graph).toEqual(fresh.graphAt(undefined, { names: 'final' }));
    expect(shown.steps).toEqual(fresh.steps());
    expect(shown.passes).toBe(fresh.fullPassCount);
  });

  it('indexes afresh when the trace that arrives is not the one read ahead', async () => {
    const before = notebook.store.getState().traceEvents;
    await indexTraceAhead(before, trace, async () => {});
    // A different run arrives instead (the events read ahead never join the trace).
    const other = mlpTrace(20);
    notebook.actions.finishCell({ cellId: cellId(), ok: true, trace: other });
    const events = notebook.store.getState().traceEvents;
    expect(events).toHaveLength(other.length);
    const fresh = createTraceIndex(events);
    const shown = seen(events);
    expect(shown.graph).toEqual(fresh.graphAt(undefined, { names: 'final' }));
    expect(shown.steps).toEqual(fresh.steps());
  });
});
