"""PyTorch's keyword names for every op in Gradscope's op table, read from PyTorch's own type stubs.

Run with Debian's system Python (it has PyTorch): `/usr/bin/python3 scripts/goldens/keyword_names.py`.
Writes engine/test/goldens/keyword-names.json: {"functions": {op: ["input, dim, *out", ...] one
string per overload}, "methods": {...}}; "*name" is keyword-only, "...name" varargs; the stubs drop
`self`, which as a function PyTorch names `input`.
engine/test/keywords.test.ts checks the op table's parameter names against it.
"""
import ast
import json
import pathlib
import subprocess

import torch

ROOT = pathlib.Path(__file__).resolve().parents[2]
STUBS = pathlib.Path(torch.__file__).parent / "_C"


def table_op_names():
    script = "import { opTable } from './engine/index.ts'; console.log(JSON.stringify(opTable().map((op) => op.name)));"
    out = subprocess.run(["npx", "tsx", "-e", script], cwd=ROOT, capture_output=True, text=True, check=True)
    return set(json.loads(out.stdout))


def overloads(defs, wanted):
    found = {}
    for node in defs:
        if not isinstance(node, ast.FunctionDef) or node.name not in wanted:
            continue
        params = [a.arg for a in node.args.posonlyargs + node.args.args if a.arg != "self"]
        params += ["*" + a.arg for a in node.args.kwonlyargs]
        if node.args.vararg:
            params.append("..." + node.args.vararg.arg)
        found.setdefault(node.name, []).append(", ".join(params))
    return found


def main():
    wanted = table_op_names()
    functions = ast.parse((STUBS / "_VariableFunctions.pyi").read_text()).body
    tensor_base = next(
        node for node in ast.parse((STUBS / "__init__.pyi").read_text()).body
        if isinstance(node, ast.ClassDef) and node.name == "_TensorBase"
    )
    golden = {
        "torch": torch.__version__,
        "functions": overloads(functions, wanted),
        "methods": overloads(tensor_base.body, wanted),
    }
    path = ROOT / "engine" / "test" / "goldens" / "keyword-names.json"
    path.write_text(json.dumps(golden, indent=1, sort_keys=True) + "\n")
    print(f"{len(golden['functions'])} functions, {len(golden['methods'])} methods")


if __name__ == "__main__":
    main()
