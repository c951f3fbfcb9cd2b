/**
 * A run's events extend the session's trace, so the replay index reads only the new events; past
 * the kept passes the worker (the one place that compacts) names the events the app drops.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_KEEP_PASSES } from '../../../../engine/trace/compact.ts';
import type { TraceEvent } from '../../../../engine/trace/schema.ts';
import { createSessionTrace } from '../../../../engine/trace/session-trace.ts';
import { notebookHandlers as h } from '../notebook-handlers.ts';
import { initialNotebookState } from '../notebook-state.ts';

function passRun(pass: number): TraceEvent[] {
  const seq = pass * 10;
  return [
    {
      kind: 'op',
      seq,
      nodeId: pass,
      op: 'mul',
      gradFn: 'MulBackward0',
      inputs: [],
      output: { id: 100 + pass, shape: [], dtype: 'float32', requiresGrad: true, values: [1] },
    },
    { kind: 'backward-start', seq: seq + 1, pass, rootTensorId: 100 + pass, retainGraph: false, createGraph: false },
    { kind: 'backward-step', seq: seq + 2, pass, nodeId: pass, gradsIn: [], gradsOut: [], edges: [] },
    { kind: 'backward-end', seq: seq + 3, pass },
  ];
}

describe('a run joining the session trace', () => {
  it('extends the array, keeping the very event objects, while the session holds no more than the kept passes', () => {
    let state = initialNotebookState('a');
    const arrays: (readonly TraceEvent[])[] = [];
    for (let pass = 1; pass <= DEFAULT_KEEP_PASSES; pass++) {
      state = h.finishCell(state, { cellId: 'a', ok: true, trace: passRun(pass) });
      arrays.push(state.traceEvents);
    }
    for (let i = 1; i < arrays.length; i++) arrays[i - 1]!.forEach((event, j) => expect(arrays[i]![j]).toBe(event));
  });

  it('drops the oldest pass’s detail once one more pass arrives', () => {
    const worker = createSessionTrace();
    let state = initialNotebookState('a');
    for (let pass = 1; pass <= DEFAULT_KEEP_PASSES + 1; pass++) {
      const { appended, forgotten } = worker.append(passRun(pass));
      state = h.finishCell(state, { cellId: 'a', ok: true, trace: appended, forgotten });
    }
    expect(state.traceEvents.some((event) => event.kind === 'backward-start' && event.pass === 1)).toBe(false);
    expect(state.traceEvents.filter((event) => event.kind === 'backward-start')).toHaveLength(DEFAULT_KEEP_PASSES);
  });
});
