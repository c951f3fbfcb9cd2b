import { KernelClient, STOP_GRACE_MS, type KernelDeath, type RunOutcome } from '../kernel/kernel-client.ts';
import type { KernelWorkerFactory } from '../kernel/kernel-worker.ts';
import { connectStepperKernel } from './kernel-requests.ts';
import { isMarkdownCell, type Banner, type CellKind, type NotebookState } from './notebook-state.ts';
import { newCellId, selectCellIndex, type NotebookStore } from './notebook-store.ts';
import { appendOutputLog, startOutputLog } from './full-output-log.ts';
import { indexTraceAhead } from '../trace/trace-index.ts';
import { sessionTrace } from './notebook-handlers.ts';

/** Everything the notebook's buttons and shortcuts can ask for; commands call these. */
export interface NotebookController {
  /** Boots Python in the background; the editor is usable meanwhile. */
  start(): void;
  /** Runs one cell; with `advance`, focus moves to the next cell (made if there is none). */
  runCell(cellId: string, options?: { advance?: boolean }): Promise<RunOutcome | null>;
  /** Runs every code cell top to bottom (markdown cells are prose), stopping at the first that fails. */
  runAll(): Promise<void>;
  /** Runs the code cells from the first through `cellId`, as runAll does (the banner's re-run after Python died). */
  runThrough(cellId: string): Promise<void>;
  stop(): void;
  restart(): void;
  /**
   * Another notebook took the page: Python keeps running as it is (nothing boots, the recorded
   * graph and outputs stay) and the next run restarts it first, so no variable of the notebook
   * before leaks into this one.
   */
  restartBeforeNextRun(): void;
  addCell(afterCellId?: string, kind?: CellKind): string;
  setCellKind(cellId: string, kind: CellKind): void;
  /** Code becomes markdown, markdown becomes code. */
  toggleCellKind(cellId: string): void;
  deleteCell(cellId: string): void;
  moveCell(cellId: string, offset: -1 | 1): void;
  dispose(): void;
}

export interface NotebookControllerOptions {
  readonly notebook: NotebookStore;
  readonly createWorker: KernelWorkerFactory;
  readonly createInterruptBuffer: () => SharedArrayBuffer | undefined;
}

/**
 * What the page says when Python died under a run: what happened, what is kept, and a button that
 * rebuilds the variables of the cells above the one it died in (that one would likely die again).
 */
export function deathBanner(state: NotebookState, death: KernelDeath): Banner {
  const text = `Python crashed (${death.message}) and was restarted: its variables were lost. Every cell and its output is kept.`;
  const failing = death.cellId === undefined ? -1 : state.cells.findIndex((cell) => cell.id === death.cellId);
  const above = state.cells.slice(0, Math.max(failing, 0));
  let last = above.length - 1;
  while (last >= 0 && isMarkdownCell(above[last]!)) last--;
  if (last < 0) return { tone: 'error', text };
  const label = last === 0 ? 'Re-run cell 1' : `Re-run cells 1–${last + 1}`;
  return { tone: 'error', text, action: { kind: 'rerun-through', label, throughCellId: above[last]!.id } };
}

