# PyTorch tutorial "Hooks for autograd saved tensors" (intermediate/autograd_saved_tensors_hooks),
# cut down: what is saved, inspecting it through grad_fn, and pack/unpack hooks.
import torch

torch.manual_seed(0)
a = torch.randn(5, requires_grad=True)
b = torch.ones(5, requires_grad=True)
c = torch.ones(5, requires_grad=True)

d = a * b
print(d.grad_fn._saved_self is a)
print(d.grad_fn._saved_other is b)
print(torch.allclose(d.grad_fn._saved_self, a) if hasattr(torch, "allclose") else bool((d.grad_fn._saved_self == a).all()))

y = c.exp()
print(y.grad_fn._saved_result)
x = torch.randn(5, requires_grad=True)
y = x.pow(2)
print(y.grad_fn._saved_self is x, y.grad_fn._saved_exponent)


def pack_hook(x):
    print("Packing", x)
    return x


def unpack_hook(x):
    print("Unpacking", x)
    return x


a = torch.ones(5, requires_grad=True)
b = torch.ones(5, requires_grad=True) * 2
with torch.autograd.graph.saved_tensors_hooks(pack_hook, unpack_hook):
    y = a * b
y.sum().backward()

x = torch.randn(5, requires_grad=True)
y = x.pow(2)
y.grad_fn._raw_saved_self.register_hooks(pack_hook, unpack_hook)
y.sum().backward()
print(bool((x.grad == 2 * x).all()))

# Saving to a list by index, and the 0-copy check that unpack gets back the same tensor.
storage = []


def pack(x):
    storage.append(x)
    return len(storage) - 1


def unpack(i):
    return storage[i]


x = torch.randn(5, requires_grad=True)
with torch.autograd.graph.saved_tensors_hooks(pack, unpack):
    y = x.pow(2)
    z = y.sin()
print(len(storage))
z.sum().backward()
print(bool((x.grad == 2 * x * (x ** 2).cos()).all()))

x = torch.randn(5, requires_grad=True)
with torch.autograd.graph.save_on_cpu():
    y = (x * x).tanh().sum()
y.backward()
print(x.grad)
