/**
 * The total budget of live tensor memory, through Python as a learner meets it: a list that keeps
 * growing ends with PyTorch's out-of-memory error at the user's line, memory comes back with
 * `del`, and temporaries (which Python frees at once) never count against a loop.
 * The budget is made small here (64 MiB) so that the test allocates little.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSession, type TestSession } from './python-session.ts';
import { defaultMemoryBudget, liveTensorBytes, memoryBudget, setMemoryBudget } from '../memory-budget.ts';

const MiB = 2 ** 20;
let py: TestSession;

beforeAll(async () => {
  py = await startTestSession();
  py.session.run('import torch', 'setup.py');
  setMemoryBudget(64 * MiB);
}, 120_000);

afterAll(() => setMemoryBudget(defaultMemoryBudget()));

/** Runs cells one after another in the same namespace, as the notebook does. */
function cell(code: string) {
  return py.session.run(code, 'cell.py');
}

describe('total memory budget', () => {
  it('is a quarter of the device memory where known, within 1 to 4 GiB', () => {
    expect(defaultMemoryBudget()).toBeGreaterThanOrEqual(2 ** 30);
    expect(defaultMemoryBudget()).toBeLessThanOrEqual(4 * 2 ** 30);
    expect(memoryBudget()).toBe(64 * MiB);
  });

  it("ends an ever-growing list with PyTorch's out-of-memory RuntimeError at the user's line", () => {
    const outcome = cell('xs = []\nwhile True:\n    xs.append(torch.zeros(10**6))\n');
    expect(outcome.ok).toBe(false);
    expect(outcome.error).toMatchObject({ ename: 'RuntimeError', line: 3 });
    expect(outcome.error!.evalue).toBe(
      "[enforce fail at alloc_cpu.cpp:75] err == 0. DefaultCPUAllocator: can't allocate memory: you tried to allocate 4000000 bytes. Error code 12 (Cannot allocate memory)",
    );
    // What the list holds stays usable, and it is about the budget's worth (4 MB each).
    expect(cell('n = len(xs)\nassert 10 <= n <= 16, n\nassert float(xs[-1].sum()) == 0.0').ok).toBe(true);
    expect(liveTensorBytes()).toBeGreaterThan(40 * MiB);
  });

  it('gives the memory back after `del`, in the next cell', () => {
    expect(cell('del xs').ok).toBe(true);
    const outcome = cell('big = [torch.ones(10**6) for _ in range(10)]\nprint(sum(float(t.sum()) for t in big))');
    expect(outcome.error).toBeUndefined();
    expect(liveTensorBytes()).toBeLessThan(48 * MiB);
    expect(cell('del big').ok).toBe(true);
  });

  it('does not count temporaries: a loop allocating many times the budget runs to the end', () => {
    // 40 iterations x (4 MB + 4 MB) = 320 MB allocated in all, 5 times the budget; little is live at once.
    const outcome = cell('x = torch.zeros(10**6)\nfor i in range(40):\n    y = (x + i) * 2\nprint(float(y[0]))');
    expect(outcome.error).toBeUndefined();
  });

  it('counts what Python holds through .grad too', () => {
    const outcome = cell(
      'w = torch.zeros(2 * 10**6, requires_grad=True)\n(w * 2).sum().backward()\nkeep = []\nwhile True:\n    keep.append(torch.zeros(10**6))',
    );
    expect(outcome.error?.ename).toBe('RuntimeError');
    // w and w.grad (8 MB each) leave room for fewer 4 MB tensors than the first test's list had.
    expect(cell('assert len(keep) <= 12, len(keep)\ndel keep, w').ok).toBe(true);
  });

  it('counts what an autograd graph keeps: `total = total + loss` in a loop ends with the error, and `del total` frees it', () => {
    const before = liveTensorBytes();
    // Each iteration's exp result (4 MB) is saved by ExpBackward, and `total` keeps every iteration's graph.
    const outcome = cell('w = torch.zeros(10**6, requires_grad=True)\ntotal = 0\nwhile True:\n    total = total + torch.exp(w).sum()');
    expect(outcome.error).toMatchObject({ ename: 'RuntimeError', line: 4 });
    expect(outcome.error!.evalue).toContain("DefaultCPUAllocator: can't allocate memory");
    expect(liveTensorBytes()).toBeGreaterThan(40 * MiB);
    expect(cell('del total').ok).toBe(true);
    // What is left is w itself (4 MB) and its AccumulateGrad.
    expect(liveTensorBytes() - before).toBeLessThan(5 * MiB);
    expect(cell('total = torch.exp(w).sum() + torch.exp(w).sum()\ntotal.backward()\nprint(float(w.grad[0]))\ndel total, w').error).toBeUndefined();
  });
});
