/**
 * Where notebooks are kept: IndexedDB in the browser (no library; a few promise wrappers), an
 * in-memory map in tests. Both behave the same through this interface.
 */
import type { TraceEvent } from '../../engine/trace/schema.ts';
import {
  migrateNotebookRecord,
  NOTEBOOK_RECORD_VERSION,
  summarize,
  type NotebookRecord,
  type NotebookSummary,
  type TraceRecord,
} from './notebook-record.ts';

export interface NotebookRepository {
  /** Every stored notebook, most recently changed first. */
  list(): Promise<NotebookSummary[]>;
  /** The notebook, migrated to the current schema; null when there is none (or it cannot be read). */
  get(id: string): Promise<NotebookRecord | null>;
  /**
   * Writes the notebook, and with `events` its trace, in one transaction. The write is issued before
   * the first await, so a save started by pagehide reaches IndexedDB before the page goes.
   */
  put(record: NotebookRecord, events?: readonly TraceEvent[]): Promise<void>;
  /** Removes the notebook and its trace. */
  delete(id: string): Promise<void>;
  getTrace(notebookId: string): Promise<readonly TraceEvent[]>;
  putTrace(notebookId: string, events: readonly TraceEvent[]): Promise<void>;
  getSetting(key: string): Promise<string | null>;
  setSetting(key: string, value: string): Promise<void>;
}

const byNewest = (a: NotebookSummary, b: NotebookSummary) => b.updatedAt - a.updatedAt;

export function createMemoryRepository(): NotebookRepository {
  const notebooks = new Map<string, unknown>();
  const traces = new Map<string, readonly TraceEvent[]>();
  const settings = new Map<string, string>();
  // structuredClone: what comes back is a copy, as it would be from IndexedDB.
  return {
    async list() {
      return [...notebooks.values()]
        .map(migrateNotebookRecord)
        .flatMap((result) => (result.ok ? [summarize(result.record)] : []))
        .sort(byNewest);
    },
    async get(id) {
      const result = notebooks.has(id) ? migrateNotebookRecord(structuredClone(notebooks.get(id))) : null;
      return result?.ok ? result.record : null;
    },
    async put(record, events) {
      notebooks.set(record.id, structuredClone(record));
      if (events) traces.set(record.id, structuredClone(events));
    },
    async delete(id) {
      notebooks.delete(id);
      traces.delete(id);
    },
    async getTrace(notebookId) {
      return structuredClone(traces.get(notebookId) ?? []);
    },
    async putTrace(notebookId, events) {
      traces.set(notebookId, structuredClone(events));
    },
    async getSetting(key) {
      return settings.get(key) ?? null;
    },
    async setSetting(key, value) {
      settings.set(key, value);
    },
  };
}

const DB_NAME = 'gradscope';
const DB_VERSION = 1;
const NOTEBOOKS = 'notebooks';
const TRACES = 'traces';
const SETTINGS = 'settings';

function promisify<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(storageError(request.error));
  });
}

/** Resolves when the transaction has committed: a save is only "saved" once it is on disk. */
function committed(transaction: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    transaction.oncomplete = () => resolve();
    transaction.onerror = () => reject(storageError(transaction.error));
    transaction.onabort = () => reject(storageError(transaction.error));
  });
}

/** Turns a DOMException into words a person can act on. */
export function storageError(error: DOMException | null | undefined): Error {
  if (error?.name === 'QuotaExceededError') return new Error('The browser’s storage for this site is full.');
  return new Error(error?.message ? `Browser storage failed: ${error.message}` : 'Browser storage failed.');
}

function openDatabase(factory: IDBFactory): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = factory.open(DB_NAME, DB_VERSION);
    request.onupgradeneeded = () => {
      const db = request.result;
      if (!db.objectStoreNames.contains(NOTEBOOKS)) db.createObjectStore(NOTEBOOKS, { keyPath: 'id' });
      if (!db.objectStoreNames.contains(TRACES)) db.createObjectStore(TRACES, { keyPath: 'notebookId' });
      if (!db.objectStoreNames.contains(SETTINGS)) db.createObjectStore(SETTINGS);
    };
    request.onsuccess = () => {
      const db = request.result;
      // Another tab upgrading the schema asks us to let go; the next save reopens.
      db.onversionchange = () => db.close();
      resolve(db);
    };
    request.onerror = () => reject(storageError(request.error));
    request.onblocked = () => reject(new Error('Browser storage is blocked by another Gradscope tab; close it and reload.'));
  });
}

/** The browser's IndexedDB. Opening fails (private mode, blocked storage) with a message the app shows. */
export async function openIndexedDbRepository(factory: IDBFactory = indexedDB): Promise<NotebookRepository> {
  const db = await openDatabase(factory);
  const store = (name: string, mode: IDBTransactionMode) => {
    // Relaxed: a write is safe once the browser has it (a crashed tab loses nothing); the OS flushes it.
    const transaction = db.transaction(name, mode, { durability: 'relaxed' });
    // Only writes wait for the commit; a read's request already reports its own failure.
    return { objects: transaction.objectStore(name), done: mode === 'readwrite' ? committed(transaction) : Promise.resolve() };
  };
  return {
    async list() {
      const { objects } = store(NOTEBOOKS, 'readonly');
      const values = await promisify(objects.getAll());
      return values
        .map(migrateNotebookRecord)
        .flatMap((result) => (result.ok ? [summarize(result.record)] : []))
        .sort(byNewest);
    },
    async get(id) {
      const { objects } = store(NOTEBOOKS, 'readonly');
      const value: unknown = await promisify(objects.get(id));
      if (value === undefined) return null;
      const result = migrateNotebookRecord(value);
      if (!result.ok) throw new Error(result.message);
      return result.record;
    },
    async put(record, events) {
      const transaction = db.transaction(events ? [NOTEBOOKS, TRACES] : [NOTEBOOKS], 'readwrite', { durability: 'relaxed' });
      transaction.objectStore(NOTEBOOKS).put(record);
      if (events) transaction.objectStore(TRACES).put({ schemaVersion: NOTEBOOK_RECORD_VERSION, notebookId: record.id, events } satisfies TraceRecord);
      const done = committed(transaction);
      // Commit now rather than when this task ends: on pagehide there may be no later task.
      transaction.commit();
      await done;
    },
    async delete(id) {
      const transaction = db.transaction([NOTEBOOKS, TRACES], 'readwrite');
      transaction.objectStore(NOTEBOOKS).delete(id);
      transaction.objectStore(TRACES).delete(id);
      await committed(transaction);
    },
    async getTrace(notebookId) {
      const { objects } = store(TRACES, 'readonly');
      const value = (await promisify(objects.get(notebookId))) as TraceRecord | undefined;
      return value && value.schemaVersion <= NOTEBOOK_RECORD_VERSION && Array.isArray(value.events) ? value.events : [];
    },
    async putTrace(notebookId, events) {
      const { objects, done } = store(TRACES, 'readwrite');
      const record: TraceRecord = { schemaVersion: NOTEBOOK_RECORD_VERSION, notebookId, events };
      objects.put(record);
      await done;
    },
    async getSetting(key) {
      const { objects } = store(SETTINGS, 'readonly');
      const value: unknown = await promisify(objects.get(key));
      return typeof value === 'string' ? value : null;
    },
    async setSetting(key, value) {
      const { objects, done } = store(SETTINGS, 'readwrite');
      objects.put(value, key);
      await done;
    },
  };
}
