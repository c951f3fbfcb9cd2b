"""torch.set_printoptions / get_printoptions over the engine's PyTorch-exact formatter."""
import math

from pyodide.ffi import to_js

from ._engine import E


def set_printoptions(precision=None, threshold=None, edgeitems=None, linewidth=None, profile=None, sci_mode=None):
    options = {"sciMode": sci_mode}
    if profile is not None:
        options["profile"] = profile
    if precision is not None:
        options["precision"] = int(precision)
    if threshold is not None:
        options["threshold"] = float(threshold) if threshold == math.inf else int(threshold)
    if edgeitems is not None:
        options["edgeitems"] = int(edgeitems)
    if linewidth is not None:
        options["linewidth"] = int(linewidth)
    E.setPrintOptions(to_js(options, dict_converter=E.objectFromEntries))


def get_printoptions():
    o = E.getPrintOptions()
    threshold = o.threshold
    return {
        "precision": o.precision,
        "threshold": math.inf if threshold == math.inf else int(threshold),
        "edgeitems": o.edgeitems,
        "linewidth": o.linewidth,
        "sci_mode": o.sciMode,
    }
