# Autograd as PyTorch exposes it (issue #10 item 5): grad_fn classes, saved tensors and their
# hooks, node hooks, custom Functions from the "Extending torch.autograd" notes, vhp/hvp, torch.func.

# %% grad_fn_classes_are_named_like_pytorch
import torch
x = torch.tensor([1.0, 2.0], requires_grad=True)
y = (x * 2 + 1).exp().sum()
fn = y.grad_fn
print(type(fn).__name__, fn.name(), type(fn))
print(type(fn) is type((x.sum() + 0).grad_fn.next_functions[0][0]))
while fn is not None:
    print(type(fn).__name__, [(type(n).__name__, i) for n, i in fn.next_functions])
    fn = fn.next_functions[0][0] if fn.next_functions else None
print(type((x * 3).grad_fn) is type((x * 4).grad_fn))

# 2.x golden: "True True True\n"
# %% grad_fn_is_a_graph_node
# torch.autograd.graph.Node is new in PyTorch 2.0.
import torch

class Double(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        return x * 2

    @staticmethod
    def backward(ctx, g):
        return g * 2

x = torch.ones(2, requires_grad=True)
y = x.exp()
print(isinstance(y.grad_fn, torch.autograd.graph.Node), isinstance(y.grad_fn.next_functions[0][0], torch.autograd.graph.Node),
      isinstance(Double.apply(x).grad_fn, torch.autograd.graph.Node))

# %% grad_fn_repr_and_identity
import re
import torch
x = torch.ones(2, requires_grad=True)
y = x * 2
print(re.sub(r"0x[0-9a-f]+", "0x…", repr(y.grad_fn)))
print(re.sub(r"0x[0-9a-f]+", "0x…", str(y.grad_fn.next_functions)))
print(y.grad_fn is y.grad_fn, y.grad_fn.next_functions[0][0] is y.grad_fn.next_functions[0][0])

# %% accumulate_grad_variable_and_metadata
import torch
w = torch.tensor([1.0, 2.0], requires_grad=True)
acc = (w * 3).grad_fn.next_functions[0][0]
print(type(acc).__name__, acc.name(), acc.variable is w, acc.next_functions)
y = w.exp()
y.grad_fn.metadata["note"] = "kept"
print(y.grad_fn.metadata, y.grad_fn.metadata is y.grad_fn.metadata)
try:
    y.grad_fn.variable
except AttributeError as e:
    print(e)

# %% custom_function_grad_fn_is_its_ctx
import torch

class MyReLU(torch.autograd.Function):
    @staticmethod
    def forward(ctx, input):
        ctx.save_for_backward(input)
        ctx.note = "saved on ctx"
        return input.clamp(min=0)

    @staticmethod
    def backward(ctx, grad_output):
        input, = ctx.saved_tensors
        grad_input = grad_output.clone()
        grad_input[input < 0] = 0
        return grad_input

x = torch.tensor([-1.0, 2.0], requires_grad=True)
y = MyReLU.apply(x)
fn = y.grad_fn
print(type(fn).__name__, fn.name(), type(fn))
print(isinstance(fn, torch.autograd.function.BackwardCFunction))
print(fn.note, fn.needs_input_grad, fn.saved_tensors, [type(n).__name__ for n, _ in fn.next_functions])
y.sum().backward()
print(x.grad)
try:
    fn.saved_tensors
except RuntimeError as e:
    print(e)

# %% saved_attributes_of_common_ops
import torch
torch.manual_seed(0)
x = torch.rand(2, 3, requires_grad=True)
y = torch.rand(2, 3, requires_grad=True)
m = torch.rand(3, 4, requires_grad=True)
b = torch.rand(4, requires_grad=True)
cases = {
    "mul": x * y, "div": x / y, "pow": x ** 2, "pow_tensor": x ** y, "exp": x.exp(), "log": x.log(),
    "sqrt": x.sqrt(), "tanh": x.tanh(), "sigmoid": x.sigmoid(), "relu": torch.relu(x), "mm": x.mm(m),
    "addmm": torch.addmm(b, x, m), "linear": torch.nn.functional.linear(x, m.t(), b), "sum": x.sum(),
    "sum_dim": x.sum(1), "mean_dim": x.mean(0, keepdim=True).sum(), "sin": x.sin(), "softmax": x.softmax(1),
    "transpose": x.transpose(0, 1), "add": x + y, "mse": torch.nn.functional.mse_loss(x, y),
}
for name, t in cases.items():
    fn = t.grad_fn
    saved = {}
    for a in dir(fn):
        # Not yet: mm's and addmm's `_sym_strides`/`_sym_sizes` of their matrices.
        if a.startswith("_saved_") and not a.endswith(("_sym_strides", "mat1_sym_sizes", "mat2_sym_sizes", "self_sym_sizes")) or a == "_saved_self_sym_sizes" and name.startswith("sum"):
            v = getattr(fn, a)
            saved[a] = "Tensor" if isinstance(v, torch.Tensor) else v
    print(name, fn.name(), saved)

# %% saved_attributes_are_the_saved_tensors
import torch
x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
y = torch.tensor([4.0, 5.0, 6.0], requires_grad=True)
z = x * y
print(bool((z.grad_fn._saved_self == x).all()), bool((z.grad_fn._saved_other == y).all()), z.grad_fn._saved_self is x)
e = x.exp()
print(e.grad_fn._saved_result, bool((e.grad_fn._saved_result == e).all()))
p = x ** 3
print(p.grad_fn._saved_exponent, type(p.grad_fn._saved_exponent).__name__, p.grad_fn._saved_self)
s = x.sum(0, keepdim=True)
print(s.grad_fn._saved_dim, s.grad_fn._saved_keepdim, s.grad_fn._saved_self_sym_sizes)
h = x * 2
print(h.grad_fn._saved_self, h.grad_fn._saved_other)
try:
    e.grad_fn._saved_other
except AttributeError as err:
    print(err)

# %% autograd_mechanics_docs_saved_tensors
# "Saved tensors" in the autograd mechanics notes: an input comes back as itself, an output as a
# new tensor object with the same data.
import torch
torch.manual_seed(0)
x = torch.randn(5, requires_grad=True)
y = x.pow(2)
print(bool((x == y.grad_fn._saved_self).all()))  # True
print(x is y.grad_fn._saved_self)  # True
x = torch.randn(5, requires_grad=True)
y = x.exp()
print(bool((y == y.grad_fn._saved_result).all()))  # True
print(y is y.grad_fn._saved_result)  # False
print(y.grad_fn._saved_result.grad_fn is y.grad_fn, y.grad_fn._saved_result.requires_grad)

# 2.x golden: "{'_saved_self_sym_numel': 6, '_saved_self_sym_sizes': (2, 3)}\n{'_saved_dim': (0,), '_saved_keepdim': True, '_saved_self_sym_numel': 6, '_saved_self_sym_sizes': (2, 3)}\n"
# %% mean_saves_sizes_and_numel
# PyTorch 2.x's derivatives.yaml: mean saves self.sym_sizes() and self.sym_numel() (1.13 called them
# _saved_self_sizes and _saved_self_numel, and mean(dim) also kept self).
import torch
x = torch.ones(2, 3, requires_grad=True)
for y in (x.mean(), x.mean(0, keepdim=True)):
    print({a: getattr(y.grad_fn, a) for a in dir(y.grad_fn) if a.startswith("_saved_")})

# %% saved_attribute_after_backward_raises
import torch
x = torch.tensor([1.0, 2.0], requires_grad=True)
y = x.exp()
y.sum().backward(retain_graph=True)
print(y.grad_fn._saved_result)
y = x.exp()
y.sum().backward()
try:
    y.grad_fn._saved_result
except RuntimeError as e:
    print(e)

# %% raw_saved_tensor_register_hooks
import torch
w = torch.tensor([1.0, -2.0, 3.0], requires_grad=True)
y = w.pow(2)
raw = y.grad_fn._raw_saved_self
print(type(raw).__name__)
raw.register_hooks(lambda t: (print("pack", t), t * 2)[1], lambda t: (print("unpack", t), t)[1])
y.sum().backward()
print(w.grad)
try:
    y.grad_fn._raw_saved_self.register_hooks(lambda t: t, lambda t: t)
except RuntimeError as e:
    print(e)
y = w.pow(2)
y.grad_fn._raw_saved_self.register_hooks(lambda t: t, lambda t: t)
try:
    y.grad_fn._raw_saved_self.register_hooks(lambda t: t, lambda t: t)
except RuntimeError as e:
    print(e)
try:
    (w * 2).grad_fn._raw_saved_self.register_hooks(lambda t: t, lambda t: t)
except RuntimeError as e:
    print(e)

# %% saved_tensors_hooks_tutorial_pack_and_unpack
import torch

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
print(a.grad, b.grad is None)

# %% saved_tensors_hooks_pack_to_an_index
import torch
storage = []

def pack(x):
    storage.append(x)
    return len(storage) - 1

def unpack(i):
    print("unpack", i)
    return storage[i]

x = torch.tensor([0.5, -1.0, 2.0], requires_grad=True)
with torch.autograd.graph.saved_tensors_hooks(pack, unpack):
    y = x.pow(2)
    z = y.exp()
print(len(storage), y.grad_fn._saved_exponent)
z.sum().backward()
print(x.grad)

# %% saved_tensors_hooks_nest_and_unpack_must_return_tensor
import torch
w = torch.tensor([1.0, 2.0], requires_grad=True)
with torch.autograd.graph.saved_tensors_hooks(lambda t: (print("outer"), t)[1], lambda t: t):
    with torch.autograd.graph.saved_tensors_hooks(lambda t: (print("inner"), t)[1], lambda t: t):
        y = w.sin()
    y = w.cos()
with torch.autograd.graph.saved_tensors_hooks(lambda t: t, lambda t: 3):
    y = w.exp()
try:
    y.sum().backward()
except TypeError as e:
    print(e)
with torch.autograd.graph.disable_saved_tensors_hooks("hooks are off here"):
    try:
        with torch.autograd.graph.saved_tensors_hooks(lambda t: t, lambda t: t):
            pass
    except RuntimeError as e:
        print(e)

# 2.x golden: "pack torch.Size([2]) False\n"
# %% saved_tensors_hooks_never_see_wrapped_numbers
# PyTorch 1.13 packed the wrapped number of `x * 2` too; 2.x does not ("Avoid wrapped numbers from
# being leaked to the user" in saved_variable.cpp).
import torch
x = torch.tensor([1.0, 2.0], requires_grad=True)
with torch.autograd.graph.saved_tensors_hooks(lambda t: (print("pack", t.shape, t.requires_grad), t)[1], lambda t: t):
    y = x * 2
    z = x * x.detach()

# %% save_on_cpu_gives_the_same_gradients
import torch
x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
with torch.autograd.graph.save_on_cpu():
    y = (x.tanh() * x).sum()
y.backward()
print(x.grad)
with torch.autograd.graph.save_on_cpu(pin_memory=True):
    y = (x ** 3).sum()
x.grad = None
y.backward()
print(x.grad)

# %% node_hooks_and_prehooks
import torch
x = torch.tensor([1.0, 2.0], requires_grad=True)
y = x * 3
z = y.sum()

def pre(grad_outputs):
    print("pre", grad_outputs)
    return (grad_outputs[0] * 10,)

def post(grad_inputs, grad_outputs):
    print("post", grad_inputs, grad_outputs)

h1 = y.grad_fn.register_prehook(pre)
h2 = y.grad_fn.register_hook(post)
z.backward(retain_graph=True)
print(x.grad)
h1.remove()
h2.remove()
x.grad = None
z.backward()
print(x.grad)

# 2.x golden: "TypeError: assigned grad expected to be a Tensor or None but got grad of type int\n"
# %% grad_assignment_must_be_a_tensor
# 2.x's message has a space before the type name (1.13: "...of typeint").
import torch
x = torch.ones(2, requires_grad=True)
x.grad = 3

# %% extending_docs_linear_function_trailing_none
import torch
from torch.autograd import Function, gradcheck

class LinearFunction(Function):
    @staticmethod
    # ctx is the first argument to forward
    def forward(ctx, input, weight, bias=None):
        # The forward pass can use ctx.
        ctx.save_for_backward(input, weight, bias)
        output = input.mm(weight.t())
        if bias is not None:
            output += bias.unsqueeze(0).expand_as(output)
        return output

    @staticmethod
    def backward(ctx, grad_output):
        input, weight, bias = ctx.saved_tensors
        grad_input = grad_weight = grad_bias = None

        if ctx.needs_input_grad[0]:
            grad_input = grad_output.mm(weight)
        if ctx.needs_input_grad[1]:
            grad_weight = grad_output.t().mm(input)
        if bias is not None and ctx.needs_input_grad[2]:
            grad_bias = grad_output.sum(0)

        return grad_input, grad_weight, grad_bias

linear = LinearFunction.apply
torch.manual_seed(0)
input = (torch.randn(20,20,dtype=torch.double,requires_grad=True), torch.randn(30,20,dtype=torch.double,requires_grad=True))
test = gradcheck(linear, input, eps=1e-6, atol=1e-4)
print(test)
bias = torch.randn(30, dtype=torch.double, requires_grad=True)
print(gradcheck(linear, input + (bias,), eps=1e-6, atol=1e-4))
y = linear(*input)
print(type(y.grad_fn).__name__, len(y.grad_fn.saved_tensors), y.grad_fn.saved_tensors[2])

# 2.x golden: "True\ntensor([5., 5., 5.])\nTrue True\n"
# %% extending_docs_setup_context_functions
# forward without ctx plus setup_context(ctx, inputs, output) is PyTorch 2.0's style (the docs' own
# LinearFunction, MulConstant and MyCube); 1.13 cannot run it.
import torch
from torch.autograd import Function, gradcheck

class LinearFunction(Function):

    # Note that forward, setup_context, and backward are @staticmethods
    @staticmethod
    def forward(input, weight, bias):
        output = input.mm(weight.t())
        if bias is not None:
            output += bias.unsqueeze(0).expand_as(output)
        return output

    @staticmethod
    # inputs is a Tuple of all of the inputs passed to forward.
    # output is the output of the forward().
    def setup_context(ctx, inputs, output):
        input, weight, bias = inputs
        ctx.save_for_backward(input, weight, bias)

    # This function has only a single output, so it gets only one gradient
    @staticmethod
    def backward(ctx, grad_output):
        input, weight, bias = ctx.saved_tensors
        grad_input = grad_weight = grad_bias = None
        if ctx.needs_input_grad[0]:
            grad_input = grad_output.mm(weight)
        if ctx.needs_input_grad[1]:
            grad_weight = grad_output.t().mm(input)
        if bias is not None and ctx.needs_input_grad[2]:
            grad_bias = grad_output.sum(0)

        return grad_input, grad_weight, grad_bias

# Option 2: wrap in a function, to support default args and keyword args.
def linear(input, weight, bias=None):
    return LinearFunction.apply(input, weight, bias)

input = (torch.randn(20,20,dtype=torch.double,requires_grad=True), torch.randn(30,20,dtype=torch.double,requires_grad=True))
test = gradcheck(linear, input, eps=1e-6, atol=1e-4)
print(test)

class MulConstant(Function):
    @staticmethod
    def forward(tensor, constant):
        return tensor * constant

    @staticmethod
    def setup_context(ctx, inputs, output):
        tensor, constant = inputs
        ctx.set_materialize_grads(False)
        ctx.constant = constant

    @staticmethod
    def backward(ctx, grad_output):
        if grad_output is None:
            return None, None
        return grad_output * ctx.constant, None

x = torch.ones(3, requires_grad=True)
MulConstant.apply(x, 5.0).sum().backward()
print(x.grad)

class MyCube(torch.autograd.Function):
    @staticmethod
    def forward(x):
        dx = 3 * x ** 2
        result = x ** 3
        return result, dx

    @staticmethod
    def setup_context(ctx, inputs, output):
        x, = inputs
        result, dx = output
        ctx.save_for_backward(x, dx)

    @staticmethod
    def backward(ctx, grad_output, grad_dx):
        x, dx = ctx.saved_tensors
        result = grad_output * dx + grad_dx * 6 * x
        return result

def my_cube(x):
    result, dx = MyCube.apply(x)
    return result

x = torch.tensor([1., 2.], dtype=torch.double, requires_grad=True)
print(gradcheck(my_cube, (x,)), torch.autograd.gradgradcheck(my_cube, (x,)))

# %% backward_extra_gradient_must_be_none
import torch

class Extra(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        return x * 2

    @staticmethod
    def backward(ctx, g):
        return g * 2, None, None

class Wrong(Extra):
    @staticmethod
    def backward(ctx, g):
        return g * 2, torch.ones(1)

x = torch.ones(2, requires_grad=True)
Extra.apply(x).sum().backward()
print(x.grad)
Wrong.apply(x).sum().backward()

# %% mark_non_differentiable_and_materialize_grads
import torch

class Sort(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        values, idx = x.sort()
        ctx.mark_non_differentiable(idx)
        ctx.save_for_backward(idx)
        ctx.set_materialize_grads(False)
        return values, idx

    @staticmethod
    def backward(ctx, g, g_idx):
        print("g_idx", g_idx)
        idx, = ctx.saved_tensors
        out = torch.zeros_like(g)
        out[idx] = g
        return out

x = torch.tensor([3.0, 1.0, 2.0], requires_grad=True)
v, i = Sort.apply(x)
print(v, i, i.requires_grad, i.grad_fn)
(v * torch.tensor([1.0, 2.0, 3.0])).sum().backward()
print(x.grad)

# %% functional_vhp_hvp_docstrings
import torch
from torch.autograd.functional import vhp, hvp
torch.manual_seed(0)

def pow_reducer(x):
    return x.pow(3).sum()

inputs = torch.rand(2, 2)
v = torch.ones(2, 2)
print(vhp(pow_reducer, inputs, v))
print(vhp(pow_reducer, inputs, v, create_graph=True))
print(hvp(pow_reducer, inputs, v))
print(hvp(pow_reducer, inputs, v, create_graph=True))

def pow_adder_reducer(x, y):
    return (2 * x.pow(2) + 3 * y.pow(2)).sum()

inputs = (torch.rand(2), torch.rand(2))
v = (torch.zeros(2), torch.ones(2))
print(vhp(pow_adder_reducer, inputs, v))
print(hvp(pow_adder_reducer, inputs, v))
print(hvp(lambda x: (x.sin() * x).sum(), torch.tensor(0.5)))

# %% functional_vhp_hvp_errors
import torch
from torch.autograd.functional import vhp, hvp
for call in (
    lambda: vhp(lambda x: x.pow(3).sum(), torch.rand(2), torch.ones(3)),
    lambda: vhp(lambda x: x.pow(3).sum(), (torch.rand(2), torch.rand(2)), (torch.ones(2),)),
    lambda: hvp(lambda x: x * 2, torch.rand(2), torch.ones(2)),
    lambda: hvp(lambda x: (x, x), torch.rand(2), torch.ones(2)),
    lambda: vhp(lambda x: x.sum(), torch.rand(2)),
):
    try:
        call()
    except RuntimeError as e:
        print(e)

# %% func_grad_and_friends
import torch
from torch.func import grad, grad_and_value, vjp
torch.manual_seed(0)
x = torch.randn(3)
print(grad(lambda x: x.sin().sum())(x), x.cos())
print(grad(grad(torch.sin))(torch.tensor(1.0)), -torch.sin(torch.tensor(1.0)))
print(grad_and_value(lambda x: (x ** 2).sum())(x))
print(grad(lambda x, y: (x * y).sum(), argnums=(0, 1))(x, torch.ones(3)))
print(grad(lambda x: ((x ** 2).sum(), x.mean()), has_aux=True)(x))
out, fn = vjp(torch.sin, x)
print(out, fn(torch.ones(3)))
w = torch.randn(3, requires_grad=True)
g = grad(lambda x: (x * w).sum())(x)
print(g.requires_grad, grad(lambda x: (x * x).sum())(x).requires_grad)
try:
    grad(lambda x: x * 2)(x)
except RuntimeError as e:
    print(e)

# %% func_jacrev_hessian_vmap
import torch
from torch.func import jacrev, hessian, vmap
torch.manual_seed(0)
x = torch.randn(3)
print(jacrev(torch.sin)(x))
print(jacrev(lambda a, b: a * b, argnums=(0, 1))(x, torch.ones(3)))
print(hessian(lambda x: (x ** 3).sum())(x))

def f(x):
    return x.sin().sum() * x.cos().sum()

print(hessian(f)(x))
print(torch.autograd.functional.hessian(f, x))
print(vmap(torch.dot)(torch.ones(2, 3), torch.arange(6.0).view(2, 3)))
print(vmap(lambda a: a * 2, in_dims=1)(torch.arange(6.0).view(2, 3)))
print(vmap(jacrev(torch.sin))(torch.tensor([[0.0, 1.0], [2.0, 3.0]])))

# %% func_vmap_and_per_sample_gradients
# vmap by slices and stack (torch.func tutorial's per-sample gradients, cut down); torch.vmap too.
import torch
from torch.func import vmap, grad
torch.manual_seed(0)
x, y = torch.randn(2, 5), torch.randn(2, 5)
print(vmap(torch.dot)(x, y))
print(vmap(torch.mul, in_dims=(0, None))(x, torch.arange(5.)))
print(vmap(lambda a: a.sum(0), in_dims=1, out_dims=0)(torch.arange(6.).view(2, 3)))
print(vmap(lambda a: (a * 2, a.sum()))(x))
print(vmap(vmap(torch.mul))(torch.ones(2, 3), torch.arange(6.).view(2, 3)))
w = torch.randn(3, 2)

def loss(w, xi, yi):
    return ((xi @ w - yi) ** 2).mean()

xs, ys = torch.randn(4, 3), torch.randn(4, 2)
print(vmap(grad(loss), in_dims=(None, 0, 0))(w, xs, ys))
try:
    vmap(torch.mul)(torch.ones(2), torch.ones(3))
except ValueError as e:
    print(e)
