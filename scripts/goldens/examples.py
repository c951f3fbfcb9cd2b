"""Runs every example notebook of public/examples/ with real PyTorch and records what each code cell printed.

Run with Debian's system Python, which has PyTorch: `/usr/bin/python3 scripts/goldens/examples.py`.
Code cells of one notebook share one namespace, in order, as they do in the app's Run all.
Writes app/core/library/test/examples-goldens.json: {file: [stdout of each code cell]}.
PyTorch 1.13 gets torch.func from corpus_2x_shim, and `import gradscope` finds the lecture's
`cmp()` (lecture_gradscope/gradscope.py), which Gradscope's own gradscope.check must match.
"""
import contextlib
import io
import json
import pathlib
import runpy
import sys
import traceback
import warnings

ROOT = pathlib.Path(__file__).resolve().parents[2]
SHIMS = pathlib.Path(__file__).resolve().parent
EXAMPLES = ROOT / "public" / "examples"
OUT = ROOT / "app" / "library" / "test" / "examples-goldens.json"


def run_notebook(cells):
    namespace = {"__name__": "__main__"}
    outputs = []
    for cell in cells:
        if cell["kind"] != "code":
            continue
        buffer = io.StringIO()
        with contextlib.redirect_stdout(buffer), warnings.catch_warnings():
            warnings.simplefilter("ignore")
            try:
                exec(compile(cell["source"], "<cell>", "exec"), namespace)
            except Exception:  # an example must run cleanly: make the failure loud in the golden
                buffer.write("UNCAUGHT " + traceback.format_exc())
        outputs.append(buffer.getvalue())
    return outputs


def main():
    import torch  # noqa: F401  (fail early when this Python has no torch)

    runpy.run_path(str(SHIMS / "corpus_2x_shim" / "sitecustomize.py"))
    sys.path.insert(0, str(SHIMS / "lecture_gradscope"))

    index = json.loads((EXAMPLES / "index.json").read_text())
    goldens = {}
    for entry in index["examples"]:
        notebook = json.loads((EXAMPLES / entry["file"]).read_text())
        goldens[entry["file"]] = run_notebook(notebook["cells"])
        failed = any(out.startswith("UNCAUGHT") or "\nUNCAUGHT" in out for out in goldens[entry["file"]])
        print(f"{entry['file']}: {'FAILED' if failed else 'ok'}")
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(goldens, indent=1, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
