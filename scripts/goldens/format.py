"""Goldens for engine/format: PyTorch's tensor repr, Python's float spellings.

Run with Debian's system Python, which has PyTorch:
    /usr/bin/python3 scripts/goldens/format.py
Writes engine/format/test/goldens/format.json.

PyTorch 1.13 is the oracle here. Its printing code (torch/_tensor_str.py) matches 2.x for
everything generated below; the one 2.x change (edgeitems=0 prints only '...' plus a size=
suffix) is not generated from 1.13 and is tested by hand in the vitest suite instead.
"""

import json
import math
import os
import random
import struct

import torch

OUT = os.path.join(
    os.path.dirname(os.path.abspath(__file__)),
    "..", "..", "engine", "format", "test", "goldens", "format.json",
)

DTYPE_NAMES = {
    torch.float32: "float32",
    torch.float64: "float64",
    torch.int64: "int64",
    torch.int32: "int32",
    torch.bool: "bool",
}


def encode_number(v):
    """JSON has no nan/inf; they travel as strings. -0.0 survives as -0.0."""
    if isinstance(v, bool):
        return int(v)
    if isinstance(v, float) and not math.isfinite(v):
        return "nan" if math.isnan(v) else ("inf" if v > 0 else "-inf")
    return v


def resolved_options():
    o = torch._tensor_str.PRINT_OPTS
    threshold = o.threshold
    return {
        "precision": o.precision,
        "threshold": "inf" if threshold == math.inf else threshold,
        "edgeitems": o.edgeitems,
        "linewidth": o.linewidth,
        "sciMode": o.sci_mode,
    }


cases = []


def add(name, t, set_args=None, parameter=False):
    """Records repr(t) under set_printoptions(**set_args), then restores the defaults."""
    set_args = set_args or {}
    torch.set_printoptions(**set_args)
    try:
        options = resolved_options()
        shown = torch.nn.Parameter(t) if parameter else t
        expected = repr(shown)
        assert expected == str(shown)
    finally:
        torch.set_printoptions(profile="default")
    flat = t.detach().reshape(-1).tolist()
    cases.append({
        "name": name,
        "shape": list(t.shape),
        "dtype": DTYPE_NAMES[t.dtype],
        "values": [encode_number(v) for v in flat],
        "requiresGrad": bool(shown.requires_grad),
        "gradFnName": type(shown.grad_fn).__name__ if shown.grad_fn is not None else None,
        "isParameter": parameter,
        # torch.set_printoptions keyword arguments, in Gradscope's spelling.
        "setArgs": {("sciMode" if k == "sci_mode" else k): v for k, v in set_args.items()},
        "options": options,
        "expected": expected,
    })


T = torch.tensor
f64 = torch.float64
i32 = torch.int32
nan, inf = math.nan, math.inf

# 0-d tensors
add("0-d integral float", T(3.0))
add("0-d two thirds", T(2.0 / 3.0))
add("0-d negative zero", T(-0.0))
add("0-d zero", T(0.0))
add("0-d nan", T(nan))
add("0-d inf", T(inf))
add("0-d -inf", T(-inf))
add("0-d tiny", T(1e-5))
add("0-d huge", T(1e10))
add("0-d 123456789 (int mode above 1e8)", T(123456789.0))
add("0-d one tenth", T(0.1))
add("0-d negative", T(-2.5))
add("0-d int64", T(3))
add("0-d negative int64", T(-7))
add("0-d bool true", T(True))
add("0-d bool false", T(False))
add("0-d float64", T(2.0 / 3.0, dtype=f64))
add("0-d int32", T(5, dtype=i32))
add("0-d float32 subnormal", T(1e-40))
add("0-d float32 near max", T(3.0e38))
add("0-d float64 tiny", T(1e-300, dtype=f64))
add("0-d float64 huge", T(1e300, dtype=f64))
add("0-d requires grad", T(1.5, requires_grad=True))

