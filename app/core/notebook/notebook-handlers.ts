import type { PythonError } from '../../../engine/worker/protocol.ts';
import type { TraceEvent } from '../../../engine/trace/schema.ts';
import type { SeqRange } from '../../../engine/trace/session-trace.ts';
import type { CancelReason, KernelStatus } from '../kernel/kernel-client.ts';
import { emptyCell, type Banner, type Cell, type CellKind, type NotebookState, type OutputItem } from './notebook-state.ts';
import { appendCapped } from './output-cap.ts';

const CANCEL_NOTICES: Record<CancelReason, string> = {
  stopped: 'Stopped.',
  restarted: 'The kernel was restarted before this cell finished.',
  died: 'Python stopped unexpectedly before this cell finished.',
  unanswered: 'Stopped by restarting Python, which did not answer Stop in time: variables were lost.',
};

function updateCell(state: NotebookState, cellId: string, change: (cell: Cell) => Cell): NotebookState {
  const index = state.cells.findIndex((cell) => cell.id === cellId);
  if (index < 0) return state;
  const cells = state.cells.slice();
  cells[index] = change(cells[index]!);
  return { ...state, cells };
}

function requestFocus(state: NotebookState, cellId: string): NotebookState {
  return { ...state, activeCellId: cellId, focusRequest: { cellId, nonce: (state.focusRequest?.nonce ?? 0) + 1 } };
}

/** Consecutive writes to the same stream join into one block, as a terminal would show them. */
function appendStreamText(outputs: readonly OutputItem[], stream: 'stdout' | 'stderr', text: string): readonly OutputItem[] {
  const last = outputs[outputs.length - 1];
  if (last?.kind === 'stream' && last.stream === stream) {
    return [...outputs.slice(0, -1), { kind: 'stream', stream, ...appendCapped(last, text) }];
  }
  return [...outputs, { kind: 'stream', stream, ...appendCapped({ text: '' }, text) }];
}

/**
 * Each run's events join the session's. The worker compacts the session's trace (the one place that
 * does): it says which earlier events it no longer keeps, and the app drops exactly those. With
 * nothing forgotten the new array extends the old one, and the replay index only reads the new events.
 */
function appendTrace(events: readonly TraceEvent[], appended: readonly TraceEvent[], forgotten: readonly SeqRange[]): readonly TraceEvent[] {
  if (forgotten.length === 0) return appended.length === 0 ? events : events.concat(appended);
  // Both the trace and the ranges ascend by seq.
  const kept: TraceEvent[] = [];
  let r = 0;
  for (const event of events) {
    while (r < forgotten.length && forgotten[r]![1] < event.seq) r++;
    const range = forgotten[r];
    if (range === undefined || event.seq < range[0]) kept.push(event);
  }
  for (const event of appended) kept.push(event);
  return kept;
}

/** The trace a finished run's events join: the session's (a loaded snapshot's is replaced). */
export function sessionTrace(state: NotebookState): readonly TraceEvent[] {
  return state.traceOrigin === 'snapshot' ? [] : state.traceEvents;
}

