# Linear algebra: matmul in all its shapes, mm, bmm, mv, dot, outer, with gradients.

# %% matmul_2d
import torch
a = torch.tensor([[1.0, 2.0], [3.0, 4.0]])
b = torch.tensor([[5.0, 6.0], [7.0, 8.0]])
print(a @ b)
print(torch.matmul(a, b), torch.mm(a, b))

# %% matmul_vector_cases
import torch
A = torch.tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
v = torch.tensor([1.0, 0.0, -1.0])
w = torch.tensor([2.0, 1.0])
print(A @ v, w @ A, v @ v)
print((A @ v).shape, (w @ A).shape, (v @ v).shape)

# %% matmul_batched_broadcast
import torch
a = torch.arange(12.0).reshape(2, 2, 3)
b = torch.arange(6.0).reshape(3, 2)
print(a @ b)
print((a @ b).shape)
print(torch.ones(4, 1, 2, 3).matmul(torch.ones(5, 3, 2)).shape)

# %% bmm_values
import torch
a = torch.arange(8.0).reshape(2, 2, 2)
b = torch.tensor([[[1.0, 0.0], [0.0, 1.0]], [[2.0, 0.0], [0.0, 2.0]]])
print(torch.bmm(a, b))

# %% mv_dot_outer
import torch
M = torch.tensor([[1.0, 2.0], [3.0, 4.0]])
v = torch.tensor([1.0, -1.0])
print(torch.mv(M, v), torch.dot(v, v), M.mv(v))
print(torch.outer(v, torch.tensor([1.0, 2.0, 3.0])))

# %% matmul_gradients
import torch
W = torch.tensor([[1.0, 2.0], [3.0, 4.0]], requires_grad=True)
x = torch.tensor([[1.0], [-1.0]], requires_grad=True)
y = W @ x
print(y.grad_fn.name())
y.sum().backward()
print(W.grad)
print(x.grad)

# %% dot_and_mv_grad_fn
import torch
a = torch.tensor([1.0, 2.0], requires_grad=True)
M = torch.tensor([[1.0, 0.0], [0.0, 2.0]], requires_grad=True)
d = torch.dot(a, a)
m = M.mv(a)
print(d.grad_fn.name(), m.grad_fn.name())
(d + m.sum()).backward()
print(a.grad, M.grad)

# %% batched_matmul_gradient
import torch
a = torch.ones(2, 2, 3, requires_grad=True)
b = torch.arange(6.0).reshape(3, 2).requires_grad_()
(a @ b).sum().backward()
print(a.grad)
print(b.grad)

# %% mm_shape_mismatch_error
import torch
a = torch.ones(2, 3)
b = torch.ones(2, 3)
try:
    a @ b
except RuntimeError as e:
    print(type(e).__name__, e)

# %% transpose_matmul_gram
import torch
X = torch.tensor([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]])
print(X.t() @ X)
print(X @ X.T)

# %% linear_layer_by_hand
import torch
x = torch.tensor([[1.0, 2.0, 3.0]])
W = torch.tensor([[0.1, 0.2, 0.3], [-0.1, -0.2, -0.3]], requires_grad=True)
b = torch.tensor([0.5, -0.5], requires_grad=True)
y = x @ W.t() + b
print(y)
y.pow(2).sum().backward()
print(W.grad, b.grad)
