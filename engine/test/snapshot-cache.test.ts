/** The CLI's Pyodide snapshot on disk: made by the first start, restored by the next, remade when damaged. */
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadPyodide } from 'pyodide';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { snapshotCachedLoader } from '../python/snapshot-cache-node.ts';
import type { LoadPyodide } from '../python/session.ts';
import { snapshotKey, type PythonStart } from '../python/snapshot-loader.ts';

let started: { start: PythonStart; saved: Promise<void> } | undefined;
const loadNoWait = snapshotCachedLoader(loadPyodide as unknown as LoadPyodide, (start, saved) => (started = { start, saved }));
/** A start, and the snapshot it made kept: the write runs in the background, after Python is handed over. */
async function load(options: Record<string, unknown>): Promise<Awaited<ReturnType<LoadPyodide>>> {
  const pyodide = await loadNoWait(options);
  await started?.saved;
  return pyodide;
}
const OPTIONS = { fullStdLib: false };
let previous: string | undefined;
let dir: string;

beforeAll(() => {
  previous = process.env.GRADSCOPE_CACHE_DIR;
  dir = mkdtempSync(join(tmpdir(), 'gradscope-snapshot-test-'));
  process.env.GRADSCOPE_CACHE_DIR = dir;
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  if (previous === undefined) delete process.env.GRADSCOPE_CACHE_DIR;
  else process.env.GRADSCOPE_CACHE_DIR = previous;
});

const snapshots = (): string[] => readdirSync(dir).filter((name) => name.endsWith('.snapshot'));

describe('Pyodide snapshot cache', () => {
  it('keeps a snapshot from the first start and runs Python the same from it', async () => {
    const first = await load(OPTIONS);
    expect(first.runPython('import pickle; str(pickle.loads(pickle.dumps([1, 2])))')).toBe('[1, 2]');
    expect(started?.start).toBe('fresh');
    expect(snapshots()).toHaveLength(1);
    const second = await load(OPTIONS);
    expect(started?.start).toBe('snapshot');
    expect(second.runPython('import json; json.dumps({"a": 2 ** 10})')).toBe('{"a": 1024}');
  }, 300_000);

  it('starts anyway, and remakes the snapshot, when the one on disk is damaged', async () => {
    const [name] = snapshots();
    writeFileSync(join(dir, name!), new Uint8Array([1, 2, 3]));
    const pyodide = await load(OPTIONS);
    expect(pyodide.runPython('6 * 7')).toBe(42);
    const [remade] = snapshots();
    expect(readdirSync(dir)).toEqual([remade]);
  }, 300_000);
});

describe('snapshot key', () => {
  it('names a snapshot by Pyodide version and load options, not by where the files are served from', () => {
    const key = snapshotKey('314.0.7', { fullStdLib: false, indexURL: '/a/' });
    expect(snapshotKey('314.0.7', { indexURL: 'https://x/pyodide/', fullStdLib: false })).toBe(key);
    expect(snapshotKey('314.0.8', { fullStdLib: false })).not.toBe(key);
    expect(snapshotKey('314.0.7', { fullStdLib: true })).not.toBe(key);
  });
});
