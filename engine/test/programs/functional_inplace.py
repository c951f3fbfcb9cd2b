# F.relu / relu6 / hardtanh / leaky_relu / elu / silu with inplace=True write into their input
# (the op table's `_` variants) and keep PyTorch's grad_fn names and gradients.
import torch
import torch.nn.functional as F

x = torch.tensor([-2.0, -0.5, 0.5, 2.0], requires_grad=True)
calls = [
    ("relu", lambda t: F.relu(t, inplace=True)),
    ("relu6", lambda t: F.relu6(t, inplace=True)),
    ("hardtanh", lambda t: F.hardtanh(t, -1.0, 1.0, inplace=True)),
    ("leaky_relu", lambda t: F.leaky_relu(t, 0.2, inplace=True)),
    ("elu", lambda t: F.elu(t, 0.5, inplace=True)),
    ("silu", lambda t: F.silu(t, inplace=True)),
]
for name, call in calls:
    y = x * 1.5  # a non-leaf: in place is allowed
    z = call(y)
    print(name, z is y, z)
    (z * z).sum().backward()
    print(x.grad)
    x.grad = None

plain = torch.tensor([-1.0, 1.0])
F.leaky_relu(plain, 0.5, inplace=True)
print(plain)
