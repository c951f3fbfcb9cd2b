"""NumPy is not in Gradscope: Pyodide's NumPy wheel cannot be loaded offline, so `import numpy`,
`Tensor.numpy()` and `torch.from_numpy` say so in one line and name what to write instead.

The finder sits last on sys.meta_path: if a NumPy is ever installed, the real one is found first.
"""
import importlib.abc
import sys

ADVICE = "use .tolist() to get Python lists and torch.tensor(list) to make tensors"
IMPORT_MESSAGE = f"No module named 'numpy': NumPy is not available in Gradscope; {ADVICE}"
RUNTIME_MESSAGE = f"NumPy is not available in Gradscope; {ADVICE}"


class _NumpyUnavailable(importlib.abc.MetaPathFinder):
    def find_spec(self, fullname, path=None, target=None):
        if fullname == "numpy" or fullname.startswith("numpy."):
            raise ModuleNotFoundError(IMPORT_MESSAGE, name=fullname)
        return None


def install():
    if not any(isinstance(finder, _NumpyUnavailable) for finder in sys.meta_path):
        sys.meta_path.append(_NumpyUnavailable())
