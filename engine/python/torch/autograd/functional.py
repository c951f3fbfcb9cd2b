"""torch.autograd.functional: jacobian, hessian, vjp and jvp, as compositions of autograd.grad.

Like PyTorch's reverse-mode implementation: inputs are detached copies that require grad, one
`grad` call per output element builds each Jacobian row, and results are detached unless
create_graph=True. jvp uses PyTorch's double-backward trick, as PyTorch's does (torch.func.jvp
and torch.autograd.forward_ad are the forward-mode ones).
"""
import torch

from .._grad_mode import enable_grad


def _as_tuple(x):
    return (tuple(x), True) if isinstance(x, (tuple, list)) else ((x,), False)


def _prepare(inputs, create_graph):
    """Fresh leaves to differentiate with respect to (views of the originals when create_graph)."""
    if create_graph:
        return tuple(t if t.requires_grad else t.view_as(t).requires_grad_() for t in inputs)
    return tuple(t.detach().requires_grad_(True) for t in inputs)


def _finish(tensors, create_graph):
    return tuple(t if create_graph or t is None else t.detach() for t in tensors)


def _grads(outputs, inputs, grad_outputs, create_graph):
    outputs = tuple(outputs)
    used = [i for i, o in enumerate(outputs) if o is not None and o.requires_grad]
    if not used:
        return (None,) * len(inputs)
    return torch.autograd.grad(
        [outputs[i] for i in used],
        inputs,
        [grad_outputs[i] for i in used] if grad_outputs is not None else None,
        retain_graph=True,
        create_graph=create_graph,
        allow_unused=True,
    )


def _zeros_for_missing(grads, like):
    return tuple(torch.zeros_like(x) if g is None else g for g, x in zip(grads, like))


def _check_outputs(outputs, fn_name):
    for o in outputs:
        if not isinstance(o, torch.Tensor):
            raise TypeError(
                f"The outputs of the user-provided function given to {fn_name} must be either a Tensor or a tuple of Tensors but the given outputs of the user-provided function has an element of invalid type {type(o)}."
            )


def jacobian(func, inputs, create_graph=False, strict=False, vectorize=False, strategy="reverse-mode"):
    """∂func/∂inputs: for each output and input, a tensor of shape output.shape + input.shape."""
    with enable_grad():
        inputs, is_inputs_tuple = _as_tuple(inputs)
        inputs = _prepare(inputs, create_graph)
        outputs, is_outputs_tuple = _as_tuple(func(*inputs))
        _check_outputs(outputs, "jacobian")
        jacobians = []
        for out in outputs:
            rows = [[] for _ in inputs]
            flat = out.reshape(-1)
            for j in range(flat.numel()):
                grads = _zeros_for_missing(_grads([flat[j]], inputs, None, create_graph), inputs)
                for i, g in enumerate(grads):
                    rows[i].append(g)
            per_input = tuple(
                (torch.stack(rows[i], 0) if rows[i] else torch.zeros(0, *x.shape, dtype=x.dtype)).view(
                    tuple(out.shape) + tuple(x.shape)
                )
                for i, x in enumerate(inputs)
            )
            jacobians.append(_finish(per_input, create_graph))
    if not is_outputs_tuple:
        jacobians = jacobians[0]
        return jacobians if is_inputs_tuple else jacobians[0]
    return tuple(j if is_inputs_tuple else j[0] for j in jacobians)


def hessian(func, inputs, create_graph=False, strict=False, vectorize=False, outer_jacobian_strategy="reverse-mode"):
    """Second derivatives of a function with a single-element output."""
    inputs_tuple, is_inputs_tuple = _as_tuple(inputs)

    def single_output(*inp):
        out = func(*inp)
        if isinstance(out, tuple):
            if len(out) != 1:
                raise RuntimeError("The function given to hessian should return a single Tensor")
            out = out[0]
        if not isinstance(out, torch.Tensor):
            raise RuntimeError("The function given to hessian should return a single Tensor")
        if out.numel() != 1:
            raise RuntimeError(
                f"The Tensor returned by the function given to hessian should contain a single element"
            )
        return out.squeeze()

    def jac_func(*inp):
        return jacobian(single_output, inp, create_graph=True)

    result = jacobian(jac_func, inputs_tuple, create_graph=create_graph, strict=strict)
    if is_inputs_tuple:
        return result
    return result[0][0] if isinstance(result[0], tuple) else result[0]


def vjp(func, inputs, v=None, create_graph=False, strict=False):
    """(func(inputs), vᵀ·J): the vector-Jacobian product."""
    with enable_grad():
        inputs, is_inputs_tuple = _as_tuple(inputs)
        inputs = _prepare(inputs, create_graph)
        outputs, is_outputs_tuple = _as_tuple(func(*inputs))
        _check_outputs(outputs, "vjp")
        if v is None:
            if len(outputs) != 1 or outputs[0].numel() != 1:
                raise RuntimeError(
                    "The vector v can only be None if the user-provided function returns a single Tensor with a single element."
                )
            vs = None
        else:
            vs, _ = _as_tuple(v)
        grads = _zeros_for_missing(_grads(outputs, inputs, vs, create_graph), inputs)
    outputs = _finish(outputs, create_graph)
    grads = _finish(grads, create_graph)
    return (outputs if is_outputs_tuple else outputs[0]), (grads if is_inputs_tuple else grads[0])


