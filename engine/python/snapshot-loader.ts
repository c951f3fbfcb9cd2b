/**
 * Pyodide started from a memory snapshot (a copy of its WebAssembly memory just after Python's own
 * start), so a session skips most of its start-up time. Shared by the CLI (snapshots on disk) and
 * the page's worker (snapshots in the browser's Cache Storage): the first start makes the snapshot
 * and keeps it, later starts restore it. A snapshot that is missing, from another Pyodide or made
 * with other options (a different key), or that fails to restore, costs only a fresh start, never a
 * broken Python: the fresh start then replaces it.
 *
 * Without `contents` the snapshot holds Python and its standard library only. With them (the
 * session's: Gradscope's package with `torch` imported, see session.ts) it holds what their
 * `prepare` left in memory too, with the JavaScript objects Python holds written as names, and
 * their `restore` puts back what JavaScript held; their fingerprint is part of the key.
 *
 * The snapshot is written in the background: Python is handed over as soon as its memory is copied.
 */
import type { PyodideAPI } from 'pyodide';
import type { LoadPyodide } from './session.ts';

/** Standard-library modules Gradscope's package imports beyond Python's own start: loaded before the snapshot. */
export const PRELOADED = 'import numbers, pickle';

/** Where snapshots are kept, by key. Failures to write or remove are the store's own business. */
export interface SnapshotStore {
  read(key: string): Promise<Uint8Array | undefined>;
  write(key: string, bytes: Uint8Array<ArrayBuffer>): Promise<void>;
  remove(key: string): Promise<void>;
}

/** What a snapshot holds beyond Python's own start (session.ts makes the session's). */
export interface SnapshotContents {
  /** Part of the key: differs whenever `prepare` would leave different memory behind. */
  readonly fingerprint: string;
  /** Runs on a freshly started Python, before its memory is copied; false when that memory is not worth keeping. */
  prepare(pyodide: PyodideAPI): boolean;
  /** A JSON name for a JavaScript object Python holds; throws for one it cannot name. */
  serialize(object: unknown): unknown;
  /** The object that a name stands for, here. */
  deserialize(name: unknown): unknown;
  /** Runs on a restored Python: puts back what JavaScript held when the snapshot was taken. */
  restore(pyodide: PyodideAPI): void;
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
export function snapshotKey(pyodideVersion: string, options: Readonly<Record<string, unknown>>, contents = ''): string {
  const { indexURL: _where, ...rest } = options;
  const sorted = Object.fromEntries(Object.entries(rest).sort(([a], [b]) => a.localeCompare(b)));
  return `pyodide-${pyodideVersion}-${hash53(JSON.stringify({ options: sorted, PRELOADED, contents }))}`;
}

/** A fingerprint of texts (the Python sources, the engine's op table): a short hash, the same everywhere. */
export const fingerprintOf = (texts: readonly string[]): string => hash53(texts.join('\u0000'));

export interface SnapshotLoaderOptions {
  readonly store: SnapshotStore;
  readonly pyodideVersion: string;
  /** What the snapshot holds beyond Python's own start; Python's own start only when omitted. */
  readonly contents?: SnapshotContents;
  /**
   * Told how Python started, once it has, and when the snapshot a fresh start made is kept (at
   * once after a restore): tests that restore next await it.
   */
  readonly onStart?: (start: PythonStart, saved: Promise<void>) => void;
}

interface SnapshotMaker {
  makeMemorySnapshot(options?: { serializer?: (object: unknown) => unknown }): Uint8Array<ArrayBuffer>;
  _module: { __hiwire_get(index: number): unknown };
}

/**
 * A copy of Python's memory, over an ArrayBuffer of its own. Pyodide 314 stops at a freed slot of
 * its table of JavaScript objects Python held (it reads as `undefined`): those are read as empty.
 */
function copyMemory(pyodide: PyodideAPI, serializer: ((object: unknown) => unknown) | undefined): Uint8Array<ArrayBuffer> {
  const maker = pyodide as unknown as SnapshotMaker;
  const get = maker._module.__hiwire_get;
  maker._module.__hiwire_get = (index) => get(index) ?? null;
  try {
    return maker.makeMemorySnapshot(serializer ? { serializer } : {});
  } finally {
    maker._module.__hiwire_get = get;
  }
}

/** `loadPyodide`, restoring the kept snapshot when there is one and making it when there is not. */
export function snapshotLoader(loadPyodide: LoadPyodide, { store, pyodideVersion, contents, onStart }: SnapshotLoaderOptions): LoadPyodide {
  return async (options) => {
    const key = snapshotKey(pyodideVersion, options, contents?.fingerprint);
    const saved = await store.read(key).catch(() => undefined);
    if (saved) {
      try {
        const pyodide = await loadPyodide({
          ...options,
          _loadSnapshot: saved,
          ...(contents ? { _snapshotDeserializer: (name: unknown) => contents.deserialize(name) } : {}),
        });
        contents?.restore(pyodide);
        onStart?.('snapshot', Promise.resolve());
        return pyodide;
      } catch {
        await store.remove(key).catch(() => {});
      }
    }
    const pyodide = await loadPyodide({ ...options, _makeSnapshot: true });
    pyodide.runPython(PRELOADED);
    let written = Promise.resolve();
    const keep = contents?.prepare(pyodide) ?? true;
    try {
      if (!keep) throw new Error('what was prepared is not worth keeping');
      const bytes = copyMemory(pyodide, contents && ((object) => contents.serialize(object)));
      // A store that refuses only costs the next start its speed.
      written = store.write(key, bytes).catch(() => {});
    } catch (error) {
      // Python works; only the next start will not be faster.
      console.warn('Gradscope: no Python snapshot kept.', error);
    }
    onStart?.('fresh', written);
    return pyodide;
  };
}