# 1-d basics
add("integral floats", T([1.0, 2.0, 3.0]))
add("fractions", T([1.5, 2.25]))
add("tenths", T([0.1, 0.2, 0.3]))
add("negative and positive", T([-1.5, 2.0]))
add("negative zero among fractions", T([-0.0, 1.5]))
add("negative zero among integral floats", T([-0.0, 1.0]))
add("all zeros", torch.zeros(4))
add("single element", T([7.25]))
add("ones", torch.ones(5))
add("linspace", torch.linspace(0, 1, 7))
add("arange float", torch.arange(0.0, 5.0))
add("arange int", torch.arange(10))
add("negative ints", T([-5, 100, 3]))
add("large ints", T([2**53, -(2**40), 123456789012]))
add("int64 extremes representable as doubles", T([-(2**62), 2**62]))
add("int32 vector", T([1, 2, 3], dtype=i32))
add("int32 negatives", T([-100, 7, 0], dtype=i32))
add("bool vector", T([True, False]))
add("bool all true", T([True, True, True]))
add("bool all false", T([False, False]))

# Non-finite values
add("nan with integral", T([nan, 1.0]))
add("nan with fraction", T([nan, 1.5]))
add("infs with fraction", T([inf, -inf, 1.5]))
add("infs with integral", T([inf, -inf, 2.0]))
add("nan and inf only", T([nan, inf]))
add("single nan", T([nan]))
add("zero and nan", T([0.0, nan]))
add("nan in sci mode", T([nan, 1e-5, 1.0]))
add("inf in sci mode", T([inf, 1e10, 1.5]))

# Scientific-mode decision
add("ratio exactly 1000 stays fixed", T([0.001, 1.0]))
add("ratio above 1000 goes sci", T([0.0001, 1.0]))
add("float32 1e-4 is below 1e-4", T([1e-4]))
add("min below 1e-4", T([5e-5, 1e-4]))
add("mixed magnitudes", T([1e-5, 1.0]))
add("int mode ratio 1000", T([1.0, 1000.0]))
add("int mode ratio above 1000", T([1.0, 1001.0]))
add("int mode above 1e8", T([1e9]))
add("int mode 1e8 and 1", T([1e8, 1.0]))
add("fraction with thousand", T([0.5, 1e3]))
add("huge values", T([1e20, 1e30]))
add("float32 max", T([3.4028234663852886e38, 1.0]))
add("int mode sci with negatives", T([-1e10, 2e10]))
add("small and large fractions", T([1e-3, 1e3 + 0.5]))
add("tiny fractions", T([1.234e-7, 5.6e-6]))
add("sci rounding carries", T([9.99995, 1e-6]))

# Correct rounding of exact binary ties (Python rounds half to even)
add("exact ties at 4 places", T([0.03125, 0.15625, 0.40625, 0.65625]))
add("exact ties at 2 places", T([0.125, 0.375, 0.625]), {"precision": 2})
add("exact ties at 0 places", T([0.5, 1.5, 2.5, 3.25]), {"precision": 0})
add("exact ties in sci mode", T([1.0625e-5, 1.03125]), {"precision": 3})

# float64
add("float64 thirds", T([1.0 / 3.0, 2.0 / 3.0], dtype=f64))
add("float64 integral", T([1.0, 2.0], dtype=f64))
add("float64 extremes", T([1e-300, 1e300], dtype=f64))
add("float64 needs more digits than float32", T([0.1 + 0.2, 1.0 / 7.0], dtype=f64))
add("float64 matrix", torch.arange(6, dtype=f64).reshape(2, 3) / 7)

