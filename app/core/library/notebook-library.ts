/**
 * Keeps every notebook: the list, and which one is open (remembered across reloads). It puts
 * together the concerns of the open notebook: autosave (autosave.ts), two-tab ownership
 * (tab-ownership.ts) and snapshots becoming notebooks of their own (snapshot-adoption.ts). The
 * notebook store stays the one source of what is on screen; the library swaps it when another
 * notebook is opened.
 */
import type { StoreApi } from 'zustand/vanilla';
import type { TraceEvent } from '../../../engine/trace/schema.ts';
import { createAutosave, SAVE_DELAY_MS } from './autosave.ts';
import {
  boundTrace,
  NOTEBOOK_RECORD_VERSION,
  restoreCells,
  storeCells,
  type NotebookRecord,
  type NotebookSummary,
  type StoredCell,
} from './notebook-record.ts';
import type { NotebookRepository, UnreadableNotebook } from './notebook-repository.ts';
import { createLibraryStore, type LibraryState } from './library-state.ts';
import type { CellKind, OutputItem } from '../notebook/notebook-state.ts';
import { newCellId, reserveCellIds, type NotebookStore } from '../notebook/notebook-store.ts';
import { createOpenNotebook, isDirty, markShown, markUnsaved } from './open-notebook.ts';
import { createSnapshotAdoption } from './snapshot-adoption.ts';
import type { TabGuard } from './tab-guard.ts';
import { createTabOwnership, OPEN_SETTING } from './tab-ownership.ts';

export { SAVE_DELAY_MS, STORAGE_RESET_NOTICE } from './autosave.ts';

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
  /**
   * The browser's storage answered after the library had started in memory (and now holds what was
   * kept there): saves are real again, the stored notebooks are listed, and a notebook nobody has
   * touched yet gives way to the one open last time, as if storage had answered at once.
   */
  storageArrived(): Promise<void>;
  dispose(): void;
}

/** What the person is told about stored notebooks that could not be opened. */
export function unreadableNotice(unreadable: readonly UnreadableNotebook[]): string {
  const names = unreadable.map((item) => `${item.title === null ? 'a notebook with no title' : `“${item.title}”`} (${item.reason})`).join('; ');
  const count = unreadable.length === 1 ? '1 stored notebook' : `${unreadable.length} stored notebooks`;
  return `${count} could not be opened and ${unreadable.length === 1 ? 'was' : 'were'} left as stored: ${names}. Download ${unreadable.length === 1 ? 'it' : 'them'} to keep what ${unreadable.length === 1 ? 'it holds' : 'they hold'}.`;
}

/** The notebook to open at start: the one open last time while it still exists, else the newest. */
function notebookToOpen(notebooks: readonly NotebookSummary[], remembered: string | null): string | undefined {
  return remembered !== null && notebooks.some((item) => item.id === remembered) ? remembered : notebooks[0]?.id;
}

