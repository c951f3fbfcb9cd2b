# The tangent of each op, float64 (explicit forward rules and ops that use the double-vjp rule).
import torch
import torch.nn.functional as F
import torch.autograd.forward_ad as fwAD

torch.manual_seed(0)
a = torch.randn(3, 4, dtype=torch.float64)
at = torch.randn(3, 4, dtype=torch.float64)
b = torch.rand(3, 4, dtype=torch.float64) + 0.5
bt = torch.randn(3, 4, dtype=torch.float64)
m = torch.randn(4, 2, dtype=torch.float64)
mt = torch.randn(4, 2, dtype=torch.float64)
torch.set_printoptions(precision=6)

ops = {
    "add": lambda x, y, w: x + 2 * y,
    "sub": lambda x, y, w: torch.sub(x, y, alpha=3),
    "rsub": lambda x, y, w: 1 - x,
    "mul": lambda x, y, w: x * y,
    "div": lambda x, y, w: x / y,
    "rdiv": lambda x, y, w: 2 / y,
    "neg": lambda x, y, w: -x,
    "exp": lambda x, y, w: x.exp(),
    "log": lambda x, y, w: y.log(),
    "sin": lambda x, y, w: x.sin(),
    "cos": lambda x, y, w: x.cos(),
    "tanh": lambda x, y, w: x.tanh(),
    "sigmoid": lambda x, y, w: x.sigmoid(),
    "relu": lambda x, y, w: x.relu(),
    "pow scalar": lambda x, y, w: x ** 3,
    "pow tensor": lambda x, y, w: y ** x,
    "scalar pow": lambda x, y, w: 2 ** x,
    "mm": lambda x, y, w: x @ w,
    "matmul": lambda x, y, w: torch.matmul(x[0], w),
    "sum": lambda x, y, w: x.sum(1),
    "mean": lambda x, y, w: x.mean(),
    "softmax": lambda x, y, w: x.softmax(1),
    "log_softmax": lambda x, y, w: F.log_softmax(x, 0),
    "sqrt": lambda x, y, w: y.sqrt(),
    "abs": lambda x, y, w: x.abs(),
    "clamp": lambda x, y, w: x.clamp(-0.5, 0.5),
    "where": lambda x, y, w: torch.where(x > 0, x, y),
    "max dim": lambda x, y, w: x.max(1).values,
    "amax": lambda x, y, w: x.amax(0),
    "prod": lambda x, y, w: y.prod(1),
    "cumsum": lambda x, y, w: x.cumsum(1),
    "var": lambda x, y, w: x.var(1),
    "std": lambda x, y, w: x.std(),
    "norm": lambda x, y, w: x.norm(),
    "logsumexp": lambda x, y, w: x.logsumexp(1),
    "gather": lambda x, y, w: x.gather(1, torch.tensor([[0], [3], [1]])),
    "linear": lambda x, y, w: F.linear(x, w.t(), w[0]),
    "gelu": lambda x, y, w: F.gelu(x),
    "silu": lambda x, y, w: F.silu(x),
    "leaky_relu": lambda x, y, w: F.leaky_relu(x, 0.1),
    "layer_norm": lambda x, y, w: F.layer_norm(x, (4,)),
    "mse_loss": lambda x, y, w: F.mse_loss(x, y),
    "cross_entropy": lambda x, y, w: F.cross_entropy(x, torch.tensor([0, 3, 1])),
    "maximum": lambda x, y, w: torch.maximum(x, y),
    "square": lambda x, y, w: x.square(),
    "erf": lambda x, y, w: x.erf(),
}
for name, fn in ops.items():
    with fwAD.dual_level():
        x = fwAD.make_dual(a, at)
        y = fwAD.make_dual(b, bt)
        w = fwAD.make_dual(m, mt)
        out = fn(x, y, w)
        print(name, fwAD.unpack_dual(out).tangent)
