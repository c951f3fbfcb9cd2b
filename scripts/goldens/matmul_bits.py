"""Writes engine/kernels/test/goldens/matmul-bits.json: exact bit patterns of PyTorch's matrix products.

Run with Debian's system Python, which has PyTorch: `/usr/bin/python3 scripts/goldens/matmul_bits.py`.
Debian's torch 1.13 calls the reference BLAS, which sums every output over k in order in the operands'
precision; these goldens pin that rounding (forward and both backward products, every operand layout)
so our kernel keeps printing PyTorch's last digits. Values are their exact bytes in base64, not decimals.
"""
import base64
import json
import pathlib
import struct

import torch

ROOT = pathlib.Path(__file__).resolve().parents[2]
OUT = ROOT / "engine" / "kernels" / "test" / "goldens" / "matmul-bits.json"


def bits(t):
    """The values' exact bytes, little-endian, row-major, base64: half the size of hex strings."""
    flat = t.detach().contiguous().reshape(-1).tolist()
    return base64.b64encode(struct.pack("<%d%s" % (len(flat), "f" if t.dtype == torch.float32 else "d"), *flat)).decode()


def operand(shape, transposed, dtype, scale=1.0):
    """A leaf stored contiguous (in the transposed shape when `transposed`) and the view the op gets."""
    stored_shape = list(shape)
    if transposed:
        stored_shape[-1], stored_shape[-2] = stored_shape[-2], stored_shape[-1]
    leaf = (torch.randn(stored_shape, dtype=dtype) * scale).requires_grad_()
    view = leaf.transpose(-1, -2) if transposed else leaf
    return leaf, view, {"shape": stored_shape, "transposed": transposed}


def cases():
    f32, f64 = torch.float32, torch.float64
    mm_shapes = [(1, 1, 1), (3, 5, 7), (8, 3, 4), (8, 4, 1), (1, 5, 7), (7, 5, 1), (13, 37, 29),
                 (16, 100, 10), (3, 300, 4), (2, 1024, 3), (17, 65, 9)]
    for i, (m, k, n) in enumerate(mm_shapes):
        ta, tb = bool(i & 1), bool(i & 2)
        yield "mm", f32, [((m, k), ta), ((k, n), tb)], {}
    for ta in (False, True):
        for tb in (False, True):
            yield "mm", f32, [((24, 40), ta), ((40, 12), tb)], {}
    yield "mm", f64, [((9, 30), False), ((30, 11), True)], {}
    yield "mm", f64, [((9, 30), True), ((30, 11), False)], {}
    for (m, k, n), ta, tb, bias, beta, alpha in [
        ((8, 3, 4), False, False, (4,), 1, 1), ((8, 3, 4), False, True, (4,), 1, 1),
        ((8, 3, 4), True, False, (8, 4), 1, 1), ((8, 3, 4), True, True, (8, 1), 1, 1),
        ((7, 5, 1), False, False, (1,), 1, 1), ((7, 5, 1), True, False, (7, 1), 1, 1),
        ((1, 5, 7), False, False, (7,), 1, 1), ((12, 50, 20), False, False, (20,), 0.5, 2.0),
        ((12, 50, 20), False, True, (20,), 0.5, 2.0), ((7, 5, 1), True, False, (1,), 3.0, 0.25),
        ((16, 64, 16), False, False, (), 1, 1),
    ]:
        yield "addmm", f32, [(bias, False), ((m, k), ta), ((k, n), tb)], {"beta": beta, "alpha": alpha}
    yield "addmm", f64, [((6,), False), ((5, 9), False), ((9, 6), False)], {"beta": 1, "alpha": 1}
    for batch, fin, fout in [(8, 3, 4), (16, 64, 10), (16, 20, 1), (1, 7, 5)]:
        yield "linear", f32, [((batch, fin), False), ((fout, fin), False), ((fout,), False)], {}
    for (m, k), ta in [((8, 3), False), ((8, 3), True), ((8, 200), False), ((8, 200), True), ((1, 9), False)]:
        yield "mv", f32, [((m, k), ta), ((k,), False)], {}
    for k in (1, 5, 7, 500):
        yield "dot", f32, [((k,), False), ((k,), False)], {}
    for (b, m, k, n), ta, tb in [((2, 3, 4, 5), False, False), ((2, 12, 65, 9), True, False),
                                 ((2, 16, 40, 8), False, True), ((4, 5, 6, 7), True, True)]:
        yield "bmm", f32, [((b, m, k), ta), ((b, k, n), tb)], {}
    yield "matmul", f32, [((2, 5, 30), False), ((30, 7), False)], {}
    yield "matmul", f32, [((3, 9, 20), False), ((20, 6), True)], {}


def run(name, leaves_views, args):
    v = [view for _, view in leaves_views]
    if name == "addmm":
        return torch.addmm(v[0], v[1], v[2], beta=args["beta"], alpha=args["alpha"])
    if name == "linear":
        return torch.nn.functional.linear(v[0], v[1], v[2])
    return getattr(torch, name)(v[0], v[1])


def main():
    torch.manual_seed(0)
    out = []
    for name, dtype, specs, args in cases():
        made = [operand(shape, t, dtype) for shape, t in specs]
        leaves_views = [(leaf, view) for leaf, view, _ in made]
        result = run(name, leaves_views, args)
        upstream = torch.randn(result.shape, dtype=dtype)
        result.backward(upstream)
        out.append({
            "op": name,
            "dtype": "float32" if dtype == torch.float32 else "float64",
            "args": args,
            "inputs": [dict(meta, bits=bits(leaf)) for leaf, _, meta in made],
            "upstream": bits(upstream),
            "output": {"shape": list(result.shape), "bits": bits(result)},
            "grads": [bits(leaf.grad) for leaf, _, _ in made],
        })
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps({"torch": torch.__version__, "cases": out}, separators=(",", ":")) + "\n")
    print(f"wrote {len(out)} cases to {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
