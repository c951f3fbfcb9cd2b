# Indexing as NumPy and PyTorch do it (issue #10 item 6): range and list indices (makemore's
# logprobs[range(n), Yb]), bool lists, nested lists, tensors, None/... mixes, negative indices,
# setitem with broadcasting and a [1, n] value into an [n] slot, and PyTorch's IndexError texts.

# %% makemore_range_and_tensor
import torch
logprobs = torch.arange(15.).view(5, 3).log_softmax(1)
Yb = torch.tensor([0, 2, 1, 1, 0])
n = 5
print(logprobs[range(n), Yb])
print(-logprobs[torch.arange(n), Yb].mean())

# %% makemore_loss_gradient_through_range_index
import torch
w = torch.arange(15., requires_grad=True)
logits = w.view(5, 3)
Y = torch.tensor([0, 2, 1, 1, 0])
loss = -logits.log_softmax(1)[range(5), Y].mean()
loss.backward()
print(loss)
print(w.grad.view(5, 3))

# %% range_and_list_indices
import torch
v = torch.arange(5.)
print(v[range(2)], v[range(0, 5, 2)], v[range(4, -1, -2)])
print(v[[0, 2]], v[[-1, -2]], v[[1.0]], v[[]])
print(v[[True, False, True, False, True]], v[[True, 2]])

# %% nested_lists_are_tuples_of_indices
import torch
x = torch.arange(12.).view(3, 4)
print(x[[[0, 1], [2, 3]]])
print(x[([0, 1], [1, 2])], x[[0, 1], [1, 2]])
print(x[[slice(None), 1]])
print(x[[None, 1]].shape)
v = torch.arange(5.)
try:
    v[[[0, 1], [2, 3]]]
except IndexError as e:
    print(e)

# %% tensor_indices
import torch
x = torch.arange(12.).view(3, 4)
print(x[x > 5])
print(x[torch.tensor([True, False, True])])
print(x[torch.tensor([2, 0])])
print(x[torch.tensor([[0, 1], [2, 0]])].shape)
print(x[torch.tensor(1)], x[torch.tensor(1), torch.tensor(2)])
v = torch.arange(5.)
print(v[torch.tensor(1):torch.tensor(3)])

# %% zero_dim_integer_tensors_select_like_ints
import torch
w = torch.arange(6., requires_grad=True)
m = w.view(2, 3)
print(m[torch.tensor(1)].grad_fn.name(), m[torch.tensor(1), torch.tensor(0)].grad_fn.name())
print(m[torch.tensor([1])].grad_fn.name(), m[[1]].grad_fn.name())

# %% none_ellipsis_and_advanced_mixes
import torch
x = torch.arange(12.).view(3, 4)
print(x[None, ..., 1].shape, x[..., None].shape, x[None, [0, 1]].shape)
print(x[[0, 1], None, [1, 2]].shape)
print(x[1:, [0, 3]])
print(x[[0, 2], 1:3])
y = torch.zeros(2, 3, 4, 5)
print(y[[0, 1], :, [0, 1]].shape, y[:, [0, 1], :, [0, 1]].shape, y[..., [0, 1]].shape)
print(y[:, [[0], [1]], [0, 1]].shape)
print(v.shape if (v := x[True]) is not None else None, x[False].shape)

# PyTorch 2.x accepts int32 index tensors and says so: 'long, int, byte or bool' (1.13: 'long, byte or bool').
# 2.x golden: "IndexError index 5 is out of bounds for dimension 0 with size 5\nIndexError index 5 is out of bounds for dimension 0 with size 3\nIndexError index 3 is out of bounds for dimension 0 with size 3\nIndexError index -4 is out of bounds for dimension 0 with size 3\nIndexError index -4 is out of bounds for dimension 0 with size 3\nIndexError index 7 is out of bounds for dimension 0 with size 3\nIndexError too many indices for tensor of dimension 1\nIndexError too many indices for tensor of dimension 1\nIndexError The shape of the mask [2] at index 0 does not match the shape of the indexed tensor [3, 4] at index 0\nIndexError only integers, slices (`:`), ellipsis (`...`), None and long or byte Variables are valid indices (got float)\nIndexError tensors used as indices must be long, int, byte or bool tensors\nTypeError new(): invalid data type 'str'\n"
# %% index_errors_in_pytorchs_words
import torch
v = torch.arange(5.)
x = torch.arange(12.).view(3, 4)
for make in (
    lambda: v[5],
    lambda: torch.arange(3)[[5]],
    lambda: torch.arange(3)[torch.tensor([3])],
    lambda: torch.arange(3)[-4],
    lambda: torch.arange(3)[[-4]],
    lambda: x[torch.tensor(7)],
    lambda: v[0, 1],
    lambda: v[[0], [1]],
    lambda: x[torch.tensor([True, False])],
    lambda: v[1.5],
    lambda: v[torch.tensor([1.0])],
    lambda: v["a"],
):
    try:
        make()
    except (IndexError, TypeError, RuntimeError) as e:
        print(type(e).__name__, e)

