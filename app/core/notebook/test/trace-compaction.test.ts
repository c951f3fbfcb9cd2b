import { describe, expect, it } from 'vitest';
import { DEFAULT_KEEP_PASSES } from '../../../../engine/trace/compact.ts';
import type { TraceEvent } from '../../../../engine/trace/schema.ts';
import { createSessionTrace, type SessionTrace } from '../../../../engine/trace/session-trace.ts';
import { trainingStepRun } from '../../../../engine/trace/test/training-step-run.ts';
import { notebookHandlers as h } from '../notebook-handlers.ts';
import { initialNotebookState, type NotebookState } from '../notebook-state.ts';

/** A run finishing as the worker reports it: its events go through the worker's session trace first. */
function finishRun(state: NotebookState, worker: SessionTrace, run: readonly TraceEvent[]): NotebookState {
  const { appended, forgotten } = worker.append(run);
  return h.finishCell(state, { cellId: 'a', ok: true, trace: appended, forgotten });
}

const passesInDetail = (events: readonly TraceEvent[]): number[] =>
  events.filter((e) => e.kind === 'backward-start').map((e) => (e.kind === 'backward-start' ? e.pass : 0));

describe('the session trace across cells', () => {
  it('keeps only the last passes in full detail however many cells ran, and every pass summary', () => {
    const worker = createSessionTrace();
    let state = initialNotebookState('a', 'loss.backward()');
    for (let pass = 1; pass <= 50; pass++) state = finishRun(state, worker, trainingStepRun(pass));
    expect(passesInDetail(state.traceEvents)).toEqual(Array.from({ length: DEFAULT_KEEP_PASSES }, (_, i) => 51 - DEFAULT_KEEP_PASSES + i));
    expect(state.traceEvents.filter((e) => e.kind === 'pass-summary')).toHaveLength(50);
    expect(state.traceEvents.filter((e) => e.kind === 'backward-step')).toHaveLength(DEFAULT_KEEP_PASSES);
  });

  it('is compacted by the worker alone: the app drops only the events the worker says it forgot', () => {
    let state = initialNotebookState('a', 'loss.backward()');
    for (let pass = 1; pass <= 50; pass++) state = h.finishCell(state, { cellId: 'a', ok: true, trace: trainingStepRun(pass) });
    expect(passesInDetail(state.traceEvents)).toHaveLength(50);
    state = h.finishCell(state, {
      cellId: 'a',
      ok: true,
      trace: trainingStepRun(51),
      forgotten: [
        [12, 14],
        [22, 24],
      ],
    });
    expect(passesInDetail(state.traceEvents)).toEqual(Array.from({ length: 49 }, (_, i) => i + 3));
    expect(state.traceEvents.filter((e) => e.kind === 'pass-summary')).toHaveLength(51);
  });

  it('leaves a short session exactly as recorded', () => {
    const run = trainingStepRun(1);
    const state = h.finishCell(initialNotebookState('a'), { cellId: 'a', ok: true, trace: run });
    expect(state.traceEvents).toEqual(run);
  });
});

describe('opening a snapshot', () => {
  const events: TraceEvent[] = [{ kind: 'run-start', seq: 0, cell: 'cell-7' }];

  it('replaces the cells with the snapshot’s code and the trace with its trace', () => {
    let state = h.appendStream(initialNotebookState('a', 'old code'), { cellId: 'a', stream: 'stdout', text: 'old output' });
    state = h.showBanner(state, { banner: { tone: 'error', text: 'an old problem' } });
    state = h.openSnapshot(state, {
      cells: [
        { id: 'cell-7', source: 'y = x * 2' },
        { id: 'cell-8', source: 'y.sum()' },
      ],
      events,
    });
    expect(state.cells.map((cell) => [cell.id, cell.code, cell.outputs.length, cell.executionCount])).toEqual([
      ['cell-7', 'y = x * 2', 0, null],
      ['cell-8', 'y.sum()', 0, null],
    ]);
    expect(state.activeCellId).toBe('cell-7');
    expect(state.traceEvents).toBe(events);
    expect(state.banner).toBeNull();
  });

  it('gives way to the first run in this session, whose ids have nothing to do with the recording', () => {
    let state = h.openSnapshot(initialNotebookState('a'), { cells: [{ id: 'cell-7', source: 'y = x * 2' }], events });
    const run = trainingStepRun(1);
    state = h.finishCell(state, { cellId: 'cell-7', ok: true, trace: run });
    expect(state.traceEvents).toEqual(run);
    state = h.finishCell(state, { cellId: 'cell-7', ok: true, trace: trainingStepRun(2) });
    expect(state.traceEvents).toHaveLength(run.length * 2);
  });

  it('keeps the notebook’s cells when the snapshot has none', () => {
    const state = h.openSnapshot(initialNotebookState('a', 'kept'), { cells: [], events });
    expect(state.cells.map((cell) => cell.code)).toEqual(['kept']);
    expect(state.traceEvents).toBe(events);
  });
});
