"""The one doorway from Python into Gradscope's TypeScript engine.

Every engine call goes through `call`, which turns the engine's errors (JavaScript errors carrying
PyTorch's exception type and text) into the Python exceptions PyTorch raises, so a user's
`except RuntimeError` works and tracebacks end in PyTorch's words.
"""
import builtins

import _gradscope_engine as E
from pyodide.ffi import JsArray, JsException, JsProxy, to_js

__all__ = ["E", "call", "raise_from_js", "js_list", "JsArray", "JsException", "JsProxy"]

_PY_TYPES = {
    "RuntimeError": RuntimeError,
    "ValueError": ValueError,
    "TypeError": TypeError,
    "IndexError": IndexError,
    "NotImplementedError": NotImplementedError,
    "KeyError": KeyError,
}


def raise_from_js(exc):
    """Re-raises a JsException from the engine as the Python exception PyTorch would raise."""
    py_type = getattr(exc, "pyType", None)
    cls = _PY_TYPES.get(py_type) if isinstance(py_type, str) else None
    message = getattr(exc, "message", None)
    if cls is None:
        raise RuntimeError(str(message if message is not None else exc)) from None
    raise cls(str(message)) from None


def call(fn, *args):
    try:
        return fn(*args)
    except JsException as exc:
        raise_from_js(exc)


def js_list(values):
    """A Python sequence as a JavaScript array (JsProxies inside are unwrapped)."""
    return to_js(builtins.list(values))
