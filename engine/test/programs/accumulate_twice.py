import torch

a = torch.tensor([2., 3.], requires_grad=True)
for step in range(3):
    loss = (a * a).sum()
    loss.backward()
    print(step, a.grad)
a.grad = None
(a ** 3).sum().backward()
print(a.grad)
