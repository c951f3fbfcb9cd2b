# Sizes a learner gets wrong: each fails with PyTorch's own error, and nothing after it is lost.
import torch

x = torch.ones(2, 3)
attempts = {
    "split(-1)": lambda: x.split(-1),
    "split(0)": lambda: x.split(0),
    "split([1, -1, 2])": lambda: x.split([1, -1, 2]),
    "chunk(0)": lambda: x.chunk(0),
    "chunk(-2)": lambda: x.chunk(-2),
    "empty(-2, 3)": lambda: torch.empty(-2, 3),
    "full((2, -3), 1.)": lambda: torch.full((2, -3), 1.0),
    "rand(3, -1)": lambda: torch.rand(3, -1),
    "randn(-1)": lambda: torch.randn(-1),
    "randperm(-1)": lambda: torch.randperm(-1),
    "randint(0, 3, (-1,))": lambda: torch.randint(0, 3, (-1,)),
    "eye(-1)": lambda: torch.eye(-1),
    "ones(2**40, bool)": lambda: torch.ones(2**40, dtype=torch.bool),
    "arange(10**12)": lambda: torch.arange(10**12),
    "repeat(10**6, 10**6)": lambda: torch.ones(1).repeat(10**6, 10**6),
    # Found by the fuzz suite: the samples' storage came from a plain typed array, not the allocator.
    "multinomial(10**10)": lambda: torch.multinomial(torch.rand(2, 3), 10**10, True),
}
for name, attempt in attempts.items():
    try:
        attempt()
        print(name, "ok")
    except RuntimeError as error:
        print(name, "->", error)

# Found by the fuzz suite: a *_like function given None said AttributeError; PyTorch raises TypeError.
for like in (torch.zeros_like, torch.ones_like, torch.empty_like, torch.rand_like, torch.randn_like):
    try:
        like(None)
    except TypeError as error:
        print(error)

print(torch.zeros(0, 3).split(0))
print(x.split(2, dim=1))
print(torch.ones(2, 3).sum())
