/**
 * Keeps every notebook: the list, the open one (remembered across reloads), autosave of every edit
 * (debounced and on page hide) with the last run's outputs and trace, and two-tab safety through
 * the tab guard. The notebook store stays the one source of what is on screen; this module copies
 * it to storage and swaps it when another notebook is opened.
 */
import type { StoreApi } from 'zustand/vanilla';
import type { TraceEvent } from '../../engine/trace/schema.ts';
import {
  boundTrace,
  NOTEBOOK_RECORD_VERSION,
  restoreCells,
  storeCells,
  summarize,
  type NotebookRecord,
  type NotebookSummary,
  type StoredCell,
} from './notebook-record.ts';
import type { NotebookRepository, UnreadableNotebook } from './notebook-repository.ts';
import { createLibraryStore, type LibraryState } from './library-state.ts';
import type { CellKind, NotebookState, OutputItem } from './notebook-state.ts';
import { newCellId, reserveCellIds, type NotebookStore } from './notebook-store.ts';
import type { TabGuard } from './tab-guard.ts';

/** Edits are written this long after the last keystroke: well within the promised second. */
export const SAVE_DELAY_MS = 400;
const OPEN_SETTING = 'openNotebookId';
const UNTITLED = 'Untitled';

/** What a new notebook starts with: its title, cells (source only) and, for examples, a recorded trace. */
export interface NotebookInit {
  readonly title?: string;
  /** With ids when `events` refer to them (an example's recorded trace); otherwise new ids are made. */
  readonly cells?: readonly { readonly id?: string; readonly kind?: CellKind; readonly source: string; readonly outputs?: readonly OutputItem[] }[];
  readonly events?: readonly TraceEvent[];
}

export interface NotebookLibraryOptions {
  readonly notebook: NotebookStore;
  readonly repository: NotebookRepository;
  readonly tabGuard: TabGuard;
  /** Called just before another notebook replaces the open one (the app restarts Python there). */
  readonly onSwitch?: () => void;
  readonly saveDelayMs?: number;
  readonly now?: () => number;
  readonly newNotebookId?: () => string;
}

export interface NotebookLibrary {
  readonly store: StoreApi<LibraryState>;
  /** Lists the notebooks and opens the remembered one; `fresh` starts an unsaved new notebook instead (a shared link). */
  start(options?: { fresh?: boolean; storageError?: string }): Promise<void>;
  /** Makes a notebook, saves it and opens it; returns its id. */
  create(init?: NotebookInit): Promise<string>;
  open(id: string): Promise<void>;
  rename(id: string, title: string): Promise<void>;
  /** Copies a notebook (cells, outputs, trace) under "… (copy)" and opens the copy. */
  duplicate(id: string): Promise<string>;
  /** Deletes a notebook; undoRemove brings the last one back. Deleting the open one opens another. */
  remove(id: string): Promise<void>;
  undoRemove(): Promise<void>;
  /** In a read-only tab: asks the other tab to save and let go, then edits here. */
  takeOver(): Promise<void>;
  /** Saves now (what page hide does). */
  flush(): Promise<void>;
  /** The stored notebooks that could not be opened, exactly as stored, as one JSON text to download. */
  unreadableAsJson(): Promise<string>;
  /** The repository reconnected after the browser dropped its storage: the open notebook is written again in full. */
  storageWasReset(): void;
  dispose(): void;
}

/** What the person is told about stored notebooks that could not be opened. */
export function unreadableNotice(unreadable: readonly UnreadableNotebook[]): string {
  const names = unreadable.map((item) => `${item.title === null ? 'a notebook with no title' : `“${item.title}”`} (${item.reason})`).join('; ');
  const count = unreadable.length === 1 ? '1 stored notebook' : `${unreadable.length} stored notebooks`;
  return `${count} could not be opened and ${unreadable.length === 1 ? 'was' : 'were'} left as stored: ${names}. Download ${unreadable.length === 1 ? 'it' : 'them'} to keep what ${unreadable.length === 1 ? 'it holds' : 'they hold'}.`;
}

export const STORAGE_RESET_NOTICE =
  'The browser’s storage for this site was cleared while Gradscope was open. The open notebook has been saved again; other notebooks that were only stored there may be gone.';

