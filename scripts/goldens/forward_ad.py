"""Runs every engine/test/forward-ad/*.py with real PyTorch and records what it printed.

Run with Debian's system Python, which has PyTorch: `/usr/bin/python3 scripts/goldens/forward_ad.py`.
Writes engine/test/forward-ad/goldens.json: {name: {stdout, exit_code, last_stderr_line}}.

PyTorch 1.13 has torch.autograd.forward_ad but not torch.func: the programs run with
corpus_2x_shim on the path, whose sitecustomize gives 1.13 the 2.x names (torch.func.jvp is
functorch.jvp, functional_call is torch.nn.utils.stateless's). Where 1.13 and 2.x print differently
(functorch's TreeSpec repr with several children), the programs avoid the difference and
Gradscope follows 2.x.
"""
import json
import pathlib
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2]
PROGRAMS = ROOT / "engine" / "test" / "forward-ad"
SHIM = ROOT / "scripts" / "goldens" / "corpus_2x_shim"


def main():
    import torch  # noqa: F401  (fail early when this Python has no torch)

    goldens = {}
    for path in sorted(PROGRAMS.glob("*.py")):
        proc = subprocess.run(
            [sys.executable, path.name], cwd=PROGRAMS, capture_output=True, text=True, timeout=300,
            env={"PYTHONHASHSEED": "0", "PATH": "/usr/bin:/bin", "OMP_NUM_THREADS": "1", "PYTHONPATH": str(SHIM)},
        )
        stderr_lines = [line for line in proc.stderr.splitlines() if line.strip()]
        goldens[path.stem] = {
            "stdout": proc.stdout,
            "exit_code": proc.returncode,
            "last_stderr_line": stderr_lines[-1] if stderr_lines else "",
        }
        print(f"{path.stem}: exit {proc.returncode}")
    (PROGRAMS / "goldens.json").write_text(json.dumps(goldens, indent=1, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
