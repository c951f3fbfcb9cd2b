import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../../../../engine/trace/schema.ts';
import { notebookHandlers as h } from '../../notebook/notebook-handlers.ts';
import {
  boundTrace,
  INTERRUPTED_BY_RELOAD,
  migrateNotebookRecord,
  NOTEBOOK_RECORD_VERSION,
  restoreCells,
  storeCells,
  STORED_OUTPUT_CHAR_LIMIT,
  STORED_TRACE_EVENT_LIMIT,
} from '../notebook-record.ts';
import { initialNotebookState } from '../../notebook/notebook-state.ts';

describe('stored notebook records', () => {
  it('round-trip cells with their kind, outputs and execution count', () => {
    let state = h.addCell(initialNotebookState('a', 'x = 1'), { cellId: 'b', code: '# Notes', kind: 'markdown' });
    state = h.startCell(state, { cellId: 'a' });
    state = h.appendStream(state, { cellId: 'a', stream: 'stdout', text: 'hi\n' });
    state = h.finishCell(state, { cellId: 'a', ok: true, trace: [] });
    const restored = restoreCells(storeCells(state.cells));
    expect(restored.map((cell) => [cell.id, cell.kind ?? 'code', cell.code, cell.outputs, cell.executionCount, cell.runState])).toEqual([
      ['a', 'code', 'x = 1', [{ kind: 'stream', stream: 'stdout', text: 'hi\n' }], 1, 'idle'],
      ['b', 'markdown', '# Notes', [], null, 'idle'],
    ]);
  });

  it('a cell saved while it ran comes back with its partial output and says the reload cut the run short', () => {
    let state = h.addCell(initialNotebookState('a', 'for i in range(10**9): print(i)'), { cellId: 'b', code: 'print(2)' });
    state = h.startCell(state, { cellId: 'a' });
    state = h.appendStream(state, { cellId: 'a', stream: 'stdout', text: '0\n1\n' });
    state = h.queueCell(state, { cellId: 'b' });
    // What IndexedDB hands back is a structured clone of what was written.
    const stored = structuredClone(storeCells(state.cells));
    const migrated = migrateNotebookRecord({ schemaVersion: NOTEBOOK_RECORD_VERSION, id: 'n', title: 'T', cells: stored });
    const restored = restoreCells(migrated.ok ? migrated.record.cells : []);
    expect(restored[0]).toMatchObject({
      runState: 'idle',
      executionCount: 1,
      outputs: [
        { kind: 'stream', stream: 'stdout', text: '0\n1\n' },
        { kind: 'notice', text: INTERRUPTED_BY_RELOAD },
      ],
    });
    expect(INTERRUPTED_BY_RELOAD).toMatch(/^Run interrupted by reload/);
    // Queued, it had not started: nothing to say.
    expect(restored[1]).toMatchObject({ runState: 'idle', outputs: [] });
    // Saved again, the notice is an ordinary output and is not added twice.
    expect(restoreCells(storeCells(restored))[0]!.outputs).toHaveLength(2);
  });

  it('keeps only the end of a runaway print', () => {
    const state = h.appendStream(initialNotebookState('a'), { cellId: 'a', stream: 'stdout', text: 'x'.repeat(STORED_OUTPUT_CHAR_LIMIT + 10) });
    const [cell] = storeCells(state.cells);
    const output = cell!.outputs[0]!;
    expect(output.kind === 'stream' && output.text.length).toBeLessThanOrEqual(STORED_OUTPUT_CHAR_LIMIT);
    expect(output.kind === 'stream' && output.omitted!.chars + output.text.length).toBe(STORED_OUTPUT_CHAR_LIMIT + 10);
  });

  it('bounds a stored trace to its newest events', () => {
    const events: TraceEvent[] = Array.from({ length: STORED_TRACE_EVENT_LIMIT + 5 }, (_, seq) => ({ kind: 'run-start', seq, cell: 'a' }));
    const bounded = boundTrace(events);
    expect(bounded).toHaveLength(STORED_TRACE_EVENT_LIMIT);
    expect(bounded[0]!.seq).toBe(5);
  });

  it('reads an older-shaped record and refuses one from a newer Gradscope', () => {
    const old = migrateNotebookRecord({ schemaVersion: 1, id: 'n', cells: [{ code: 'print(1)' }, { source: 'prose', kind: 'markdown' }, 'junk'] });
    expect(old.ok && old.record.cells.map((cell) => [cell.id, cell.kind, cell.source])).toEqual([
      ['cell-1', 'code', 'print(1)'],
      ['cell-2', 'markdown', 'prose'],
    ]);
    expect(old.ok && old.record.title).toBe('Untitled');
    const future = migrateNotebookRecord({ schemaVersion: NOTEBOOK_RECORD_VERSION + 1, id: 'n', cells: [] });
    expect(future.ok).toBe(false);
    expect(migrateNotebookRecord('garbage').ok).toBe(false);
  });
});

describe('markdown cells in the notebook', () => {
  it('converts a cell between code and markdown, dropping outputs that no longer belong to it', () => {
    let state = h.startCell(initialNotebookState('a', 'print(1)'), { cellId: 'a' });
    state = h.finishCell(h.appendStream(state, { cellId: 'a', stream: 'stdout', text: '1\n' }), { cellId: 'a', ok: true, trace: [] });
    state = h.setCellKind(state, { cellId: 'a', kind: 'markdown' });
    expect(state.cells[0]).toMatchObject({ kind: 'markdown', code: 'print(1)', outputs: [], executionCount: null });
    state = h.setCellKind(state, { cellId: 'a', kind: 'code' });
    expect(state.cells[0]!.kind).toBeUndefined();
  });

  it('loads another notebook with its outputs, treating its trace as a recording', () => {
    const events: TraceEvent[] = [{ kind: 'run-start', seq: 0, cell: 'z' }];
    const cells = restoreCells([{ id: 'z', kind: 'code', source: 'y', outputs: [{ kind: 'notice', text: 'Stopped.' }], executionCount: 4 }]);
    const state = h.loadNotebook(initialNotebookState('a'), { cells, events });
    expect(state.cells).toBe(state.cells);
    expect(state.cells.map((cell) => cell.id)).toEqual(['z']);
    expect(state.traceOrigin).toBe('snapshot');
    expect(state.activeCellId).toBe('z');
  });
});
