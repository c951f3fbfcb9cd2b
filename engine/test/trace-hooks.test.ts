import { afterEach, describe, expect, it } from 'vitest';
import { createTraceRecorder, setLocationProvider, setRecorder, tensor, type Tensor } from '../index.ts';
import type { TraceEvent } from '../trace/schema.ts';

afterEach(() => {
  setRecorder(null);
  setLocationProvider(() => undefined);
});

function record(run: () => void): TraceEvent[] {
  const trace = createTraceRecorder();
  setRecorder(trace.recorder);
  try {
    run();
  } finally {
    setRecorder(null);
  }
  return trace.drain();
}

type HookEvent = Extract<TraceEvent, { kind: 'hook' }>;

describe('hooks in the trace', () => {
  it('records a hook on an intermediate tensor before its node steps, with the gradient it saw and its replacement', () => {
    let y!: Tensor;
    setLocationProvider(() => ({ cell: 'c1', line: 4 }));
    const events = record(() => {
      const x = tensor([1, 2], 'float32', true);
      y = x.mul(3);
      y.registerHook((g) => g.mul(10), 'scale_by_ten');
      y.sum().backward();
    });
    const hook = events.find((e): e is HookEvent => e.kind === 'hook')!;
    const mulOp = events.find((e) => e.kind === 'op' && e.gradFn === 'MulBackward0') as Extract<TraceEvent, { kind: 'op' }>;
    expect(hook).toMatchObject({ name: 'scale_by_ten', pass: 1, target: { kind: 'node', nodeId: mulOp.nodeId, outputNr: 0 }, loc: { cell: 'c1', line: 4 } });
    expect(hook.before.values).toEqual([1, 1]);
    expect(hook.after?.values).toEqual([10, 10]);
    // The hook fires before MulBackward0's step, and the step receives the replaced gradient.
    const hookIndex = events.indexOf(hook);
    const step = events.findIndex((e) => e.kind === 'backward-step' && e.nodeId === mulOp.nodeId);
    expect(hookIndex).toBeLessThan(step);
    const stepEvent = events[step] as Extract<TraceEvent, { kind: 'backward-step' }>;
    expect(stepEvent.gradsIn[0]?.values).toEqual([10, 10]);
  });

  it('records a leaf hook that only observes (no replacement) against the leaf', () => {
    let x!: Tensor;
    const events = record(() => {
      x = tensor([1, 2], 'float32', true);
      x.registerHook(function observe() {});
      x.mul(x).sum().backward();
    });
    const hook = events.find((e): e is HookEvent => e.kind === 'hook')!;
    expect(hook).toMatchObject({ name: 'observe', target: { kind: 'leaf', tensorId: x.id } });
    expect(hook.after).toBeUndefined();
    expect(hook.before.values).toEqual([2, 4]);
  });

  it('reports a fan-out sum before a hook on the summed tensor, with the sum the hook saw', () => {
    const events = record(() => {
      const a = tensor([1], 'float32', true);
      const b = a.mul(2);
      b.registerHook((g) => g.mul(0), 'zero');
      b.mul(3).add(b.mul(4)).sum().backward();
    });
    const kinds = events.map((e) => e.kind);
    const sumAt = kinds.indexOf('gradient-sum');
    const hookAt = kinds.indexOf('hook');
    expect(sumAt).toBeGreaterThan(-1);
    expect(sumAt).toBeLessThan(hookAt);
    const sum = events[sumAt] as Extract<TraceEvent, { kind: 'gradient-sum' }>;
    expect(sum.sum.values).toEqual([7]);
    expect((events[hookAt] as HookEvent).after?.values).toEqual([0]);
  });
});
