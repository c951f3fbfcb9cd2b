import { createStore, type StoreApi } from 'zustand/vanilla';
import { createActions, type ActionsOf } from './create-actions.ts';
import { notebookHandlers, type NotebookHandlers } from './notebook-handlers.ts';
import { initialNotebookState, type Cell, type NotebookState } from './notebook-state.ts';

export type NotebookActions = ActionsOf<NotebookState, NotebookHandlers>;

export interface NotebookStore {
  readonly store: StoreApi<NotebookState>;
  readonly actions: NotebookActions;
}

let nextCellNumber = 1;

/** Cell ids only need to be unique within the page; they also name the cell in the worker's trace. */
export function newCellId(): string {
  return `cell-${nextCellNumber++}`;
}

/** Cells that arrive with ids (an opened snapshot's `cell-3`) must not be named again by newCellId. */
export function reserveCellIds(ids: readonly string[]): void {
  for (const id of ids) {
    const match = /^cell-(\d+)$/.exec(id);
    if (match) nextCellNumber = Math.max(nextCellNumber, Number(match[1]) + 1);
  }
}

export function createNotebookStore(initial: NotebookState = initialNotebookState(newCellId())): NotebookStore {
  const store = createStore<NotebookState>()(() => initial);
  const actions = createActions<NotebookState, NotebookHandlers>(notebookHandlers, (change) => store.setState(change, true));
  return { store, actions };
}

/** The app's one notebook. */
export const notebook = createNotebookStore();

// Selectors live at module level so components share them and React sees stable functions.
export const selectCellIds = (state: NotebookState): readonly string[] => state.cells.map((cell) => cell.id);
export const selectCell = (state: NotebookState, cellId: string): Cell | undefined => state.cells.find((cell) => cell.id === cellId);
export const selectCellIndex = (state: NotebookState, cellId: string): number => state.cells.findIndex((cell) => cell.id === cellId);
export const selectCellCount = (state: NotebookState): number => state.cells.length;
export const selectKernel = (state: NotebookState) => state.kernel;
export const selectTraceEvents = (state: NotebookState) => state.traceEvents;
export const selectBanner = (state: NotebookState) => state.banner;
export const selectActiveCellId = (state: NotebookState) => state.activeCellId;
export const selectFocusRequest = (state: NotebookState) => state.focusRequest;
export const selectIsAnyCellRunning = (state: NotebookState): boolean => state.cells.some((cell) => cell.runState !== 'idle');
