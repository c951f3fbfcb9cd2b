# torch.isclose / allclose / equal: values, dtype rules and PyTorch's error texts.
import torch


def attempt(label, fn):
    try:
        print(label, fn())
    except Exception as e:
        print(label, type(e).__name__ + ":", e)


a = torch.tensor([1.0, 2.0, float("nan"), float("inf"), -float("inf"), 1e-9])
b = torch.tensor([1.0 + 1e-6, 2.1, float("nan"), float("inf"), float("inf"), 0.0])
print(torch.isclose(a, b))
print(torch.isclose(a, b, equal_nan=True))
print(a.isclose(b, rtol=0.1, atol=0.0))
print(torch.isclose(a, b, rtol=0, atol=0))
print(torch.allclose(a[:2], b[:2]), torch.allclose(a[:2], b[:2], rtol=0.1), a.allclose(a), torch.allclose(a, a, equal_nan=True))
x = torch.tensor([[1, 2], [3, 4]])
print(torch.isclose(x, torch.tensor([1, 3])))
print(torch.isclose(x, torch.tensor([1, 3]), atol=1))
print(torch.isclose(torch.tensor([True, False]), torch.tensor([True, True])))
d = torch.tensor([0.1 + 0.2], dtype=torch.float64)
print(torch.isclose(d, torch.tensor([0.3], dtype=torch.float64)), (d == 0.3).item())
w = torch.randn(3, requires_grad=True) if False else torch.ones(3, requires_grad=True)
print(torch.isclose(w * 2, torch.full((3,), 2.0)), torch.allclose(w, torch.ones(3)))
attempt("dtype:", lambda: torch.isclose(torch.tensor([1.0]), torch.tensor([1.0], dtype=torch.float64)))
attempt("int vs float:", lambda: torch.allclose(torch.tensor([1]), torch.tensor([1.0])))
attempt("rtol:", lambda: torch.isclose(a, b, rtol=-1))
attempt("atol:", lambda: torch.isclose(a, b, atol=-0.5))
attempt("shape:", lambda: torch.isclose(torch.ones(3), torch.ones(2)))
attempt("not tensor:", lambda: torch.allclose([1.0], torch.ones(1)))
print(torch.equal(x, x.clone()), torch.equal(x, x.float()), x.equal(torch.tensor([[1, 2], [3, 5]])), torch.equal(x, x[:1]))
attempt("equal arg:", lambda: x.equal([1, 2]))
