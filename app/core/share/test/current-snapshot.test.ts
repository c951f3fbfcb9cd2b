import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildSnapshot } from '../../../../engine/trace/snapshot.ts';
import type { TraceEvent } from '../../../../engine/trace/schema.ts';
import { notebook } from '../../notebook/notebook-store.ts';
import { replay } from '../../replay/replay-store.ts';
import { currentSnapshot } from '../current-snapshot.ts';
import { SHARED_SNAPSHOT_BANNER, showSnapshot } from '../open-snapshot.ts';

const seedTrace = JSON.parse(readFileSync(new URL('../../trace/test/fixtures/seed-run-trace.json', import.meta.url), 'utf8')) as TraceEvent[];

describe('the snapshot of what is on screen', () => {
  it('holds the cells with their kinds, the trace, the step and the selected op node', () => {
    const shown = buildSnapshot(
      [
        { id: 'cell-7', source: '# Chain rule', kind: 'markdown' },
        { id: 'cell-8', source: 'y = x * 2' },
      ],
      seedTrace,
      { step: 3 },
    );
    expect(showSnapshot({ ok: true, snapshot: shown })).toBe(true);
    expect(notebook.store.getState().banner).toEqual({ tone: 'info', text: SHARED_SNAPSHOT_BANNER });
    replay.actions.select({ nodeIds: ['t1', 'n2'] });
    const snapshot = currentSnapshot();
    expect(snapshot.cells).toEqual(shown.cells);
    expect(snapshot.trace.events).toEqual(seedTrace);
    expect(snapshot.view).toEqual({ step: 3, selectedNodeId: 2 });
  });
});
