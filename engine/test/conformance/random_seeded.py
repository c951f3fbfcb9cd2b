# Seeded randomness: torch.manual_seed must reproduce PyTorch's CPU numbers exactly.

# %% randn_issue_acceptance
import torch
torch.manual_seed(0)
print(torch.randn(2, 3))

# %% rand_small_and_reseed
import torch
torch.manual_seed(0)
a = torch.rand(3)
torch.manual_seed(0)
b = torch.rand(3)
print(a, torch.equal(a, b))
print(torch.rand(2, 2))

# %% randn_vectorized_path_16_plus
import torch
torch.manual_seed(1)
print(torch.randn(20))

# %% randn_large_seed_42
import torch
torch.manual_seed(42)
x = torch.randn(4, 5)
print(x)
print(x.mean(), x.std())

# %% rand_vs_randn_sequence
import torch
torch.manual_seed(7)
print(torch.rand(2))
print(torch.randn(2))
print(torch.rand(17).sum())

# %% randint_forms
import torch
torch.manual_seed(0)
print(torch.randint(10, (5,)))
print(torch.randint(3, 8, (2, 3)))
print(torch.randint(0, 2, (20,)))

# %% randperm
import torch
torch.manual_seed(0)
print(torch.randperm(5))
print(torch.randperm(10))

# %% normal_forms
import torch
torch.manual_seed(0)
print(torch.normal(0.0, 1.0, size=(3,)))
print(torch.normal(torch.tensor([0.0, 10.0, 100.0]), torch.tensor([1.0, 0.1, 0.01])))
print(torch.normal(2.0, 0.5, (2, 2)))

# %% inplace_uniform_normal
import torch
torch.manual_seed(0)
x = torch.empty(4)
print(x.uniform_())
print(x.uniform_(-2, 2))
print(x.normal_())
print(x.normal_(5.0, 0.1))

# %% rand_like_randn_like
import torch
torch.manual_seed(0)
t = torch.zeros(2, 2)
print(torch.rand_like(t))
print(torch.randn_like(t))

# %% randn_float64
import torch
torch.manual_seed(0)
print(torch.randn(3, dtype=torch.float64))
print(torch.rand(2, dtype=torch.float64))

# %% seed_then_shuffle_data
import torch
torch.manual_seed(123)
data = torch.arange(10.0) * 10
perm = torch.randperm(10)
print(data[perm][:4])

# %% randn_requires_grad
import torch
torch.manual_seed(2)
w = torch.randn(3, requires_grad=True)
(w * w).sum().backward()
print(w)
print(w.grad)

# %% seeded_mini_batch_sampling
import torch
torch.manual_seed(0)
X = torch.randn(16, 2)
idx = torch.randint(0, 16, (4,))
print(idx)
print(X[idx])
