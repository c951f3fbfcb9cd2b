/**
 * Node only: the CLI's Pyodide snapshots kept as files in $GRADSCOPE_CACHE_DIR (else a folder in
 * the system's temporary directory), so `gradscope run` skips Python's own start after the first
 * run. GRADSCOPE_NO_SNAPSHOT=1 starts fresh every time. See snapshot-loader.ts.
 */
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { version as pyodideVersion } from 'pyodide';
import type { LoadPyodide } from './session.ts';
import { snapshotLoader, type SnapshotLoaderOptions, type SnapshotStore } from './snapshot-loader.ts';

/** Where snapshots are kept: $GRADSCOPE_CACHE_DIR, else a folder in the system's temporary directory. */
export function snapshotCacheDir(): string {
  return process.env.GRADSCOPE_CACHE_DIR ?? join(tmpdir(), 'gradscope-cache');
}

/** Snapshots as files in `dir`, one per key. */
export function fileSnapshotStore(dir: string): SnapshotStore {
  const pathOf = (key: string): string => join(dir, `${key}.snapshot`);
  return {
    async read(key) {
      try {
        return await readFile(pathOf(key));
      } catch {
        return undefined;
      }
    },
    async write(key, bytes) {
      // Written beside, then renamed: a run that stops half-way never leaves a torn snapshot behind.
      await mkdir(dir, { recursive: true });
      const partial = `${pathOf(key)}.${process.pid}.partial`;
      await writeFile(partial, bytes);
      await rename(partial, pathOf(key));
    },
    async remove(key) {
      await rm(pathOf(key), { force: true });
    },
  };
}

/**
 * A session's snapshots in the cache folder (read at each start, so $GRADSCOPE_CACHE_DIR set later
 * still counts); none with GRADSCOPE_NO_SNAPSHOT. `onStart` as in SnapshotLoaderOptions.
 */
export function nodeSnapshots(onStart?: SnapshotLoaderOptions['onStart']): Omit<SnapshotLoaderOptions, 'contents'> | undefined {
  if (process.env.GRADSCOPE_NO_SNAPSHOT) return undefined;
  return { store: fileSnapshotStore(snapshotCacheDir()), pyodideVersion, ...(onStart ? { onStart } : {}) };
}

/** `loadPyodide` (Python's own start only), restoring the cached snapshot when there is one and making it when there is not. */
export function snapshotCachedLoader(loadPyodide: LoadPyodide, onStart?: SnapshotLoaderOptions['onStart']): LoadPyodide {
  return (options) => {
    const snapshots = nodeSnapshots(onStart);
    return snapshots ? snapshotLoader(loadPyodide, snapshots)(options) : loadPyodide(options);
  };
}