export function createNotebookController({ notebook, createWorker, createInterruptBuffer }: NotebookControllerOptions): NotebookController {
  const { store, actions } = notebook;
  // Bumped by Stop, Restart and a crash so a Run all in progress stops queueing the rest.
  let runAllGeneration = 0;
  // Python still holds the variables of the notebook open before this one.
  let isRestartDue = false;
  const kernel = new KernelClient({
    createWorker,
    createInterruptBuffer,
    onStatus: (status) => actions.setKernelStatus({ status }),
    onStopUnanswered: () => {
      actions.kernelRestarted();
      actions.showBanner({
        banner: {
          tone: 'info',
          text: `Python did not answer Stop within ${STOP_GRACE_MS / 1000} s, so it was restarted: variables were lost. Re-run the cells you need.`,
        },
      });
    },
    onDied: (death) => {
      runAllGeneration++;
      actions.kernelRestarted();
      actions.showBanner({ banner: deathBanner(store.getState(), death) });
    },
  });
  // The stepper's requests (gradcheck of a node, the anomaly toggle) go to this kernel too.
  connectStepperKernel(kernel);

  async function runOne(cellId: string): Promise<RunOutcome | null> {
    const index = selectCellIndex(store.getState(), cellId);
    // A markdown cell has nothing to run: "running" it just shows it rendered.
    if (index < 0 || isMarkdownCell(store.getState().cells[index]!)) return null;
    actions.queueCell({ cellId });
    const outcome = await kernel.run(
      // The code is read when the run is asked for, as a person expects of what they just typed.
      { cellId, cellLabel: `Cell ${index + 1}`, code: store.getState().cells[index]!.code },
      {
        onStart: () => {
          startOutputLog(cellId);
          actions.startCell({ cellId });
        },
        onStream: (stream, text) => {
          appendOutputLog(cellId, text);
          actions.appendStream({ cellId, stream, text });
        },
      },
    );
    if (outcome.kind === 'done') {
      // A long run's events are indexed a chunk per task first, so taking them in stays responsive.
      if (outcome.forgotten.length === 0) await indexTraceAhead(sessionTrace(store.getState()), outcome.trace);
      actions.finishCell({ cellId, ok: outcome.ok, error: outcome.error, trace: outcome.trace, forgotten: outcome.forgotten });
    } else {
      actions.cancelCell({ cellId, reason: outcome.reason, started: outcome.started });
    }
    return outcome;
  }

  /** The code cells among the first `count` cells, top to bottom, stopping at the first that fails. */
  async function runCodeCells(count: number): Promise<void> {
    const generation = ++runAllGeneration;
    const cellIds = store
      .getState()
      .cells.slice(0, count)
      .filter((cell) => !isMarkdownCell(cell))
      .map((cell) => cell.id);
    for (const cellId of cellIds) actions.queueCell({ cellId });
    for (const [position, cellId] of cellIds.entries()) {
      const isCancelled = generation !== runAllGeneration;
      const outcome = isCancelled ? null : await runOne(cellId);
      const isFailure = isCancelled || (outcome !== null && !(outcome.kind === 'done' && outcome.ok));
      if (isFailure) {
        const notStarted = cellIds.slice(isCancelled ? position : position + 1);
        for (const rest of notStarted) actions.cancelCell({ cellId: rest, reason: 'stopped', started: false });
        return;
      }
    }
  }

  function restart(): void {
    isRestartDue = false;
    runAllGeneration++;
    kernel.restart();
    actions.kernelRestarted();
  }

  /**
   * The first run after another notebook opened gets a fresh Python: loaded and idle, it forgets
   * its variables in place (instant, no boot); otherwise the worker is replaced, as by Restart.
   */
  function restartIfDue(): void {
    if (!isRestartDue) return;
    isRestartDue = false;
    runAllGeneration++;
    actions.kernelRestarted();
    void kernel.reset();
  }

  function focusNextCell(cellId: string): void {
    const { cells } = store.getState();
    const index = cells.findIndex((cell) => cell.id === cellId);
    const next = cells[index + 1];
    if (next) actions.focusCell({ cellId: next.id });
    else actions.addCell({ cellId: newCellId(), afterCellId: cellId });
  }

  return {
    start: () => kernel.start(),

    runCell(cellId, options = {}) {
      restartIfDue();
      const outcome = runOne(cellId);
      if (options.advance) focusNextCell(cellId);
      return outcome;
    },

    runAll() {
      restartIfDue();
      return runCodeCells(store.getState().cells.length);
    },

    runThrough(cellId) {
      restartIfDue();
      const index = selectCellIndex(store.getState(), cellId);
      return index < 0 ? Promise.resolve() : runCodeCells(index + 1);
    },

    stop() {
      runAllGeneration++;
      if (!kernel.stop()) {
        // Without cross-origin isolation Python cannot be interrupted in place; a restart is the only way.
        restart();
        actions.showBanner({
          banner: {
            tone: 'info',
            text: 'This page cannot interrupt Python in place (it is not cross-origin isolated), so Stop restarted it: variables were lost.',
          },
        });
      }
    },

    restart,

    restartBeforeNextRun() {
      isRestartDue = true;
    },

    addCell(afterCellId, kind) {
      const cellId = newCellId();
      actions.addCell({ cellId, afterCellId, kind });
      return cellId;
    },

    setCellKind: (cellId, kind) => actions.setCellKind({ cellId, kind }),
    toggleCellKind(cellId) {
      const cell = store.getState().cells.find((candidate) => candidate.id === cellId);
      if (cell) actions.setCellKind({ cellId, kind: isMarkdownCell(cell) ? 'code' : 'markdown' });
    },

    deleteCell: (cellId) => actions.deleteCell({ cellId }),
    moveCell: (cellId, offset) => actions.moveCell({ cellId, offset }),
    dispose: () => kernel.dispose(),
  };
}
