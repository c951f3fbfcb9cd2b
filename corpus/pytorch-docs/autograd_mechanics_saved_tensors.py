# Source: pytorch/pytorch docs/source/notes/autograd.rst ("Saved tensors" and "Hooks for saved tensors"; seeded)
import torch
torch.manual_seed(0)

x = torch.randn(5, requires_grad=True)
y = x.pow(2)
print(x.equal(y.grad_fn._saved_self))  # True
print(x is y.grad_fn._saved_self)  # True

y = x.exp()
print(y.equal(y.grad_fn._saved_result))  # True
print(y is y.grad_fn._saved_result)  # False

# Registering hooks for a saved tensor
x = torch.randn(5, requires_grad=True)
y = x.pow(2)
y.grad_fn._raw_saved_self.register_hooks(lambda x: x * 3, lambda x: x / 3)
print(y.grad_fn._saved_self.equal(x))

# Registering default hooks for saved tensors
class SelfDeletingTempFile():
    def __init__(self):
        self.name = "not written: the docs save to a temporary file here"

def pack_hook(tensor):
    return tensor.clone(), SelfDeletingTempFile()

def unpack_hook(packed):
    tensor, temp_file = packed
    return tensor

with torch.autograd.graph.saved_tensors_hooks(pack_hook, unpack_hook):
    a = torch.randn(5, requires_grad=True)
    y = a * a
y.sum().backward()
print(torch.equal(a.grad, 2 * a))

# Only save on disk tensors that have size >= 1000
SAVE_ON_DISK_THRESHOLD = 1000

def pack_hook(x):
    if x.numel() < SAVE_ON_DISK_THRESHOLD:
        return x.detach()
    return ("on disk", x.clone())

def unpack_hook(tensor_or_sctf):
    if isinstance(tensor_or_sctf, torch.Tensor):
        return tensor_or_sctf
    return tensor_or_sctf[1]

x = torch.randn(40, 40, requires_grad=True)
with torch.autograd.graph.saved_tensors_hooks(pack_hook, unpack_hook):
    y = (x * x).sum()
y.backward()
print(torch.allclose(x.grad, 2 * x))
