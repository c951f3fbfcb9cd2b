import { describe, expect, it } from 'vitest';
import { ScriptedWorker } from '../kernel/test/scripted-worker.ts';
import { initialNotebookState } from '../store/notebook-state.ts';
import { createNotebookStore } from '../store/notebook-store.ts';
import { createNotebookController } from './notebook-controller.ts';

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
});
