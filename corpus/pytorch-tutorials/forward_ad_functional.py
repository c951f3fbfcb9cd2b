# Source: pytorch/tutorials intermediate_source/forward_ad_usage.py ("Functional API": jvp with torch.func, as the 2.x edition writes it; seeded; results printed)
import functools
import torch
import torch.nn as nn
torch.manual_seed(0)

primal0 = torch.randn(10, 10)
tangent0 = torch.randn(10, 10)
primal1 = torch.randn(10, 10)
tangent1 = torch.randn(10, 10)

def fn(x, y):
    return x ** 2 + y ** 2

# Here is a basic example to compute the JVP of the above function.
# The ``jvp(func, primals, tangents)`` returns ``func(*primals)`` as well as the
# computed Jacobian-vector product (JVP). Each primal must be associated with a tangent of the same shape.
primal_out, tangent_out = torch.func.jvp(fn, (primal0, primal1), (tangent0, tangent1))
print(primal_out[0])
print(tangent_out[0])

# ``functorch.jvp`` requires every primal to be associated with a tangent.
# If we only want to associate certain inputs to `fn` with tangents,
# then we'll need to create a new function that captures inputs without tangents:
primal = torch.randn(10, 10)
tangent = torch.randn(10, 10)
y = torch.randn(10, 10)

new_fn = functools.partial(fn, y=y)
primal_out, tangent_out = torch.func.jvp(new_fn, (primal,), (tangent,))
print(tangent_out[0])

model = nn.Linear(5, 5)
input = torch.randn(16, 5)
tangents = tuple([torch.rand_like(p) for p in model.parameters()])
params = dict(model.named_parameters())

def func_params_only(*params_values):
    return torch.func.functional_call(model, dict(zip(params.keys(), params_values)), (input,))

model_output, jvp_out = torch.func.jvp(func_params_only, tuple(params.values()), tangents)
print(jvp_out[:2])
