import { afterEach, describe, expect, it } from 'vitest';
import { noGrad, recordName, setRecorder, tensor } from '../../index.ts';
import { only, record } from './record.ts';

afterEach(() => setRecorder(null));

describe('pass summaries of a training loop', () => {
  it('record each parameter’s value norm as it was in that pass, beside its gradient norm', () => {
    const events = record(() => {
      const w = tensor([3, 4], null, true);
      recordName(w, 'w');
      for (let i = 0; i < 2; i++) {
        w.mul(w).sum().backward();
        noGrad(() => {
          w.sub_(w.grad!.mul(0.25));
          w.grad = null;
        });
      }
    });
    const norms = only(events, 'pass-summary').map((summary) => summary.gradNorms[0]);
    // Pass 1: w = [3, 4], grad 2w = [6, 8]. The step makes w = [1.5, 2], grad [3, 4].
    expect(norms.map((n) => n?.valueNorm)).toEqual([5, 2.5]);
    expect(norms.map((n) => n?.norm)).toEqual([10, 5]);
  });
});
