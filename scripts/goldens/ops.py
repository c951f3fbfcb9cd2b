"""Writes engine/test/goldens/ops.json: PyTorch's answers for every op-table op.

Run with Debian's Python (the one with torch): /usr/bin/python3 scripts/goldens/ops.py
Each case lists the engine call (op name + positional args in our signature order), and records
PyTorch's forward values, dtype, shape, grad_fn name and the inputs' gradients for a fixed
upstream gradient. Where PyTorch 1.13 (installed here) names a grad_fn differently from 2.x, the
case carries the 2.x name (the project follows 2.x).
"""
import json
import math
import os

import torch

torch.manual_seed(0)
OUT = os.path.join(os.path.dirname(__file__), "..", "..", "engine", "test", "goldens", "ops.json")
DT = {"float32": torch.float32, "float64": torch.float64, "int64": torch.int64, "int32": torch.int32, "bool": torch.bool}


def vals(shape, lo=-2.0, hi=2.0, dtype="float32"):
    n = math.prod(shape)
    if dtype == "bool":
        return [bool((i * 7 + 3) % 3 == 0) for i in range(n)]
    if dtype in ("int64", "int32"):
        return [int((i * 5 + 1) % 7 - 3) for i in range(n)]
    r = torch.rand(n, dtype=torch.float64) * (hi - lo) + lo
    return [round(float(v), 4) for v in r]


def T(shape, dtype="float32", grad=None, lo=-2.0, hi=2.0, transform=None, values=None):
    """A tensor argument. transform 't' stores the transpose; 'step2' a [..., ::2] slice (both non-contiguous leaves)."""
    if grad is None:
        grad = dtype in ("float32", "float64")
    base_shape = list(shape)
    if transform == "t":
        base_shape = list(reversed(shape))
    elif transform == "step2":
        base_shape = list(shape[:-1]) + [shape[-1] * 2]
    v = values if values is not None else vals(base_shape, lo, hi, dtype)
    return {"tensor": {"values": v, "shape": base_shape, "dtype": dtype, "requiresGrad": grad, "transform": transform}}


def S(value, dtype=None):
    """A Python scalar (wrapped number)."""
    if dtype is None:
        dtype = "bool" if isinstance(value, bool) else "int64" if isinstance(value, int) else "float64"
    return {"scalar": value, "dtype": dtype}


def V(value):
    """A plain argument (int, list of ints, bool, dtype name, None)."""
    return {"value": value}


def L(*specs):
    """A list of tensors (cat/stack)."""
    return {"list": list(specs)}


def build(spec):
    if "list" in spec:
        return [build(s) for s in spec["list"]]
    if "tensor" in spec:
        s = spec["tensor"]
        t = torch.tensor(s["values"], dtype=DT[s["dtype"]]).reshape(s["shape"])
        if s["transform"] == "t":
            t = t.t()
        elif s["transform"] == "step2":
            t = t[..., ::2]
        if s["requiresGrad"]:
            t = t.detach().requires_grad_()
        return t
    if "scalar" in spec:
        return spec["scalar"]
    v = spec["value"]
    return DT[v] if isinstance(v, str) and v in DT else v


def upstream(shape, dtype):
    n = math.prod(shape)
    return [((i % 7) * 0.25 - 0.5) for i in range(n)]


def flat(t):
    return t.detach().reshape(-1).tolist() if t.dtype != torch.bool else [int(b) for b in t.reshape(-1).tolist()]


CASES = []


def case(op, args, fn, note="", grad_fn=None):
    CASES.append((op, args, fn, note, grad_fn))


def binary(op, fn):
    case(op, [T([2, 3]), T([2, 3])], fn, "same shape")
    case(op, [T([2, 3]), T([3])], fn, "broadcast row")
    case(op, [T([3, 1]), T([1, 4])], fn, "broadcast both")
    case(op, [T([2, 3]), S(2.5)], fn, "float scalar")
    case(op, [T([2, 3]), S(2)], fn, "int scalar")
    case(op, [T([]), T([3])], fn, "0-d with 1-d")
    case(op, [T([2, 3], transform="t"), T([2, 3])], fn, "non-contiguous t()")
    case(op, [T([2, 3], transform="step2"), T([3])], fn, "non-contiguous slice")
    case(op, [T([2, 3], "int64"), T([2, 3], "int64")], fn, "int64")
    case(op, [T([3], "int64"), S(1.5)], fn, "int64 tensor, float scalar")
    case(op, [T([3]), T([3], "float64")], fn, "float32 with float64")
    case(op, [T([3]), T([], "float64")], fn, "float32 with 0-d float64")


binary("add", lambda a, b: torch.add(a, b))
case("add", [T([2, 3]), T([3]), S(2)], lambda a, b, al: torch.add(a, b, alpha=al), "alpha")
binary("sub", lambda a, b: torch.sub(a, b))
case("sub", [T([2, 3]), T([2, 3]), S(3)], lambda a, b, al: torch.sub(a, b, alpha=al), "alpha")
binary("mul", lambda a, b: a * b)
case("mul", [T([3], "bool"), T([3], "bool")], lambda a, b: a * b, "bool")
binary("div", lambda a, b: a / b)
case("div", [T([3], "int64"), T([3], "int64", values=[2, 4, 5])], lambda a, b: a / b, "int/int is float32")
case("rsub", [T([2, 3]), S(2)], lambda a, s: s - a, "2 - x")
case("rsub", [T([2, 3]), T([3])], lambda a, b: torch.rsub(a, b), "tensors")

