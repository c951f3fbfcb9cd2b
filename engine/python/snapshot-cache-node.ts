/**
 * Node only: Pyodide started from a memory snapshot kept on disk, so `gradscope run` skips Python's
 * own start (most of its start-up time). The first run makes the snapshot and keeps it; later runs
 * restore it. The snapshot holds Python and its standard library only, never Gradscope's package
 * or the engine (which Python reaches through JavaScript objects a snapshot cannot hold), so a
 * changed `torch` package needs no new snapshot; a different Pyodide or option set gets its own.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { version as pyodideVersion } from 'pyodide';
import type { LoadPyodide } from './session.ts';

/** Standard-library modules Gradscope's package imports beyond Python's own start: loaded before the snapshot. */
const PRELOADED = 'import numbers, pickle';

/** Where snapshots are kept: $GRADSCOPE_CACHE_DIR, else a folder in the system's temporary directory. */
export function snapshotCacheDir(): string {
  return process.env.GRADSCOPE_CACHE_DIR ?? join(tmpdir(), 'gradscope-cache');
}

function snapshotPath(options: Record<string, unknown>): string {
  const key = createHash('sha256').update(JSON.stringify({ pyodideVersion, options, PRELOADED })).digest('hex').slice(0, 16);
  return join(snapshotCacheDir(), `pyodide-${pyodideVersion}-${key}.snapshot`);
}

function readSnapshot(path: string): Uint8Array | undefined {
  try {
    return readFileSync(path);
  } catch {
    return undefined;
  }
}

/** Written beside, then renamed: a run that stops half-way never leaves a torn snapshot behind. */
function keepSnapshot(path: string, bytes: Uint8Array): void {
  try {
    mkdirSync(snapshotCacheDir(), { recursive: true });
    const partial = `${path}.${process.pid}.partial`;
    writeFileSync(partial, bytes);
    renameSync(partial, path);
  } catch {
    // A read-only or full disk only costs the next run its quick start.
  }
}

/** `loadPyodide`, restoring the cached snapshot when there is one and making it when there is not. */
export function snapshotCachedLoader(loadPyodide: LoadPyodide): LoadPyodide {
  if (process.env.GRADSCOPE_NO_SNAPSHOT) return loadPyodide;
  return async (options) => {
    const path = snapshotPath(options);
    const saved = readSnapshot(path);
    if (saved) {
      try {
        return await loadPyodide({ ...options, _loadSnapshot: saved });
      } catch {
        rmSync(path, { force: true });
      }
    }
    const pyodide = await loadPyodide({ ...options, _makeSnapshot: true });
    pyodide.runPython(PRELOADED);
    keepSnapshot(path, (pyodide as unknown as { makeMemorySnapshot(): Uint8Array }).makeMemorySnapshot());
    return pyodide;
  };
}
