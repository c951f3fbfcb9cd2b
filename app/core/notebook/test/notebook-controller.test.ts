import { describe, expect, it } from 'vitest';
import { ScriptedWorker } from '../../kernel/test/scripted-worker.ts';
import { initialNotebookState } from '../notebook-state.ts';
import { createNotebookStore } from '../notebook-store.ts';
import { createNotebookController } from '../notebook-controller.ts';

function setup() {
  const notebook = createNotebookStore(initialNotebookState('c1', 'x = 1'));
  const workers: ScriptedWorker[] = [];
  const controller = createNotebookController({
    notebook,
    createWorker: () => {
      const worker = new ScriptedWorker();
      workers.push(worker);
      return worker;
    },
    createInterruptBuffer: () => new SharedArrayBuffer(4),
  });
  controller.start();
  const worker = () => workers[workers.length - 1]!;
  worker().becomeReady();
  const state = () => notebook.store.getState();
  return { notebook, controller, worker, workers, state };
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('notebook controller', () => {
  it('runs a cell, shows what it printed and numbers it [1]', async () => {
    const { controller, worker, state } = setup();
    const done = controller.runCell('c1');
    const run = worker().lastRun();
    expect(run).toMatchObject({ cellId: 'c1', cellLabel: 'Cell 1', code: 'x = 1' });
    expect(state().cells[0]!.runState).toBe('running');
    worker().respond({ type: 'stream', id: run.id, cellId: 'c1', stream: 'stdout', text: 'hello\n' });
    worker().finish();
    await done;
    expect(state().cells[0]).toMatchObject({ executionCount: 1, runState: 'idle', outputs: [{ kind: 'stream', text: 'hello\n' }] });
    expect(state().kernel.state).toBe('idle');
  });

  it('moves focus to a new cell after Shift+Enter on the last cell', () => {
    const { controller, state } = setup();
    void controller.runCell('c1', { advance: true });
    expect(state().cells).toHaveLength(2);
    expect(state().focusRequest?.cellId).toBe(state().cells[1]!.id);
  });

  it('runs all cells in order and stops at the first error', async () => {
    const { controller, worker, state } = setup();
    const second = controller.addCell();
    const third = controller.addCell();
    const all = controller.runAll();
    await flush();
    expect(worker().lastRun().cellId).toBe('c1');
    worker().finish();
    await flush();
    expect(worker().lastRun().cellId).toBe(second);
    worker().finish(false);
    await all;
    expect(state().cells.find((cell) => cell.id === third)).toMatchObject({ runState: 'idle', executionCount: null });
    expect(worker().sent.filter((m) => m.type === 'run')).toHaveLength(2);
  });

  it('stop during Run all leaves the remaining cells unrun', async () => {
    const { controller, worker, state } = setup();
    controller.addCell();
    const all = controller.runAll();
    await flush();
    controller.stop();
    worker().finish(false);
    await all;
    expect(worker().sent.filter((m) => m.type === 'run')).toHaveLength(1);
    expect(state().cells.every((cell) => cell.runState === 'idle')).toBe(true);
  });

  it('restart gives a fresh worker and clears the graph and numbering', async () => {
    const { controller, worker, workers, state } = setup();
    const done = controller.runCell('c1');
    worker().finish(true, [{ kind: 'run-start', seq: 0, cell: 'c1' }]);
    await done;
    expect(state().traceEvents).toHaveLength(1);
    controller.restart();
    expect(workers).toHaveLength(2);
    expect(state().traceEvents).toEqual([]);
    expect(state().executionCounter).toBe(0);
    expect(state().kernel.state).toBe('loading');
  });

  it('after another notebook opens, keeps Python as it is until the first run, which forgets the variables in place first', async () => {
    const { notebook, controller, worker, workers, state } = setup();
    const done = controller.runCell('c1');
    worker().finish(true, [{ kind: 'run-start', seq: 0, cell: 'c1' }]);
    await done;

    controller.restartBeforeNextRun();
    const recorded = [{ kind: 'run-start' as const, seq: 0, cell: 'e1' }];
    notebook.actions.loadNotebook({ cells: [{ ...state().cells[0]!, id: 'e1', code: 'y = 2', executionCount: null }], events: recorded });
    expect(worker().sent.map((m) => m.type)).toEqual(['init', 'run']);

    const first = controller.runCell('e1');
    // Python is loaded and idle: no new worker, a reset goes ahead of the run.
    expect(workers).toHaveLength(1);
    expect(worker().sent.map((m) => m.type)).toEqual(['init', 'run', 'reset', 'run']);
    // The recorded graph stays until the run's own trace replaces it.
    expect(state().traceEvents).toEqual(recorded);
    const reset = worker().sent[2]!;
    worker().respond({ type: 'reset', id: (reset as { id: number }).id });
    expect(worker().lastRun()).toMatchObject({ cellId: 'e1', code: 'y = 2' });
    worker().finish();
    await first;
    expect(state().cells[0]).toMatchObject({ executionCount: 1 });

    // Only the first run resets.
    void controller.runCell('e1');
    expect(worker().sent.filter((m) => m.type === 'reset')).toHaveLength(1);
  });

  it('after another notebook opens while Python is still loading, the first run gets a new Python', () => {
    const { controller, workers } = setup();
    controller.restart();
    expect(workers).toHaveLength(2);
    controller.restartBeforeNextRun();
    void controller.runCell('c1');
    expect(workers).toHaveLength(3);
    expect(workers[1]!.isTerminated).toBe(true);
  });

  it('when Python crashes under a cell, keeps every cell and output, restarts it and offers to re-run the cells above', async () => {
    const { controller, worker, workers, state } = setup();
    const notes = controller.addCell('c1', 'markdown');
    const second = controller.addCell(notes);
    const third = controller.addCell(second);
    const all = controller.runAll();
    await flush();
    worker().respond({ type: 'stream', id: worker().lastRun().id, cellId: 'c1', stream: 'stdout', text: 'one\n' });
    worker().finish();
    await flush();
    worker().finish();
    await flush();
    expect(worker().lastRun().cellId).toBe(third);
    worker().respond({ type: 'stream', id: worker().lastRun().id, cellId: third, stream: 'stdout', text: 'partial\n' });
    worker().crash('RuntimeError: memory access out of bounds');
    await all;
    expect(workers).toHaveLength(2);
    expect(state().cells.map((cell) => cell.id)).toEqual(['c1', notes, second, third]);
    expect(state().cells[0]!.outputs).toEqual([{ kind: 'stream', stream: 'stdout', text: 'one\n' }]);
    expect(state().cells[3]!.outputs).toEqual([
      { kind: 'stream', stream: 'stdout', text: 'partial\n' },
      { kind: 'notice', text: 'Python stopped unexpectedly before this cell finished.' },
    ]);
    expect(state().cells.every((cell) => cell.runState === 'idle')).toBe(true);
    const banner = state().banner!;
    expect(banner.text).toMatch(/Python crashed \(RuntimeError: memory access out of bounds\) and was restarted/);
    expect(banner.action).toEqual({ kind: 'rerun-through', label: 'Re-run cells 1–3', throughCellId: second });

    const rerun = controller.runThrough(banner.action!.throughCellId);
    worker().becomeReady();
    await flush();
    expect(worker().lastRun().cellId).toBe('c1');
    worker().finish();
    await flush();
    expect(worker().lastRun().cellId).toBe(second);
    worker().finish();
    await rerun;
    expect(
      worker()
        .sent.filter((m) => m.type === 'run')
        .map((m) => m.type === 'run' && m.cellId),
    ).toEqual(['c1', second]);
  });

  it('offers no re-run when Python crashed in the first cell', async () => {
    const { controller, worker, state } = setup();
    const done = controller.runCell('c1');
    worker().crash('RuntimeError: memory access out of bounds');
    await done;
    expect(state().banner?.action).toBeUndefined();
    expect(state().banner?.text).toMatch(/Every cell and its output is kept/);
  });
});
