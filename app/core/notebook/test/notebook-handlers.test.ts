import { describe, expect, it } from 'vitest';
import { notebookHandlers as h } from '../notebook-handlers.ts';
import { initialNotebookState, type NotebookState } from '../notebook-state.ts';

const codes = (state: NotebookState) => state.cells.map((cell) => cell.code);
const threeCells = () => {
  let state = initialNotebookState('a', 'first');
  state = h.addCell(state, { cellId: 'b', code: 'second' });
  return h.addCell(state, { cellId: 'c', code: 'third' });
};

describe('notebook handlers', () => {
  it('adds a cell after the given one and asks for focus on it', () => {
    const state = h.addCell(threeCells(), { cellId: 'd', afterCellId: 'a', code: 'new' });
    expect(codes(state)).toEqual(['first', 'new', 'second', 'third']);
    expect(state.focusRequest?.cellId).toBe('d');
    expect(state.activeCellId).toBe('d');
  });

  it('moves cells up and down but not past either end', () => {
    let state = h.moveCell(threeCells(), { cellId: 'c', offset: -1 });
    expect(codes(state)).toEqual(['first', 'third', 'second']);
    state = h.moveCell(state, { cellId: 'a', offset: -1 });
    expect(codes(state)).toEqual(['first', 'third', 'second']);
  });

  it('deletes a cell and focuses its neighbour, but always keeps one cell', () => {
    const state = h.deleteCell(threeCells(), { cellId: 'c' });
    expect(codes(state)).toEqual(['first', 'second']);
    expect(state.focusRequest?.cellId).toBe('b');
    const single = initialNotebookState('only');
    expect(h.deleteCell(single, { cellId: 'only' })).toBe(single);
  });

  it('numbers runs in the order Python starts them and clears the old output', () => {
    let state = threeCells();
    state = h.appendStream(state, { cellId: 'b', stream: 'stdout', text: 'old' });
    state = h.startCell(state, { cellId: 'b' });
    state = h.startCell(state, { cellId: 'a' });
    expect(state.cells.map((cell) => cell.executionCount)).toEqual([2, 1, null]);
    expect(state.cells[1]!.outputs).toEqual([]);
    expect(state.cells[1]!.runState).toBe('running');
  });

  it('joins consecutive prints to the same stream into one block', () => {
    let state = h.startCell(threeCells(), { cellId: 'a' });
    state = h.appendStream(state, { cellId: 'a', stream: 'stdout', text: '1\n' });
    state = h.appendStream(state, { cellId: 'a', stream: 'stdout', text: '2\n' });
    state = h.appendStream(state, { cellId: 'a', stream: 'stderr', text: 'warn\n' });
    expect(state.cells[0]!.outputs).toEqual([
      { kind: 'stream', stream: 'stdout', text: '1\n2\n' },
      { kind: 'stream', stream: 'stderr', text: 'warn\n' },
    ]);
  });

  it('shows the Python error under the cell and keeps the run’s trace', () => {
    let state = h.startCell(threeCells(), { cellId: 'a' });
    const error = { ename: 'ZeroDivisionError', evalue: 'division by zero', traceback: 'Traceback...', line: 2 };
    const trace = [{ kind: 'run-start', seq: 0, cell: 'a' } as const];
    state = h.finishCell(state, { cellId: 'a', ok: false, error, trace });
    expect(state.cells[0]!.outputs).toEqual([{ kind: 'error', error }]);
    expect(state.cells[0]!.runState).toBe('idle');
    expect(state.traceEvents).toEqual(trace);
  });

  it('puts a cancelled queued cell back as it was, and says why a started one ended', () => {
    let state = h.queueCell(threeCells(), { cellId: 'b' });
    state = h.cancelCell(state, { cellId: 'b', reason: 'stopped', started: false });
    expect(state.cells[1]).toMatchObject({ runState: 'idle', outputs: [], executionCount: null });
    state = h.startCell(state, { cellId: 'c' });
    state = h.cancelCell(state, { cellId: 'c', reason: 'restarted', started: true });
    expect(state.cells[2]!.outputs).toEqual([{ kind: 'notice', text: expect.stringMatching(/restarted/) }]);
  });

  it('starts numbering again and forgets the graph after a restart, keeping outputs', () => {
    let state = h.startCell(threeCells(), { cellId: 'a' });
    state = h.finishCell(state, { cellId: 'a', ok: true, trace: [{ kind: 'run-start', seq: 0, cell: 'a' }] });
    state = h.queueCell(state, { cellId: 'b' });
    state = h.kernelRestarted(state);
    expect(state.executionCounter).toBe(0);
    expect(state.traceEvents).toEqual([]);
    expect(state.cells[0]!.executionCount).toBe(1);
    expect(state.cells[1]!.runState).toBe('idle');
  });

  it('keeps a recorded graph (an example, a snapshot) through a restart: no Python held it', () => {
    const recorded = [{ kind: 'run-start' as const, seq: 0, cell: 'a' }];
    const state = h.kernelRestarted(h.loadNotebook(threeCells(), { cells: threeCells().cells, events: recorded }));
    expect(state.traceEvents).toEqual(recorded);
    expect(state.traceOrigin).toBe('snapshot');
  });

  it('puts shared code into the first cell without running it', () => {
    const state = h.loadSharedCode(threeCells(), { code: 'print("shared")' });
    expect(codes(state)).toEqual(['print("shared")', 'second', 'third']);
    expect(state.cells[0]!.runState).toBe('idle');
  });
});
