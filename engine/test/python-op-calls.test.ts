/**
 * The Python layer's quick paths (operators as one engine call, positional arguments bound without
 * the general bookkeeping, the tensor-to-Python-object map) give what the general paths give.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { startTestSession, type TestSession } from './python-session.ts';

let python: TestSession;

beforeAll(async () => {
  python = await startTestSession();
}, 120_000);

function printed(code: string): string {
  const result = python.run(code);
  if (!result.ok) throw new Error(result.error?.traceback);
  return result.stdout;
}

describe('Python op calls', () => {
  it('keeps one Python object per tensor across thousands of short-lived results', () => {
    const out = printed(`
import torch
w = torch.nn.Parameter(torch.ones(2))
x = torch.ones(2, requires_grad=True)
(x * 2).sum().backward()
g = x.grad
for _ in range(5000):
    x * 3
print(x.grad is g, type(w.detach()).__name__, type(torch.nn.Linear(2, 1).weight).__name__)
m = torch.nn.Linear(2, 1)
for _ in range(3000):
    m.weight * 2
print(type(m.weight).__name__, m.weight is m.weight, list(m.parameters())[0] is m.weight)
`);
    expect(out).toBe('True Tensor Parameter\nParameter True True\n');
  });

  it('gives every engine tensor back when its Python object dies, and keeps those still in use', () => {
    const out = printed(`
import gc, torch, _gradscope_engine as E
from torch._tensor import _flush_releases
def held():
    gc.collect()
    _flush_releases()
    return E.heldTensorCount()
before = held()
x = torch.ones(3, requires_grad=True)
kept = []
for i in range(600):
    y = x * 2 + 1.0
    z = torch.mul(y, y).sum()
    z.backward()
    g = x.grad
    d = y.detach()
    same = d.add_(1)
    p = torch.nn.Parameter(d[0:2])
    if i % 6 == 0:
        kept.append(y.tanh())
print(same is d, len(kept), held() - before > 100, sum(float(t.sum()) for t in kept) > 0)
del kept
print(held() - before <= 10)
del x, y, z, g, d, same, p
print(held() - before)
`);
    expect(out).toBe('True 100 True True\nTrue\n0\n');
  });

  it('binds positional and keyword arguments to the same results', () => {
    const out = printed(`
import torch
x = torch.tensor([[1., -2.], [3., 4.]])
y = torch.tensor([[0.5, 0.5], [2., 2.]])
print(torch.add(x, y, alpha=2).tolist() == torch.add(input=x, other=y, alpha=2).tolist())
print(x.sum(0).tolist() == x.sum(dim=0).tolist() == x.sum(axis=0).tolist())
print(torch.clamp(x, None, 1).tolist(), torch.clamp(x, max=1).tolist())
print(x.flip(0, 1).tolist() == x.flip((0, 1)).tolist())
`);
    expect(out).toBe('True\nTrue\n[[1.0, -2.0], [1.0, 1.0]] [[1.0, -2.0], [1.0, 1.0]]\nTrue\n');
  });

  it("words argument errors of the quick path in PyTorch's words", () => {
    const out = printed(`
import torch
x = torch.ones(2)
for call in (lambda: torch.add(x, "a"), lambda: torch.mul(x, [1])):
    try:
        call()
    except TypeError as e:
        print(e)
print(x == "a", x != None)
`);
    expect(out).toBe(
      "add(): argument 'other' (position 2) must be Tensor, not str\n" + "mul(): argument 'other' (position 2) must be Tensor, not list\n" + 'False True\n',
    );
  });

  it('promotes Python numbers in operators as PyTorch does (int, float, bool, int subclasses)', () => {
    const out = printed(`
import enum, torch
class Two(enum.IntEnum):
    TWO = 2
i = torch.tensor([1, 2])
print((i + 1).dtype, (i + 1.5).dtype, (i * True).dtype, (i * Two.TWO).tolist(), (1.5 - i).tolist(), (2 ** i).tolist())
`);
    expect(out).toBe('torch.int64 torch.float32 torch.int64 [2, 4] [0.5, -0.5] [2, 4]\n');
  });
});
