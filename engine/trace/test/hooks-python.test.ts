import { beforeAll, describe, expect, it } from 'vitest';
import { startTestSession, type TestSession } from '../../test/python-session.ts';
import { createSessionRecording } from '../../worker/cell-recorder.ts';
import { only } from './record.ts';

let py: TestSession;
beforeAll(async () => {
  py = await startTestSession();
}, 120_000);

describe('hooks registered from Python', () => {
  it('name the user function and the line that registered it, and keep what the hook printed', () => {
    const recording = createSessionRecording(py.session);
    const code = [
      'import torch',
      'x = torch.tensor([1., 2.], requires_grad=True)',
      'y = x * 2',
      'def double_it(g):',
      '    return g * 2',
      'y.register_hook(double_it)',
      'x.register_hook(lambda g: print("x.grad arrives", g))',
      'y.sum().backward()',
      'print(x.grad)',
    ].join('\n');
    const { result, events } = recording.record('cell-1', 'cell-1.py', () => py.run(code, 'cell-1.py'));
    expect(result.ok).toBe(true);
    expect(result.stdout).toBe('x.grad arrives tensor([4., 4.])\ntensor([4., 4.])\n');
    const hooks = only(events, 'hook');
    expect(hooks.map((h) => [h.name, h.loc?.line, h.target.kind])).toEqual([
      ['double_it', 6, 'node'],
      ['<lambda>', 7, 'leaf'],
    ]);
    expect(hooks[0].before.values).toEqual([1, 1]);
    expect(hooks[0].after?.values).toEqual([2, 2]);
    expect(hooks[1].after).toBeUndefined();
  });
});
