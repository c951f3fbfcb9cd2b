# Non-leaf tensors do not keep .grad unless you ask with retain_grad().
import torch

a = torch.tensor([2.0, 3.0], requires_grad=True)
b = a * a
c = b + 1
b.retain_grad()
d = c.mean()
d.backward()
print(a.grad)
print(b.grad)
print(c.grad)
print(a.is_leaf, b.is_leaf, c.is_leaf)
print(b.requires_grad, b.grad_fn.name())
print([(f.name() if f is not None else None, i) for f, i in c.grad_fn.next_functions])
