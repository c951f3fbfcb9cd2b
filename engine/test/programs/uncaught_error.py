import torch

x = torch.tensor([1.0, 2.0, 3.0])
print("before")
y = x[5]
print("never")
