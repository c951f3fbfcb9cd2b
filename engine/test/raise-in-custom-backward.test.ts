/**
 * A Python exception raised in a custom Function's backward once aborted node itself ("Fatal error ...
 * unreachable code" in V8's Deoptimizer::DoComputeBuiltinContinuation) when it unwound through the
 * WebAssembly boundary into the backward engine's optimized frames, after a gradcheck had made them hot
 * (corpus extending_linear_function, then a backward that raised). The Python layer now holds the
 * exception and tells the engine with a JavaScript error; this runs that sequence several times in one
 * process and checks the user still gets their own exception and traceback.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { startTestSession, type TestSession } from './python-session.ts';

const HOT_ENGINE = readFileSync(new URL('../../corpus/pytorch-docs/extending_linear_function.py', import.meta.url), 'utf8');

const RAISES_IN_BACKWARD = `import torch
from torch.autograd import Function

class Broken(Function):
    @staticmethod
    def forward(ctx, x):
        return x * 2

    @staticmethod
    def backward(ctx, g):
        return g.no_such_method_()

x = torch.randn(3, requires_grad=True)
try:
    Broken.apply(x).sum().backward()
except AttributeError as e:
    print("caught:", e)
Broken.apply(x).sum().backward()
`;

describe('a Python exception raised in a custom backward', () => {
  let py: TestSession;
  beforeAll(async () => {
    py = await startTestSession();
  }, 120_000);

  it('reaches the user, with their traceback, however hot the backward engine is', () => {
    for (let round = 0; round < 3; round++) {
      expect(py.run(HOT_ENGINE, 'extending_linear_function.py').ok).toBe(true);
      const run = py.run(RAISES_IN_BACKWARD, 'broken.py');
      expect(run.stdout).toBe("caught: 'Tensor' object has no attribute 'no_such_method_'\n");
      expect(run.ok).toBe(false);
      const traceback = run.error!.traceback;
      expect(traceback.trimEnd().split('\n').at(-1)).toBe("AttributeError: 'Tensor' object has no attribute 'no_such_method_'");
      expect(traceback).toContain('line 11, in backward');
      expect(traceback).not.toContain('During handling');
      expect(traceback).not.toContain('PythonBackwardError');
    }
  }, 600_000);
});