# Shapes
add("shape (1,1)", T([[4.0]]))
add("shape (3,1)", T([[1.0], [2.0], [3.0]]))
add("shape (1,3)", T([[1.0, 2.5, 3.0]]))
add("shape (2,1,1)", T([[[1.0]], [[2.0]]]))
add("shape (1,1,1,1)", T([[[[0.5]]]]))
add("shape (2,3) ints", torch.arange(6).reshape(2, 3))
add("shape (2,2,2) ints", torch.arange(8).reshape(2, 2, 2))
add("shape (2,3,1,2)", torch.arange(12.0).reshape(2, 3, 1, 2) / 4)
add("shape (2,2,2,2) bool", torch.arange(16).reshape(2, 2, 2, 2) % 3 == 0)
add("shape (3,2) int32", torch.arange(-3, 3, dtype=i32).reshape(3, 2))

torch.manual_seed(0)
add("randn 5", torch.randn(5))
add("randn 3x4", torch.randn(3, 4))
add("randn 2x3x4", torch.randn(2, 3, 4))
add("randn 2x2x2x2", torch.randn(2, 2, 2, 2))
add("rand tiny", torch.rand(10) * 1e-5)
add("randn large", torch.randn(4) * 1e6)
add("randn wraps at 80 columns", torch.randn(20))
add("randn 100", torch.randn(100))
add("randn 3x20 wide rows", torch.randn(3, 20))
add("randn 2x3x15 wide rows in blocks", torch.randn(2, 3, 15))
add("arange 2x50 wraps", torch.arange(100).reshape(2, 50))
add("randn 30x30 not summarised", torch.randn(30, 30))
add("randn 1000 is not summarised", torch.randn(1000))

# Summarised (> threshold elements)
add("randn 1001 summarised", torch.randn(1001))
add("arange 2000", torch.arange(2000))
add("arange float 1200 as 30x40", torch.arange(1200.0).reshape(30, 40))
add("randn 40x40 summarised", torch.randn(40, 40))
add("randn 10x10x10x2 summarised", torch.randn(10, 10, 10, 2))
add("randn 3x500 summarised, short first dim", torch.randn(3, 500))
add("randn 500x3 summarised, short last dim", torch.randn(500, 3))
add("summary ignores hidden huge value", torch.cat([torch.ones(3), torch.full((1000,), 1e12), torch.ones(3)]))
add("summary with hidden fractions stays int mode", torch.cat([torch.ones(3), torch.rand(1000), torch.ones(3)]))
add("bool summarised", torch.arange(1500) % 2 == 0)
add("int32 summarised", torch.arange(1500, dtype=i32))
add("float64 summarised", torch.randn(1100, dtype=f64))

# Autograd suffixes
a = torch.randn(3, requires_grad=True)
b = torch.randn(3, requires_grad=True)
add("leaf requires grad", a)
add("mul grad_fn", a * 2)
add("add grad_fn", a + b)
add("sum grad_fn 0-d", (a * b).sum())
add("mean grad_fn 0-d", a.mean())
add("float64 leaf requires grad", torch.randn(3, dtype=f64, requires_grad=True))
add("float64 with grad_fn", torch.randn(3, dtype=f64, requires_grad=True) * 3)
add("matrix with grad_fn", torch.randn(2, 3, requires_grad=True).exp())
add("suffix wraps to a new line", torch.randn(2, 7, dtype=f64, requires_grad=True))
add("grad_fn suffix wraps", (torch.randn(8, requires_grad=True) * 1e5).tanh() * 1e-6)
add("tight line before suffix", torch.tensor([123456.0, 1.5] * 4 + [7.0], requires_grad=True))
add("empty requires grad", torch.zeros(0, requires_grad=True))
add("zero-size matrix requires grad", torch.zeros(0, 2, requires_grad=True))
add("relu grad_fn", torch.relu(torch.randn(4, requires_grad=True)))
add("pow grad_fn", torch.randn(2, 2, requires_grad=True) ** 2)
add("summarised with grad_fn", torch.randn(2000, requires_grad=True) * 2)

# nn.Parameter
add("parameter vector", torch.randn(3), parameter=True)
add("parameter matrix", torch.randn(2, 3), parameter=True)
add("parameter float64", torch.randn(2, dtype=f64), parameter=True)
add("parameter 0-d", T(0.5), parameter=True)

