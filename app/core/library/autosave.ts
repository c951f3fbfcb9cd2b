/**
 * Autosave of the open notebook: every edit is written a moment after the last keystroke, and at
 * once when the page is hidden or closed, with the last run's outputs and (bounded) trace.
 */
import type { StoreApi } from 'zustand/vanilla';
import { boundTrace, NOTEBOOK_RECORD_VERSION, storeCells, summarize, type NotebookRecord } from './notebook-record.ts';
import type { NotebookRepository } from './notebook-repository.ts';
import type { LibraryState } from './library-state.ts';
import type { NotebookStore } from '../notebook/notebook-store.ts';
import { isDirty, markUnsaved, type OpenNotebook } from './open-notebook.ts';
import type { TabGuard } from './tab-guard.ts';

/** Edits are written this long after the last keystroke: well within the promised second. */
export const SAVE_DELAY_MS = 400;

export const STORAGE_RESET_NOTICE =
  'The browser’s storage for this site was cleared while Gradscope was open. The open notebook has been saved again; other notebooks that were only stored there may be gone.';

export interface AutosaveOptions {
  readonly notebook: NotebookStore;
  readonly repository: NotebookRepository;
  readonly store: StoreApi<LibraryState>;
  readonly open: OpenNotebook;
  readonly tabGuard: TabGuard;
  /** Whether this tab may write the open notebook (it holds it, and it is not read-only). */
  readonly canSave: () => boolean;
  readonly saveDelayMs: number;
  readonly now: () => number;
}

export interface Autosave {
  /** Saves a moment from now, unless another edit comes first. */
  schedule(): void;
  /** Saves now (what page hide does). */
  flush(): Promise<void>;
  /** The browser refused storage at start: the notebook lives in memory only, and the header says so. */
  refuse(reason: string): void;
  /** Storage answered after all (late): saves are real again. */
  accept(): void;
  /** The repository reconnected after the browser dropped its storage: the open notebook is written again in full. */
  storageWasReset(): void;
  dispose(): void;
}

export function createAutosave(options: AutosaveOptions): Autosave {
  const { notebook, repository, store, open, tabGuard, canSave, now } = options;
  const set = (change: Partial<LibraryState>) => store.setState(change);
  const openId = () => store.getState().openId;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let saving: Promise<void> = Promise.resolve();
  /** Set when the browser refused storage at start. */
  let storageUnavailable: string | undefined;
  /** Counts the times storage was cleared under the page. */
  let storageResets = 0;

  async function saveNow(): Promise<void> {
    const id = openId();
    const state = notebook.store.getState();
    if (id === null || !canSave() || !isDirty(open, state)) return;
    const traceChanged = state.traceEvents !== open.savedTrace;
    const record: NotebookRecord = {
      schemaVersion: NOTEBOOK_RECORD_VERSION,
      id,
      title: store.getState().title,
      createdAt: open.createdAt,
      updatedAt: now(),
      cells: storeCells(state.cells),
    };
    if (!storageUnavailable) set({ saveStatus: { state: 'saving' } });
    const resets = storageResets;
    try {
      await repository.put(record, traceChanged ? boundTrace(state.traceEvents) : undefined);
      // Storage was cleared while this save was under way: the save scheduled then writes everything.
      if (resets !== storageResets) return;
      const wasPersisted = open.isPersisted;
      open.isPersisted = true;
      open.savedCells = state.cells;
      open.savedTrace = state.traceEvents;
      open.isTitleDirty = false;
      // Another notebook may have been opened while this one was being written.
      // Kept in memory only (the browser refused storage): never claim it is saved.
      if (storageUnavailable) set({ saveStatus: { state: 'error', message: storageUnavailable } });
      else if (openId() === id) set({ saveStatus: isDirty(open, notebook.store.getState()) ? { state: 'saving' } : { state: 'saved' } });
      const summary = summarize(record);
      set({ notebooks: [summary, ...store.getState().notebooks.filter((item) => item.id !== id)] });
      tabGuard.broadcast({ type: 'saved', notebookId: id });
      if (!wasPersisted) tabGuard.broadcast({ type: 'list-changed' });
    } catch (error) {
      set({ saveStatus: { state: 'error', message: `Not saved: ${(error as Error).message} Export the notebook to keep it.` } });
    }
  }

  /**
   * Saves now. Not chained behind a save in flight: on pagehide the write must be issued at once,
   * and IndexedDB already applies overlapping write transactions in the order they were made.
   */
  function flush(): Promise<void> {
    clearTimeout(timer);
    timer = undefined;
    const save = saveNow();
    saving = Promise.all([saving, save]).then(() => {});
    return saving;
  }

  function schedule(): void {
    if (!canSave()) return;
    set({ saveStatus: { state: 'saving' } });
    clearTimeout(timer);
    timer = setTimeout(() => void flush(), options.saveDelayMs);
  }

  const cleanups: (() => void)[] = [];
  if (typeof window !== 'undefined') {
    // pagehide covers reload, close and navigation; hidden covers a tab the browser may later discard.
    const onHide = () => void flush();
    const onVisibility = () => {
      if (document.visibilityState === 'hidden') void flush();
    };
    window.addEventListener('pagehide', onHide);
    document.addEventListener('visibilitychange', onVisibility);
    cleanups.push(() => {
      window.removeEventListener('pagehide', onHide);
      document.removeEventListener('visibilitychange', onVisibility);
    });
  }

  return {
    schedule,
    flush,
    refuse(reason) {
      storageUnavailable = `Notebooks cannot be saved in this browser: ${reason} Export the notebook to keep it.`;
      set({ saveStatus: { state: 'error', message: storageUnavailable } });
    },
    accept() {
      storageUnavailable = undefined;
    },
    storageWasReset() {
      // Nothing of the open notebook can be assumed stored any more: the next save writes all of it.
      storageResets++;
      markUnsaved(open);
      set({ storageNotice: { text: STORAGE_RESET_NOTICE, unreadable: [] } });
      schedule();
    },
    dispose() {
      clearTimeout(timer);
      for (const cleanup of cleanups) cleanup();
    },
  };
}