for name, fn, lo, hi in [
    ("neg", torch.neg, -2, 2), ("exp", torch.exp, -2, 2), ("log", torch.log, 0.1, 3), ("sqrt", torch.sqrt, 0.1, 3),
    ("tanh", torch.tanh, -2, 2), ("sigmoid", torch.sigmoid, -3, 3), ("relu", torch.relu, -2, 2), ("abs", torch.abs, -2, 2),
    ("reciprocal", torch.reciprocal, 0.5, 3), ("sign", torch.sign, -2, 2),
]:
    case(name, [T([2, 3], lo=lo, hi=hi)], fn)
    case(name, [T([], lo=lo, hi=hi)], fn, "0-d")
    case(name, [T([2, 3], lo=lo, hi=hi, transform="t")], fn, "non-contiguous")
    case(name, [T([4], "float64", lo=lo, hi=hi)], fn, "float64")
for name, fn in [("exp", torch.exp), ("relu", torch.relu), ("abs", torch.abs), ("neg", torch.neg), ("sqrt", torch.sqrt)]:
    case(name, [T([4], "int64", values=[1, 2, 3, 4])], fn, "int64")

case("pow", [T([2, 3]), S(2)], lambda a, e: a ** e, "x**2")
case("pow", [T([2, 3], lo=0.2, hi=2), S(0.5)], lambda a, e: a ** e, "x**0.5")
case("pow", [T([2, 3], lo=0.2, hi=2), S(-1.5)], lambda a, e: a ** e, "x**-1.5")
case("pow", [T([2, 3], lo=0.2, hi=2), T([2, 3], lo=-1, hi=2)], lambda a, e: a ** e, "x**y", )
case("pow", [T([2, 3], lo=0.2, hi=2), T([3], lo=-1, hi=2)], lambda a, e: a ** e, "x**y broadcast")
case("pow", [S(2), T([2, 3])], lambda s, e: s ** e, "2**x", grad_fn="PowBackward2")
case("pow", [T([3], "int64", values=[1, 2, 3]), S(2)], lambda a, e: a ** e, "int64**2")

case("clamp", [T([2, 3]), S(0), V(None)], lambda a, lo, hi: a.clamp(min=lo), "min", grad_fn="ClampMinBackward0")
case("clamp", [T([2, 3]), V(None), S(0.5)], lambda a, lo, hi: a.clamp(max=hi), "max", grad_fn="ClampMaxBackward0")
case("clamp", [T([2, 3]), S(-0.5), S(0.5)], lambda a, lo, hi: a.clamp(lo, hi), "min and max")

for name, fn in [("sum", torch.sum), ("mean", torch.mean)]:
    case(name, [T([2, 3])], lambda a, fn=fn: fn(a), "all")
    case(name, [T([2, 3]), V([0])], lambda a, d, fn=fn: fn(a, d), "dim 0")
    case(name, [T([2, 3]), V([1]), V(True)], lambda a, d, k, fn=fn: fn(a, d, keepdim=k), "dim 1 keepdim")
    case(name, [T([2, 3, 4]), V([0, 2])], lambda a, d, fn=fn: fn(a, d), "dims 0,2")
    case(name, [T([2, 3, 4]), V([-1])], lambda a, d, fn=fn: fn(a, d), "dim -1")
    case(name, [T([3, 2], transform="t"), V([1])], lambda a, d, fn=fn: fn(a, d), "non-contiguous")
    case(name, [T([])], lambda a, fn=fn: fn(a), "0-d")
case("sum", [T([2, 3], "int64")], lambda a: a.sum(), "int64")
case("sum", [T([2, 3], "bool")], lambda a: a.sum(), "bool counts")
case("sum", [T([2, 3], "int64"), V([1])], lambda a, d: a.sum(d), "int64 dim")

case("matmul", [T([3]), T([3])], torch.matmul, "1-D . 1-D")
case("matmul", [T([2, 3]), T([3])], torch.matmul, "2-D @ 1-D")
case("matmul", [T([3]), T([3, 2])], torch.matmul, "1-D @ 2-D", grad_fn="SqueezeBackward4")
case("matmul", [T([2, 3]), T([3, 4])], torch.matmul, "2-D @ 2-D")
case("matmul", [T([2, 3], transform="t"), T([3, 4])], torch.matmul, "non-contiguous")
case("matmul", [T([2, 2, 3]), T([2, 3, 4])], torch.matmul, "batched")
case("matmul", [T([2, 2, 3]), T([3, 4])], torch.matmul, "3-D @ 2-D")
case("matmul", [T([2, 1, 2, 3]), T([3, 3, 2])], torch.matmul, "broadcast batch")
case("matmul", [T([2, 3], "int64"), T([3, 2], "int64")], torch.matmul, "int64")
case("mm", [T([2, 3]), T([3, 4])], torch.mm)
case("mm", [T([2, 3], "float64"), T([3, 2], "float64")], torch.mm, "float64")
case("mv", [T([2, 3]), T([3])], torch.mv)
case("dot", [T([4]), T([4])], torch.dot)
case("bmm", [T([2, 2, 3]), T([2, 3, 2])], torch.bmm)

