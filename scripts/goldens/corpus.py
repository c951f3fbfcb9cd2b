"""Runs every corpus/<source>/<name>.py with real PyTorch and records what it printed.

Run with Debian's system Python, which has PyTorch: `/usr/bin/python3 scripts/goldens/corpus.py`.
Each program runs in a fresh interpreter, in its own folder, as `python <name>.py` would.
Writes corpus/goldens.json: {"<source>/<name>": {stdout, exit_code, last_stderr_line[, note]}}.

PyTorch 1.13 is installed here; Gradscope follows 2.x. A program whose output differs in 2.x says so
on a line of its own, which this script applies to the recorded stdout and keeps as the note:
    # 2.x golden: {"replace": "<1.13 text>", "with": "<2.x text>", "why": "<reason>"}
2.x APIs that 1.13 lacks but that print nothing of their own (torch.set_default_device('cpu'),
torch.accelerator, torch.func) are supplied by corpus_2x_shim/sitecustomize.py, as is 2.x's
zero_grad() (set_to_none=True by default); goldens made with one say so in their note. The shim also replays 2.x's sampling (torch2_random.py), as
engine/test/programs' goldens do: makemore's `torch.multinomial(p, 1, replacement=True)` draws
differently in 2.x.
"""
import json
import pathlib
import re
import subprocess
import sys
import time

ROOT = pathlib.Path(__file__).resolve().parents[2]
CORPUS = ROOT / "corpus"
PINNED = re.compile(r"^# 2\.x golden: (?P<json>\{.*\})\s*$")
SHIM = pathlib.Path(__file__).resolve().parent / "corpus_2x_shim"
SHIMMED_APIS = ("torch.set_default_device", "torch.accelerator", "torch.func", "from torch.func")


def pinned_2x_changes(source):
    return [json.loads(m.group("json")) for m in map(PINNED.match, source.splitlines()) if m]


def run_program(path):
    started = time.monotonic()
    proc = subprocess.run(
        [sys.executable, path.name], cwd=path.parent, capture_output=True, text=True, timeout=300,
        env={"PYTHONHASHSEED": "0", "PATH": "/usr/bin:/bin", "OMP_NUM_THREADS": "1", "PYTHONPATH": str(SHIM)},
    )
    stderr_lines = [line for line in proc.stderr.splitlines() if line.strip()]
    golden = {
        "stdout": proc.stdout,
        "exit_code": proc.returncode,
        "last_stderr_line": stderr_lines[-1] if proc.returncode != 0 and stderr_lines else "",
    }
    notes = []
    source = path.read_text()
    shimmed = [api for api in SHIMMED_APIS if api in source]
    if "multinomial" in source or "exponential_" in source:
        notes.append("Sampled as PyTorch 2.x samples (torch2_random.py replays it on 1.13).")
    if "zero_grad" in source:
        notes.append("Made with 2.x's zero_grad() (set_to_none=True by default; 1.13 filled .grad with zeros), supplied by corpus_2x_shim.")
    if shimmed:
        notes.append(f"Made on PyTorch 1.13 with 2.x's {', '.join(shimmed)} supplied by corpus_2x_shim (prints nothing of its own).")
    for change in pinned_2x_changes(source):
        if change["replace"] not in golden["stdout"]:
            raise SystemExit(f"{path}: 2.x golden text to replace not found: {change['replace']!r}")
        golden["stdout"] = golden["stdout"].replace(change["replace"], change["with"])
        note = f"PyTorch 2.x prints differently from 1.13: {change['why']}"
        if note not in notes:  # one change may need several replacements
            notes.append(note)
    if notes:
        golden["note"] = " ".join(notes)
    return golden, time.monotonic() - started


def main():
    import torch  # noqa: F401  (fail early when this Python has no torch)

    only = set(sys.argv[1:])
    path_goldens = CORPUS / "goldens.json"
    goldens = json.loads(path_goldens.read_text()) if only and path_goldens.exists() else {}
    for path in sorted(CORPUS.glob("*/*.py")):
        key = f"{path.parent.name}/{path.stem}"
        if only and key not in only:
            continue
        goldens[key], seconds = run_program(path)
        print(f"{key}: exit {goldens[key]['exit_code']} ({seconds:.1f}s)")
    path_goldens.write_text(json.dumps(goldens, indent=1, ensure_ascii=False, sort_keys=True) + "\n")


if __name__ == "__main__":
    main()
