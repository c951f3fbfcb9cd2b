# Keyword forms PyTorch's python_arg_parser accepts (issue #10 item 2): NumPy's aliases, input= for
# the first argument of torch functions, other=, dim= tuples, out=, size= and varargs shapes, and
# the TypeErrors of wrong calls (their first line: the list of PyTorch's overloads that follows is
# not reproduced).

# %% numpy_aliases_axis_keepdims
import torch
x = torch.arange(6.).view(2, 3)
print(torch.sum(x, axis=0, keepdims=True))
print(x.sum(axis=1))
print(x.mean(axis=1, keepdims=True))
print(torch.amax(x, axis=1))
print(torch.max(x, axis=1, keepdims=True).values)
print(torch.softmax(x, axis=0))
print(torch.cumsum(x, axis=1))

# %% numpy_aliases_for_input_and_other
import torch
x = torch.arange(6.).view(2, 3)
print(torch.sum(a=x), torch.sum(x=x), torch.sum(x1=x))
print(torch.add(x1=x, x2=x))
print(x.add(x2=x))
print(torch.mul(x, x2=torch.tensor(2.)))

# %% input_keyword_on_torch_functions
import torch
x = torch.arange(6.).view(2, 3)
print(torch.sum(input=x, dim=0))
print(torch.exp(input=torch.zeros(2)))
print(torch.add(input=x, other=x, alpha=2))
print(torch.mm(x, mat2=x.t()))
print(torch.dot(torch.ones(3), tensor=torch.arange(3.)))
print(torch.transpose(x, dim0=0, dim1=1))
print(torch.where(condition=x > 2, input=x, other=torch.zeros(1)))
print(torch.clamp(x, min=1, max=4))

# %% methods_bind_self_where_the_signature_puts_it
import torch
x = torch.arange(6.).view(2, 3)
print(x.where(x > 2, torch.zeros(1)))
print(x.masked_fill(mask=x > 3, value=-1.0))
print(x.flip(0, 1))
print(x.gather(1, index=torch.tensor([[0], [2]])))

# %% dim_tuples_and_lists
import torch
x = torch.arange(24.).view(2, 3, 4)
print(torch.sum(x, dim=(0, 2)))
print(x.sum([0, 1]))
print(x.mean(dim=(1, 2), keepdim=True).shape)
print(torch.amax(x, dim=(0, 1)))
print(x.std(dim=(0, 2)))
print(torch.logsumexp(x, dim=(1, 2)))

# %% out_writes_into_the_given_tensor
import torch
x = torch.arange(6.).view(2, 3)
out = torch.empty(2, 3)
r = torch.mul(x, 2, out=out)
print(r is out, out)
ints = torch.zeros(3, dtype=torch.int64)
torch.add(torch.tensor([1, 2, 3]), 1, out=ints)
print(ints)
as_double = torch.zeros(3, dtype=torch.float64)
torch.exp(torch.zeros(3), out=as_double)
print(as_double)

# %% out_resizes_empty_silently_and_others_with_a_warning
import torch, warnings
x = torch.arange(6.).view(2, 3)
empty = torch.empty(0)
torch.sum(x, dim=0, out=empty)
print(empty, empty.shape)
wrong = torch.zeros(2, 2)
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    torch.sum(x, dim=0, out=wrong)
print(wrong)
print([str(w.message).split(" (Triggered")[0] for w in caught])
print([w.category.__name__ for w in caught])

# %% out_multi_output
import torch
x = torch.tensor([[1., 5., 2.], [7., 0., 3.]])
values, indices = torch.zeros(2), torch.zeros(2, dtype=torch.int64)
r = torch.max(x, 1, out=(values, indices))
print(r)
print(r.values is values, values, indices)
print(torch.sort(x, dim=1, descending=True, out=(torch.empty(0), torch.empty(0, dtype=torch.long))))

# %% out_dtype_cannot_narrow
import torch
try:
    torch.exp(torch.zeros(3), out=torch.zeros(3, dtype=torch.long))
except RuntimeError as e:
    print(e)
try:
    torch.add(torch.ones(2), torch.ones(2), out=torch.zeros(2, dtype=torch.bool))
except RuntimeError as e:
    print(e)

# %% out_refuses_autograd
import torch
w = torch.ones(3, requires_grad=True)
try:
    torch.exp(torch.zeros(3), out=w)
except RuntimeError as e:
    print(e)
try:
    torch.mul(w, 2, out=torch.zeros(3))
