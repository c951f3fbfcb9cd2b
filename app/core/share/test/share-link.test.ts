import { describe, expect, it } from 'vitest';
import { buildSnapshot } from '../../../../engine/trace/snapshot.ts';
import { decodeSnapshotLink, makeShareLink, readSnapshotPayload } from '../share-link.ts';
import { readCodeFromHash } from '../code-link.ts';

const here = { origin: 'https://gradscope.example', pathname: '/app/', search: '' };

describe('share links', () => {
  it('put the snapshot in the fragment and open back to the same cells and view', async () => {
    const snapshot = buildSnapshot(
      [
        { id: 'cell-1', source: 'x = 1' },
        { id: 'cell-2', source: '# Why', kind: 'markdown' },
      ],
      [],
      { selectedNodeId: 3 },
    );
    const link = await makeShareLink(snapshot, here);
    if (!link.ok) throw new Error('no link');
    expect(link.url.startsWith('https://gradscope.example/app/#snapshot=')).toBe(true);
    const opened = await decodeSnapshotLink(readSnapshotPayload(new URL(link.url).hash)!);
    expect(opened).toEqual({ ok: true, snapshot });
  });

  it('read the payload beside other fragment parameters and ignore hashes without one', () => {
    expect(readSnapshotPayload('#step=3&snapshot=abc')).toBe('abc');
    expect(readSnapshotPayload('#code=abc')).toBeNull();
    expect(readSnapshotPayload('')).toBeNull();
  });

  it('offer a code-only link, of the code cells, when the snapshot is too big', async () => {
    const noise = Array.from({ length: 40_000 }, (_, i) => String.fromCharCode(33 + Math.floor(Math.abs(Math.sin(i * 12.9898) * 43758.5453) % 90))).join('');
    const link = await makeShareLink(
      buildSnapshot(
        [
          { id: 'a', source: 'print(1)' },
          { id: 'b', source: noise, kind: 'markdown' },
        ],
        [{ kind: 'run-start', seq: 0, cell: noise }],
      ),
      here,
    );
    if (link.ok) throw new Error('expected no link');
    expect(readCodeFromHash(new URL(link.codeOnlyUrl).hash)).toEqual({ ok: true, code: 'print(1)' });
  });
});
