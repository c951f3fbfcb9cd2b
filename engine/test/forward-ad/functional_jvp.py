# torch.func.jvp / jacfwd / functional_call and torch.autograd.functional.jvp (double-vjp trick).
import torch
import torch.nn as nn

torch.manual_seed(0)
x = torch.randn(3, dtype=torch.float64)
v = torch.randn(3, dtype=torch.float64)
W = torch.randn(2, 3, dtype=torch.float64)


def f(x):
    return (W @ x).tanh() * x[:2]


def g(x, y):
    return x.sin() * y, (x * y).sum()


out, jv = torch.func.jvp(f, (x,), (v,))
print(out, jv)
out2, jv2 = torch.autograd.functional.jvp(f, x, v)
print(out2, jv2)
print(torch.allclose(jv, jv2))
print(torch.func.jvp(g, (x, x * 2), (v, v)))
print(torch.autograd.functional.jvp(g, (x, x * 2), (v, v)))
print(torch.func.jvp(lambda x: (x.exp(), {"aux": x.sum()}), (x,), (v,), has_aux=True))
print(torch.func.jvp(lambda x: torch.ones(2, dtype=torch.float64), (x,), (v,)))
print(torch.func.jacfwd(f)(x))
print(torch.func.jacrev(f)(x))
print(torch.func.jacfwd(g, argnums=(0, 1))(x, x * 2))
print(torch.func.jacfwd(lambda x: (x ** 2, x.sum()), has_aux=True)(x))
print(torch.autograd.functional.jacobian(f, x))
for bad in [lambda: torch.func.jvp(f, x, v), lambda: torch.func.jvp(f, (x,), [v]),             lambda: torch.func.jvp(lambda x: 3, (x,), (v,)), lambda: torch.func.jvp(f, (), ()),
            lambda: torch.autograd.functional.jvp(f, x, torch.ones(2, dtype=torch.float64))]:
    try:
        print(bad())
    except Exception as e:
        print(type(e).__name__, e)

model = nn.Linear(3, 2).double()
params = {k: p.detach() for k, p in model.named_parameters()}
tangents = {k: torch.ones_like(p) for k, p in params.items()}


def run(params):
    return torch.func.functional_call(model, params, (x,))


out, jv = torch.func.jvp(run, (params,), (tangents,))
print(out, jv)
print(torch.func.functional_call(model, {"bias": torch.zeros(2, dtype=torch.float64)}, x).detach())
print(model.bias.shape, isinstance(model.bias, nn.Parameter))
