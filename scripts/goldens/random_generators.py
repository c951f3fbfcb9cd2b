"""Goldens for torch.Generator, generator= on every sampler, torch.multinomial and torch.utils.data.

Run with Debian's system Python, which has PyTorch:
    /usr/bin/python3 scripts/goldens/random_generators.py
Writes engine/test/goldens/random-generators.json: each case is a short program and what PyTorch
printed for it; engine/test/random-generators.test.ts runs the same code on Gradscope and wants the
same text. Values are printed with `.tolist()` (Python's repr of each float32/float64), so equal text
means equal bits.

The oracle is PyTorch 1.13 patched to 2.x's sampling (torch2_random.py: exponential_ with log1p,
multinomial(p, 1, replacement=True) by the exponential route, nn.init's generator=); the patch is
checked against 1.13 itself before any case runs.
"""
import base64
import contextlib
import io
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import torch  # noqa: E402
import torch2_random  # noqa: E402

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "engine", "test", "goldens",
                   "random-generators.json")


def state_after_draws():
    """A generator state saved by real PyTorch, for the test that restores it in Gradscope."""
    g = torch.Generator().manual_seed(31337)
    torch.rand(700, generator=g)
    torch.randn(40, dtype=torch.float64, generator=g)
    return base64.b64encode(g.get_state().numpy().tobytes()).decode()


PYTORCH_STATE = state_after_draws()

