// vitest: own process (a link's length depends on the ids of the run, which start at 1 in a new session)
import { describe, expect, it } from 'vitest';
import { compactTrace } from '../compact.ts';
import { decodeSnapshotPayload, encodeJsonPayload, encodeSnapshotLink, LINK_TARGET_LENGTH } from '../snapshot-codec.ts';
import { packSnapshotForLink } from '../snapshot-link.ts';
import { buildSnapshot, type Snapshot } from '../snapshot.ts';
import type { TraceEvent } from '../schema.ts';
import { EVERY_KIND, fiftyNodeRun } from './snapshot-fixtures.ts';

const NEURON_CODE = `import torch
xs = [torch.tensor(v, requires_grad=True) for v in (0.5, -1.0, 2.0)]
ws = [torch.tensor(v, requires_grad=True) for v in (0.3, -0.2, 0.7)]
for _ in range(2):
    h = xs[0]
    for layer in range(10):
        h = (h * ws[layer % 3] + xs[layer % 3]).tanh() + 0.1
    loss = (h ** 2 * 0.5 + 0.01).sqrt()
    loss.backward()
`;

const graphNodes = (events: readonly TraceEvent[]): number =>
  new Set(events.filter((e) => e.kind === 'op').map((e) => `n${e.kind === 'op' ? e.nodeId : 0}`)).size +
  new Set(events.filter((e) => e.kind === 'leaf').map((e) => `t${e.kind === 'leaf' ? e.tensor.id : 0}`)).size;

/** The events without the `text` of their tensor summaries (other texts stay). */
const withoutText = (events: readonly TraceEvent[]): unknown =>
  JSON.parse(
    JSON.stringify(events, function (this: Record<string, unknown>, key, value: unknown) {
      return key === 'text' && 'dtype' in this ? undefined : value;
    }),
  );

describe('snapshot links', () => {
  const run = fiftyNodeRun();
  const snapshot = buildSnapshot([{ id: 'cell-1', source: NEURON_CODE }], run, { step: run.at(-3)!.seq, selectedNodeId: 5 });

  it('fit a typical 50-node run, its code and its view in a link under 4 KB', async () => {
    const link = await encodeSnapshotLink(snapshot);
    expect(graphNodes(compactTrace(run, 1))).toBe(50);
    if (!link.ok) throw new Error('no link');
    const url = `http://localhost:4305/#snapshot=${link.payload}`;
    expect(url.length).toBeLessThan(4096);
    expect(link.payload.length).toBeLessThanOrEqual(LINK_TARGET_LENGTH);
  });

  it('open with the last pass’s graph, gradients and steps, and the saved view', async () => {
    const link = await encodeSnapshotLink(snapshot);
    if (!link.ok) throw new Error('no link');
    const opened = await decodeSnapshotPayload(link.payload);
    if (!opened.ok) throw new Error(opened.message);
    const kept = compactTrace(run, 1);
    const events = opened.snapshot.trace.events;
    expect(events.map((e) => [e.kind, e.seq])).toEqual(kept.map((e) => [e.kind, e.seq]));
    // Values read back as the same float32 numbers; only the chain-rule detail may be left out.
    const strip = (list: readonly TraceEvent[]) =>
      (withoutText(list) as Record<string, unknown>[]).map((e) => (e.kind === 'backward-step' ? { ...e, edges: undefined, formula: undefined } : e));
    const f32 = (x: unknown): unknown => JSON.parse(JSON.stringify(x, (_k, v: unknown) => (typeof v === 'number' ? Math.fround(v) : v)));
    expect(f32(strip(events))).toEqual(f32(strip(kept)));
    // Rebuilt edges carry each input and the gradient it was sent.
    const step = events.find((e) => e.kind === 'backward-step' && e.gradsOut.length === 2);
    if (step?.kind !== 'backward-step') throw new Error('no binary step');
    expect(step.edges.map((e) => e.grad)).toEqual(step.gradsOut);
    expect(step.edges[0]!.input.kind).not.toBe('none');
    expect(opened.snapshot.view).toEqual(snapshot.view);
    expect(opened.snapshot.cells).toEqual(snapshot.cells);
  });

  it('keep the chain-rule numbers when the link is small enough anyway', async () => {
    const small = buildSnapshot([{ id: 'c', source: 'x' }], EVERY_KIND);
    const link = await encodeSnapshotLink(small);
    expect(link).toMatchObject({ ok: true, detail: 'full' });
    if (!link.ok) return;
    const opened = await decodeSnapshotPayload(link.payload);
    if (!opened.ok) throw new Error(opened.message);
    expect(opened.snapshot.trace.events).toEqual(withoutText(EVERY_KIND));
  });

  it('still open as whole snapshots, compressed but not packed', async () => {
    const opened = await decodeSnapshotPayload(await encodeJsonPayload(snapshot));
    expect(opened).toEqual({ ok: true, snapshot: JSON.parse(JSON.stringify(snapshot)) as Snapshot });
  });

  it('refuse to make a link of a snapshot too big for one', async () => {
    const noise = Array.from({ length: 40_000 }, (_, i) => String.fromCharCode(33 + Math.floor(Math.abs(Math.sin(i * 12.9898) * 43758.5453) % 90))).join('');
    const huge = buildSnapshot([{ id: 'c', source: noise }], []);
    expect(await encodeSnapshotLink(huge)).toMatchObject({ ok: false });
  });

  it('write short codes for keys, so a link document is not the snapshot itself', () => {
    const packed = JSON.stringify(packSnapshotForLink(snapshot, 'full'));
    expect(packed).not.toContain('"requiresGrad"');
    expect(packed).not.toContain('"text"');
  });
});

describe('link documents from strangers', () => {
  it('cannot smuggle fields in through __proto__', async () => {
    const packed = packSnapshotForLink(buildSnapshot([{ id: 'c', source: 'x' }], []), 'full') as Record<string, unknown>;
    const text = JSON.stringify(packed).replace('{"link"', '{"__proto__":{"polluted":true},"link"');
    const opened = await decodeSnapshotPayload(await encodeJsonPayload(JSON.parse(text)));
    expect(opened.ok).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(opened.ok && (opened.snapshot as unknown as Record<string, unknown>).polluted).toBeUndefined();
  });
});
