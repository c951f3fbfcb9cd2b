import { beforeAll, describe, expect, it } from 'vitest';
import { createSessionRecording, type SessionRecording } from '../../worker/cell-recorder.ts';
import { startTestSession, type TestSession } from '../../test/python-session.ts';
import type { TraceEvent } from '../schema.ts';

/**
 * The bound lowered for speed (the default is MAX_EVENTS_PER_RUN): what matters is what happens
 * past it. A Python loop records ~1,500 ops a second here, so the loop is 20,000 ops by default;
 * BUDGET_LOOP_OPS=1000000 runs the million-op loop (minutes).
 */
const BOUND = 5_000;
const LOOP_OPS = Number(process.env.BUDGET_LOOP_OPS ?? 20_000);

let python: TestSession;
let recording: SessionRecording;

beforeAll(async () => {
  python = await startTestSession();
  recording = createSessionRecording(python.session, { maxEvents: BOUND });
}, 120_000);

function recordCell(code: string): { readonly events: TraceEvent[]; readonly stdout: string } {
  const { result, events } = recording.record('cell-1', 'cell-1.py', () => python.run(code, 'cell-1.py'));
  expect(result.error).toBeUndefined();
  return { events, stdout: result.stdout };
}

describe('the recorder bound per run', () => {
  it(
    `records ${BOUND.toLocaleString('en-US')} events of a ${LOOP_OPS.toLocaleString('en-US')}-op loop in detail and counts the rest by op and line`,
    { timeout: 600_000 },
    () => {
      const started = Date.now();
      const { events } = recordCell(
        ['import torch', 'y = torch.ones(1, requires_grad=True)', `for _ in range(${LOOP_OPS}):`, '    y = y * 1.0', 'y.backward()', 'x = 1'].join('\n'),
      );
      console.log(`${LOOP_OPS} ops recorded in ${Date.now() - started} ms: ${events.length} events, ${JSON.stringify(events).length} bytes`);
      const summary = events.at(-1);
      if (summary?.kind !== 'trace-summary') throw new Error(`the run does not end in a trace-summary: ${summary?.kind}`);
      // Detail up to the bound, then names, the pass summary and the trace summary.
      expect(events.length).toBeLessThanOrEqual(BOUND + 4);
      const detailedOps = events.filter((e) => e.kind === 'op');
      expect(detailedOps.length).toBe(BOUND - 1); // the leaf took one place
      expect(summary.limit).toBe(BOUND);
      const mulOnLine4 = summary.counts.find((c) => c.kind === 'op' && c.op === 'mul');
      expect(mulOnLine4).toEqual({ kind: 'op', op: 'mul', loc: { cell: 'cell-1', line: 4 }, count: LOOP_OPS - detailedOps.length });
      expect(summary.counts.find((c) => c.kind === 'backward-step')?.count).toBe(LOOP_OPS);
      expect(summary.omitted).toBe(summary.counts.reduce((sum, c) => sum + c.count, 0));
      // The loss chart's pass summary and the names are kept past the bound.
      expect(events.filter((e) => e.kind === 'pass-summary')).toHaveLength(1);
      expect(events.some((e) => e.kind === 'name' && e.name === 'y')).toBe(true);
    },
  );

  it('starts each run in detail again', () => {
    const { events } = recordCell('import torch\nz = torch.ones(2, requires_grad=True) * 3\nz.sum().backward()');
    expect(events.some((e) => e.kind === 'trace-summary')).toBe(false);
    expect(events.filter((e) => e.kind === 'op').map((e) => (e.kind === 'op' ? e.op : ''))).toEqual(['mul', 'sum']);
    expect(events.filter((e) => e.kind === 'backward-step')).toHaveLength(2);
  });
});