# Empty tensors
add("empty vector", T([]))
add("empty 0x3", torch.empty(0, 3))
add("empty 2x0x3", torch.empty(2, 0, 3))
add("empty int64", T([], dtype=torch.int64))
add("empty bool", T([], dtype=torch.bool))
add("empty float64", T([], dtype=f64))
add("empty int32 0x2", torch.empty(0, 2, dtype=i32))

# Print options
add("precision 2", torch.randn(5), {"precision": 2})
add("precision 2 matrix", torch.randn(3, 3), {"precision": 2})
add("precision 6", torch.randn(4), {"precision": 6})
add("precision 8 float64", torch.randn(3, dtype=f64), {"precision": 8})
add("precision 1 sci", T([1e-6, 2.5]), {"precision": 1})
add("precision 0 sci", T([1e-6, 2.5]), {"precision": 0})
add("sci_mode False on tiny values", T([1e-5, 1.0]), {"sci_mode": False})
add("sci_mode False on huge ints", T([1e10, 1.0]), {"sci_mode": False})
add("sci_mode False on huge fractions", T([1.5e10, 0.5]), {"sci_mode": False})
add("sci_mode True on ordinary values", T([1.5, 2.25]), {"sci_mode": True})
add("sci_mode True on integral floats", T([1.0, 2.0]), {"sci_mode": True})
add("sci_mode True on zeros stays plain", torch.zeros(3), {"sci_mode": True})
add("sci_mode True on ints has no effect", torch.arange(4), {"sci_mode": True})
add("sci_mode True with nan", T([nan, 2.0, -inf]), {"sci_mode": True})
add("profile full prints all 1001", torch.arange(1001), {"profile": "full"})
add("profile full 1500 floats", torch.randn(1500), {"profile": "full"})
add("profile full 40x30", torch.randn(40, 30), {"profile": "full"})
add("profile short", torch.randn(10, 10), {"profile": "short"})
add("profile short summarised", torch.arange(2000.0).reshape(40, 50), {"profile": "short"})
add("profile short then precision", torch.randn(4), {"profile": "short", "precision": 3})
add("linewidth 120 vector", torch.randn(40), {"linewidth": 120})
add("linewidth 120 matrix", torch.randn(5, 20), {"linewidth": 120})
add("linewidth 40", torch.randn(12), {"linewidth": 40})
add("linewidth 10 puts one per line", torch.randn(4), {"linewidth": 10})
add("linewidth 120 suffix", torch.randn(14, dtype=f64, requires_grad=True), {"linewidth": 120})
add("threshold 5", torch.arange(10), {"threshold": 5})
add("threshold 5 matrix", torch.arange(12).reshape(3, 4), {"threshold": 5})
add("threshold 5 3-d", torch.arange(60.0).reshape(3, 4, 5), {"threshold": 5})
add("edgeitems 1", torch.randn(10, 10, 10), {"edgeitems": 1})
add("edgeitems 2", torch.arange(2000).reshape(20, 100), {"edgeitems": 2})
add("edgeitems 5", torch.randn(1200), {"edgeitems": 5})
add("threshold and edgeitems", torch.arange(30).reshape(5, 6), {"threshold": 10, "edgeitems": 1})

# Seeded random mix: shapes, scales and dtypes together
rng = random.Random(1234)
torch.manual_seed(1234)
scales = [1.0, 1e-6, 1e-3, 100.0, 1e5, 1e9, 0.01]
for i in range(40):
    ndim = rng.randint(0, 4)
    shape = [rng.randint(1, 4) for _ in range(ndim)]
    kind = rng.choice(["randn", "randn", "int", "round", "bool", "f64", "special"])
    scale = rng.choice(scales)
    if kind == "randn":
        t = torch.randn(shape) * scale
    elif kind == "f64":
        t = torch.randn(shape, dtype=f64) * scale
    elif kind == "round":
        t = torch.round(torch.randn(shape) * 10)
    elif kind == "int":
        t = torch.randint(-1000, 1000, shape)
    elif kind == "bool":
        t = torch.rand(shape) > 0.5
    else:
        t = torch.randn(shape) * scale
        flat = t.reshape(-1)
        for j in range(flat.numel()):
            if rng.random() < 0.3:
                flat[j] = rng.choice([nan, inf, -inf, 0.0, -0.0])
    add(f"random mix {i}: {kind} {shape} x{scale}", t)


