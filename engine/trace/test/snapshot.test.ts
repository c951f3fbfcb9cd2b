import { afterEach, describe, expect, it } from 'vitest';
import { recordName, setRecorder, tensor } from '../../index.ts';
import { buildSnapshot, loadSnapshot } from '../snapshot.ts';
import { TRACE_VERSION, type TraceEvent } from '../schema.ts';
import { only, record } from './record.ts';

afterEach(() => setRecorder(null));

function seedEvents(): TraceEvent[] {
  return record(() => {
    const x = tensor([1, 2, 3], 'float32', true);
    recordName(x, 'x');
    x.mul(2).add(3).mean().backward();
  });
}

/** What the v1 recorder wrote for the same run: v2's additions taken away. */
function asV1(events: readonly TraceEvent[]): unknown[] {
  return events
    .filter((e) => e.kind !== 'gradient-sum' && e.kind !== 'pass-summary')
    .map((e) => {
      const { edges: _e, op, formula: _f, root: _r, pass, moduleScope: _m, ...rest } = e as unknown as Record<string, unknown>;
      const v1 = e.kind === 'backward-step' ? rest : { ...rest, ...(op !== undefined ? { op } : {}) };
      return e.kind === 'saved-freed' ? v1 : { ...v1, ...(pass !== undefined ? { pass } : {}) };
    });
}

describe('snapshots', () => {
  it('round-trips a recorded run through JSON', () => {
    const snapshot = buildSnapshot([{ id: 'cell-1', source: 'x = 1' }], seedEvents());
    const loaded = loadSnapshot(JSON.parse(JSON.stringify(snapshot)));
    expect(loaded).toEqual({ ok: true, snapshot });
  });

  it('keeps what each cell printed, streams and errors, and refuses an output of an unknown kind', () => {
    const snapshot = buildSnapshot(
      [
        { id: 'cell-1', source: 'print(x.grad)', outputs: [{ kind: 'stream', stream: 'stdout', text: 'tensor([0.6667, 0.6667, 0.6667])\n' }] },
        { id: 'cell-2', source: 'y.backward()', outputs: [{ kind: 'error', ename: 'RuntimeError', evalue: 'boom', traceback: 'Traceback ...', line: 1 }] },
      ],
      seedEvents(),
    );
    expect(loadSnapshot(JSON.parse(JSON.stringify(snapshot)))).toEqual({ ok: true, snapshot });
    const odd = JSON.parse(JSON.stringify(snapshot)) as { cells: { outputs: unknown[] }[] };
    odd.cells[0].outputs = [{ kind: 'html', html: '<img src=x onerror=alert(1)>' }];
    expect(loadSnapshot(odd).ok).toBe(false);
  });

  it('round-trips a run without outputs as older snapshots have it', () => {
    const snapshot = buildSnapshot([{ id: 'cell-1', source: 'x = 1' }], seedEvents());
    const loaded = loadSnapshot(JSON.parse(JSON.stringify(snapshot)));
    expect(loaded).toEqual({ ok: true, snapshot });
  });

  it('opens a v1 trace as v2: steps get edges, passes get a summary with the loss', () => {
    const v2 = seedEvents();
    const json = { format: 'gradscope-snapshot', version: 1, cells: [], trace: { version: 1, events: asV1(v2) }, view: { step: 3 } };
    const loaded = loadSnapshot(JSON.parse(JSON.stringify(json)));
    if (!loaded.ok) throw new Error(loaded.message);
    const { trace, view } = loaded.snapshot;
    expect(trace.version).toBe(TRACE_VERSION);
    expect(view).toEqual({ step: 3 });
    const steps = only(trace.events, 'backward-step');
    const v2Steps = only(v2, 'backward-step');
    expect(steps.map((s) => s.edges.map((e) => [e.input, e.grad]))).toEqual(v2Steps.map((s) => s.edges.map((e) => [e.input, e.grad])));
    const [summary] = only(trace.events, 'pass-summary');
    expect(summary).toMatchObject({ pass: 1, loss: 7 });
    expect(summary.gradNorms[0].name).toBe('x');
    expect(summary.gradNorms[0].norm).toBeCloseTo(Math.sqrt(3 * (2 / 3) ** 2), 5);
    expect(only(trace.events, 'saved-freed')[0].pass).toBe(1);
    const seqs = trace.events.map((e) => e.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
  });

  it.each([
    ['a list', [], 'expected a JSON object'],
    ['another format', { format: 'x' }, 'format is "x"'],
    ['a future trace', { format: 'gradscope-snapshot', version: 1, cells: [], trace: { version: 99, events: [] }, view: {} }, 'trace.version 99'],
    [
      'an event of unknown kind',
      { format: 'gradscope-snapshot', version: 1, cells: [], trace: { version: 2, events: [{ kind: 'boom', seq: 0 }] }, view: {} },
      'trace.events[0].kind: kind "boom" is not a trace event kind',
    ],
    [
      'an op without an output',
      {
        format: 'gradscope-snapshot',
        version: 1,
        cells: [],
        trace: { version: 2, events: [{ kind: 'op', seq: 0, nodeId: 1, op: 'mul', gradFn: 'MulBackward0', inputs: [] }] },
        view: {},
      },
      'trace.events[0].output is missing',
    ],
    ['a cell without source', { format: 'gradscope-snapshot', version: 1, cells: [{ id: 'a' }], trace: { version: 2, events: [] } }, 'cells[0]'],
  ])('refuses %s and says what is wrong', (_what, json, message) => {
    const loaded = loadSnapshot(json);
    expect(loaded.ok).toBe(false);
    expect(!loaded.ok && loaded.message).toContain(message);
  });
});