for name in ["eq", "ne", "lt", "le", "gt", "ge"]:
    fn = getattr(torch, name)
    case(name, [T([2, 3]), T([3])], fn, "broadcast")
    case(name, [T([2, 3]), S(0.5)], fn, "scalar")
    case(name, [T([3], "int64"), S(1)], fn, "int64")
    case(name, [T([3], values=[0.1, 0.2, 0.3]), S(0.1)], fn, "float32 against a float scalar")
case("logical_and", [T([4], "bool"), T([4], "bool", values=[True, False, True, True])], torch.logical_and)
case("logical_not", [T([4], "bool")], torch.logical_not)

case("where", [T([2, 3], "bool"), T([2, 3]), T([2, 3])], torch.where, "tensors")
case("where", [T([2, 3], "bool"), T([2, 3]), S(0.0)], torch.where, "scalar other")
case("where", [T([2, 3], "bool"), T([3]), T([2, 1])], torch.where, "broadcast")
case("masked_fill", [T([2, 3]), T([2, 3], "bool"), S(0.0)], lambda a, m, v: a.masked_fill(m, v), "scalar value")
case("masked_fill", [T([2, 3]), T([3], "bool"), T([])], lambda a, m, v: a.masked_fill(m, v), "tensor value")

case("view", [T([2, 3]), V([3, 2])], lambda a, s: a.view(s))
case("view", [T([2, 3]), V([-1])], lambda a, s: a.view(s), "infer -1")
case("reshape", [T([2, 3]), V([3, 2])], lambda a, s: a.reshape(s), "viewable", grad_fn="ViewBackward0")
case("reshape", [T([2, 3], transform="t"), V([6])], lambda a, s: a.reshape(s), "copy needed")
case("t", [T([2, 3])], torch.t)
case("t", [T([3])], torch.t, "1-D")
case("transpose", [T([2, 3, 4]), V(0), V(2)], torch.transpose)
case("permute", [T([2, 3, 4]), V([2, 0, 1])], lambda a, d: a.permute(d))
case("unsqueeze", [T([2, 3]), V(1)], torch.unsqueeze)
case("unsqueeze", [T([2, 3]), V(-1)], torch.unsqueeze, "negative dim")
case("squeeze", [T([2, 1, 3, 1])], torch.squeeze, "all")
case("squeeze", [T([2, 1, 3]), V(1)], torch.squeeze, "dim")
case("expand", [T([3, 1]), V([2, 3, 4])], lambda a, s: a.expand(s))
case("expand", [T([3, 1]), V([-1, 4])], lambda a, s: a.expand(s), "-1 keeps")
case("clone", [T([2, 3], transform="t")], torch.clone)
case("contiguous", [T([2, 3], transform="t")], lambda a: a.contiguous(), "non-contiguous", grad_fn="CloneBackward0")
case("to", [T([2, 3]), V("float64")], lambda a, d: a.to(d))
case("to", [T([2, 3]), V("int64")], lambda a, d: a.to(d), "to int64")
case("to", [T([3], "int64"), V("float32")], lambda a, d: a.to(d), "int to float")
case("select", [T([2, 3]), V(1), V(-1)], torch.select)
case("slice", [T([4, 3]), V(0), V(1), V(4), V(2)], lambda a, d, s, e, st: a[s:e:st])

# --- the wider op set -------------------------------------------------------------------------
for name, fn, lo, hi in [
    ("sin", torch.sin, -2, 2), ("cos", torch.cos, -2, 2), ("rsqrt", torch.rsqrt, 0.2, 3), ("log1p", torch.log1p, -0.5, 2),
    ("expm1", torch.expm1, -2, 2), ("log2", torch.log2, 0.2, 3), ("log10", torch.log10, 0.2, 3), ("erf", torch.erf, -2, 2),
    ("floor", torch.floor, -3, 3), ("ceil", torch.ceil, -3, 3), ("trunc", torch.trunc, -3, 3),
]:
    case(name, [T([2, 3], lo=lo, hi=hi)], fn)
    case(name, [T([3], "float64", lo=lo, hi=hi)], fn, "float64")
case("round", [T([6], values=[0.5, 1.5, 2.5, -0.5, -1.5, 2.4])], torch.round, "halves to even")
case("square", [T([2, 3])], torch.square)
case("isnan", [T([3], values=[1.0, 2.0, 3.0])], torch.isnan)
case("maximum", [T([2, 3]), T([3])], torch.maximum)
case("maximum", [T([4], values=[1.0, 2.0, 3.0, 4.0]), T([4], values=[1.0, 3.0, 3.0, 0.0])], torch.maximum, "ties split the gradient")
case("minimum", [T([2, 3]), T([2, 1])], torch.minimum)
case("floor_divide", [T([4], "int64", values=[7, -7, 7, -7]), T([4], "int64", values=[2, 2, -2, -2])], torch.floor_divide, "int64 signs")
case("floor_divide", [T([3], grad=False), S(0.5)], torch.floor_divide, "float")
case("remainder", [T([4], "int64", values=[7, -7, 7, -7]), T([4], "int64", values=[3, 3, -3, -3])], torch.remainder, "int64 signs")
case("remainder", [T([2, 3]), S(0.75)], torch.remainder, "float")
case("bitwise_and", [T([4], "bool"), T([4], "bool", values=[True, True, False, True])], torch.bitwise_and, "bool")
case("bitwise_or", [T([4], "int64"), T([4], "int64", values=[1, 2, 3, 4])], torch.bitwise_or, "int64")
case("logical_xor", [T([4], "bool"), T([4], "bool", values=[True, True, False, True])], torch.logical_xor)

