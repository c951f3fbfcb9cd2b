# Tensor hooks: inspect and change gradients as they flow backward.
import torch

x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
y = x * 2
seen = []


def remember(grad):
    seen.append(grad.clone())


h1 = y.register_hook(remember)
h2 = x.register_hook(lambda g: g * 10)
z = (y ** 2).sum()
z.backward()
print(seen)
print(x.grad)
h1.remove()
h2.remove()
x.grad = None
y = x * 2
(y ** 2).sum().backward()
print(len(seen))
print(x.grad)
