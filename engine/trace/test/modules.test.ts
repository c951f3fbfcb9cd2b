import { beforeAll, describe, expect, it } from 'vitest';
import { startTestSession, type TestSession } from '../../test/python-session.ts';
import { createSessionRecording } from '../../worker/cell-recorder.ts';
import { only } from './record.ts';

let py: TestSession;
beforeAll(async () => {
  py = await startTestSession();
}, 120_000);

describe('modules and names through Python', () => {
  it('tags ops made inside an nn.Module with the module path and type, and names its parameters', () => {
    const recording = createSessionRecording(py.session);
    const code = [
      'import torch',
      'from torch import nn',
      'class MLP(nn.Module):',
      '    def __init__(self):',
      '        super().__init__()',
      '        self.fc1 = nn.Linear(2, 3)',
      '        self.fc2 = nn.Linear(3, 1)',
      '    def forward(self, x):',
      '        return self.fc2(torch.relu(self.fc1(x)))',
      'model = MLP()',
      'loss = model(torch.ones(4, 2)).sum()',
      'loss.backward()',
    ].join('\n');
    const { result, events } = recording.record('cell-1', 'cell-1.py', () => py.session.run(code, 'cell-1.py'));
    expect(result.ok).toBe(true);
    const ops = only(events, 'op');
    const scopes = ops.map((o) => (o.moduleScope ?? []).map((f) => (f.path ? `${f.path}: ${f.type}` : f.type)).join(' > '));
    expect(scopes[0]).toBe('MLP > fc1: Linear');
    expect(scopes).toContain('MLP');
    expect(scopes.at(-1)).toBe('');
    expect(
      only(events, 'leaf')
        .map((l) => l.parameter)
        .sort(),
    ).toEqual(['fc1.bias', 'fc1.weight', 'fc2.bias', 'fc2.weight']);
    const start = only(events, 'backward-start')[0];
    expect(start.loc).toEqual({ cell: 'cell-1', line: 12 });
    expect(
      only(events, 'pass-summary')[0]
        .gradNorms.map((g) => g.name)
        .sort(),
    ).toEqual(['fc1.bias', 'fc1.weight', 'fc2.bias', 'fc2.weight']);
  });
});
