# Regressions from the property and shape audits: erf's accuracy (erf(0) was -3.0e-8), prod's
# second derivatives at zeros, and in-place ops whose names hold digits (log1p_, expm1_).

# %% erf_at_zero_and_across_its_ranges
import torch
x = torch.tensor([0.0, -0.0, 1e-10, 0.25, 0.46875, 0.5, 1.0, 2.0, 3.5, 4.0, 5.5, -1.0, -3.0], dtype=torch.float64)
print(torch.erf(x))
print(torch.erf(torch.tensor(0.0, dtype=torch.float64)).item(), torch.erf(torch.zeros(3)).tolist())
print(torch.erf(x.float()))
print(torch.nn.functional.gelu(torch.tensor([0.0, -0.5, 1.0], dtype=torch.float64)))

# %% erf_gradients_match_finite_differences_at_zero
import torch
x = torch.tensor([0.0, -0.3, 0.7, 2.0], dtype=torch.float64, requires_grad=True)
print(torch.autograd.gradcheck(torch.erf, (x,)), torch.autograd.gradgradcheck(torch.erf, (x,)))
y = torch.tensor([0.0, 0.1], dtype=torch.float64, requires_grad=True)
print(torch.autograd.gradcheck(lambda t: torch.nn.functional.gelu(t).sum(), (y,)))

# %% prod_second_derivatives_at_zeros
import torch
x = torch.zeros(2, 2, dtype=torch.float64, requires_grad=True)
print(torch.autograd.gradgradcheck(lambda t: t.prod(0), (x,)))
y = torch.tensor([0.0, 1.0, 2.0, 0.5], dtype=torch.float64, requires_grad=True)
print(torch.autograd.gradgradcheck(lambda t: t.prod(), (y,)))
z = torch.tensor([[0.0, 2.0, 3.0], [0.0, 0.0, 4.0]], dtype=torch.float64, requires_grad=True)
print(torch.autograd.gradgradcheck(lambda t: t.prod(1, keepdim=True), (z,)))

# %% prod_gradient_at_zeros_keeps_its_graph
import torch
y = torch.tensor([0.0, 1.0, 2.0, 0.5], dtype=torch.float64, requires_grad=True)
g, = torch.autograd.grad(y.prod(), y, create_graph=True)
print(g)
print(torch.stack([torch.autograd.grad(g[i], y, retain_graph=True)[0] for i in range(4)]))
z = torch.tensor([[0.0, 2.0], [3.0, 0.0]], requires_grad=True)
h, = torch.autograd.grad(z.prod(1).sum(), z, create_graph=True)
print(h)
h.sum().backward()
print(z.grad)
w = torch.tensor([[0.0, 2.0], [3.0, 0.0]], requires_grad=True)
w.prod().backward()
print(w.grad)

# %% inplace_ops_with_digits_in_their_names
import torch
a = torch.tensor([0.5, 1.0, 2.0])
b = a.clone()
print(a.log1p_(), b.expm1_())
print(a, b)
x = torch.tensor([0.25, 0.5], requires_grad=True)
y = x * 1
y.log1p_()
print(y)
y.sum().backward()
print(x.grad)