def float_spellings():
    """Python's '{:.Nf}' and '{:.Ne}' for awkward doubles, ties included."""
    values = [
        0.0, -0.0, 0.5, 1.5, 2.5, 0.125, 0.375, 0.03125, 0.15625, 1e-5, 1e-4, 9.99995,
        9.5, 99.5, 0.95, 123456789.0, 1e22, 1e-300, 5e-324, 1.7976931348623157e308,
        -1.25, -0.0001, 2.0 / 3.0, 1.0 / 3.0, 0.1, 0.7, 1e16, 12345.6789,
    ]
    r = random.Random(7)
    for _ in range(40):
        values.append(r.uniform(-1, 1) * 10 ** r.randint(-12, 12))
        values.append(struct.unpack("f", struct.pack("f", r.uniform(-100, 100)))[0])
    out = []
    for v in values:
        for p in (0, 1, 2, 4, 8):
            out.append({"value": v, "precision": p, "fixed": f"{v:.{p}f}", "scientific": f"{v:.{p}e}"})
    return out


def python_reprs():
    """Python's repr of floats (shortest round trip), ints and bools."""
    floats = [
        0.1, 1e-05, 1.0, 1e16, 1e15, 123.456, 1.0 / 3.0, 2.0 / 3.0, 1e-4, 0.0001234, 1e22, 1e21,
        5e-324, 1.7976931348623157e308, -0.0, 0.0, nan, inf, -inf, 100.0, 1234567890123456.0,
        12345678901234567.0, 0.5, 2.5, 1e-7, 1.5e-7, 123456789.0, 0.001, 9999999999999998.0,
        1e100, -1e-100, 0.30000000000000004, 2.0**-20, 2.0**60, -42.0, 3.14159, 1e-10,
    ]
    r = random.Random(99)
    for _ in range(40):
        floats.append(r.uniform(-1, 1) * 10 ** r.randint(-20, 20))
    for _ in range(20):
        # float32 values seen through .item(): widened doubles with long reprs
        floats.append(struct.unpack("f", struct.pack("f", r.uniform(-10, 10)))[0])
    out = [{"value": encode_number(v), "kind": "float", "expected": repr(v)} for v in floats]
    for v in [0, 3, -7, 2**53, -(2**40), 123456789012]:
        out.append({"value": v, "kind": "int", "expected": repr(v)})
    for v in [True, False]:
        out.append({"value": int(v), "kind": "bool", "expected": repr(v)})
    return out


def main():
    goldens = {
        "generator": "scripts/goldens/format.py",
        "torch": torch.__version__,
        "cases": cases,
        "numbers": float_spellings(),
        "scalars": python_reprs(),
    }
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    # One record per line: compact, yet a regenerated file diffs case by case.
    def dumps(v):
        return json.dumps(v, separators=(",", ":"), allow_nan=False)

    with open(OUT, "w") as f:
        f.write("{\n")
        for key in ("generator", "torch"):
            f.write(f"{dumps(key)}: {dumps(goldens[key])},\n")
        for key in ("cases", "numbers", "scalars"):
            rows = ",\n".join(dumps(row) for row in goldens[key])
            f.write(f"{dumps(key)}: [\n{rows}\n]{',' if key != 'scalars' else ''}\n")
        f.write("}\n")
    print(f"wrote {len(cases)} tensor cases, {len(goldens['numbers'])} number spellings, "
          f"{len(goldens['scalars'])} scalar reprs to {os.path.relpath(OUT)}")


main()
