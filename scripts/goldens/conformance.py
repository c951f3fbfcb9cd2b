"""Runs every case of engine/test/conformance/*.py under real PyTorch and writes the goldens.

Run with Debian's system Python, which has PyTorch: `/usr/bin/python3 scripts/goldens/conformance.py`.
Writes engine/test/conformance/goldens.json: {"file.py::case": output}.
"""
import json
import pathlib
import re
import sys
import warnings

sys.path.insert(0, str(pathlib.Path(__file__).parent))
import conformance_runner  # noqa: E402

ROOT = pathlib.Path(__file__).resolve().parents[2]
CASES = ROOT / "engine" / "test" / "conformance"


PINNED = re.compile(r'^# 2\.x golden: (?P<json>".*")\s*$')


def pinned_2x_goldens(path):
    """Cases whose output differs between PyTorch 1.13 (installed here) and 2.x (what we follow).

    A line `# 2.x golden: "<json string>"` above a case's `# %% name` pins that case's golden to
    the 2.x output, with the reason in the comment beside it.
    """
    pinned = {}
    pending = None
    for line in path.read_text().splitlines():
        match = PINNED.match(line)
        if match:
            pending = json.loads(match.group("json"))
            continue
        header = conformance_runner.CASE_HEADER.match(line)
        if header and pending is not None:
            pinned[f"{path.name}::{header.group('name')}"] = pending
            pending = None
    return pinned


def alias_torch_func(torch):
    """PyTorch 2.x's torch.func is 1.13's functorch (same grad/vjp/jacrev/hessian/vmap)."""
    if not hasattr(torch, "func"):
        import functorch

        sys.modules["torch.func"] = functorch
        torch.func = functorch


def main():
    import torch

    alias_torch_func(torch)

    warnings.simplefilter("ignore")
    goldens = {}
    for path in sorted(CASES.glob("*.py")):
        for name, source, _ in conformance_runner.split_cases(path.read_text()):
            key = f"{path.name}::{name}"
            if key in goldens:
                raise SystemExit(f"duplicate case name {key}")
            goldens[key] = conformance_runner.run_case(source, path.name, torch)
        goldens.update(pinned_2x_goldens(path))
    (CASES / "goldens.json").write_text(json.dumps(goldens, indent=1, ensure_ascii=False, sort_keys=True) + "\n")
    print(f"{len(goldens)} cases")


if __name__ == "__main__":
    main()