function defaultNotebookId(): string {
  return typeof crypto !== 'undefined' && 'randomUUID' in crypto ? crypto.randomUUID() : `nb-${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}

export function createNotebookLibrary(options: NotebookLibraryOptions): NotebookLibrary {
  const { notebook, repository, tabGuard } = options;
  const now = options.now ?? Date.now;
  const newNotebookId = options.newNotebookId ?? defaultNotebookId;
  const store = createLibraryStore();
  const set = (change: Partial<LibraryState>) => store.setState(change);
  const openId = () => store.getState().openId;

  const open = createOpenNotebook(now());
  /** Above zero while the library itself replaces the notebook store's content: that is not an edit. */
  let loading = 0;
  let deleted: { record: NotebookRecord; events: readonly TraceEvent[] } | null = null;
  /** Started on what was on screen (a shared link), not on a stored notebook. */
  let startedFresh = false;
  const cleanups: (() => void)[] = [];

  const ownership = createTabOwnership({
    tabGuard,
    repository,
    store,
    isPersisted: () => open.isPersisted,
    onClaimed: () => {
      if (isDirty(open, notebook.store.getState()) && open.isPersisted) autosave.schedule();
    },
    beforeLettingGo: () => autosave.flush(),
    showStored: async (id) => {
      const record = await repository.get(id);
      if (record) show(record, await repository.getTrace(id), true);
    },
  });
  const autosave = createAutosave({
    notebook,
    repository,
    store,
    open,
    tabGuard,
    canSave: () => ownership.isClaimed() && store.getState().readOnly === null && openId() !== null,
    saveDelayMs: options.saveDelayMs ?? SAVE_DELAY_MS,
    now,
  });
  const adoptSnapshot = createSnapshotAdoption({ store, open, tabGuard, ownership, newNotebookId, now, scheduleSave: autosave.schedule });
  const { flush } = autosave;

  function withSummary(list: readonly NotebookSummary[]): readonly NotebookSummary[] {
    const id = openId();
    if (id === null || open.isPersisted || list.some((item) => item.id === id)) return list;
    return [{ id, title: store.getState().title, createdAt: open.createdAt, updatedAt: open.createdAt }, ...list];
  }

  async function refreshList(): Promise<void> {
    try {
      set({ notebooks: withSummary(await repository.list()) });
    } catch (error) {
      set({ saveStatus: { state: 'error', message: (error as Error).message } });
    }
  }

  /** Puts a notebook on screen; none of the store changes it makes count as edits. */
  function show(record: { id: string; title: string; createdAt: number; cells: readonly StoredCell[] }, events: readonly TraceEvent[], persisted: boolean) {
    loading++;
    try {
      options.onSwitch?.();
      reserveCellIds(record.cells.map((cell) => cell.id));
      const cells =
        record.cells.length > 0 ? restoreCells(record.cells) : restoreCells([{ id: newCellId(), kind: 'code', source: '', outputs: [], executionCount: null }]);
      notebook.actions.loadNotebook({ cells, events });
    } finally {
      loading--;
    }
    markShown(open, notebook.store.getState(), persisted, record.createdAt);
    set({ openId: record.id, title: record.title });
  }

  async function openRecord(id: string): Promise<boolean> {
    const record = await repository.get(id);
    if (!record) return false;
    const events = await repository.getTrace(id);
    ownership.leave();
    show(record, events, true);
    await ownership.claim(id);
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
    const record: NotebookRecord = {
      schemaVersion: NOTEBOOK_RECORD_VERSION,
      id,
      title: init.title?.trim() || UNTITLED,
      createdAt: now(),
      updatedAt: now(),
      cells,
    };
    const events = init.events ?? [];
    if (persist) {
      await repository.put(record, events.length > 0 ? boundTrace(events) : undefined);
      tabGuard.broadcast({ type: 'list-changed' });
    }
    ownership.leave();
    show(record, events, persist);
    await ownership.claim(id);
    await refreshList();
    return id;
  }

  cleanups.push(
    notebook.store.subscribe((state, previous) => {
      if (loading > 0) return;
      // Only opening a snapshot brings in a recorded trace outside the library's own loads.
      if (state.traceOrigin === 'snapshot' && state.traceEvents !== previous.traceEvents) adoptSnapshot();
      if (state.cells !== previous.cells || state.traceEvents !== previous.traceEvents) autosave.schedule();
    }),
  );

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

  async function noticeUnreadable(): Promise<void> {
    const unreadable = await repository.unreadable().catch((): UnreadableNotebook[] => []);
    if (unreadable.length > 0) set({ storageNotice: { text: unreadableNotice(unreadable), unreadable } });
  }

  async function reloadReadOnly(id: string): Promise<void> {
    const record = await repository.get(id);
    if (!record || openId() !== id || store.getState().readOnly === null) return;
    show(record, await repository.getTrace(id), true);
    await refreshList();
  }

  return {
    store,

    async start({ fresh = false, storageError } = {}) {
      startedFresh = fresh;
      let notebooks: NotebookSummary[] = [];
      let remembered: string | null = null;
      try {
        notebooks = await repository.list();
        remembered = await repository.getSetting(OPEN_SETTING);
      } catch (error) {
        storageError ??= (error as Error).message;
      }
      // Records that cannot be opened stay as they are (never overwritten: the open notebook has another id), and the person is told.
      if (!storageError) await noticeUnreadable();
      const target = notebookToOpen(notebooks, remembered);
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
        markUnsaved(open, now());
        // Not an edit yet: it is saved on its first change.
        open.savedCells = notebook.store.getState().cells;
        open.savedTrace = notebook.store.getState().traceEvents;
        set({ openId: id, title: UNTITLED });
        await ownership.claim(id);
      }
      set({ notebooks: withSummary(notebooks), isReady: true });
      if (storageError) autosave.refuse(storageError);
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
        open.isTitleDirty = true;
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
      const record = id === openId() && !open.isPersisted ? null : await repository.get(id);
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
        ownership.leave();
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

    takeOver: () => ownership.takeOver(),

    flush,

    async unreadableAsJson() {
      const unreadable = store.getState().storageNotice?.unreadable ?? [];
      const records = await Promise.all(unreadable.map((item) => repository.getRaw(item.id)));
      return JSON.stringify(records, null, 1);
    },

    storageWasReset: () => autosave.storageWasReset(),

    async storageArrived() {
      autosave.accept();
      await noticeUnreadable();
      const untouched = !startedFresh && !open.isPersisted && !isDirty(open, notebook.store.getState()) && store.getState().readOnly === null;
      if (untouched) {
        const [notebooks, remembered] = await Promise.all([repository.list(), repository.getSetting(OPEN_SETTING)]).catch(() => [[], null] as const);
        const target = notebookToOpen(notebooks, remembered);
        if (target !== undefined && (await openRecord(target).catch(() => false))) {
          await refreshList();
          return;
        }
      }
      const id = openId();
      if (id !== null && open.isPersisted) void repository.setSetting(OPEN_SETTING, id).catch(() => {});
      if (store.getState().readOnly === null) set({ saveStatus: open.isPersisted ? { state: 'saved' } : { state: 'new' } });
      if (isDirty(open, notebook.store.getState())) autosave.schedule();
      await refreshList();
    },

    dispose() {
      autosave.dispose();
      for (const cleanup of cleanups) cleanup();
      ownership.leave();
    },
  };
}
