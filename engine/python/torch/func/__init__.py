"""torch.func (functorch's transforms), built on Gradscope's reverse-mode autograd.

Each transform differentiates with `torch.autograd.grad(..., create_graph=True)`, so transforms
nest (`grad(grad(f))`, `hessian = jacrev(jacrev(f))`): an argument that already requires grad
(an outer transform's input, or the user's own leaf) stays connected to the result, and a result
that nobody outside can differentiate is detached, as functorch returns plain tensors.
Forward-mode transforms (jvp, jacfwd) need a forward rule per op, which the engine does not have yet.
"""
import torch

from .._engine import E, js_list
from .._grad_mode import enable_grad

__all__ = ["grad", "grad_and_value", "vjp", "jacrev", "hessian", "vmap", "jvp", "jacfwd", "functional_call"]


def _argnums_tuple(argnums, nargs, api):
    nums = (argnums,) if isinstance(argnums, int) else tuple(argnums)
    if isinstance(argnums, tuple) and len(argnums) == 0:
        raise RuntimeError(f"{api}: argnums must be non-empty")
    for n in nums:
        if not isinstance(n, int):
            raise RuntimeError(f"{api}: argnums must be int or Tuple[int, ...], got: {type(argnums)}")
        if not -nargs <= n < nargs:
            raise RuntimeError(
                f"Got argnum={n}, but only {nargs} positional inputs"
            )
    return tuple(n % nargs for n in nums)


def _differentiable(x):
    """A tensor to differentiate with respect to, still connected to x's own history if it has one."""
    if not isinstance(x, torch.Tensor):
        raise RuntimeError(f"Expected argument to be a Tensor, got {type(x)}")
    return x.view_as(x) if x.requires_grad else x.detach().requires_grad_(True)


def _outward(t, own_leaves):
    """What a transform hands back: detached unless its history reaches a tensor that requires
    grad outside the transform (an outer transform's input, or a weight the function closed over)."""
    if t is None or not t.requires_grad:
        return t
    if E.dependsOnOtherLeaves(t._t, js_list([leaf._t for leaf in own_leaves])):
        return t
    return t.detach()


def _with_diff_args(args, argnums, api):
    nums = _argnums_tuple(argnums, len(args), api)
    args = list(args)
    diff = [_differentiable(args[n]) for n in nums]
    for n, d in zip(nums, diff):
        args[n] = d
    return args, diff


def _grads_of(output, inputs, grad_output=None):
    grads = torch.autograd.grad(output, inputs, grad_output, retain_graph=True, create_graph=True, allow_unused=True)
    return tuple(torch.zeros_like(x) if g is None else g for g, x in zip(grads, inputs))


def _map_tensors(fn, value):
    if isinstance(value, torch.Tensor):
        return fn(value)
    if isinstance(value, tuple):
        return tuple(_map_tensors(fn, v) for v in value)
    if isinstance(value, list):
        return [_map_tensors(fn, v) for v in value]
    if isinstance(value, dict):
        return {k: _map_tensors(fn, v) for k, v in value.items()}
    return value


def grad_and_value(func, argnums=0, has_aux=False):
    """A function returning (gradient of func's scalar output w.r.t. args[argnums], func's output)."""

    def wrapper(*args, **kwargs):
        with enable_grad():
            args, diff = _with_diff_args(args, argnums, "grad_and_value(f)(*args)")
            output = func(*args, **kwargs)
            aux = None
            if has_aux:
                if not (isinstance(output, tuple) and len(output) == 2):
                    raise RuntimeError(
                        "grad_and_value(f)(*args): output of function f should be a tuple: (output, aux) if has_aux is True"
                    )
                output, aux = output
            if not isinstance(output, torch.Tensor):
                raise RuntimeError(
                    f"grad_and_value(f)(*args): Expected f(*args) to return a Tensor, got {type(output)}"
                )
            if output.dim() != 0:
                raise RuntimeError(
                    "grad_and_value(f)(*args): Expected f(*args) to return a scalar Tensor, got tensor with "
                    f"{output.dim()} dims. Maybe you wanted to use the vjp or jacrev APIs instead?"
                )
            grads = _grads_of(output, diff) if output.requires_grad else tuple(torch.zeros_like(d) for d in diff)
        grads = tuple(_outward(g, diff) for g in grads)
        result = grads[0] if isinstance(argnums, int) else grads
        value = _outward(output, diff)
        if has_aux:
            return result, (value, _map_tensors(lambda t: _outward(t, diff), aux))
        return result, value

    return wrapper


def grad(func, argnums=0, has_aux=False):
    """The gradient of func's scalar output with respect to args[argnums], as a function."""
    both = grad_and_value(func, argnums, has_aux)

    def wrapper(*args, **kwargs):
        gradients, value = both(*args, **kwargs)
        return (gradients, value[1]) if has_aux else gradients

    return wrapper


def vjp(func, *primals, has_aux=False):
    """(func(*primals), vjp_fn): vjp_fn(cotangents) returns one vector-Jacobian product per primal."""
    with enable_grad():
        diff = tuple(_differentiable(p) for p in primals)
        output = func(*diff)
        aux = None
        if has_aux:
            output, aux = output
    outputs = output if isinstance(output, tuple) else (output,)

    def vjp_fn(cotangents, *more):
        cots = (cotangents,) + more if more else cotangents
        cots = cots if isinstance(cots, tuple) else (cots,)
        if len(cots) != len(outputs):
            raise RuntimeError(
                f"Expected pytree structure of cotangents to be the same as pytree structure of outputs to the function. "
                f"cotangents: {len(cots)} tensors, primal output: {len(outputs)} tensors"
            )
        for c, o in zip(cots, outputs):
            if c.shape != o.shape:
                raise RuntimeError(
                    f"Mismatch in shape: grad_output[0] has a shape of {c.shape} and output[0] has a shape of {o.shape}."
                )
        with enable_grad():
            used = [(o, c) for o, c in zip(outputs, cots) if o.requires_grad]
            if not used:
                grads = tuple(torch.zeros_like(d) for d in diff)
            else:
                grads = _grads_of([o for o, _ in used], diff, [c for _, c in used])
        return tuple(_outward(g, diff) for g in grads)

    value = _map_tensors(lambda t: _outward(t, diff), output)
    if has_aux:
        return value, vjp_fn, _map_tensors(lambda t: _outward(t, diff), aux)
    return value, vjp_fn