case("max", [T([2, 3])], torch.max, "all")
case("max", [T([4], values=[1.0, 3.0, 3.0, 0.0])], torch.max, "ties share")
case("max", [T([2, 3]), V(1)], lambda a, d: a.max(d).values, "dim (values)")
case("max", [T([2, 3]), V(0), V(True)], lambda a, d, k: a.max(d, keepdim=k).values, "dim keepdim")
case("min", [T([2, 3]), V(1)], lambda a, d: a.min(d).values, "dim (values)")
case("min", [T([3, 2])], torch.min, "all")
case("amax", [T([2, 3, 2]), V([0, 2])], lambda a, d: torch.amax(a, d), "dims")
case("amin", [T([2, 3]), V([1]), V(True)], lambda a, d, k: torch.amin(a, d, keepdim=k), "keepdim")
case("argmax", [T([2, 3]), V(1)], lambda a, d: a.argmax(d), "dim")
case("argmax", [T([2, 3])], lambda a: a.argmax(), "all")
case("argmin", [T([2, 3]), V(0), V(True)], lambda a, d, k: a.argmin(d, keepdim=k), "keepdim")
case("prod", [T([2, 3])], torch.prod, "all")
case("prod", [T([2, 3]), V(1)], lambda a, d: a.prod(d), "dim")
case("prod", [T([4], values=[2.0, 0.0, 3.0, 4.0])], torch.prod, "with a zero")
case("prod", [T([3], "int64", values=[2, 3, 4])], torch.prod, "int64")
case("var", [T([2, 3])], torch.var, "all")
case("var", [T([2, 3]), V([1]), V(False)], lambda a, d, u: a.var(d, unbiased=u), "dim biased")
case("std", [T([2, 3])], torch.std, "all")
case("std", [T([2, 3]), V([0]), V(True), V(True)], lambda a, d, u, k: a.std(d, unbiased=u, keepdim=k), "dim keepdim")
case("norm", [T([2, 3])], lambda a: a.norm(), "2-norm", grad_fn="LinalgVectorNormBackward0")
case("norm", [T([2, 3]), S(1), V([1])], lambda a, p, d: a.norm(p, d), "1-norm dim", grad_fn="LinalgVectorNormBackward0")
case("norm", [T([2, 3]), S(3), V([0]), V(True)], lambda a, p, d, k: a.norm(p, d, keepdim=k), "3-norm", grad_fn="LinalgVectorNormBackward0")
case("logsumexp", [T([2, 3]), V([1])], lambda a, d: torch.logsumexp(a, d), "dim")
case("cumsum", [T([2, 3]), V(1)], lambda a, d: torch.cumsum(a, d), "dim 1")
case("cumsum", [T([3], "int64"), V(0)], lambda a, d: torch.cumsum(a, d), "int64")

case("cat", [L(T([2, 3]), T([1, 3])), V(0)], lambda ts, d: torch.cat(ts, d), "dim 0")
case("cat", [L(T([2, 1]), T([2, 2]), T([2, 3])), V(1)], lambda ts, d: torch.cat(ts, d), "dim 1, three pieces")
case("cat", [L(T([2]), T([3], "float64")), V(0)], lambda ts, d: torch.cat(ts, d), "promotes")
case("stack", [L(T([2, 3]), T([2, 3])), V(1)], lambda ts, d: torch.stack(ts, d), "dim 1")
case("flatten", [T([2, 3, 2])], torch.flatten, grad_fn="ViewBackward0")
case("flatten", [T([2, 3, 2]), V(1)], lambda a, s: torch.flatten(a, s), "from dim 1", grad_fn="ViewBackward0")
case("repeat", [T([2, 3]), V([2, 1])], lambda a, r: a.repeat(r))
case("repeat", [T([3]), V([2, 2])], lambda a, r: a.repeat(r), "adds a dim")
case("flip", [T([2, 3]), V([0, 1])], torch.flip)
case("gather", [T([3, 4]), V(1), T([3, 2], "int64", values=[0, 3, 1, 1, 2, 0])], torch.gather)
case("scatter_add", [T([3, 4]), V(1), T([3, 2], "int64", values=[0, 3, 1, 1, 2, 0]), T([3, 2])], lambda a, d, i, s: a.scatter_add(d, i, s))
case("narrow", [T([4, 3]), V(0), V(1), V(2)], torch.narrow, grad_fn="SliceBackward0")