# %% setitem_value_strips_leading_ones
import torch
a = torch.zeros(4); a[[0, 2]] = torch.tensor([[1., 2.]]); print(a)
a = torch.zeros(4); a[:] = torch.ones(1, 4); print(a)
a = torch.zeros(3, 4); a[1] = torch.arange(4.).view(1, 4); print(a)
a = torch.zeros(4); a[[0, 1]] = torch.ones(1, 1, 2); print(a)
a = torch.zeros(2, 2); a[...] = torch.tensor([[[1., 2.]]]); print(a)
a = torch.zeros(2, 3); a[[0, 1], [0, 1]] = torch.tensor([[5., 6.]]); print(a)
a = torch.zeros(2, 3); a[:, :] = torch.ones(1, 1, 3); print(a)
a = torch.zeros(2, 3); a[torch.tensor(1)] = torch.ones(1, 3); print(a)

# %% setitem_broadcasts
import torch
a = torch.zeros(3, 4); a[:, 1] = torch.tensor([1., 2., 3.]); print(a)
a = torch.zeros(3, 4); a[a == 0] = 5; print(a)
a = torch.zeros(3, 4); a[[0, 2]] = torch.tensor([1., 2., 3., 4.]); print(a)
a = torch.zeros(3); a[range(3)] = torch.tensor([7., 8., 9.]); print(a)
a = torch.zeros(2, 3); a[:, [0, 2]] = torch.tensor([[1., 2.], [3., 4.]]); print(a)
a = torch.zeros(3, dtype=torch.long); a[[0, 1]] = 2.7; print(a)
a = torch.zeros(5); a[[0, 0, 1]] = torch.tensor([1., 2., 3.]); print(a[1:])
a = torch.zeros(2, 3); a[[True, False]] = torch.tensor([1., 2., 3.]); print(a)

# %% setitem_errors
import torch
def attempt(assign):
    try:
        assign()
    except (IndexError, RuntimeError, TypeError) as e:
        print(type(e).__name__, e)
a = torch.zeros(2, 3)
attempt(lambda: a.__setitem__(0, torch.ones(2)))
attempt(lambda: a.__setitem__(([0, 1],), torch.ones(2, 1)))
attempt(lambda: a.__setitem__((0, slice(None)), torch.ones(3, 1)))
attempt(lambda: a.__setitem__(5, 1.0))
attempt(lambda: a.__setitem__([1, 7], 1.0))
attempt(lambda: a.__setitem__(slice(0, 2), [1, 2]))
attempt(lambda: a.__setitem__(0, "s"))

# %% setitem_records_index_put
import torch
w = torch.zeros(3, requires_grad=True)
b = w * 1
src = torch.tensor([[1., 2.]], requires_grad=True)
b[[0, 1]] = src
print(b.grad_fn.name())
b.sum().backward()
print(w.grad, src.grad)

# %% zero_dim_and_slice_edges
import torch
s = torch.tensor(3.)
print(s[()], s[None].shape, s[...], torch.arange(12.).view(3, 4)[()].shape)
v = torch.arange(5.)
print(v[2:100], v[-3:-1], v[[0] * 33].shape, v[torch.tensor(True)].shape)
for make in (lambda: s[0], lambda: v[::-1], lambda: v[::0], lambda: v[torch.tensor(1.):3]):
    try:
        make()
    except (IndexError, ValueError, TypeError) as e:
        print(type(e).__name__, e)

# %% setitem_edges
import torch
a = torch.zeros(4); a[[0, 0, 2]] += 1; print(a)
a = torch.zeros(2, 3); a[1][2] = 5; print(a)
a = torch.tensor(1.); a[...] = 5; print(a)
a = torch.tensor(1.); a[()] = torch.tensor([7.]); print(a)
a = torch.arange(6.).view(2, 3); a[a > 2] = torch.tensor([10., 20., 30.]); print(a)
a = torch.zeros(3); a[None] = torch.ones(1, 3); print(a)
a = torch.zeros(3); a[True] = 2; print(a)
a = torch.zeros(3); a[False] = 2; print(a)
a = torch.zeros(3, dtype=torch.long); a[1] = torch.tensor(2.5); print(a)
a = torch.zeros(3, 3); a[[0, 1, 2], [2, 1, 0]] = 1; print(a)
a = torch.zeros(3, 3); a[range(3), range(3)] = torch.tensor([1., 2., 3.]); print(a)
try:
    a = torch.arange(6.).view(2, 3); a[a > 2] = torch.tensor([10., 20.])
except RuntimeError as e:
    print(e)
try:
    w = torch.zeros(3, requires_grad=True); w[0] = 1
except RuntimeError as e:
    print(e)