CASES = {
    "a Generator of its own: seed, initial_seed and the default seed": """
import torch
g = torch.Generator()
print(g.initial_seed())
print(g.manual_seed(2147483647) is g, g.initial_seed())
print(torch.Generator().manual_seed(-1).initial_seed())
print(torch.manual_seed(5) is torch.default_generator, torch.initial_seed())
print(type(torch.Generator().seed()).__name__)
""",
    "makemore: randn((27, 10)), randint(0, n, (32,)) and randn with a Generator": """
import torch
g = torch.Generator().manual_seed(2147483647)
C = torch.randn((27, 10), generator=g)
W1 = torch.randn((30, 200), generator=g) * (5/3) / (30**0.5)
b1 = torch.randn(200, generator=g) * 0.01
print(C[:2].tolist())
print(W1[0, :8].tolist(), b1[:4].tolist())
print(C.sum().item(), W1.sum().item(), b1.sum().item())
for _ in range(3):
    print(torch.randint(0, 228146, (32,), generator=g).tolist())
""",
    "makemore: sampling names from a bigram table with multinomial(num_samples=1, replacement=True)": """
import torch
g = torch.Generator().manual_seed(2147483647)
N = torch.randint(0, 50, (27, 27), generator=g) + 1
N[:, 0] += 20
P = N.float()
P /= P.sum(1, keepdim=True)
g = torch.Generator().manual_seed(2147483647)
for i in range(8):
    out = []
    ix = 0
    while True:
        p = P[ix]
        ix = torch.multinomial(p, num_samples=1, replacement=True, generator=g).item()
        out.append('.abcdefghijklmnopqrstuvwxyz'[ix])
        if ix == 0:
            break
    print(''.join(out))
p = torch.rand(3, generator=g)
p = p / p.sum()
print(p.tolist())
print(torch.multinomial(p, num_samples=20, replacement=True, generator=g).tolist())
""",
    "makemore MLP sampling: softmax probabilities, one sample each step": """
import torch
import torch.nn.functional as F
g = torch.Generator().manual_seed(2147483647 + 10)
C = torch.randn((27, 10), generator=g)
W1 = torch.randn((30, 200), generator=g)
b1 = torch.randn(200, generator=g)
W2 = torch.randn((200, 27), generator=g)
b2 = torch.randn(27, generator=g)
for _ in range(5):
    out = []
    context = [0] * 3
    while True:
        emb = C[torch.tensor([context])]
        h = torch.tanh(emb.view(1, -1) @ W1 + b1)
        logits = h @ W2 + b2
        probs = F.softmax(logits, dim=1)
        ix = torch.multinomial(probs, num_samples=1, generator=g).item()
        context = context[1:] + [ix]
        out.append(ix)
        if ix == 0 or len(out) > 15:
            break
    print(out)
""",
    "multinomial: 1-D and 2-D, with and without replacement, float32 and float64": """
import torch
g = torch.Generator().manual_seed(7)
p = torch.tensor([0.1, 0.0, 0.3, 0.6, 0.25])
print(torch.multinomial(p, 4, generator=g).tolist())
print(torch.multinomial(p, 1, generator=g).tolist())
print(torch.multinomial(p, 12, replacement=True, generator=g).tolist())
print(p.multinomial(2, True, generator=g).tolist())
q = torch.rand(4, 6, generator=g)
print(torch.multinomial(q, 1, generator=g).tolist())
print(torch.multinomial(q, 3, generator=g).tolist())
print(torch.multinomial(q, 5, replacement=True, generator=g).tolist())
print(torch.multinomial(q, 1, True, generator=g).tolist())
d = torch.rand(3, 9, dtype=torch.float64, generator=g)
print(torch.multinomial(d, 4, generator=g).tolist(), torch.multinomial(d, 7, True, generator=g).tolist())
print(torch.multinomial(torch.tensor([1e-30, 1.0, 1e-30]), 3, True, generator=g).tolist())
w = torch.tensor([3.0, 1.0, 2.0])
print(torch.multinomial(w, 2, generator=g).tolist(), torch.multinomial(w, 6, True, generator=g).tolist())
torch.manual_seed(3)
print(torch.multinomial(w, 2).tolist(), torch.multinomial(w, 4, True).tolist(), torch.rand(2).tolist())
""",
    "multinomial: PyTorch's errors": """
import torch
cases = [
    (torch.tensor([1, 2]), 1, False),
    (torch.tensor([0.1, 0.2]), 3, False),
    (torch.tensor([0.1, -0.2]), 2, True),
    (torch.tensor([0.1, float('nan')]), 2, True),
    (torch.tensor([0.1, float('inf')]), 2, True),
    (torch.tensor([0.1, -0.2]), 1, False),
    (torch.tensor([0.1, -0.2]), 1, True),
    (torch.tensor([0.0, 0.0]), 1, False),
    (torch.tensor([0.0, 0.0]), 2, True),
    (torch.tensor([[0.0, 1.0], [0.0, 0.0]]), 1, False),
    (torch.tensor([0.0, 1.0]), 0, False),
    (torch.tensor(1.0), 1, False),
    (torch.ones(2, 2, 2), 1, False),
]
for p, n, replacement in cases:
    try:
        torch.multinomial(p, n, replacement)
        print('no error')
    except Exception as e:
        print(type(e).__name__ + ':', e)
""",
    "generator= on rand, randn, randint, randperm and normal": """
import torch
g = torch.Generator().manual_seed(11)
print(torch.rand(5, generator=g).tolist())
print(torch.rand(2, 3, dtype=torch.float64, generator=g).tolist())
print(torch.randn(5, generator=g).tolist())
print(torch.randn(17, generator=g).tolist())
print(torch.randn(3, dtype=torch.float64, generator=g).tolist())
print(torch.randint(10, (6,), generator=g).tolist(), torch.randint(-5, 5, (2, 3), generator=g).tolist())
print(torch.randint(0, 2**40, (3,), generator=g).tolist())
print(torch.randperm(10, generator=g).tolist())
print(torch.normal(2.0, 3.0, size=(4,), generator=g).tolist())
print(torch.normal(torch.arange(20.0), 0.5, generator=g).tolist())
""",
    "generator= on the in-place samplers": """
import torch
g = torch.Generator().manual_seed(12)
x = torch.empty(6)
print(x.uniform_(-2, 3, generator=g).tolist())
print(x.normal_(1.0, 0.5, generator=g).tolist())
print(x.bernoulli_(0.3, generator=g).tolist())
print(x.exponential_(generator=g).tolist())
print(x.exponential_(2.5, generator=g).tolist())
print(torch.empty(20, dtype=torch.float64).exponential_(generator=g).tolist())
print(x.geometric_(0.3, generator=g).tolist())
print(torch.empty(5, dtype=torch.int64).geometric_(0.5, generator=g).tolist())
print(x.random_(0, 10, generator=g).tolist(), x.random_(7, generator=g).tolist())
print(torch.empty(4, dtype=torch.int64).random_(-3, 3, generator=g).tolist())
print(x.random_(generator=g).tolist())
print(torch.empty(3, dtype=torch.int32).random_(generator=g).tolist())
print(torch.empty(3, dtype=torch.float64).random_(generator=g).tolist())
print(torch.empty(3, dtype=torch.bool).random_(generator=g).tolist())
print(torch.empty(3, dtype=torch.int64).random_(generator=g).tolist()[0] >= 0)
print(torch.rand(2, generator=g).tolist())
for bad in [lambda: x.exponential_(-1.0), lambda: x.exponential_(0.0), lambda: x.geometric_(1.0),
            lambda: torch.empty(2, dtype=torch.int64).exponential_(), lambda: x.random_(5, 5)]:
    try:
        bad()
    except Exception as e:
        print(type(e).__name__ + ':', e)
""",
    "bernoulli with a tensor of probabilities, and the *_like samplers": """
import torch
g = torch.Generator().manual_seed(14)
print(torch.bernoulli(torch.tensor([0.5, 0.2, 0.9, 0.0, 1.0]), generator=g).tolist())
print(torch.full((2, 3), 0.4, dtype=torch.float64).bernoulli(generator=g).tolist())
print(torch.bernoulli(torch.full((20,), 0.5), 0.9, generator=g).tolist())
try:
    torch.bernoulli(torch.tensor([0.5, 1.5]))
except RuntimeError as e:
    print(e)
torch.manual_seed(15)
x = torch.zeros(2, 3, dtype=torch.float64)
print(torch.rand_like(x).tolist(), torch.randn_like(x).tolist(), torch.randint_like(x, 10).tolist(),
      torch.randint_like(x, 3, 9).tolist())
""",
    "in-place samplers fill a view in memory order, as TensorIterator walks it": """
import torch
g = torch.Generator().manual_seed(16)
w = torch.zeros(3, 4)
w.t().uniform_(generator=g)
print(w.tolist())
w.t().exponential_(generator=g)
print(w.tolist())
v = torch.zeros(2, 3, 4, dtype=torch.float64)
v.permute(2, 0, 1).uniform_(generator=g)
print(v.tolist())
w = torch.zeros(4, 4)
w.t().random_(0, 100, generator=g)
w.t()[1:3].bernoulli_(0.5, generator=g)
print(w.tolist())
w = torch.zeros(5, 6)
w.t().normal_(generator=g)
w[:, 1:5].normal_(generator=g)
print([[round(v, 4) for v in row] for row in w.tolist()])
print(torch.rand(2, generator=g).tolist())
""",
    "torch.nn.init takes generator=": """
import torch
from torch import nn
g = torch.Generator().manual_seed(13)
w = torch.empty(3, 5)
print(nn.init.uniform_(w, -1, 1, generator=g).tolist())
print(nn.init.normal_(w, 0, 2, generator=g).tolist())
print(nn.init.xavier_uniform_(w, generator=g).tolist())
print(nn.init.xavier_normal_(w, gain=2.0, generator=g).tolist())
print(nn.init.kaiming_uniform_(w, a=5 ** 0.5, generator=g).tolist())
print(nn.init.kaiming_normal_(w, mode='fan_out', nonlinearity='relu', generator=g).tolist())
torch.manual_seed(0)
print(nn.Linear(2, 2).weight.tolist())
""",
    "generators are independent of each other and of the global one": """
import torch
torch.manual_seed(0)
a = torch.Generator().manual_seed(1)
b = torch.Generator().manual_seed(1)
s = torch.get_rng_state()
x1 = torch.randn(20, generator=a)
print(torch.equal(s, torch.get_rng_state()))
g1 = torch.rand(3)
x2 = torch.randn(5, generator=a)
g2 = torch.rand(3)
y1 = torch.randn(20, generator=b)
y2 = torch.randn(5, generator=b)
print(torch.equal(x1, y1), torch.equal(x2, y2), x2.tolist())
torch.manual_seed(0)
print(torch.equal(torch.cat([g1, g2]), torch.rand(6)))
torch.manual_seed(1)
print(torch.rand(4).tolist() == torch.rand(4, generator=torch.Generator().manual_seed(1)).tolist())
""",
    "get_state and set_state round-trip, and a state saved by PyTorch restores": f"""
import base64
import torch
g = torch.Generator().manual_seed(99)
torch.rand(30, generator=g)
state = g.get_state()
print(state.shape, state[:16].tolist(), state[5008:5056].tolist())
a = torch.randn(100, generator=g).tolist()
g.set_state(state)
print(a == torch.randn(100, generator=g).tolist())
h = torch.Generator()
h.set_state(g.get_state())
print(torch.rand(3, generator=g).tolist() == torch.rand(3, generator=h).tolist())
raw = base64.b64decode('{PYTORCH_STATE}')
k = torch.Generator().set_state(torch.tensor(list(raw), dtype=getattr(torch, 'uint8', torch.int64)))
print(k.initial_seed(), k.get_state().tolist() == list(raw))
print(torch.rand(4, generator=k).tolist(), torch.randn(16, generator=k).tolist()[:3])
torch.manual_seed(4)
saved = torch.get_rng_state()
first = torch.rand(5).tolist()
torch.set_rng_state(saved)
print(first == torch.rand(5).tolist())
with torch.random.fork_rng():
    torch.rand(100)
print(torch.rand(2).tolist())
for bad in [lambda: g.set_state(torch.zeros(10, dtype=getattr(torch, 'uint8', torch.int64))),
            lambda: g.set_state(torch.zeros(5056)), lambda: g.manual_seed(1.5), lambda: g.manual_seed(2**64)]:
    try:
        bad()
    except Exception as e:
        print(type(e).__name__ + ':', e)
""",
    "DataLoader shuffles in PyTorch's order and moves the global stream as PyTorch does": """
import torch
from torch.utils.data import DataLoader, TensorDataset
X = torch.arange(20.0).view(10, 2)
Y = torch.arange(10)
ds = TensorDataset(X, Y)
print(len(ds), ds[3])
torch.manual_seed(0)
loader = DataLoader(ds, batch_size=4, shuffle=True)
print(len(loader))
for epoch in range(2):
    for xb, yb in loader:
        print(epoch, yb.tolist(), xb[:, 0].tolist())
print(torch.rand(2).tolist())
g = torch.Generator().manual_seed(42)
for xb, yb in DataLoader(ds, batch_size=3, shuffle=True, generator=g, drop_last=True):
    print(yb.tolist(), type(xb).__name__, xb.dtype, xb.shape)
print(len(DataLoader(ds, batch_size=3, drop_last=True)), torch.rand(1).tolist())
batch = next(iter(DataLoader(ds, batch_size=5)))
print(type(batch).__name__, batch[1].tolist(), torch.rand(1).tolist())
""",
    "default_collate: numbers, tuples, dicts and lists": """
import torch
from torch.utils.data import DataLoader, Dataset

class Pairs(Dataset):
    def __len__(self):
        return 5
    def __getitem__(self, i):
        return {'x': float(i) / 2, 'n': i, 'v': [i, i * 10], 'name': 'item' + str(i), 't': torch.tensor([i, -i])}

torch.manual_seed(1)
for batch in DataLoader(Pairs(), batch_size=2, shuffle=True):
    print(sorted(batch.keys()), batch['x'], batch['n'], batch['v'], batch['name'], batch['t'])
for batch in DataLoader([(1, 2.5), (3, 4.5), (5, 6.5)], batch_size=2):
    print(batch)
for sample in DataLoader([(1, 2.5), (3, 4.5)], batch_size=None):
    print(sample)

from torch.utils.data import IterableDataset

class Count(IterableDataset):
    def __iter__(self):
        return iter(range(7))

print([b.tolist() for b in DataLoader(Count(), batch_size=3)], [b.tolist() for b in DataLoader(Count(), batch_size=3, drop_last=True)])
print(torch.rand(1).tolist())
""",
    "random_split with lengths and with fractions; Subset; samplers": """
import torch
from torch.utils.data import (BatchSampler, RandomSampler, SequentialSampler, Subset, TensorDataset,
                              random_split)
ds = TensorDataset(torch.arange(10))
a, b = random_split(ds, [7, 3], generator=torch.Generator().manual_seed(42))
print(type(a).__name__, a.indices, b.indices, len(a), b[0])
torch.manual_seed(0)
parts = random_split(range(10), [0.5, 0.3, 0.2])
print([p.indices for p in parts])
parts = random_split(range(11), [0.34, 0.33, 0.33], generator=torch.Generator().manual_seed(1))
print([list(p) for p in parts])
print(list(Subset(range(100, 110), [9, 0, 4])))
print(list(SequentialSampler(range(5))))
print(list(BatchSampler(SequentialSampler(range(10)), batch_size=3, drop_last=False)))
print(list(BatchSampler(range(10), batch_size=3, drop_last=True)))
g = torch.Generator().manual_seed(5)
print(list(RandomSampler(range(7), generator=g)))
print(list(RandomSampler(range(7), replacement=True, num_samples=40, generator=g)))
print(list(RandomSampler(range(5), num_samples=12, generator=g)))
torch.manual_seed(2)
print(list(RandomSampler(range(6))), torch.rand(1).tolist())
from torch.utils.data import WeightedRandomSampler, SubsetRandomSampler, get_worker_info
weights = [0.1, 0.9, 0.4, 0.7, 3.0, 0.6]
print(list(WeightedRandomSampler(weights, 8, generator=g)), list(WeightedRandomSampler(weights, 1, generator=g)))
print(list(WeightedRandomSampler(torch.tensor(weights), 4, replacement=False, generator=g)))
print(list(SubsetRandomSampler([10, 20, 30, 40], generator=g)), get_worker_info())
for bad in [lambda: random_split(range(10), [5, 4]), lambda: BatchSampler(range(3), 0, False),
            lambda: RandomSampler(range(3), replacement=1), lambda: RandomSampler(range(3), num_samples=0),
            lambda: WeightedRandomSampler([[1.0, 2.0]], 2), lambda: WeightedRandomSampler([1.0, 2.0], 0)]:
    try:
        bad()
    except Exception as e:
        print(type(e).__name__ + ':', e)
""",
}


def run(code):
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(code, "<case>", "exec"), {"__name__": "__main__"})
    return out.getvalue()


def main():
    torch2_random.install()
    cases = [{"name": name, "code": code.lstrip("\n"), "stdout": run(code)} for name, code in CASES.items()]
    golden = {"torch_version": torch.__version__, "patched_to": "PyTorch 2.x sampling (torch2_random.py)", "cases": cases}
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w") as f:
        json.dump(golden, f, indent=1)
        f.write("\n")
    print(f"wrote {OUT}: {len(cases)} cases")


if __name__ == "__main__":
    main()
