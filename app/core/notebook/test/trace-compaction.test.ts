import { describe, expect, it } from 'vitest';
import { DEFAULT_KEEP_PASSES } from '../../../../engine/trace/compact.ts';
import type { TraceEvent } from '../../../../engine/trace/schema.ts';
import { notebookHandlers as h } from '../notebook-handlers.ts';
import { initialNotebookState } from '../notebook-state.ts';

/** One cell run of a training step: an op, a backward pass over it, and the pass's summary. */
function trainingStepRun(pass: number): TraceEvent[] {
  const seq = pass * 10;
  return [
    { kind: 'run-start', seq, cell: 'a' },
    {
      kind: 'op',
      seq: seq + 1,
      nodeId: pass,
      op: 'mul',
      gradFn: 'MulBackward0',
      inputs: [],
      output: { id: 1000 + pass, shape: [], dtype: 'float32', requiresGrad: true, values: [1] },
    },
    { kind: 'backward-start', seq: seq + 2, pass, rootTensorId: 1000 + pass, retainGraph: false, createGraph: false },
    { kind: 'backward-step', seq: seq + 3, pass, nodeId: pass, gradsIn: [], gradsOut: [], edges: [] },
    { kind: 'backward-end', seq: seq + 4, pass },
    { kind: 'pass-summary', seq: seq + 5, pass, rootTensorId: 1000 + pass, loss: 1 / pass, gradNorms: [] },
  ];
}

describe('the session trace across cells', () => {
  it('keeps only the last passes in full detail however many cells ran, and every pass summary', () => {
    let state = initialNotebookState('a', 'loss.backward()');
    for (let pass = 1; pass <= 50; pass++) state = h.finishCell(state, { cellId: 'a', ok: true, trace: trainingStepRun(pass) });
    const starts = state.traceEvents.filter((e) => e.kind === 'backward-start').map((e) => (e.kind === 'backward-start' ? e.pass : 0));
    expect(starts).toEqual(Array.from({ length: DEFAULT_KEEP_PASSES }, (_, i) => 51 - DEFAULT_KEEP_PASSES + i));
    expect(state.traceEvents.filter((e) => e.kind === 'pass-summary')).toHaveLength(50);
    expect(state.traceEvents.filter((e) => e.kind === 'backward-step')).toHaveLength(DEFAULT_KEEP_PASSES);
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
