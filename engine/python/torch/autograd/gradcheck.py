"""torch.autograd.gradcheck / gradgradcheck over the engine's finite-difference checker.

The engine computes the numerical and analytical Jacobians (engine/autograd/gradcheck.ts); this
module adapts Python callables and arguments to it and raises PyTorch's GradcheckError, whose text
prints both Jacobians of the first output/input pair that disagrees.
"""
import warnings

from pyodide.ffi import create_proxy, to_js

from .. import _dtype
from .._engine import E, call, js_list
from .._tensor import Tensor, _wrap


class GradcheckError(RuntimeError):
    """Raised by gradcheck and gradgradcheck when a Jacobian is wrong (PyTorch's class and module)."""


def _as_tuple(x):
    return tuple(x) if isinstance(x, (tuple, list)) else (x,)


def _check_inputs(inputs):
    if not any(isinstance(t, Tensor) and t.requires_grad for t in inputs):
        raise ValueError(
            "gradcheck expects at least one input tensor to require gradient, "
            "but none of the them have requires_grad=True."
        )
    for i, t in enumerate(inputs):
        if isinstance(t, Tensor) and t.requires_grad and t.dtype._name != "float64":
            warnings.warn(
                f"Input #{i} requires gradient and is not a double precision floating point or complex. "
                "This check will likely fail if all the inputs are not of double precision floating point or complex. ",
                stacklevel=3,
            )


def _run_engine_check(check, func, inputs, options):
    """Calls the engine's gradcheck/gradgradcheck with `func` adapted to take engine tensors."""
    def run(*given):
        # The engine perturbs the input tensors in place and passes them back (the forward-mode
        # check passes dual views of them instead): func gets the engine's tensors in their places.
        it = iter(given)
        args = [_wrap(next(it)) if isinstance(t, Tensor) else t for t in inputs]
        outputs = _as_tuple(func(*args))
        return js_list([o._t for o in outputs if isinstance(o, Tensor)])

    proxy = create_proxy(run)
    try:
        tensors = js_list([t._t for t in inputs if isinstance(t, Tensor)])
        return call(check, proxy, tensors, to_js(options, dict_converter=E.objectFromEntries))
    finally:
        proxy.destroy()


def mismatch_message(result):
    """gradcheck's text for the first (output, input) pair whose Jacobians disagree, or None."""
    from .._creation import tensor

    for check in result.jacobians:
        if not check.ok:
            numerical = tensor(check.numerical.to_py(), dtype=_dtype.from_engine(check.outputDtype))
            analytical = tensor(check.analytical.to_py(), dtype=_dtype.from_engine(check.inputDtype))
            return (
                f"Jacobian mismatch for output {check.output} with respect to input {check.wrtInput},\n"
                f"numerical:{numerical}\nanalytical:{analytical}\n"
            )
    return None


def _verdict(result, raise_exception):
    if result.ok or not raise_exception:
        return bool(result.ok)
    message = mismatch_message(result)
    if message is not None:
        raise GradcheckError(message)
    return False


def gradcheck(func, inputs, *, eps=1e-6, atol=1e-5, rtol=1e-3, raise_exception=True, nondet_tol=0.0,
              check_undefined_grad=True, check_grad_dtypes=False, check_batched_grad=False,
              check_batched_forward_grad=False, check_forward_ad=False, check_backward_ad=True,
              fast_mode=False, masked=None):
    """Checks the gradients of `func` at `inputs` against finite differences (float64 inputs advised)."""
    inputs = _as_tuple(inputs)
    _check_inputs(inputs)
    options = {"eps": float(eps), "atol": float(atol), "rtol": float(rtol)}
    ok = True
    if check_backward_ad:
        ok = _verdict(_run_engine_check(E.gradcheck, func, inputs, options), raise_exception)
    if check_forward_ad and ok:
        # The Jacobian built from JVPs (forward-mode AD), against the same finite differences.
        ok = _verdict(_run_engine_check(E.forwardGradcheck, func, inputs, options), raise_exception)
    return ok


def gradgradcheck(func, inputs, grad_outputs=None, *, eps=1e-6, atol=1e-5, rtol=1e-3,
                  gen_non_contig_grad_outputs=False, raise_exception=True, nondet_tol=0.0,
                  check_undefined_grad=True, check_grad_dtypes=False, check_batched_grad=False,
                  check_fwd_over_rev=False, check_rev_over_rev=True, fast_mode=False, masked=False):
    """Checks second derivatives: gradcheck of func's gradient, with random upstream gradients by default."""
    inputs = _as_tuple(inputs)
    _check_inputs(inputs)
    options = {"eps": float(eps), "atol": float(atol), "rtol": float(rtol)}
    if grad_outputs is not None:
        options["gradOutputs"] = js_list([g._t for g in _as_tuple(grad_outputs)])
    return _verdict(_run_engine_check(E.gradgradcheck, func, inputs, options), raise_exception)