def jacrev(func, argnums=0, *, has_aux=False, chunk_size=None):
    """The Jacobian of func with respect to args[argnums] by reverse mode: one vjp per output element."""

    def wrapper(*args, **kwargs):
        with enable_grad():
            args, diff = _with_diff_args(args, argnums, "jacrev")
            output = func(*args, **kwargs)
            aux = None
            if has_aux:
                output, aux = output
            outputs = output if isinstance(output, tuple) else (output,)
            per_output = []
            for out in outputs:
                flat = out.reshape(-1)
                rows = [[] for _ in diff]
                for j in range(flat.numel()):
                    grads = _grads_of(flat[j], diff) if out.requires_grad else tuple(torch.zeros_like(d) for d in diff)
                    for i, g in enumerate(grads):
                        rows[i].append(g)
                jac = tuple(
                    (torch.stack(rows[i]) if rows[i] else torch.zeros(0, *d.shape, dtype=d.dtype)).reshape(
                        tuple(out.shape) + tuple(d.shape)
                    )
                    for i, d in enumerate(diff)
                )
                jac = tuple(_outward(t, diff) for t in jac)
                per_output.append(jac[0] if isinstance(argnums, int) else jac)
        result = tuple(per_output) if isinstance(output, tuple) else per_output[0]
        if has_aux:
            return result, _map_tensors(lambda t: _outward(t, diff), aux)
        return result

    return wrapper


def hessian(func, argnums=0):
    """Second derivatives. PyTorch computes jacfwd(jacrev(f)): entry [i][j] is the forward-mode
    derivative of ∂f/∂x_i along x_j. jacrev(jacrev(f)) gives the same numbers with the roles of i
    and j swapped (so -0.0 would land across the diagonal); transposing back keeps PyTorch's signs."""
    inner = jacrev(jacrev(func, argnums), argnums)

    def wrapper(*args, **kwargs):
        nums = (argnums,) if isinstance(argnums, int) else tuple(argnums)
        ranks = [args[n].dim() for n in nums]
        h = inner(*args, **kwargs)
        if isinstance(argnums, int):
            return _swap_trailing(h, ranks[0], ranks[0])
        return tuple(
            tuple(_swap_trailing(h[j][i], ranks[j], ranks[i]) for j in range(len(nums))) for i in range(len(nums))
        )

    return wrapper


def _swap_trailing(t, first, second):
    """t's last (first + second) dims hold [first dims][second dims]: put the second group first."""
    lead = t.dim() - first - second
    order = list(range(lead)) + list(range(lead + first, t.dim())) + list(range(lead, lead + first))
    return t.permute(*order)


def vmap(func, in_dims=0, out_dims=0, randomness="error", *, chunk_size=None):
    """func mapped over a batch dimension: here by calling it once per slice and stacking the results
    (the same values as PyTorch's batching rules for functions without side effects)."""

    def wrapper(*args, **kwargs):
        dims = in_dims if isinstance(in_dims, (tuple, list)) else (in_dims,) * len(args)
        if len(dims) != len(args):
            raise ValueError(
                f"vmap(func, in_dims={in_dims}, ...)(<inputs>): in_dims is not compatible with the structure of `inputs`. "
                f"in_dims has structure {len(dims)} but inputs has structure {len(args)}."
            )
        batch_sizes = [a.shape[d] for a, d in zip(args, dims) if d is not None and isinstance(a, torch.Tensor)]
        sizes = set(batch_sizes)
        if not sizes:
            raise ValueError(
                f"vmap(func, in_dims={in_dims}, ...)(<inputs>): at least one input must be batched (in_dims not None)"
            )
        if len(sizes) != 1:
            raise ValueError(
                f"vmap: Expected all tensors to have the same size in the mapped dimension, got sizes {batch_sizes} for the mapped dimension"
            )
        (batch,) = sizes
        results = []
        for b in range(batch):
            sliced = [a.select(d, b) if d is not None and isinstance(a, torch.Tensor) else a for a, d in zip(args, dims)]
            results.append(func(*sliced, **kwargs))
        first = results[0]
        if isinstance(first, tuple):
            outs = out_dims if isinstance(out_dims, (tuple, list)) else (out_dims,) * len(first)
            return tuple(torch.stack([r[i] for r in results], outs[i]) for i in range(len(first)))
        return torch.stack(results, out_dims)

    return wrapper


def jvp(func, primals, tangents, *, strict=False, has_aux=False):
    raise NotImplementedError("torch.func.jvp needs forward-mode AD, which Gradscope does not support yet")


def jacfwd(func, argnums=0, has_aux=False, *, randomness="error"):
    raise NotImplementedError("torch.func.jacfwd needs forward-mode AD, which Gradscope does not support yet")


def functional_call(module, parameter_and_buffer_dicts, args, kwargs=None, *, tie_weights=True, strict=False):
    raise NotImplementedError("torch.func.functional_call is not supported in Gradscope yet")
