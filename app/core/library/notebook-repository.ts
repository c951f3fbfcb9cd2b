/**
 * Where notebooks are kept: IndexedDB in the browser (no library; a few promise wrappers), an
 * in-memory map in tests. Both behave the same through this interface.
 */
import type { TraceEvent } from '../../../engine/trace/schema.ts';
import { migrateNotebookRecord, summarize, type NotebookRecord, type NotebookSummary } from './notebook-record.ts';
import { isPartedTrace, partsRange, putTraceInParts, readTraceParts } from './trace-parts.ts';

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
  /** Stored notebooks this Gradscope cannot open (damaged, or from a newer version), left as they are. */
  unreadable(): Promise<UnreadableNotebook[]>;
  /** A stored notebook exactly as it is stored, for downloading one that cannot be opened. */
  getRaw(id: string): Promise<unknown>;
}

export interface UnreadableNotebook {
  readonly id: string;
  /** The title when the record still has one. */
  readonly title: string | null;
  readonly reason: string;
}

function unreadableOf(values: readonly unknown[]): UnreadableNotebook[] {
  return values.flatMap((value, index) => {
    const result = migrateNotebookRecord(value);
    if (result.ok) return [];
    const record = typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
    return [
      {
        id: typeof record.id === 'string' ? record.id : `#${index + 1}`,
        title: typeof record.title === 'string' && record.title.trim() !== '' ? record.title : null,
        reason: result.message,
      },
    ];
  });
}

const byNewest = (a: NotebookSummary, b: NotebookSummary) => b.updatedAt - a.updatedAt;

