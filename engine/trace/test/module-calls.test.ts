import { beforeAll, describe, expect, it } from 'vitest';
import { startTestSession, type TestSession } from '../../test/python-session.ts';
import { createSessionRecording } from '../../worker/cell-recorder.ts';
import { only } from './record.ts';

let py: TestSession;
beforeAll(async () => {
  py = await startTestSession();
}, 120_000);

function recordProgram(lines: readonly string[]) {
  const recording = createSessionRecording(py.session);
  const { result, events } = recording.record('cell-1', 'cell-1.py', () => py.session.run(lines.join('\n'), 'cell-1.py'));
  expect(result.ok).toBe(true);
  return only(events, 'op');
}

describe('module calls through Python', () => {
  it('numbers every module call, so two models that both have fc1 are told apart', () => {
    const ops = recordProgram([
      'import torch',
      'from torch import nn',
      'class Net(nn.Module):',
      '    def __init__(self):',
      '        super().__init__()',
      '        self.fc1 = nn.Linear(2, 2)',
      '    def forward(self, x):',
      '        return self.fc1(x)',
      'a, b = Net(), Net()',
      'loss = (a(torch.ones(1, 2)) + b(torch.ones(1, 2))).sum()',
    ]);
    const fc1Calls = new Set(ops.flatMap((op) => (op.moduleScope ?? []).filter((frame) => frame.path === 'fc1').map((frame) => frame.call)));
    expect(fc1Calls.size).toBe(2);
    expect([...fc1Calls].every((call) => typeof call === 'number')).toBe(true);
  });

  it('gives each call of one module its own number, and one call one number for all its ops', () => {
    const ops = recordProgram(['import torch', 'from torch import nn', 'fc = nn.Linear(2, 2)', 'y = fc(torch.relu(fc(torch.ones(1, 2))))']);
    const calls = ops.map((op) => op.moduleScope?.[0]?.call);
    // t + addmm for each call, relu outside any module.
    expect(calls.filter((call) => call !== undefined)).toHaveLength(4);
    expect(new Set(calls.filter((call) => call !== undefined)).size).toBe(2);
    expect(calls[0]).toBe(calls[1]);
  });

  it('names a module held in a ModuleList by its full path, encoder.layers.0', () => {
    const ops = recordProgram([
      'import torch',
      'from torch import nn',
      'class Encoder(nn.Module):',
      '    def __init__(self):',
      '        super().__init__()',
      '        self.layers = nn.ModuleList([nn.Linear(2, 2), nn.Linear(2, 2)])',
      '    def forward(self, x):',
      '        for layer in self.layers:',
      '            x = layer(x)',
      '        return x',
      'class Model(nn.Module):',
      '    def __init__(self):',
      '        super().__init__()',
      '        self.encoder = Encoder()',
      '    def forward(self, x):',
      '        return self.encoder(x)',
      'out = Model()(torch.ones(1, 2))',
    ]);
    const paths = new Set(ops.flatMap((op) => (op.moduleScope ?? []).map((frame) => frame.path)));
    expect([...paths]).toEqual(['', 'encoder', 'encoder.layers.0', 'encoder.layers.1']);
  });
});
