# no_grad, detach and set_grad_enabled: when the graph is and is not recorded.
import torch

x = torch.tensor([1.0, 2.0], requires_grad=True)
with torch.no_grad():
    y = x * 2
print(y.requires_grad, y.grad_fn)
z = x.detach()
print(z.requires_grad, z)
z[0] = 5.0
print(x)
with torch.set_grad_enabled(False):
    w = x ** 2
print(w.requires_grad)


@torch.no_grad()
def evaluate(t):
    return t * 3


print(evaluate(x))
with torch.no_grad():
    with torch.enable_grad():
        v = x * 4
print(v.requires_grad, v.grad_fn.name())
print(torch.is_grad_enabled())