function defaultNotebookId(): string {
  return typeof crypto !== 'undefined' && 'randomUUID' in crypto ? crypto.randomUUID() : `nb-${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}

export function createNotebookLibrary(options: NotebookLibraryOptions): NotebookLibrary {
  const { notebook, repository, tabGuard } = options;
  const saveDelayMs = options.saveDelayMs ?? SAVE_DELAY_MS;
  const now = options.now ?? Date.now;
  const newNotebookId = options.newNotebookId ?? defaultNotebookId;
  const store = createLibraryStore();
  const set = (change: Partial<LibraryState>) => store.setState(change);

  // The open notebook, beyond what the library store shows.
  let createdAt = now();
  let isPersisted = false;
  /** Set when the browser refused storage at start: the notebook lives in memory only. */
  let storageUnavailable: string | undefined;
  let isClaimed = false;
  /** Above zero while this module itself replaces the notebook store's content: that is not an edit. */
  let loading = 0;
  let savedCells: NotebookState['cells'] | null = null;
  let savedTrace: NotebookState['traceEvents'] | null = null;
  let isTitleDirty = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let saving: Promise<void> = Promise.resolve();
  let deleted: { record: NotebookRecord; events: readonly TraceEvent[] } | null = null;
  /** Counts the times storage was cleared under the page (storageWasReset). */
  let storageResets = 0;
  const cleanups: (() => void)[] = [];

  const openId = () => store.getState().openId;
  const canSave = () => isClaimed && store.getState().readOnly === null && openId() !== null;

  function withSummary(list: readonly NotebookSummary[]): readonly NotebookSummary[] {
    const id = openId();
    if (id === null || isPersisted || list.some((item) => item.id === id)) return list;
    return [{ id, title: store.getState().title, createdAt, updatedAt: createdAt }, ...list];
  }

  async function refreshList(): Promise<void> {
    try {
      set({ notebooks: withSummary(await repository.list()) });
    } catch (error) {
      set({ saveStatus: { state: 'error', message: (error as Error).message } });
    }
  }

  function isDirty(state: NotebookState): boolean {
    return state.cells !== savedCells || state.traceEvents !== savedTrace || isTitleDirty;
  }

  async function saveNow(): Promise<void> {
    const id = openId();
    const state = notebook.store.getState();
    if (id === null || !canSave() || !isDirty(state)) return;
    const traceChanged = state.traceEvents !== savedTrace;
    const record: NotebookRecord = {
      schemaVersion: NOTEBOOK_RECORD_VERSION,
      id,
      title: store.getState().title,
      createdAt,
      updatedAt: now(),
      cells: storeCells(state.cells),
    };
    if (!storageUnavailable) set({ saveStatus: { state: 'saving' } });
    const resets = storageResets;
    try {
      await repository.put(record, traceChanged ? boundTrace(state.traceEvents) : undefined);
      // Storage was cleared while this save was under way: the save scheduled then writes everything.
      if (resets !== storageResets) return;
      const wasPersisted = isPersisted;
      isPersisted = true;
      savedCells = state.cells;
      savedTrace = state.traceEvents;
      isTitleDirty = false;
      // Another notebook may have been opened while this one was being written.
      // Kept in memory only (the browser refused storage): never claim it is saved.
      if (storageUnavailable) set({ saveStatus: { state: 'error', message: storageUnavailable } });
      else if (openId() === id) set({ saveStatus: isDirty(notebook.store.getState()) ? { state: 'saving' } : { state: 'saved' } });
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

  function scheduleSave(): void {
    if (!canSave()) return;
    set({ saveStatus: { state: 'saving' } });
    clearTimeout(timer);
    timer = setTimeout(() => void flush(), saveDelayMs);
  }

  /** Puts a notebook on screen; none of the store changes it makes count as edits. */
  function show(record: { id: string; title: string; createdAt: number; cells: readonly StoredCell[] }, events: readonly TraceEvent[], persisted: boolean) {
    loading++;
    try {
      options.onSwitch?.();
      reserveCellIds(record.cells.map((cell) => cell.id));
      const cells = record.cells.length > 0 ? restoreCells(record.cells) : restoreCells([{ id: newCellId(), kind: 'code', source: '', outputs: [], executionCount: null }]);
      notebook.actions.loadNotebook({ cells, events });
    } finally {
      loading--;
    }
    const state = notebook.store.getState();
    savedCells = persisted ? state.cells : null;
    savedTrace = persisted ? state.traceEvents : null;
    isTitleDirty = false;
    isPersisted = persisted;
    createdAt = record.createdAt;
    set({ openId: record.id, title: record.title });
  }

  /** Holds the open notebook for editing, or shows it read-only when another tab has it. */
  async function claimOpen(id: string): Promise<void> {
    isClaimed = false;
    const isMine = await tabGuard.claim(id);
    if (openId() !== id) {
      if (isMine) tabGuard.release(id);
      return;
    }
    isClaimed = isMine;
    set(isMine ? { readOnly: null, saveStatus: isPersisted ? { state: 'saved' } : { state: 'new' } } : { readOnly: 'other-tab', saveStatus: { state: 'read-only' } });
    if (isMine && isDirty(notebook.store.getState()) && isPersisted) scheduleSave();
    void repository.setSetting(OPEN_SETTING, id).catch(() => {});
  }

  function leaveOpen(): void {
    const id = openId();
    if (id !== null) tabGuard.release(id);
    isClaimed = false;
  }

  async function openRecord(id: string): Promise<boolean> {
    const record = await repository.get(id);
    if (!record) return false;
    const events = await repository.getTrace(id);
    leaveOpen();
    show(record, events, true);
    await claimOpen(id);
    return true;
  }

  async function createRecord(init: NotebookInit, persist: boolean): Promise<string> {
    const id = newNotebookId();
    const cells: StoredCell[] = (init.cells && init.cells.length > 0 ? init.cells : [{ kind: 'code' as const, source: '' }]).map((cell) => ({
      id: cell.id ?? newCellId(),
      kind: cell.kind ?? 'code',
      source: cell.source,
      // An example's recorded output shows under its cell, as its recorded graph shows beside it.
      outputs: cell.outputs ?? [],
      executionCount: null,
    }));
    const record: NotebookRecord = { schemaVersion: NOTEBOOK_RECORD_VERSION, id, title: init.title?.trim() || UNTITLED, createdAt: now(), updatedAt: now(), cells };
    const events = init.events ?? [];
    if (persist) {
      await repository.put(record, events.length > 0 ? boundTrace(events) : undefined);
      tabGuard.broadcast({ type: 'list-changed' });
    }
    leaveOpen();
    show(record, events, persist);
    await claimOpen(id);
    await refreshList();
    return id;
  }

  /**
   * A snapshot opened from a file or link replaces the cells on screen. It must not overwrite the
   * notebook that was open, so it becomes a notebook of its own.
   */
  function adoptSnapshot(): void {
    const previous = openId();
    if (isPersisted && previous !== null) {
      tabGuard.release(previous);
      const id = newNotebookId();
      createdAt = now();
      isPersisted = false;
      savedCells = null;
      savedTrace = null;
      set({ openId: id, title: 'Shared snapshot' });
      void claimOpen(id).then(() => scheduleSave());
    } else {
      set({ title: 'Shared snapshot' });
      isTitleDirty = true;
    }
  }

  cleanups.push(
    notebook.store.subscribe((state, previous) => {
      if (loading > 0) return;
      // Only opening a snapshot brings in a recorded trace outside this module's own loads.
      if (state.traceOrigin === 'snapshot' && state.traceEvents !== previous.traceEvents) adoptSnapshot();
      if (state.cells !== previous.cells || state.traceEvents !== previous.traceEvents) scheduleSave();
    }),
  );

  tabGuard.onTakeOver(async (id) => {
    if (id !== openId()) return;
    await flush();
    isClaimed = false;
    set({ readOnly: 'taken-over', saveStatus: { state: 'read-only' } });
  });

  cleanups.push(
    tabGuard.onMessage((message) => {
      if (message.type === 'list-changed') void refreshList();
      // A read-only view follows the tab that is editing.
      if (message.type === 'saved') {
        if (message.notebookId === openId() && store.getState().readOnly !== null) void reloadReadOnly(message.notebookId);
        else void refreshList();
      }
    }),
  );

  async function reloadReadOnly(id: string): Promise<void> {
    const record = await repository.get(id);
    if (!record || openId() !== id || store.getState().readOnly === null) return;
    show(record, await repository.getTrace(id), true);
    await refreshList();
  }

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
    store,

    async start({ fresh = false, storageError } = {}) {
      let notebooks: NotebookSummary[] = [];
      let remembered: string | null = null;
      try {
        notebooks = await repository.list();
        remembered = await repository.getSetting(OPEN_SETTING);
      } catch (error) {
        storageError ??= (error as Error).message;
      }
      // Records that cannot be opened stay as they are (never overwritten: the open notebook has another id), and the person is told.
      const unreadable = storageError ? [] : await repository.unreadable().catch((): UnreadableNotebook[] => []);
      if (unreadable.length > 0) set({ storageNotice: { text: unreadableNotice(unreadable), unreadable } });
      const target = remembered !== null && notebooks.some((item) => item.id === remembered) ? remembered : notebooks[0]?.id;
      const isOpened =
        !fresh &&
        target !== undefined &&
        (await openRecord(target).catch((error: unknown) => {
          const text = `The notebook open last time could not be read (${(error as Error).message}); it was left as stored.`;
          set({ storageNotice: { text, unreadable: [] } });
          return false;
        }));
      if (!isOpened) {
        // What is on screen (the welcome program, a shared link's code) becomes a new notebook, saved on its first change.
        const id = newNotebookId();
        createdAt = now();
        isPersisted = false;
        savedCells = notebook.store.getState().cells;
        savedTrace = notebook.store.getState().traceEvents;
        set({ openId: id, title: UNTITLED });
        await claimOpen(id);
      }
      set({ notebooks: withSummary(notebooks), isReady: true });
      if (storageError) {
        storageUnavailable = `Notebooks cannot be saved in this browser: ${storageError} Export the notebook to keep it.`;
        set({ saveStatus: { state: 'error', message: storageUnavailable } });
      }
    },

    async create(init = {}) {
      await flush();
      return createRecord(init, true);
    },

    async open(id) {
      if (id === openId()) return;
      await flush();
      if (!(await openRecord(id))) await refreshList();
    },

    async rename(id, title) {
      const cleanTitle = title.trim() || UNTITLED;
      if (id === openId()) {
        set({ title: cleanTitle, notebooks: store.getState().notebooks.map((item) => (item.id === id ? { ...item, title: cleanTitle } : item)) });
        isTitleDirty = true;
        await flush();
      } else {
        const record = await repository.get(id);
        if (!record) return;
        await repository.put({ ...record, title: cleanTitle, updatedAt: now() });
        await refreshList();
      }
      tabGuard.broadcast({ type: 'list-changed' });
    },

    async duplicate(id) {
      await flush();
      const record = id === openId() && !isPersisted ? null : await repository.get(id);
      const state = notebook.store.getState();
      const source = record ?? { title: store.getState().title, cells: storeCells(state.cells) };
      const events = record ? await repository.getTrace(id) : state.traceEvents;
      const copyId = newNotebookId();
      const copy: NotebookRecord = {
        schemaVersion: NOTEBOOK_RECORD_VERSION,
        id: copyId,
        title: `${source.title} (copy)`,
        createdAt: now(),
        updatedAt: now(),
        // New cell ids: the copy's cells are its own; a run in progress here did not run there.
        cells: source.cells.map(({ wasRunning: _running, ...cell }) => ({ ...cell, id: newCellId() })),
      };
      await repository.put(copy);
      if (events.length > 0) await repository.putTrace(copyId, events);
      tabGuard.broadcast({ type: 'list-changed' });
      await openRecord(copyId);
      await refreshList();
      return copyId;
    },

    async remove(id) {
      await flush();
      const record = await repository.get(id);
      if (record) {
        deleted = { record, events: await repository.getTrace(id) };
        await repository.delete(id);
      }
      set({ lastDeleted: { id, title: record?.title ?? store.getState().title } });
      tabGuard.broadcast({ type: 'list-changed' });
      if (id === openId()) {
        leaveOpen();
        const next = (await repository.list())[0];
        if (!next || !(await openRecord(next.id))) await createRecord({}, true);
      }
      await refreshList();
    },

    async undoRemove() {
      const restored = deleted;
      if (!restored) return;
      deleted = null;
      await repository.put(restored.record);
      if (restored.events.length > 0) await repository.putTrace(restored.record.id, restored.events);
      set({ lastDeleted: null });
      tabGuard.broadcast({ type: 'list-changed' });
      await refreshList();
    },

    async takeOver() {
      const id = openId();
      if (id === null || store.getState().readOnly === null) return;
      await tabGuard.takeOver(id);
      // The other tab saved before letting go: what is stored is the latest.
      const record = await repository.get(id);
      if (record) show(record, await repository.getTrace(id), true);
      isClaimed = true;
      set({ readOnly: null, saveStatus: { state: 'saved' } });
      void repository.setSetting(OPEN_SETTING, id).catch(() => {});
    },

    flush,

    async unreadableAsJson() {
      const unreadable = store.getState().storageNotice?.unreadable ?? [];
      const records = await Promise.all(unreadable.map((item) => repository.getRaw(item.id)));
      return JSON.stringify(records, null, 1);
    },

    storageWasReset() {
      // Nothing of the open notebook can be assumed stored any more: the next save writes all of it.
      storageResets++;
      savedCells = null;
      savedTrace = null;
      isPersisted = false;
      set({ storageNotice: { text: STORAGE_RESET_NOTICE, unreadable: [] } });
      scheduleSave();
    },

    dispose() {
      clearTimeout(timer);
      for (const cleanup of cleanups) cleanup();
      leaveOpen();
    },
  };
}
