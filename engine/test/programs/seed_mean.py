import torch

# 创建一个 tensor，并标记 requires_grad=True
x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
y = x * 2
z = y + 3
w = z.mean()
w.backward()
print(x.grad)
