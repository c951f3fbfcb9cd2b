# Gradients through indexing: picked elements get gradient, the rest get zero.
import torch

w = torch.tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]], requires_grad=True)
picked = w[:, [0, 2]]
print(picked)
row = w[1]
mask = w > 2.5
masked = w[mask]
loss = picked.sum() + (row ** 2).sum() + masked.mean()
print(loss)
loss.backward()
print(w.grad)
print(picked.grad_fn.name())
print(masked.grad_fn.name())
