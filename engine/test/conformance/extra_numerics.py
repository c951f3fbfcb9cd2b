# Last-digit agreement: float32 sums round as PyTorch's cascade sum, linspace as its vectorized
# kernel; printed with every digit (item(), tolist()) so any rounding difference shows.

# %% float32_sums_every_digit
import torch
torch.manual_seed(3)
for shape in [(7,), (9,), (100,), (333,), (5000,), (4, 9), (37, 3), (3, 37), (129, 33)]:
    x = torch.randn(*shape) * 3 + 0.7
    print(shape, x.sum().item(), x.mean().item(), x.sum(0).flatten()[:3].tolist(), x.sum(-1).flatten()[:3].tolist())
y = torch.randn(2, 3, 50)
print(y.sum((0, 2)).tolist(), y.t().sum().item() if y.dim() == 2 else y.permute(2, 0, 1).sum().item())

# %% float64_sums_every_digit
import torch
torch.manual_seed(5)
x = torch.randn(300, dtype=torch.float64)
print(x.sum().item(), x.view(30, 10).sum(0).tolist()[:4], x.view(10, 30).sum(1).tolist()[:4])

# %% linspace_every_digit
import torch
print(torch.linspace(-3.14, 3.14, 200).tolist()[60:110])
print(torch.linspace(0.1, 7.3, 33).tolist())
print(torch.linspace(-2.5, 9.1, 1000, dtype=torch.float64).tolist()[490:505])
print(torch.linspace(-3, 8, 40, dtype=torch.int64).tolist())

# %% polynomial_fit_loss_every_digit
import torch
torch.manual_seed(0)
x = torch.linspace(-3.14, 3.14, 200)
y = torch.sin(x)
a, b, c, d = (torch.randn((), requires_grad=True) for _ in range(4))
for t in range(100):
    loss = (a + b * x + c * x ** 2 + d * x ** 3 - y).pow(2).sum()
    if t % 25 == 24:
        print(t, loss.item())
    loss.backward()
    with torch.no_grad():
        for p in (a, b, c, d):
            p -= 1e-6 * p.grad
            p.grad = None
print(a.item(), d.item())

# %% grad_fn_repr_of_cpp_nodes
import torch
z = torch.zeros(3)
z[0] = torch.tensor(1.0, requires_grad=True)
print(repr(z.grad_fn).split(' object')[0], z.grad_fn.name())

# %% slice_of_0_dim_errors
import torch
torch.tensor(1.0)[:1]

# %% pow_special_exponents_every_digit
import torch
torch.manual_seed(2)
x = torch.rand(6) * 5 + 0.1
print((x ** 3).tolist(), (x ** -2).tolist(), (x ** -0.5).tolist(), (x ** 0.5).tolist(), (x ** -1).tolist())
