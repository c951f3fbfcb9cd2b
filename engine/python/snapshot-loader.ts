/**
 * Pyodide started from a memory snapshot (a copy of its WebAssembly memory just after Python's own
 * start), so a session skips most of its start-up time. Shared by the CLI (snapshots on disk) and
 * the page's worker (snapshots in the browser's Cache Storage): the first start makes the snapshot
 * and keeps it, later starts restore it. A snapshot that is missing, from another Pyodide or made
 * with other options (a different key), or that fails to restore, costs only a fresh start, never a
 * broken Python: the fresh start then replaces it.
 *
 * The snapshot holds Python and its standard library only, never Gradscope's package or the engine
 * (which Python reaches through JavaScript objects a snapshot cannot hold), so a changed `torch`
 * package needs no new snapshot.
 */
import type { LoadPyodide } from './session.ts';

/** Standard-library modules Gradscope's package imports beyond Python's own start: loaded before the snapshot. */
export const PRELOADED = 'import numbers, pickle';

/** Where snapshots are kept, by key. Failures to write or remove are the store's own business. */
export interface SnapshotStore {
  read(key: string): Promise<Uint8Array | undefined>;
  write(key: string, bytes: Uint8Array<ArrayBuffer>): Promise<void>;
  remove(key: string): Promise<void>;
}

/** How a session's Python started: restored from a kept snapshot, or fresh (and a snapshot made). */
export type PythonStart = 'snapshot' | 'fresh';

/** 53-bit string hash (cyrb53): the key must be the same in Node and in the browser, without crypto. */
function hash53(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ code, 2654435761);
    h2 = Math.imul(h2 ^ code, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(16).padStart(14, '0');
}

/**
 * The name a snapshot is kept under: it changes with Pyodide's version, the load options (bar the
 * folder Pyodide's files are read from) and what is preloaded, so a snapshot is only ever restored
 * into the Pyodide that made it.
 */
export function snapshotKey(pyodideVersion: string, options: Readonly<Record<string, unknown>>): string {
  const { indexURL: _where, ...rest } = options;
  const sorted = Object.fromEntries(Object.entries(rest).sort(([a], [b]) => a.localeCompare(b)));
  return `pyodide-${pyodideVersion}-${hash53(JSON.stringify({ options: sorted, PRELOADED }))}`;
}

export interface SnapshotLoaderOptions {
  readonly store: SnapshotStore;
  readonly pyodideVersion: string;
  /** Told how Python started, once it has. */
  readonly onStart?: (start: PythonStart) => void;
}

/** `loadPyodide`, restoring the kept snapshot when there is one and making it when there is not. */
export function snapshotLoader(loadPyodide: LoadPyodide, { store, pyodideVersion, onStart }: SnapshotLoaderOptions): LoadPyodide {
  return async (options) => {
    const key = snapshotKey(pyodideVersion, options);
    const saved = await store.read(key).catch(() => undefined);
    if (saved) {
      try {
        const pyodide = await loadPyodide({ ...options, _loadSnapshot: saved });
        onStart?.('snapshot');
        return pyodide;
      } catch {
        await store.remove(key).catch(() => {});
      }
    }
    const pyodide = await loadPyodide({ ...options, _makeSnapshot: true });
    pyodide.runPython(PRELOADED);
    // A fresh copy of the memory, over an ArrayBuffer of its own.
    const bytes = (pyodide as unknown as { makeMemorySnapshot(): Uint8Array<ArrayBuffer> }).makeMemorySnapshot();
    // A store that refuses only costs the next start its speed.
    await store.write(key, bytes).catch(() => {});
    onStart?.('fresh');
    return pyodide;
  };
}