except RuntimeError as e:
    print(e)
with torch.no_grad():
    out = torch.zeros(3)
    torch.mul(w, 2, out=out)
print(out, out.requires_grad)

# %% creation_sizes_as_varargs_tuple_list_or_keyword
import torch
print(torch.zeros(2, 3).shape, torch.zeros((2, 3)).shape, torch.zeros([2, 3]).shape, torch.zeros(size=(2, 3)).shape)
print(torch.ones(size=[2], dtype=torch.int64))
print(torch.empty(size=(0,)).shape, torch.zeros(()).shape, torch.zeros(torch.tensor(2)).shape)
print(torch.randn([2, 3]).shape, torch.rand((4,)).shape)
print(torch.ones(2, 2, dtype=torch.float64, device='cpu', requires_grad=True))
print(torch.full((2,), 3, out=torch.empty(0, dtype=torch.long)))
t = torch.ones(2)
torch.zeros(2, 3, out=t)
print(t)

# PyTorch 2.x names SymInt lists 'tuple of ints' in these errors (1.13 said 'tuple of SymInts').
# 2.x golden: "zeros() received an invalid combination of arguments - got (int, size=tuple), but expected one of:\nzeros(): argument 'size' (position 1) must be tuple of ints, not str\nzeros(): argument 'size' must be tuple of ints, but found element of type str at pos 2\nzeros(): argument 'size' (position 1) must be tuple of ints, not float\n"
# %% creation_size_errors
import torch
for make in (lambda: torch.zeros(2, size=(2, 3)), lambda: torch.zeros('a'), lambda: torch.zeros(2, 'a'), lambda: torch.zeros(2.5)):
    try:
        make()
    except TypeError as e:
        print(str(e).splitlines()[0])

# %% tensor_shape_varargs
import torch
x = torch.arange(6.)
print(x.view(-1).shape, x.view((2, 3)).shape, x.view(2, 3).shape, x.reshape(2, 3).shape, x.reshape((3, -1)).shape)
m = x.view(2, 3)
print(m.permute(1, 0).shape, m.permute((1, 0)).shape, m.repeat(2, 1).shape, m.repeat((1, 2)).shape)
print(m[:1].expand(2, -1), m[:1].expand((3, 3)).shape)

# %% wrong_calls_raise_pytorchs_type_errors
import torch
x = torch.arange(6.).view(2, 3)
calls = [
    lambda: torch.exp(x, foo=1),
    lambda: torch.exp('a'),
    lambda: torch.sum('a'),
    lambda: torch.mm(x, 3),
    lambda: torch.add(x, 'a'),
    lambda: torch.sum(x, foo=1),
    lambda: x.sum(foo=1),
    lambda: x.sum(input=x),
    lambda: torch.dot(x[0], other=x[1]),
    lambda: torch.max(x, dim=(0,)),
    lambda: torch.transpose(x, 0),
]
for call in calls:
    try:
        call()
    except TypeError as e:
        print(str(e).splitlines()[0])

# %% tensor_lists_and_python_written_functions
import torch
x = torch.ones(2)
print(torch.stack(tensors=(x, x), dim=1))
print(torch.cat((x, x), axis=0))
print(torch.split(torch.arange(4.), split_size_or_sections=2))
print(torch.arange(4.).split(split_size=3))
try:
    torch.cat([x, 1])
except TypeError as e:
    print(e)

# %% max_and_min_with_a_tensor_are_elementwise
import torch
x = torch.tensor([-1., 2., 0.5])
print(torch.max(x, torch.zeros(3)), torch.min(x, other=torch.zeros(3)), x.max(torch.ones(3)))
out = torch.empty(3)
print(torch.max(x, torch.zeros(3), out=out) is out, out)
print(torch.max(x, 0), x.min(dim=0, keepdim=True))

# %% creation_keywords_and_type_names_in_errors
import torch
print(torch.arange(end=5), torch.arange(start=1, end=4, step=2), torch.linspace(start=0, end=1, steps=3))
print(torch.full(size=(2,), fill_value=1.5), torch.eye(n=2), torch.ones_like(input=torch.zeros(2)))
p = torch.nn.Parameter(torch.ones(2))
for call in (lambda: torch.arange(), lambda: torch.sum(p, foo=1), lambda: torch.sum(p, torch.Size([1]), torch.float32, 3)):
    try:
        call()
    except TypeError as e:
        print(str(e).splitlines()[0])