/** Every change to the notebook, by name. Pure: ids and text come in the payload. */
export const notebookHandlers = {
  addCell(state: NotebookState, payload: { cellId: string; afterCellId?: string; code?: string; kind?: CellKind }): NotebookState {
    const after = payload.afterCellId === undefined ? -1 : state.cells.findIndex((cell) => cell.id === payload.afterCellId);
    const index = after < 0 ? state.cells.length : after + 1;
    const cells = state.cells.slice();
    cells.splice(index, 0, emptyCell(payload.cellId, payload.code, payload.kind));
    return requestFocus({ ...state, cells }, payload.cellId);
  },

  /** The last cell stays: a notebook always has somewhere to type. */
  deleteCell(state: NotebookState, payload: { cellId: string }): NotebookState {
    const index = state.cells.findIndex((cell) => cell.id === payload.cellId);
    if (index < 0 || state.cells.length === 1) return state;
    const cells = state.cells.filter((cell) => cell.id !== payload.cellId);
    const neighbour = cells[Math.min(index, cells.length - 1)]!;
    return requestFocus({ ...state, cells }, neighbour.id);
  },

  moveCell(state: NotebookState, payload: { cellId: string; offset: -1 | 1 }): NotebookState {
    const from = state.cells.findIndex((cell) => cell.id === payload.cellId);
    const to = from + payload.offset;
    if (from < 0 || to < 0 || to >= state.cells.length) return state;
    const cells = state.cells.slice();
    const [moved] = cells.splice(from, 1);
    cells.splice(to, 0, moved!);
    return { ...state, cells };
  },

  setCode(state: NotebookState, payload: { cellId: string; code: string }): NotebookState {
    return updateCell(state, payload.cellId, (cell) => (cell.code === payload.code ? cell : { ...cell, code: payload.code }));
  },

  /** Code becomes prose or back; the text stays, the outputs of a run no longer belong to it. */
  setCellKind(state: NotebookState, payload: { cellId: string; kind: CellKind }): NotebookState {
    return updateCell(state, payload.cellId, (cell) => {
      if ((cell.kind ?? 'code') === payload.kind || cell.runState !== 'idle') return cell;
      const { kind: _previous, ...rest } = cell;
      const converted: Cell = { ...rest, outputs: [], executionCount: null };
      return payload.kind === 'markdown' ? { ...converted, kind: 'markdown' } : converted;
    });
  },

  /**
   * Another notebook (from storage, an example) takes the page: its cells with their last outputs
   * and its last recorded trace. That trace came from another Python session, so like a snapshot's
   * it gives way to the first run here.
   */
  loadNotebook(state: NotebookState, payload: { cells: readonly Cell[]; events: readonly TraceEvent[] }): NotebookState {
    const cells = payload.cells.map((cell) => (cell.runState === 'idle' ? cell : { ...cell, runState: 'idle' as const }));
    return {
      ...state,
      cells,
      activeCellId: cells[0]?.id ?? null,
      focusRequest: null,
      traceEvents: payload.events,
      traceOrigin: payload.events.length > 0 ? 'snapshot' : 'session',
      banner: null,
    };
  },

  setActiveCell(state: NotebookState, payload: { cellId: string }): NotebookState {
    return state.activeCellId === payload.cellId ? state : { ...state, activeCellId: payload.cellId };
  },

  focusCell(state: NotebookState, payload: { cellId: string }): NotebookState {
    return requestFocus(state, payload.cellId);
  },

  queueCell(state: NotebookState, payload: { cellId: string }): NotebookState {
    return updateCell(state, payload.cellId, (cell) => ({ ...cell, runState: 'queued' }));
  },

  /** Python picked the cell up: it gets the next execution number and its old output goes. */
  startCell(state: NotebookState, payload: { cellId: string }): NotebookState {
    const executionCounter = state.executionCounter + 1;
    return updateCell({ ...state, executionCounter }, payload.cellId, (cell) => ({
      ...cell,
      runState: 'running',
      executionCount: executionCounter,
      outputs: [],
    }));
  },

  appendStream(state: NotebookState, payload: { cellId: string; stream: 'stdout' | 'stderr'; text: string }): NotebookState {
    return updateCell(state, payload.cellId, (cell) => ({ ...cell, outputs: appendStreamText(cell.outputs, payload.stream, payload.text) }));
  },

  /** `trace`: the events the run appended; `forgotten`: the earlier ones the worker's compaction dropped. */
  finishCell(
    state: NotebookState,
    payload: { cellId: string; ok: boolean; error?: PythonError; trace: readonly TraceEvent[]; forgotten?: readonly SeqRange[] },
  ): NotebookState {
    const { error } = payload;
    const finished = updateCell(state, payload.cellId, (cell) => ({
      ...cell,
      runState: 'idle',
      outputs: error ? [...cell.outputs, { kind: 'error', error }] : cell.outputs,
    }));
    return { ...finished, traceEvents: appendTrace(sessionTrace(state), payload.trace, payload.forgotten ?? []), traceOrigin: 'session' };
  },

  /**
   * A gradcheck run on request (the inspector's "Run gradcheck") joins the session's trace like the
   * automatic ones. A trace recorded elsewhere (a snapshot, a stored notebook) has other node ids.
   */
  appendGradcheck(state: NotebookState, payload: { event: Extract<TraceEvent, { kind: 'gradcheck' }> }): NotebookState {
    if (state.traceOrigin !== 'session') return state;
    return { ...state, traceEvents: state.traceEvents.concat([payload.event]) };
  },

  /** A queued cell that never started goes back to how it was; a started one says why it ended. */
  cancelCell(state: NotebookState, payload: { cellId: string; reason: CancelReason; started: boolean }): NotebookState {
    return updateCell(state, payload.cellId, (cell) => ({
      ...cell,
      runState: 'idle',
      outputs: payload.started ? [...cell.outputs, { kind: 'notice', text: CANCEL_NOTICES[payload.reason] }] : cell.outputs,
    }));
  },

  setKernelStatus(state: NotebookState, payload: { status: KernelStatus }): NotebookState {
    return { ...state, kernel: payload.status };
  },

  /**
   * A fresh Python: numbering starts again and the session's graph is gone; outputs stay for
   * reading, and so does a recorded graph (an example's, a snapshot's), which no Python held.
   */
  kernelRestarted(state: NotebookState): NotebookState {
    const isRecorded = state.traceOrigin === 'snapshot';
    return {
      ...state,
      executionCounter: 0,
      traceEvents: isRecorded ? state.traceEvents : [],
      traceOrigin: isRecorded ? 'snapshot' : 'session',
      cells: state.cells.map((cell) => (cell.runState === 'idle' ? cell : { ...cell, runState: 'idle' })),
    };
  },

  /** A `#code=` link: the program goes into the first cell and nothing runs. */
  loadSharedCode(state: NotebookState, payload: { code: string }): NotebookState {
    const first = state.cells[0];
    return first ? updateCell(state, first.id, (cell) => ({ ...cell, code: payload.code, outputs: [], executionCount: null })) : state;
  },

  /**
   * An opened snapshot replaces the notebook: its cells (ids kept, the trace's lines point at them)
   * and its trace. Nothing of it ran here: the outputs are what the cells printed where it was made.
   */
  openSnapshot(
    state: NotebookState,
    payload: { cells: readonly { id: string; source: string; kind?: CellKind; outputs?: readonly OutputItem[] }[]; events: readonly TraceEvent[] },
  ): NotebookState {
    const cells =
      payload.cells.length > 0 ? payload.cells.map((cell) => ({ ...emptyCell(cell.id, cell.source, cell.kind), outputs: cell.outputs ?? [] })) : state.cells;
    return {
      ...state,
      cells,
      activeCellId: cells[0]?.id ?? null,
      focusRequest: null,
      traceEvents: payload.events,
      traceOrigin: 'snapshot',
      banner: null,
    };
  },

  showBanner(state: NotebookState, payload: { banner: Banner }): NotebookState {
    return { ...state, banner: payload.banner };
  },

  dismissBanner(state: NotebookState): NotebookState {
    return state.banner === null ? state : { ...state, banner: null };
  },
};

export type NotebookHandlers = typeof notebookHandlers;
