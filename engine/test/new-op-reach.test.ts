/**
 * Issue #13's acceptance for "the op table is the only op list": `hypot` was added as one table
 * entry (engine/ops/hypot.ts, with its gradcheck case) plus its goldens (scripts/goldens/ops.py),
 * and reaches every door without another edit: Python's torch.hypot / Tensor.hypot / hypot_, the
 * TypeScript Tensor method, docs/api.md, the trace the inspector reads, and the gradcheck suite.
 */
import { readFileSync } from 'node:fs';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { API_DOCS_PATH } from '../../scripts/gen-api-docs.ts';
import { fromArray, getOp, setRecorder } from '../index.ts';
import { only, record } from '../trace/test/record.ts';
import { startTestSession, type TestSession } from './python-session.ts';

afterEach(() => setRecorder(null));

describe('hypot, added as one op-table entry', () => {
  let py: TestSession;
  beforeAll(async () => {
    py = await startTestSession();
  }, 120_000);

  it('is torch.hypot, Tensor.hypot and Tensor.hypot_ in Python, printing as PyTorch does', () => {
    const run = py.run(
      [
        'import torch',
        'a = torch.tensor([3.0, 5.0], requires_grad=True)',
        'b = torch.tensor([4.0, 12.0])',
        'print(torch.hypot(a, b))',
        'print(a.hypot(b))',
        'c = torch.tensor([6.0, 8.0])',
        'c.hypot_(torch.tensor([8.0, 6.0]))',
        'print(c)',
        'torch.hypot(a, b).sum().backward()',
        'print(a.grad)',
      ].join('\n'),
    );
    expect(run.stderr).toBe('');
    // PyTorch 2.x prints exactly this.
    expect(run.stdout).toBe(
      [
        'tensor([ 5., 13.], grad_fn=<HypotBackward0>)',
        'tensor([ 5., 13.], grad_fn=<HypotBackward0>)',
        'tensor([10., 10.])',
        'tensor([0.6000, 0.3846])',
        '',
      ].join('\n'),
    );
  });

  it('is a typed Tensor method in TypeScript', () => {
    const a = fromArray([3, 5], [2], 'float64');
    expect(a.hypot(fromArray([4, 12], [2], 'float64')).toArray()).toEqual([5, 13]);
    expect(a.hypot_(4).toArray()).toEqual([5, Math.hypot(5, 4)]);
  });

  it('is listed in docs/api.md with its in-place variant', () => {
    const docs = readFileSync(API_DOCS_PATH, 'utf8');
    expect(docs).toContain('| `hypot` |');
    expect(docs).toContain('| `hypot_` |');
  });

  it("carries the op table's formula into the trace, where the inspector reads it", () => {
    const events = record(() => {
      const a = fromArray([3, 5], [2], 'float32', true);
      a.hypot(fromArray([4, 12], [2], 'float32', true))
        .sum()
        .backward();
    });
    const step = only(events, 'backward-step').find((s) => s.op === 'hypot')!;
    expect(step.formula).toBe('∂hypot(a, b)/∂a = a/hypot(a, b), ∂hypot(a, b)/∂b = b/hypot(a, b)');
    expect(step.edges.map((edge) => edge.formula)).toEqual(['∂hypot(a, b)/∂a = a/hypot(a, b)', '∂hypot(a, b)/∂b = b/hypot(a, b)']);
  });

  it('brings its gradcheck case, which the gradcheck suite runs', () => {
    expect(getOp('hypot')?.gradcheck?.length).toBeGreaterThan(0);
    expect(getOp('hypot_')?.inplaceOf).toBe(getOp('hypot'));
  });
});
