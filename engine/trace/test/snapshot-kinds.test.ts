import { describe, expect, it } from 'vitest';
import { loadSnapshot } from '../snapshot.ts';
import { buildSnapshot } from '../snapshot.ts';
import type { TraceEventKind } from '../schema.ts';
import { EVERY_KIND } from './snapshot-fixtures.ts';

/** Every kind of schema.ts v3; the compiler keeps this list whole (a missing kind fails to type-check). */
const KINDS: Record<TraceEventKind, true> = {
  leaf: true,
  op: true,
  name: true,
  'backward-start': true,
  'backward-step': true,
  'gradient-sum': true,
  accumulate: true,
  'backward-end': true,
  'saved-freed': true,
  'pass-summary': true,
  'run-start': true,
  hook: true,
  'backward-error': true,
  'custom-call': true,
  'custom-line': true,
  'custom-return': true,
  gradcheck: true,
  tangent: true,
  'trace-summary': true,
  'hand-gradient': true,
};

describe('the snapshot schema', () => {
  it('has a fixture event of every trace event kind', () => {
    expect(new Set(EVERY_KIND.map((e) => e.kind))).toEqual(new Set(Object.keys(KINDS)));
  });

  it('round-trips an event of every kind with every optional field, through JSON', () => {
    const snapshot = buildSnapshot(
      [
        { id: 'cell-1', source: 'x = 1', kind: 'code' },
        { id: 'cell-2', source: '# Notes', kind: 'markdown' },
      ],
      EVERY_KIND,
      { step: 7, selectedNodeId: 7 },
    );
    expect(loadSnapshot(JSON.parse(JSON.stringify(snapshot)))).toEqual({ ok: true, snapshot });
  });

  it('reads NaN and infinite values, which JSON writes as null, back as NaN', () => {
    const exploded = buildSnapshot(
      [],
      [
        { kind: 'leaf', seq: 0, tensor: { id: 1, shape: [2], dtype: 'float32', requiresGrad: true, values: [Number.NaN, Number.POSITIVE_INFINITY] } },
        { kind: 'pass-summary', seq: 1, pass: 1, rootTensorId: 1, loss: Number.NaN, gradNorms: [{ tensorId: 1, norm: Number.POSITIVE_INFINITY }] },
      ],
    );
    const loaded = loadSnapshot(JSON.parse(JSON.stringify(exploded)));
    if (!loaded.ok) throw new Error(loaded.message);
    const [leaf, summary] = loaded.snapshot.trace.events;
    expect(leaf?.kind === 'leaf' && leaf.tensor.values).toEqual([Number.NaN, Number.NaN]);
    expect(summary?.kind === 'pass-summary' && summary.loss).toBeNaN();
  });

  it.each([
    [
      'a local whose value is not a Python value',
      { kind: 'custom-line', seq: 0, callId: 1, loc: { cell: 'c', line: 1 }, locals: [{ name: 'x', value: { kind: 'int' } }] },
      'trace.events[0].locals[0].value.kind',
    ],
    [
      'a Jacobian mismatch that is not a pair',
      {
        kind: 'gradcheck',
        seq: 0,
        nodeId: 1,
        ok: false,
        jacobians: [
          { inputIndex: 0, outputIndex: 0, analytical: EVERY_KIND[1]!.kind === 'leaf' ? EVERY_KIND[1].tensor : null, numerical: null, mismatches: [] },
        ],
      },
      'trace.events[0].jacobians[0].numerical',
    ],
    ['a fractional pass number', { kind: 'backward-end', seq: 0, pass: 1.5 }, 'trace.events[0].pass'],
    [
      'a dtype PyTorch does not have',
      { kind: 'leaf', seq: 0, tensor: { id: 1, shape: [], dtype: 'float8', requiresGrad: true } },
      'trace.events[0].tensor.dtype',
    ],
  ])('refuses %s, naming where', (_what, event, where) => {
    const loaded = loadSnapshot({ format: 'gradscope-snapshot', version: 1, cells: [], trace: { version: 3, events: [event] }, view: {} });
    expect(loaded.ok).toBe(false);
    expect(!loaded.ok && loaded.message).toContain(where);
  });

  it('refuses a snapshot from a newer Gradscope, saying so', () => {
    const loaded = loadSnapshot({ format: 'gradscope-snapshot', version: 2, cells: [], trace: { version: 3, events: [] }, view: {} });
    expect(!loaded.ok && loaded.message).toMatch(/newer Gradscope/);
    const newerTrace = loadSnapshot({ format: 'gradscope-snapshot', version: 1, cells: [], trace: { version: 4, events: [] }, view: {} });
    expect(!newerTrace.ok && newerTrace.message).toMatch(/trace.version 4 .*newer Gradscope/);
  });

  it('refuses JSON nested deeper than any snapshot before walking into it', () => {
    let deep: unknown = [];
    for (let i = 0; i < 100_000; i++) deep = [deep];
    const loaded = loadSnapshot({ format: 'gradscope-snapshot', version: 1, cells: [], trace: { version: 3, events: [deep] }, view: {} });
    expect(!loaded.ok && loaded.message).toMatch(/nested more than 64 levels/);
  });

  it('refuses more events or cells than the limits allow', () => {
    const limits = { maxDepth: 64, maxNodes: 1_000_000, maxEvents: 2, maxCells: 1 };
    const events = [0, 1, 2].map((seq) => ({ kind: 'backward-end', seq, pass: 1 }));
    expect(loadSnapshot({ format: 'gradscope-snapshot', version: 1, cells: [], trace: { version: 3, events }, view: {} }, limits)).toMatchObject({
      ok: false,
      message: expect.stringMatching(/3 events, more than the 2/),
    });
    const cells = [
      { id: 'a', source: '' },
      { id: 'b', source: '' },
    ];
    expect(loadSnapshot({ format: 'gradscope-snapshot', version: 1, cells, trace: { version: 3, events: [] }, view: {} }, limits)).toMatchObject({
      ok: false,
      message: expect.stringMatching(/2 cells/),
    });
  });
});