case("addmm", [T([3]), T([2, 4]), T([4, 3])], torch.addmm)
case("addmm", [T([2, 3]), T([2, 4]), T([4, 3]), S(0.5), S(2)], lambda c, a, b, be, al: torch.addmm(c, a, b, beta=be, alpha=al), "beta alpha")
case("linear", [T([2, 3]), T([4, 3]), T([4])], torch.nn.functional.linear, "2-D with bias")
case("linear", [T([3]), T([4, 3])], torch.nn.functional.linear, "1-D without bias", grad_fn="SqueezeBackward4")
F = torch.nn.functional
case("leaky_relu", [T([2, 3]), S(0.1)], F.leaky_relu)
case("hardtanh", [T([2, 3]), S(-0.5), S(0.5)], F.hardtanh)
case("elu", [T([2, 3]), S(1.0)], F.elu)
case("gelu", [T([2, 3]), V("none")], lambda a, ap: F.gelu(a, approximate=ap))
case("gelu", [T([2, 3]), V("tanh")], lambda a, ap: F.gelu(a, approximate=ap), "tanh")
case("silu", [T([2, 3])], F.silu)
case("softplus", [T([2, 3]), S(2), S(1)], F.softplus, "beta threshold")
case("softmax", [T([2, 3]), V(1)], lambda a, d: F.softmax(a, d))
case("softmax", [T([2, 3]), V(0)], lambda a, d: F.softmax(a, d), "dim 0")
case("log_softmax", [T([2, 3]), V(1)], lambda a, d: F.log_softmax(a, d))
case("layer_norm", [T([2, 3]), V([3]), T([3]), T([3])], lambda x, s, w, b: F.layer_norm(x, s, w, b), "affine")
case("layer_norm", [T([2, 2, 3]), V([2, 3])], lambda x, s: F.layer_norm(x, s), "two dims, no affine")
case("embedding", [T([5, 3]), T([4], "int64", values=[1, 3, 1, 0])], lambda w, i: F.embedding(i, w), "repeated rows add")
case("embedding", [T([5, 3]), T([2, 2], "int64", values=[1, 2, 1, 0]), V(1)], lambda w, i, p: F.embedding(i, w, padding_idx=p), "padding_idx")
case("one_hot", [T([4], "int64", values=[0, 2, 1, 2])], F.one_hot)
case("mse_loss", [T([2, 3]), T([2, 3])], F.mse_loss)
case("mse_loss", [T([2, 3]), T([2, 3]), V("sum")], lambda a, b, r: F.mse_loss(a, b, reduction=r), "sum")
case("mse_loss", [T([2, 3]), T([2, 3]), V("none")], lambda a, b, r: F.mse_loss(a, b, reduction=r), "none")
case("l1_loss", [T([2, 3]), T([2, 3])], F.l1_loss, grad_fn="MeanBackward0")
case("smooth_l1_loss", [T([2, 3], lo=-3, hi=3), T([2, 3])], F.smooth_l1_loss)
case("smooth_l1_loss", [T([2, 3], lo=-3, hi=3), T([2, 3]), V("sum"), V(0.5)], lambda a, b, r, be: F.smooth_l1_loss(a, b, reduction=r, beta=be), "sum beta")
case("nll_loss", [T([3, 4]), T([3], "int64", values=[1, 0, 3])], F.nll_loss)
case("nll_loss", [T([3, 4]), T([3], "int64", values=[1, 0, 3]), T([4], lo=0.5, hi=2, grad=False), V("mean")],
     lambda x, t, w, r: F.nll_loss(x, t, weight=w, reduction=r), "weighted mean")
case("nll_loss", [T([3, 4]), T([3], "int64", values=[1, -100, 3]), V(None), V("none"), V(-100)],
     lambda x, t, w, r, ig: F.nll_loss(x, t, reduction=r, ignore_index=ig), "none with ignored")
case("binary_cross_entropy", [T([2, 3], lo=0.05, hi=0.95), T([2, 3], lo=0, hi=1, grad=False)], F.binary_cross_entropy)
case("binary_cross_entropy_with_logits", [T([2, 3]), T([2, 3], lo=0, hi=1, grad=False)], F.binary_cross_entropy_with_logits)
case("binary_cross_entropy_with_logits", [T([2, 3]), T([2, 3], lo=0, hi=1, grad=False), V(None), T([3], lo=0.5, hi=2, grad=False), V("sum")],
     lambda x, t, w, pw, r: F.binary_cross_entropy_with_logits(x, t, pos_weight=pw, reduction=r), "pos_weight sum")

case("lerp", [T([2, 3]), T([2, 3]), S(0.3)], torch.lerp, "scalar weight")
case("lerp", [T([2, 3]), T([3]), T([2, 3], lo=0, hi=1)], torch.lerp, "tensor weight")
case("addcmul", [T([2, 3]), T([2, 3]), T([3]), S(0.5)], lambda a, b, c, v: torch.addcmul(a, b, c, value=v))
case("addcdiv", [T([2, 3]), T([2, 3]), T([3], lo=0.5, hi=2), S(-2)], lambda a, b, c, v: torch.addcdiv(a, b, c, value=v))
case("outer", [T([3]), T([2])], torch.outer, grad_fn="MulBackward0")
case("index_select", [T([3, 4]), V(1), T([3], "int64", values=[3, 0, 3])], torch.index_select)
case("sort", [T([2, 4]), V(1), V(True)], lambda a, d, desc: torch.sort(a, d, descending=desc).values)
case("sort", [T([5], values=[3.0, 1.0, 2.0, 1.0, 0.5])], lambda a: torch.sort(a).values, "ties are stable")
case("topk", [T([2, 4]), V(2)], lambda a, k: torch.topk(a, k).values)
case("clip", [T([2, 3]), S(-0.5), S(0.5)], torch.clip, grad_fn="ClampBackward1")
case("clamp_min", [T([2, 3]), S(0.0)], torch.clamp_min, grad_fn="ClampMinBackward0")
case("cross_entropy", [T([3, 4]), T([3], "int64", values=[1, 0, 3])], F.cross_entropy, "class indices")
case("cross_entropy", [T([3, 4]), T([3, 4], lo=0, hi=1, grad=False)], F.cross_entropy, "probabilities")
case("cross_entropy", [T([3, 4]), T([3], "int64", values=[1, 0, 3]), V(None), V("mean"), V(-100), V(0.1)],
     lambda x, t, w, r, ig, ls: F.cross_entropy(x, t, reduction=r, label_smoothing=ls), "label smoothing")

