import { beforeAll, describe, expect, it } from 'vitest';
import { startTestSession, type TestSession } from '../../test/python-session.ts';
import { createSessionRecording } from '../../worker/cell-recorder.ts';
import { DEFAULT_KEEP_PASSES } from '../compact.ts';

let py: TestSession;
beforeAll(async () => {
  py = await startTestSession();
}, 120_000);

const LOOP = (steps: number): string => `import torch
class Square(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        ctx.save_for_backward(x)
        return x * x
    @staticmethod
    def backward(ctx, g):
        x, = ctx.saved_tensors
        return 2 * x * g
w = torch.tensor([0.5, -0.25], requires_grad=True)
for step in range(${steps}):
    loss = Square.apply(w).sum()
    loss.backward()
    with torch.no_grad():
        w -= 0.1 * w.grad
    w.grad.zero_()
`;

describe('a training loop through a custom Function', () => {
  it('keeps the recorded frames of the last passes only, however long the loop ran', () => {
    const counts = [20, 200].map((steps) => {
      const recording = createSessionRecording(py.session);
      const { result, events } = recording.record('cell-1', 'cell-1.py', () => py.run(LOOP(steps), 'cell-1.py'));
      expect(result.ok).toBe(true);
      const calls = events.filter((e) => e.kind === 'custom-call');
      const backwardCalls = calls.filter((e) => e.kind === 'custom-call' && e.fn === 'backward');
      expect(backwardCalls).toHaveLength(DEFAULT_KEEP_PASSES);
      expect(events.filter((e) => e.kind === 'pass-summary')).toHaveLength(steps);
      // Every kept line belongs to a kept call.
      const callIds = new Set(calls.map((e) => (e.kind === 'custom-call' ? e.callId : -1)));
      for (const e of events) if (e.kind === 'custom-line' || e.kind === 'custom-return') expect(callIds.has(e.callId)).toBe(true);
      return events.filter((e) => e.kind.startsWith('custom-')).length;
    });
    expect(counts[1]).toBe(counts[0]);
  });
});
