"""Goldens for the API that courses take for granted (issue #10 items 3 and 8), from real PyTorch.

Run with Debian's system Python, which has PyTorch, from the repository root (needs node for the
Gradscope CLI): `/usr/bin/python3 scripts/goldens/api_compat.py`. Writes:
- engine/test/api-compat/goldens.json: what each engine/test/api-compat/*.py prints;
- engine/test/checkpoints/pytorch_*.pt: checkpoints written by real PyTorch (make_fixtures.py);
- engine/test/checkpoints/gradscope_*.pt: checkpoints written by Gradscope (save_checkpoints.py
  through `gradscope run`), which the test expects Gradscope to write again byte for byte;
- engine/test/checkpoints/goldens.json: what load_checkpoints.py and save_checkpoints.py print
  with real PyTorch, and what real PyTorch reads from each gradscope_*.pt.
"""
import json
import pathlib
import shutil
import subprocess
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parents[2]
PROGRAMS = ROOT / "engine" / "test" / "api-compat"
CHECKPOINTS = ROOT / "engine" / "test" / "checkpoints"

# Where PyTorch 2.x prints differently from the oracle (Debian's 1.13), the golden follows 2.x.
PYTORCH_2_TEXT = [
    (
        # c10/core/DeviceType.cpp in 2.x lists maia and mtia and no longer ort.
        "ipu, xpu, mkldnn, opengl, opencl, ideep, hip, ve, fpga, ort, xla, lazy, vulkan, mps, meta, hpu, privateuseone",
        "ipu, xpu, mkldnn, opengl, opencl, ideep, hip, ve, fpga, maia, xla, lazy, vulkan, mps, meta, hpu, mtia, privateuseone",
    ),
    (
        # torch/_tensor.py __deepcopy__ since 2.1 (pytorch/pytorch#103001) adds a hint about weight_norm.
        "support the deepcopy protocol at the moment\n",
        "support the deepcopy protocol at the moment.  If you were attempting to deepcopy a module, this may be "
        "because of a torch.nn.utils.weight_norm usage, see https://github.com/pytorch/pytorch/pull/103001\n",
    ),
]


def run(args, cwd):
    proc = subprocess.run(args, cwd=cwd, capture_output=True, text=True, timeout=300)
    stdout = proc.stdout
    for old, new in PYTORCH_2_TEXT:
        stdout = stdout.replace(old, new)
    stderr_lines = [line for line in proc.stderr.splitlines() if line.strip()]
    return {"stdout": stdout, "exit_code": proc.returncode, "last_stderr_line": stderr_lines[-1] if stderr_lines else ""}


def describe_in_pytorch(path):
    """What real PyTorch reads from a Gradscope checkpoint, with its sharing and layout."""
    import torch

    lines = []
    for weights_only in (True, False):
        try:
            value = torch.load(path, weights_only=weights_only)
            lines.append(f"weights_only={weights_only}: loaded {type(value).__name__}")
        except Exception as exc:  # 1.13's restricted unpickler is narrower than 2.6's
            lines.append(f"weights_only={weights_only}: {type(exc).__name__}")
    value = torch.load(path, weights_only=False)
    lines.append(repr(value))
    if isinstance(value, dict) and "views" in value:
        views = value["views"]
        lines.append(repr([(v.stride(), v.storage_offset(), v.is_contiguous()) for v in views]))
        views[0][1, 1] = 40.0
        lines.append(f"views share memory: {views[1][1, 1].item()} {views[2][0].item()}")
    if isinstance(value, dict) and "model" in value:
        lines.append(repr(dict(value["model"]._metadata)))
    return "\n".join(lines) + "\n"


def main():
    import torch  # noqa: F401  (fail early when this Python has no torch)

    goldens = {}
    for path in sorted(PROGRAMS.glob("*.py")):
        goldens[path.stem] = run([sys.executable, path.name], PROGRAMS)
        print(f"{path.stem}: exit {goldens[path.stem]['exit_code']}")
    (PROGRAMS / "goldens.json").write_text(json.dumps(goldens, indent=1, ensure_ascii=False) + "\n")

    subprocess.run([sys.executable, "make_fixtures.py"], cwd=CHECKPOINTS, check=True)
    checkpoints = {"load_checkpoints": run([sys.executable, "load_checkpoints.py"], CHECKPOINTS)}
    with tempfile.TemporaryDirectory() as torch_dir:
        checkpoints["save_checkpoints"] = run([sys.executable, str(CHECKPOINTS / "save_checkpoints.py")], torch_dir)
    with tempfile.TemporaryDirectory() as gradscope_dir:
        cli = [shutil.which("node") or "node", str(ROOT / "bin" / "gradscope.mjs"), "run", str(CHECKPOINTS / "save_checkpoints.py")]
        subprocess.run(cli, cwd=gradscope_dir, check=True)
        for saved in sorted(pathlib.Path(gradscope_dir).glob("gradscope_*.pt")):
            shutil.copy(saved, CHECKPOINTS / saved.name)
            checkpoints[f"pytorch reads {saved.name}"] = {"stdout": describe_in_pytorch(saved)}
    (CHECKPOINTS / "goldens.json").write_text(json.dumps(checkpoints, indent=1, ensure_ascii=False) + "\n")
    for name, golden in checkpoints.items():
        print(f"{name}: {golden.get('exit_code', 'read')}")


if __name__ == "__main__":
    main()