# Indexing: items as IndexItem JSON; the engine's index()/indexPut_().
# Classic nn ops (conv, pooling, batch norm) draw from their own seed, so the cases above and the
# indexing cases below keep their values. float32 convolutions: PyTorch's slow path (batch 1, small
# kernels) sums like our gemm, bit for bit; mkldnn (batch > 1) sums in its own blocked order, so
# those agree to float32 rounding only.
_rng_before_classic = torch.get_rng_state()
torch.manual_seed(1013)
_conv = lambda x, w, b, s, p, d, t, op, g: torch.convolution(x, w, b, s, p, d, t, op, g)  # noqa: E731
case("convolution", [T([2, 3, 5, 5]), T([4, 3, 3, 3]), T([4]), V([1, 1]), V([0, 0]), V([1, 1]), V(False), V([0, 0]), V(1)], _conv, "2-D with bias")
case("convolution", [T([1, 3, 5, 5]), T([4, 3, 3, 3]), T([4]), V([1, 1]), V([1, 1]), V([1, 1]), V(False), V([0, 0]), V(1)], _conv, "batch of one, padded (PyTorch's slow path)")
case("convolution", [T([1, 4, 6, 5]), T([6, 2, 2, 3]), V(None), V([2, 1]), V([1, 2]), V([2, 1]), V(False), V([0, 0]), V(2)], _conv,
     "strided, padded, dilated, 2 groups, no bias")
case("convolution", [T([2, 2, 7]), T([3, 2, 3]), T([3]), V([2]), V([1]), V([1]), V(False), V([0]), V(1)], _conv, "1-D")
case("convolution", [T([1, 2, 4, 4], "float64"), T([2, 2, 2, 2], "float64"), T([2], "float64"), V([1, 1]), V([0, 0]), V([1, 1]), V(False), V([0, 0]), V(1)],
     _conv, "float64")
case("im2col", [T([2, 2, 4, 5]), V([2, 3]), V([1, 1]), V([1, 0]), V([2, 1])], lambda x, k, d, p, s: F.unfold(x, k, d, p, s), "F.unfold")
case("col2im", [T([2, 8, 6]), V([4, 5]), V([2, 2]), V([1, 1]), V([0, 0]), V([1, 2])], lambda x, o, k, d, p, s: F.fold(x, o, k, d, p, s), "F.fold")
case("max_pool2d_with_indices", [T([2, 2, 4, 4]), V([2, 2])], lambda x, k: F.max_pool2d(x, k), "2x2")
case("max_pool2d_with_indices", [T([1, 2, 5, 6]), V([3, 2]), V([2, 2]), V([1, 1]), V([1, 2]), V(True)],
     lambda x, k, s, p, d, c: F.max_pool2d(x, k, s, p, d, c), "padded, dilated, ceil_mode")
case("max_pool2d_with_indices", [T([2, 5, 5]), V([3, 3]), V([2, 2])], lambda x, k, s: F.max_pool2d(x, k, s), "unbatched, overlapping windows")
case("avg_pool2d", [T([2, 2, 4, 4]), V([2, 2])], lambda x, k: F.avg_pool2d(x, k), "2x2")
case("avg_pool2d", [T([1, 2, 6, 5]), V([3, 3]), V([2, 2]), V([1, 1]), V(True), V(False)],
     lambda x, k, s, p, c, i: F.avg_pool2d(x, k, s, p, c, i), "padded, ceil_mode, padding not counted")
case("avg_pool2d", [T([1, 2, 5, 5]), V([3, 3]), V([2, 2]), V([1, 1]), V(True), V(True)],
     lambda x, k, s, p, c, i: F.avg_pool2d(x, k, s, p, c, i), "padded, ceil_mode, padding counted")
case("avg_pool2d", [T([1, 1, 4, 4]), V([2, 2]), V([1, 1]), V([0, 0]), V(False), V(True), V(3)],
     lambda x, k, s, p, c, i, dv: F.avg_pool2d(x, k, s, p, c, i, dv), "divisor_override")
_bn = lambda x, w, b, rm, rv, t, m, e: F.batch_norm(x, rm, rv, w, b, t, m, e)  # noqa: E731
case("native_batch_norm", [T([4, 3]), T([3]), T([3]), V(None), V(None), V(True), V(0.1), V(1e-5)], _bn, "training, 2-D, affine")
case("native_batch_norm", [T([2, 3, 2, 2]), T([3]), T([3]), T([3], grad=False), T([3], lo=0.5, hi=2, grad=False), V(True), V(0.1), V(1e-5)],
     _bn, "training, 4-D, running stats")
case("native_batch_norm", [T([3, 2, 4]), V(None), V(None), V(None), V(None), V(True), V(0.1), V(1e-3)], _bn, "training, 3-D, no affine")
case("native_batch_norm", [T([2, 3, 2, 2]), T([3]), T([3]), T([3], grad=False), T([3], lo=0.5, hi=2, grad=False), V(False), V(0.1), V(1e-5)],
     _bn, "eval")
