/**
 * What the library knows of the open notebook beyond what the stores show: when it was made,
 * whether it is in storage yet, and what was last written, which tells an edit from a load.
 */
import type { NotebookState } from '../notebook/notebook-state.ts';

export interface OpenNotebook {
  createdAt: number;
  /** In storage (false for a new notebook before its first save, or after storage was cleared). */
  isPersisted: boolean;
  /** The cells and trace as last written; null when nothing of them is known to be stored. */
  savedCells: NotebookState['cells'] | null;
  savedTrace: NotebookState['traceEvents'] | null;
  isTitleDirty: boolean;
}

export function createOpenNotebook(createdAt: number): OpenNotebook {
  return { createdAt, isPersisted: false, savedCells: null, savedTrace: null, isTitleDirty: false };
}

export function isDirty(open: OpenNotebook, state: NotebookState): boolean {
  return state.cells !== open.savedCells || state.traceEvents !== open.savedTrace || open.isTitleDirty;
}

/** What is on screen is what storage holds (`persisted`), or nothing of it is stored yet. */
export function markShown(open: OpenNotebook, state: NotebookState, persisted: boolean, createdAt: number): void {
  open.savedCells = persisted ? state.cells : null;
  open.savedTrace = persisted ? state.traceEvents : null;
  open.isTitleDirty = false;
  open.isPersisted = persisted;
  open.createdAt = createdAt;
}

/** The open notebook becomes a new one (same cells), to be written in full by its first save. */
export function markUnsaved(open: OpenNotebook, createdAt = open.createdAt): void {
  open.createdAt = createdAt;
  open.isPersisted = false;
  open.savedCells = null;
  open.savedTrace = null;
}
