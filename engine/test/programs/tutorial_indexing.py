# Indexing, slicing and masked assignment.
import torch

x = torch.arange(12.0).reshape(3, 4)
print(x[1])
print(x[:, 1])
print(x[::2, 1:3])
print(x[-1, -2])
print(x[x > 5])
print(x[[0, 2]])
print(x[None, 0].shape)
print(x[..., 0])
x[x > 8] = 0
print(x)
x[0, :] = torch.tensor([9.0, 8.0, 7.0, 6.0])
x[:, 3] = -1
print(x)
y = torch.zeros(5)
y[torch.tensor([1, 3])] = 2.5
print(y)
print(x.masked_fill(x < 0, 100.0))