case("_adaptive_avg_pool2d", [T([2, 2, 5, 7]), V([3, 4])], lambda x, s: F.adaptive_avg_pool2d(x, s), "uneven windows")
case("adaptive_max_pool2d", [T([2, 5, 7]), V([3, 4])], lambda x, s: F.adaptive_max_pool2d(x, s), "unbatched, uneven windows")
torch.set_rng_state(_rng_before_classic)

INDEX_CASES = []


def I(kind, **kw):
    return {"kind": kind, **kw}


def idx_case(shape, items, key_fn, note, value=None):
    INDEX_CASES.append((shape, items, key_fn, note, value))


def mask_items(shape):
    m = [bool(i % 2) for i in range(math.prod(shape))]
    return m


idx_case([3, 4], [I("int", index=1)], lambda: (1,), "int")
idx_case([3, 4], [I("int", index=-1), I("int", index=2)], lambda: (-1, 2), "two ints")
idx_case([3, 4], [I("slice", start=1, stop=None, step=None)], lambda: (slice(1, None),), "slice")
idx_case([3, 4], [I("ellipsis"), I("slice", start=None, stop=None, step=2)], lambda: (Ellipsis, slice(None, None, 2)), "ellipsis + step")
idx_case([3, 4], [I("none"), I("int", index=0)], lambda: (None, 0), "None then int")
idx_case([3, 4], [I("tensor", tensor=T([2], "int64", values=[2, 0]))], None, "int64 index")
idx_case([3, 4], [I("slice"), I("tensor", tensor=T([3], "int64", values=[3, 3, 1]))], None, "slice then index")
idx_case([3, 4], [I("tensor", tensor=T([2], "int64", values=[0, 2])), I("tensor", tensor=T([2], "int64", values=[1, 3]))], None, "two indices")
idx_case([2, 3, 4], [I("tensor", tensor=T([2], "int64", values=[0, 1])), I("slice"), I("tensor", tensor=T([2], "int64", values=[1, 3]))], None, "separated indices")
idx_case([3, 4], [I("tensor", tensor=T([3, 4], "bool", values=mask_items([3, 4])))], None, "bool mask")
idx_case([3, 4], [I("tensor", tensor=T([3], "bool", values=[True, False, True]))], None, "row mask")
idx_case([3, 4], [I("tensor", tensor=T([2], "int64", values=[1, 1]))], None, "repeated index (grads add)")
idx_case([3, 4], [I("tensor", tensor=T([3, 4], "bool", values=mask_items([3, 4])))], None, "put scalar through mask", value=S(0.0))
idx_case([3, 4], [I("int", index=1)], None, "put row", value=T([4]))
idx_case([3, 4], [I("tensor", tensor=T([2], "int64", values=[2, 0]))], None, "put rows by index", value=T([4]))
idx_case([3, 4], [I("slice", start=None, stop=None, step=2), I("int", index=0)], None, "put into strided column", value=S(5.0))


# hypot's tensors have explicit values: they draw nothing from the random stream that every other
# case (and the indexing cases, built in main) reads.
_HA = [3.0, -1.25, 0.5, -2.0, 1.5, 0.75]
case("hypot", [T([2, 3], values=_HA), T([3], values=[4.0, -0.5, 1.0])], torch.hypot, "broadcast")
case("hypot", [T([3], "float64", values=[0.0, -4.0, 1e200]), T([3], "float64", values=[2.0, 3.0, 1e200])], torch.hypot,
     "float64, no overflow")
case("hypot", [T([2, 3], values=_HA), T([], values=[2.5])], torch.hypot, "0-d other")
# PyTorch 1.13 names this node AsStridedBackward0; 2.x generates HypotBackward0 for hypot_ (as for
# every in-place variant of a derivatives.yaml entry), which the engine follows.
case("hypot_", [T([2, 3], grad=False, values=_HA), T([3], values=[4.0, -0.5, 1.0])], lambda a, b: a.hypot_(b), "in place",
     grad_fn="HypotBackward0")

# tril/triu: explicit values too (nothing drawn from the random stream).
_TA = [float(v) for v in range(12)]
case("tril", [T([3, 4], values=_TA), V(-1)], torch.tril, "below the diagonal")
case("triu", [T([3, 4], values=_TA), V(1)], torch.triu, "above the diagonal")
case("tril", [T([2, 2, 3], values=_TA)], torch.tril, "batched")
case("triu", [T([3, 3], "int64", grad=False, values=list(range(9)))], torch.triu, "int64")

# index_add/index_copy/index_fill: explicit values (nothing drawn from the random stream).
_IA = [float(v) for v in range(12)]
_IS = [0.5, -1.0, 2.0, 1.5, -0.25, 3.0]
case("index_add", [T([3, 4], values=_IA), V(1), T([2], "int64", values=[3, 0]), T([3, 2], values=_IS)],
     lambda a, d, i, s: a.index_add(d, i, s), "dim 1")
case("index_add", [T([4, 3], values=_IA), V(0), T([2], "int64", values=[1, 1]), T([2, 3], values=_IS), S(2.5)],
     lambda a, d, i, s, al: torch.index_add(a, d, i, s, alpha=al), "repeated index, alpha")
