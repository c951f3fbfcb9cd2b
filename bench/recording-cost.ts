/**
 * What recording custom Functions' own frames costs a program that has none: one recorded cell of
 * a plain training step (matmul, tanh, mean, backward, twenty times), recorded as the worker records
 * cells, with the custom-Function machinery (line recording, node gradchecks) present against the
 * same recording without it. The ratio should be 1: the machinery engages only in Function.apply.
 */
import { createSessionRecording } from '../engine/worker/cell-recorder.ts';
import type { Comparison } from './comparisons.ts';
import type { BenchPython } from './python-session.ts';

const PLAIN_PROGRAM = `
import torch
torch.manual_seed(0)
x = torch.randn(64, 32)
w = torch.randn(32, 16, requires_grad=True)
for _ in range(20):
    loss = torch.tanh(x @ w).pow(2).mean()
    loss.backward()
    with torch.no_grad():
        w -= 0.1 * w.grad
        w.grad.zero_()
`;

export function recordingCostComparison(py: BenchPython): Comparison {
  return {
    id: 'python-recorded-plain-cell',
    title: 'Python: recorded cell without custom Functions (custom-frame machinery on vs off)',
    unit: 'ms',
    peerName: 'recording without the custom-Function machinery',
    figure: (ms) => ms,
    prepare: () => {
      const withFrames = createSessionRecording(py.session);
      const without = createSessionRecording(py.session, { customFunctions: false });
      const runCell = (recording: typeof withFrames) => (): void => {
        const { result } = recording.record('bench', 'bench_cell.py', () => py.session.run(PLAIN_PROGRAM, 'bench_cell.py'));
        if (!result.ok) throw new Error(result.error?.traceback ?? 'bench cell failed');
      };
      return {
        ours: { label: 'custom-frame machinery present', run: runCell(withFrames) },
        peer: { label: 'absent', run: runCell(without) },
        dispose: () => {},
      };
    },
  };
}