/** `stored`: records already there, as stored (tests put damaged ones in this way). */
export function createMemoryRepository(stored: Readonly<Record<string, unknown>> = {}): NotebookRepository {
  const notebooks = new Map<string, unknown>(Object.entries(stored));
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
      if (!notebooks.has(id)) return null;
      const result = migrateNotebookRecord(structuredClone(notebooks.get(id)));
      if (!result.ok) throw new Error(result.message);
      return result.record;
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
    async unreadable() {
      return unreadableOf([...notebooks.values()]);
    },
    async getRaw(id) {
      return structuredClone(notebooks.get(id) ?? null);
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

/** A DOMException thrown as a request is made (not reported through it) gets the same words. */
function asStorageError(error: unknown): unknown {
  return error instanceof DOMException ? storageError(error) : error;
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

export interface IndexedDbOptions {
  /**
   * Called when the connection was lost (the database was deleted or cleared while the page was
   * open, another tab upgraded it) and a new one was opened: whatever else was stored may be gone.
   */
  readonly onReconnect?: () => void;
}

/**
 * The browser's IndexedDB. Opening fails (private mode, blocked storage) with a message the app
 * shows. A connection the browser closes (site data cleared, the database deleted) is reopened on
 * the next use, so the open notebook is written again instead of every save failing.
 */
export async function openIndexedDbRepository(factory: IDBFactory = indexedDB, options: IndexedDbOptions = {}): Promise<NotebookRepository> {
  let db = await openDatabase(factory);
  let isLost = false;
  const watch = (connection: IDBDatabase) => {
    const lose = () => {
      connection.close();
      if (connection === db) isLost = true;
    };
    connection.onversionchange = lose;
    connection.onclose = lose;
  };
  watch(db);
  let reopening: Promise<IDBDatabase> | null = null;
  const reopen = (): Promise<IDBDatabase> => {
    reopening ??= openDatabase(factory).then(
      (connection) => {
        db = connection;
        isLost = false;
        reopening = null;
        watch(connection);
        options.onReconnect?.();
        return connection;
      },
      (error: unknown) => {
        reopening = null;
        throw error;
      },
    );
    return reopening;
  };
  /**
   * Runs `use` on an open connection: at once when there is one (a save on pagehide must be issued
   * before any await), after reopening when it was lost or closes under us (InvalidStateError).
   */
  const withDb = async <T>(use: (connection: IDBDatabase) => Promise<T>): Promise<T> => {
    if (!isLost) {
      try {
        return await use(db);
      } catch (error) {
        if (!(error instanceof DOMException && error.name === 'InvalidStateError')) throw asStorageError(error);
      }
    }
    try {
      return await use(await reopen());
    } catch (error) {
      throw asStorageError(error);
    }
  };
  const store = (connection: IDBDatabase, name: string, mode: IDBTransactionMode) => {
    // Relaxed: a write is safe once the browser has it (a crashed tab loses nothing); the OS flushes it.
    const transaction = connection.transaction(name, mode, { durability: 'relaxed' });
    // Only writes wait for the commit; a read's request already reports its own failure.
    return { objects: transaction.objectStore(name), done: mode === 'readwrite' ? committed(transaction) : Promise.resolve() };
  };
  return {
    list: () =>
      withDb(async (connection) => {
        const { objects } = store(connection, NOTEBOOKS, 'readonly');
        const values = await promisify(objects.getAll());
        return values
          .map(migrateNotebookRecord)
          .flatMap((result) => (result.ok ? [summarize(result.record)] : []))
          .sort(byNewest);
      }),
    get: (id) =>
      withDb(async (connection) => {
        const { objects } = store(connection, NOTEBOOKS, 'readonly');
        const value: unknown = await promisify(objects.get(id));
        if (value === undefined) return null;
        const result = migrateNotebookRecord(value);
        if (!result.ok) throw new Error(result.message);
        return result.record;
      }),
    put: (record, events) =>
      withDb(async (connection) => {
        // A long trace is put a part per task (trace-parts.ts), in a transaction of its own: the
        // notebook's is issued and committed at once, so a save on pagehide keeps the cells even
        // when the page goes before the trace's last part (the trace stored before then stays).
        const isTraceApart = events !== undefined && isPartedTrace(events);
        const transaction = connection.transaction(events && !isTraceApart ? [NOTEBOOKS, TRACES] : [NOTEBOOKS], 'readwrite', { durability: 'relaxed' });
        transaction.objectStore(NOTEBOOKS).put(record);
        if (events && !isTraceApart) putTraceInParts(transaction.objectStore(TRACES), record.id, events, () => {});
        const done = [committed(transaction)];
        // Commit now rather than when this task ends: on pagehide there may be no later task.
        transaction.commit();
        if (events && isTraceApart) {
          const traceTransaction = connection.transaction([TRACES], 'readwrite', { durability: 'relaxed' });
          done.push(committed(traceTransaction));
          putTraceInParts(traceTransaction.objectStore(TRACES), record.id, events, () => traceTransaction.commit());
        }
        await Promise.all(done);
      }),
    delete: (id) =>
      withDb(async (connection) => {
        const transaction = connection.transaction([NOTEBOOKS, TRACES], 'readwrite');
        transaction.objectStore(NOTEBOOKS).delete(id);
        transaction.objectStore(TRACES).delete(id);
        transaction.objectStore(TRACES).delete(partsRange(id));
        await committed(transaction);
      }),
    getTrace: (notebookId) =>
      withDb(async (connection) => {
        const { objects } = store(connection, TRACES, 'readonly');
        return (await readTraceParts(objects, notebookId, promisify)) ?? [];
      }),
    putTrace: (notebookId, events) =>
      withDb(async (connection) => {
        const { objects, done } = store(connection, TRACES, 'readwrite');
        putTraceInParts(objects, notebookId, events, () => {});
        await done;
      }),
    getSetting: (key) =>
      withDb(async (connection) => {
        const { objects } = store(connection, SETTINGS, 'readonly');
        const value: unknown = await promisify(objects.get(key));
        return typeof value === 'string' ? value : null;
      }),
    setSetting: (key, value) =>
      withDb(async (connection) => {
        const { objects, done } = store(connection, SETTINGS, 'readwrite');
        objects.put(value, key);
        await done;
      }),
    unreadable: () =>
      withDb(async (connection) => {
        const { objects } = store(connection, NOTEBOOKS, 'readonly');
        return unreadableOf(await promisify(objects.getAll()));
      }),
    getRaw: (id) =>
      withDb(async (connection) => {
        const { objects } = store(connection, NOTEBOOKS, 'readonly');
        return (await promisify(objects.get(id))) ?? null;
      }),
  };
}