def jvp(func, inputs, v=None, create_graph=False, strict=False):
    """(func(inputs), J·v): the Jacobian-vector product, by differentiating a vjp with respect to its vector."""
    with enable_grad():
        inputs, is_inputs_tuple = _as_tuple(inputs)
        inputs = _prepare(inputs, create_graph)
        if v is None:
            if len(inputs) != 1 or inputs[0].numel() != 1:
                raise RuntimeError(
                    "The vector v can only be None if the input to the user-provided function is a single Tensor with a single element."
                )
            vs = None
        else:
            vs, _ = _as_tuple(v)
            _validate_v(vs, inputs, is_inputs_tuple)
        outputs, is_outputs_tuple = _as_tuple(func(*inputs))
        _check_outputs(outputs, "jvp")
        grad_outputs = tuple(torch.zeros_like(o, requires_grad=True) for o in outputs)
        grad_inputs = _grads(outputs, inputs, grad_outputs, True)
        result = _zeros_for_missing(_grads(grad_inputs, grad_outputs, vs, create_graph), outputs)
    outputs = _finish(outputs, create_graph)
    result = _finish(result, create_graph)
    return (outputs if is_outputs_tuple else outputs[0]), (result if is_outputs_tuple else result[0])


def _validate_v(v, other, is_other_tuple):
    if len(other) != len(v):
        if is_other_tuple:
            raise RuntimeError(f"v is a tuple of invalid length: should be {len(other)} but got {len(v)}.")
        raise RuntimeError("The given v should contain a single Tensor.")
    for idx, (el_v, el_other) in enumerate(zip(v, other)):
        if el_v.size() != el_other.size():
            prepend = f"Entry {idx} in " if is_other_tuple else ""
            raise RuntimeError(f"{prepend}v has invalid size: should be {el_other.size()} but got {el_v.size()}.")


def _scalar_function_jacobian(func, inputs, v, create_graph, name):
    """The shared start of vhp and hvp: checked inputs, v, func's single-element output, ∂f/∂x."""
    inputs, is_inputs_tuple = _as_tuple(inputs)
    inputs = _prepare(inputs, create_graph)
    if v is not None:
        v, _ = _as_tuple(v)
        v = tuple(t if create_graph else t.detach() for t in v)
        _validate_v(v, inputs, is_inputs_tuple)
    elif len(inputs) != 1 or inputs[0].nelement() != 1:
        raise RuntimeError(
            "The vector v can only be None if the input to the user-provided function is a single Tensor with a single element."
        )
    outputs, is_outputs_tuple = _as_tuple(func(*inputs))
    if is_outputs_tuple or not isinstance(outputs[0], torch.Tensor):
        raise RuntimeError(f"The function given to {name} should return a single Tensor")
    if outputs[0].nelement() != 1:
        raise RuntimeError(f"The Tensor returned by the function given to {name} should contain a single element")
    jac = _grads(outputs, inputs, None, True)
    return inputs, is_inputs_tuple, v, outputs, jac


def vhp(func, inputs, v=None, create_graph=False, strict=False):
    """(func(inputs), vᵀ·H): the vector-Hessian product of a scalar function."""
    with enable_grad():
        inputs, is_inputs_tuple, v, outputs, jac = _scalar_function_jacobian(func, inputs, v, create_graph, "vhp")
    with torch.set_grad_enabled(True if create_graph else torch.is_grad_enabled()):
        result = _zeros_for_missing(_grads(jac, inputs, v, create_graph), inputs)
    outputs = _finish(outputs, create_graph)
    result = _finish(result, create_graph)
    return outputs[0], (result if is_inputs_tuple else result[0])


def hvp(func, inputs, v=None, create_graph=False, strict=False):
    """(func(inputs), H·v), by PyTorch's double-backward trick (differentiating a vjp by its vector)."""
    with enable_grad():
        inputs, is_inputs_tuple, v, outputs, jac = _scalar_function_jacobian(func, inputs, v, create_graph, "hvp")
        grad_jac = tuple(torch.zeros_like(x, requires_grad=True) for x in inputs)
        double_back = _grads(jac, inputs, grad_jac, True)
    with torch.set_grad_enabled(True if create_graph else torch.is_grad_enabled()):
        result = _zeros_for_missing(_grads(double_back, grad_jac, v, create_graph), inputs)
    outputs = _finish(outputs, create_graph)
    result = _finish(result, create_graph)
    return outputs[0], (result if is_inputs_tuple else result[0])


__all__ = ["jacobian", "hessian", "vjp", "jvp", "vhp", "hvp"]
