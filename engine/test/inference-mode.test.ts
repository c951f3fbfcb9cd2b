/**
 * Inference mode beyond what the PyTorch-1.13 golden program (programs/inference_mode.py) shows:
 * the bare `@torch.inference_mode` decorator of PyTorch 2.x, and the engine's own API.
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { callOp, fromArray, isInferenceModeEnabled, setInferenceModeEnabled, Tensor } from '../index.ts';
import { startTestSession, type TestSession } from './python-session.ts';

afterEach(() => setInferenceModeEnabled(false));

describe('inference mode', () => {
  let py: TestSession;
  beforeAll(async () => {
    py = await startTestSession();
  }, 120_000);

  it('decorates without parentheses, as in PyTorch 2.x', () => {
    const run = py.run(
      [
        'import torch',
        '@torch.inference_mode',
        'def double(x):',
        '    return x * 2',
        'w = torch.ones(2, requires_grad=True)',
        'y = double(w)',
        'print(y.is_inference(), y.requires_grad, torch.is_inference_mode_enabled(), torch.is_grad_enabled())',
      ].join('\n'),
    );
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe('True False False True\n');
  });

  it('is off again in the next program (the session reset turns it off)', () => {
    py.run('import torch\n_ = torch.inference_mode().__enter__()');
    expect(py.run('import torch\nprint(torch.is_inference_mode_enabled(), torch.ones(1).is_inference())').stdout).toBe('False False\n');
  });

  it('marks the tensors the engine allocates meanwhile, and their views, but not views of normal tensors', () => {
    const normal = fromArray([1, 2, 3], [3], 'float32');
    setInferenceModeEnabled(true);
    expect(isInferenceModeEnabled()).toBe(true);
    const made = callOp('mul', normal, 2) as Tensor;
    const viewOfNormal = callOp('slice', normal, 0, 0, 2, 1) as Tensor;
    setInferenceModeEnabled(false);
    expect(made.isInference).toBe(true);
    expect((callOp('slice', made, 0, 0, 2, 1) as Tensor).isInference).toBe(true);
    expect(viewOfNormal.isInference).toBe(false);
    expect(normal.isInference).toBe(false);
  });

  it('records no graph even where grad mode is on', () => {
    const w = fromArray([1, 2], [2], 'float32', true);
    setInferenceModeEnabled(true);
    const y = callOp('mul', w, 3) as Tensor;
    expect(y.requiresGrad).toBe(false);
    expect(y.gradFn).toBeNull();
  });

  it("refuses to save an inference tensor for backward, in PyTorch's words", () => {
    setInferenceModeEnabled(true);
    const a = fromArray([1, 2], [2], 'float32');
    setInferenceModeEnabled(false);
    const w = fromArray([1, 2], [2], 'float32', true);
    expect(() => callOp('mul', w, a)).toThrow('Inference tensors cannot be saved for backward.');
  });
});
