# copy.deepcopy of tensors, views, .grad and modules, as PyTorch copies them.
import copy, torch
x = torch.tensor([1., 2.], requires_grad=True)
y = copy.deepcopy(x)
print(y, y is x)
m = torch.nn.Linear(2, 1)
m2 = copy.deepcopy(m)
print(type(m2.weight).__name__, m2.weight is m.weight, torch.equal(m2.weight, m.weight))
x.grad = torch.tensor([0.5, 0.5])
base = torch.arange(4.)
a, b, z = copy.deepcopy([base, base[2:], x])
a[3] = 9.
print(b, z.grad, z.requires_grad)
try:
    copy.deepcopy(x * 2)
except RuntimeError as e:
    print(e)
shallow = copy.copy(base)
shallow[0] = -1.0
print(base, shallow is base, shallow.requires_grad, copy.copy(x).requires_grad)
