import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';
import { buildSnapshot } from '../../../../engine/trace/snapshot.ts';
import type { TraceEvent } from '../../../../engine/trace/schema.ts';
import { newCellId, notebook } from '../../notebook/notebook-store.ts';
import { replay } from '../../replay/replay-store.ts';
import { MAX_SNAPSHOT_BYTES, onSnapshotOpened, openSnapshotFile, parseSnapshotText, showSnapshot } from '../open-snapshot.ts';

const seedTrace = JSON.parse(readFileSync(new URL('../../trace/test/fixtures/seed-run-trace.json', import.meta.url), 'utf8')) as TraceEvent[];
const seedSnapshot = buildSnapshot([{ id: 'cell-41', source: 'y = x * 2' }], seedTrace);

describe('opening a snapshot file', () => {
  beforeEach(() => notebook.actions.dismissBanner());

  it('puts the cells’ code in the notebook and the trace in the store', async () => {
    let opened = 0;
    const unsubscribe = onSnapshotOpened(() => opened++);
    const file = new Blob([JSON.stringify(seedSnapshot)], { type: 'application/json' });
    expect(await openSnapshotFile(file)).toBe(true);
    unsubscribe();
    const state = notebook.store.getState();
    expect(state.cells.map((cell) => cell.code)).toEqual(['y = x * 2']);
    expect(state.traceEvents).toHaveLength(seedTrace.length);
    expect(opened).toBe(1);
    // Cells added later do not take the snapshot's ids.
    expect(Number(newCellId().slice('cell-'.length))).toBeGreaterThan(41);
  });

  it('shows the step the snapshot was saved at', () => {
    const atStep = { ...seedSnapshot, view: { step: 3 } };
    expect(showSnapshot(parseSnapshotText(JSON.stringify(atStep)))).toBe(true);
    expect(replay.store.getState().step).toBe(3);
  });

  it('says what is wrong with a file that is not JSON and changes nothing else', () => {
    const before = notebook.store.getState();
    expect(showSnapshot(parseSnapshotText('{ not json'))).toBe(false);
    const after = notebook.store.getState();
    expect(after.banner?.tone).toBe('error');
    expect(after.banner?.text).toMatch(/^Not a Gradscope snapshot: the file is not valid JSON/);
    expect(after.cells).toBe(before.cells);
    expect(after.traceEvents).toBe(before.traceEvents);
  });

  it('refuses JSON that is not a snapshot, saying which part is wrong', () => {
    const before = notebook.store.getState();
    expect(showSnapshot(parseSnapshotText(JSON.stringify({ format: 'something-else' })))).toBe(false);
    expect(notebook.store.getState().banner?.text).toContain('format is "something-else"');
    expect(notebook.store.getState().traceEvents).toBe(before.traceEvents);
  });

  it('refuses a file too large to be a snapshot before reading it', async () => {
    const huge = { size: MAX_SNAPSHOT_BYTES + 1, text: () => Promise.reject(new Error('must not be read')) } as unknown as Blob;
    expect(await openSnapshotFile(huge)).toBe(false);
    expect(notebook.store.getState().banner?.text).toMatch(/more than the 50 MB/);
  });
});
