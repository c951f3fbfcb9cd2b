"""Writes app/core/share/test/fixtures/jupyter-nbformat.ipynb with Jupyter's own nbformat library, so
the .ipynb import is tested on a file that Jupyter wrote (code, markdown and raw cells, outputs).
Run: /usr/bin/python3 scripts/goldens/ipynb_fixture.py  (needs Debian's python3-nbformat)."""
import pathlib

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output, new_raw_cell

nb = new_notebook(
    metadata={"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}, "language_info": {"name": "python"}}
)
nb.cells = [
    new_markdown_cell("# The chain rule\n\nWhy does `x.grad` hold **2/3**?", id="intro"),
    new_code_cell(
        "import torch\nx = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)\nw = (x * 2 + 3).mean()\nw.backward()\nprint(x.grad)",
        id="run",
        execution_count=1,
        outputs=[new_output("stream", name="stdout", text="tensor([0.6667, 0.6667, 0.6667])\n")],
    ),
    new_raw_cell("raw text kept as prose", id="raw"),
    new_code_cell("", id="empty"),
]
nbformat.validate(nb)
out = pathlib.Path(__file__).resolve().parents[2] / "app/core/share/test/fixtures/jupyter-nbformat.ipynb"
nbformat.write(nb, str(out))
print(f"wrote {out}")
