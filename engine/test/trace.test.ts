import { afterEach, describe, expect, it } from 'vitest';
import { createTraceRecorder, recordName, setLocationProvider, setRecorder, tensor, type Tensor } from '../index.ts';
import type { TraceEvent } from '../trace/schema.ts';
import { summaryText } from '../trace/summary-text.ts';

afterEach(() => {
  setRecorder(null);
  setLocationProvider(() => undefined);
});

function record(run: () => void): TraceEvent[] {
  const trace = createTraceRecorder();
  setRecorder(trace.recorder);
  run();
  setRecorder(null);
  return trace.drain();
}

describe('trace recording', () => {
  it('records the seed program: leaf, ops, backward steps and the accumulation', () => {
    let x!: Tensor;
    setLocationProvider(() => ({ cell: 'c1', line: 3 }));
    const events = record(() => {
      x = tensor([1, 2, 3], 'float32', true);
      recordName(x, 'x');
      const y = x.mul(2).add(3);
      y.mean().backward();
    });
    const kinds = events.map((e) => e.kind);
    expect(kinds).toEqual([
      'name',
      'leaf',
      'op',
      'op',
      'op',
      'backward-start',
      'backward-step',
      'backward-step',
      'backward-step',
      'accumulate',
      'saved-freed',
      'backward-end',
      'pass-summary',
    ]);
    const ops = events.filter((e) => e.kind === 'op');
    expect(ops.map((e) => e.gradFn)).toEqual(['MulBackward0', 'AddBackward0', 'MeanBackward0']);
    expect(ops[0].inputs).toEqual([{ kind: 'leaf', tensorId: x.id }, { kind: 'none' }]);
    expect(ops[1].inputs[0]).toEqual({ kind: 'node', nodeId: ops[0].nodeId, outputNr: 0 });
    expect(ops[0].loc).toEqual({ cell: 'c1', line: 3 });
    const leaf = events.find((e) => e.kind === 'leaf');
    expect(leaf).toMatchObject({ name: 'x', tensor: { id: x.id, values: [1, 2, 3] } });
    expect(leaf?.kind === 'leaf' && summaryText(leaf.tensor)).toBe('tensor([1., 2., 3.])');
    const acc = events.find((e) => e.kind === 'accumulate');
    expect(acc).toMatchObject({ tensorId: x.id, before: null });
    expect(acc?.kind === 'accumulate' && summaryText(acc.after)).toBe('tensor([0.6667, 0.6667, 0.6667])');
    // Seq numbers are increasing: the timeline can order events without timestamps.
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i));
  });

  it('shows the old .grad in an accumulation that adds in place', () => {
    const x = tensor([1], 'float32', true);
    x.mul(2).sum().backward();
    const events = record(() => x.mul(3).sum().backward());
    const acc = events.find((e) => e.kind === 'accumulate');
    expect(acc?.kind === 'accumulate' && [acc.before?.values, acc.added.values, acc.after.values]).toEqual([[2], [3], [5]]);
  });

  it('summarizes large tensors with statistics instead of values', () => {
    const big = tensor(
      Array.from({ length: 100 }, (_, i) => i),
      'float32',
      true,
    );
    const events = record(() => big.mul(1));
    const op = events.find((e) => e.kind === 'op');
    expect(op?.kind === 'op' && op.output.values).toBeUndefined();
    expect(op?.kind === 'op' && op.output.stats).toEqual({ min: 0, max: 99, mean: 49.5 });
  });

  it('records nothing when no recorder is set', () => {
    const trace = createTraceRecorder();
    tensor([1], 'float32', true).mul(2).sum().backward();
    expect(trace.drain()).toEqual([]);
  });
});
