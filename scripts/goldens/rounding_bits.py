"""Writes engine/test/goldens/rounding-bits.json: PyTorch's exact float32 results for kernels whose
rounding the corpus programs print:
- var and std (forward and input gradient), whole-tensor (ReduceOps.cpp's std_var_all_cpu: float
  mean, then double sums) and along dims (WelfordOps in double), with their backward
  (FunctionsManual.cpp's var_backward / std_backward);
- log10 (SLEEF's Sleef_log10f8_u10), over every binade, subnormals included;
- binary_cross_entropy_with_logits, forward and input gradient (Loss.cpp's formula, step by step);
- x ** y for a scalar y (SLEEF's Sleef_powf8_u10 over runs of 16, std::pow on the tail);
- add/sub with alpha (one fused multiply-add), float32 and float64;
- the 2-norm, torch.norm / Tensor.norm (ReduceOpsKernel.cpp's norm kernel: 8 FMA lanes, a tail
  GCC vectorises by 4, then FMAs; serial FMAs when reducing outer dims) and the 1-norm (float sums in order).

Run with Debian's system Python, which has PyTorch: `/usr/bin/python3 scripts/goldens/rounding_bits.py`.
Tensors are stored as the exact little-endian bytes of their float32 values, in base64.
"""
import base64
import json
import pathlib
import struct

import torch

ROOT = pathlib.Path(__file__).resolve().parents[2]
OUT = ROOT / "engine" / "test" / "goldens" / "rounding-bits.json"


def bits(t):
    flat = t.detach().contiguous().reshape(-1).tolist()
    return base64.b64encode(struct.pack("<%df" % len(flat), *flat)).decode()


def case(name, op, shape, kwargs, g, scale=1.0, shift=0.0):
    x = (torch.randn(shape, generator=g) * scale + shift).requires_grad_()
    out = getattr(torch, op)(x, **kwargs)
    up = torch.randn(out.shape, generator=g)
    out.backward(up)
    return {
        "name": name, "op": op, "shape": list(shape), "dim": kwargs.get("dim"), "unbiased": kwargs.get("unbiased", True),
        "keepdim": kwargs.get("keepdim", False), "input": bits(x), "output": bits(out), "outShape": list(out.shape),
        "upstream": bits(up), "grad": bits(x.grad),
    }


def bits64(t):
    flat = t.detach().contiguous().reshape(-1).tolist()
    return base64.b64encode(struct.pack("<%dd" % len(flat), *flat)).decode()


def bce_case(name, n, weight, pos_weight, reduction, g):
    x = (torch.randn(n, generator=g) * 3).requires_grad_()
    t = (torch.rand(n, generator=g) < 0.5).float()
    out = torch.nn.functional.binary_cross_entropy_with_logits(x, t, weight=weight, pos_weight=pos_weight, reduction=reduction)
    up = torch.randn(out.shape, generator=g)
    out.backward(up)
    optional = lambda v: None if v is None else bits(v)  # noqa: E731
    return {"name": name, "input": bits(x), "target": bits(t), "weight": optional(weight), "posWeight": optional(pos_weight),
            "reduction": reduction, "output": bits(out), "outShape": list(out.shape), "upstream": bits(up), "grad": bits(x.grad)}


def main():
    g = torch.Generator().manual_seed(2147483647)
    cases = [
        case("std of a whole 100x200 tensor away from zero", "std", (100, 200), {}, g, 1.5, 2.0),
        case("var of a whole tensor, biased", "var", (37, 41), {"unbiased": False}, g, 0.3, -1.0),
        case("std along dim 0 of an [N, 1] tensor (the whole-tensor path)", "std", (500, 1), {"dim": 0}, g, 1.0, 0.5),
        case("std(0, keepdim=True) of a batch, as makemore's batch norm", "std", (32, 200), {"dim": 0, "keepdim": True}, g, 2.0, 0.7),
        case("var(0, keepdim=True) of a batch", "var", (32, 100), {"dim": 0, "keepdim": True}, g, 3.0, 1.0),
        case("var along dim 1, biased", "var", (6, 300), {"dim": 1, "unbiased": False}, g, 0.1, 5.0),
        case("std over dims (0, 2)", "std", (4, 5, 6), {"dim": (0, 2)}, g, 1.0, 0.0),
    ]
    log_input = torch.cat([
        torch.rand(2000, generator=g) * 30,
        torch.exp(torch.randn(2000, generator=g) * 20),
        torch.tensor([1e-40, 1e-45, 3e38, 1.0, 10.0, 0.1, 0.0, float("inf")]),
    ])
    log10 = {"input": bits(log_input), "output": bits(torch.log10(log_input))}
    bce = [
        bce_case("mean over 116 logits (the XOR tutorial's last batch)", 116, None, None, "mean", g),
        bce_case("sum with pos_weight", 40, None, (torch.rand(40, generator=g) * 2 + 0.5), "sum", g),
        bce_case("none with weight", 33, torch.rand(33, generator=g), None, "none", g),
    ]
    pow_base = torch.cat([torch.randn(1003, generator=g) * 3, torch.tensor([0.0, -0.0, 1.0, -1.0, float("inf"), -2.0])])
    powers = [{"exponent": e, "output": bits(pow_base ** e)} for e in (4.0, 5.0, 1.5, -1.7, 0.3)]
    a32, b32 = torch.randn(1000, generator=g), torch.randn(1000, generator=g)
    a64, b64 = a32.double() * 1.1, b32.double() * 0.7
    scaled = {
        "a32": bits(a32), "b32": bits(b32), "a64": bits64(a64), "b64": bits64(b64), "alpha": -0.1234567,
        "add32": bits(a32.add(b32, alpha=-0.1234567)), "sub32": bits(a32.sub(b32, alpha=-0.1234567)),
        "add64": bits64(a64.add(b64, alpha=-0.1234567)),
    }
    norm_shapes = [((200, 1), None), ((1, 200), None), ((200,), None), ((3, 4), None), ((3, 4), 0), ((3, 4), 1),
                   ((6, 37), 1), ((37, 6), 0), ((4, 5, 6), (1, 2)), ((4, 5, 6), (0, 2)), ((7, 1), 1), ((), None)]
    norm_shapes += [((n,), None) for n in range(1, 41)]
    norms = []
    for shape, dim in norm_shapes:
        x = torch.randn(shape, generator=g) * 3
        # PyTorch 2.x sends every torch.norm to linalg.vector_norm; 1.13 still took two dims as Frobenius (sqrt of a sum).
        out = x.norm() if dim is None else torch.linalg.vector_norm(x, 2, dim)
        norms.append({"shape": list(shape), "dim": dim, "p": 2, "input": bits(x), "output": bits(out), "outShape": list(out.shape)})
    for shape, dim in [((200, 1), None), ((37,), None), ((3, 4), 0), ((6, 37), 1)]:
        x = torch.randn(shape, generator=g) * 3
        out = torch.linalg.vector_norm(x, 1, dim)
        norms.append({"shape": list(shape), "dim": dim, "p": 1, "input": bits(x), "output": bits(out), "outShape": list(out.shape)})
    OUT.write_text(json.dumps({"torch": torch.__version__, "varStd": cases, "log10": log10, "bceWithLogits": bce,
                               "pow": {"input": bits(pow_base), "powers": powers}, "scaledAdd": scaled,
                               "norm": norms},
                              separators=(",", ":")))
    print(f"wrote {len(cases)} var/std cases and {log_input.numel()} log10 inputs to {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