case("index_add", [T([3], "int64", grad=False, values=[1, 2, 3]), V(0), T([2], "int32", values=[2, 0]),
     T([2], "int64", grad=False, values=[5, 6])], lambda a, d, i, s: a.index_add(d, i, s), "int64, int32 index")
case("index_add_", [T([3, 4], grad=False, values=_IA), V(-1), T([2], "int64", values=[2, 1]), T([3, 2], values=_IS)],
     lambda a, d, i, s: a.index_add_(d, i, s), "in place", grad_fn="IndexAddBackward0")  # 2.x's name, as hypot_
case("index_copy", [T([3, 4], values=_IA), V(1), T([2], "int64", values=[3, 0]), T([3, 2], values=_IS)],
     lambda a, d, i, s: a.index_copy(d, i, s), "dim 1")
case("index_copy_", [T([4, 3], grad=False, values=_IA), V(0), T([2], "int64", values=[2, 0]), T([2, 3], values=_IS)],
     lambda a, d, i, s: a.index_copy_(d, i, s), "in place", grad_fn="IndexCopyBackward0")
case("index_fill", [T([3, 4], values=_IA), V(1), T([2], "int64", values=[3, 0]), S(-1.5)],
     lambda a, d, i, v: a.index_fill(d, i, v), "dim 1")
case("index_fill", [T([3, 4], "int64", grad=False, values=list(range(12))), V(0), T([1], "int64", values=[1]), S(7)],
     lambda a, d, i, v: a.index_fill(d, i, v), "int64")
case("index_fill_", [T([3, 4], grad=False, values=_IA), V(0), T([2], "int64", values=[0, -1]), S(0.5)],
     lambda a, d, i, v: a.index_fill_(d, i, v), "in place, negative index")

case("asin", [T([2, 3], lo=-0.95, hi=0.95)], torch.asin)
case("asin", [T([3], "float64", lo=-0.95, hi=0.95)], torch.asin, "float64")
case("linalg_cross", [T([2, 3]), T([2, 3])], torch.linalg.cross)
case("linalg_cross", [T([3, 2]), T([3, 1]), V(0)], lambda a, b, d: torch.linalg.cross(a, b, dim=d), "dim 0, broadcast")
case("linalg_cross", [T([3], "int64", values=[1, 2, 3]), T([3], "int64", values=[4, 5, 6])], torch.linalg.cross, "int64")
case("_unique2", [T([6], "int64", values=[1, 2, 1, 2, 1, 2])], lambda a: torch._unique2(a)[0], "int64")
case("_unique2", [T([5], grad=False, values=[0.5, -1.0, 0.5, 2.0, -1.0]), V(True), V(True), V(True)],
     lambda a, s, i, c: torch._unique2(a, s, i, c)[0], "float, with inverse and counts")

def torch_key(items):
    key = []
    for it in items:
        k = it["kind"]
        if k == "int":
            key.append(it["index"])
        elif k == "slice":
            key.append(slice(it.get("start"), it.get("stop"), it.get("step")))
        elif k == "none":
            key.append(None)
        elif k == "ellipsis":
            key.append(Ellipsis)
        else:
            key.append(build(it["tensor"]))
    return tuple(key)


def gradfn_name(t):
    # name() says 'torch::autograd::CopySlices'; PyTorch prints grad_fn=<CopySlices>.
    return t.grad_fn.name().replace("torch::autograd::", "") if t.grad_fn is not None else None


def grad_of(b):
    if isinstance(b, list):
        return [grad_of(x) for x in b]
    return flat(b.grad) if isinstance(b, torch.Tensor) and b.grad is not None else None


def run_case(op, args, fn, note, grad_fn):
    built = [build(a) for a in args]
    out = fn(*built)
    record = {"op": op, "note": note, "args": args}
    record["out"] = {"values": flat(out), "shape": list(out.shape), "dtype": str(out.dtype).replace("torch.", ""),
                     "gradFn": grad_fn or gradfn_name(out)}
    if out.requires_grad:
        up = upstream(out.shape, out.dtype)
        record["upstream"] = up
        out.backward(torch.tensor(up, dtype=out.dtype).reshape(out.shape))
        record["grads"] = [grad_of(b) for b in built]
    return record


def run_index_case(shape, items, _key_fn, note, value):
    base_spec = T(shape)
    x = build(base_spec)
    key = torch_key(items)
    record = {"base": base_spec, "items": items, "note": note}
    if value is None:
        out = x[key]
        src = None
    else:
        src = build(value)
        out = x.clone()
        out[key] = src
        record["value"] = value
    record["out"] = {"values": flat(out), "shape": list(out.shape), "dtype": str(out.dtype).replace("torch.", ""), "gradFn": gradfn_name(out)}
    up = upstream(out.shape, out.dtype)
    record["upstream"] = up
    out.backward(torch.tensor(up, dtype=out.dtype).reshape(out.shape))
    record["grads"] = [flat(x.grad), flat(src.grad) if isinstance(src, torch.Tensor) and src.grad is not None else None]
    return record


def main():
    data = {"torch": torch.__version__, "ops": [run_case(*c) for c in CASES], "indexing": [run_index_case(*c) for c in INDEX_CASES]}
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w") as f:
        json.dump(data, f, separators=(",", ":"), allow_nan=False)
    print(f"wrote {len(data['ops'])} op cases and {len(data['indexing'])} indexing cases to {os.path.normpath(OUT)}")


if __name__ == "__main__":
    main()
