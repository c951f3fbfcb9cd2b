"""torch.func (functorch's transforms), built on Gradscope's reverse-mode autograd.

Each transform differentiates with `torch.autograd.grad(..., create_graph=True)`, so transforms
nest (`grad(grad(f))`, `hessian = jacrev(jacrev(f))`): an argument that already requires grad
(an outer transform's input, or the user's own leaf) stays connected to the result, and a result
that nobody outside can differentiate is detached, as functorch returns plain tensors.
jvp and jacfwd are forward mode: dual tensors of torch.autograd.forward_ad, whose tangents the
engine propagates through every op (engine/autograd/forward-ad.ts).
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
    if x.requires_grad:
        return x.view_as(x)  # a view: keeps x's history, and its tangent under forward AD
    return _with_tangent_of(x, x.detach().requires_grad_(True))


def _with_tangent_of(source, t):
    """`t`, dual with `source`'s tangent when `source` has one: a transform nested inside
    torch.func.jvp (jvp(grad(f))) passes the outer tangent through, as functorch's levels do."""
    from ..autograd import forward_ad as fwAD

    tangent = fwAD.unpack_dual(source).tangent
    if tangent is None:
        return t
    dual = fwAD.make_dual(t, tangent.detach())
    if t.is_leaf:
        dual._func_leaf = t  # the transform's own leaf behind the dual view (see _outward)
    return dual


def _outward(t, own_leaves):
    """What a transform hands back: detached unless its history reaches a tensor that requires
    grad outside the transform (an outer transform's input, or a weight the function closed over)."""
    if t is None or not t.requires_grad:
        return t
    leaves = [getattr(leaf, "_func_leaf", leaf) for leaf in own_leaves]
    if E.dependsOnOtherLeaves(t._t, js_list([leaf._t for leaf in leaves])):
        return t
    return _with_tangent_of(t, t.detach())


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


_JVP = "jvp(f, primals, tangents)"


def _structure(value, indent=0):
    """functorch's TreeSpec repr (2.x's: children after the first on their own indented lines)."""
    if isinstance(value, (tuple, list, dict)):
        children = list(value.values()) if isinstance(value, dict) else list(value)
        context = repr(list(value.keys())) if isinstance(value, dict) else "None"
        text = f"TreeSpec({type(value).__name__}, {context}, ["
        if children:
            indent += 2
            text += _structure(children[0], indent)
            text += "," if len(children) > 1 else ""
            text += ",".join("\n" + " " * indent + _structure(c, indent) for c in children[1:])
        return text + "])"
    return "*"


def _check_jvp_args(primals, tangents):
    if not isinstance(primals, tuple):
        raise RuntimeError(f"{_JVP}: Expected primals to be a tuple. E.g. it should be valid to call f(*primals).")
    if _structure(primals) != _structure(tangents):
        raise RuntimeError(
            f"{_JVP}: Expected primals and tangents to have the same python structure. For example, if primals is a "
            f"tuple of 3 tensors, tangents also must be. Got primals with structure {_structure(primals)} and "
            f"tangents with structure {_structure(tangents)}"
        )
    for argname, value in (("primals", primals), ("tangents", tangents)):
        leaves = _leaves(value)
        if not leaves:
            raise RuntimeError(f"{_JVP}: Expected {argname} to contain at least one Tensor.")
        for t in leaves:
            if not isinstance(t, torch.Tensor):
                raise RuntimeError(f"{_JVP}: Expected {argname} to only contain Tensors, got {type(t)}")


def _leaves(value):
    if isinstance(value, (tuple, list)):
        return [leaf for v in value for leaf in _leaves(v)]
    if isinstance(value, dict):
        return [leaf for v in value.values() for leaf in _leaves(v)]
    return [value]


def _zip_tensors(fn, primals, tangents):
    if isinstance(primals, torch.Tensor):
        return fn(primals, tangents)
    if isinstance(primals, (tuple, list)):
        items = [_zip_tensors(fn, p, t) for p, t in zip(primals, tangents)]
        return tuple(items) if isinstance(primals, tuple) else items
    if isinstance(primals, dict):
        return {k: _zip_tensors(fn, v, tangents[k]) for k, v in primals.items()}
    return primals


def jvp(func, primals, tangents, *, strict=False, has_aux=False):
    """(func(*primals), J·tangents) by forward-mode AD: the primals become dual tensors."""
    from ..autograd import forward_ad as fwAD

    _check_jvp_args(primals, tangents)
    with fwAD.dual_level():
        duals = _zip_tensors(fwAD.make_dual, primals, tangents)
        result = func(*duals)
        aux = None
        if has_aux:
            if not (isinstance(result, tuple) and len(result) == 2):
                raise RuntimeError(f"{_JVP}: output of function f should be a tuple: (output, aux) if has_aux is True")
            result, aux = result
        for out in _leaves(result):
            if not isinstance(out, torch.Tensor):
                raise RuntimeError(f"{_JVP}: expected f(*primals) to return only tensors, got unsupported type {type(out)}")

        def tangent_of(out):
            tangent = fwAD.unpack_dual(out).tangent
            return torch.zeros_like(out) if tangent is None else tangent

        tangent_out = _map_tensors(tangent_of, result)
    # Leaving the level dropped every tangent: `result` now holds plain tensors.
    if has_aux:
        return result, tangent_out, aux
    return result, tangent_out


def jacfwd(func, argnums=0, has_aux=False, *, randomness="error"):
    """The Jacobian of func with respect to args[argnums] by forward mode: one JVP per input element."""
    from ..autograd import forward_ad as fwAD

    def wrapper(*args, **kwargs):
        nums = _argnums_tuple(argnums, len(args), "jacfwd")
        for n in nums:
            if not isinstance(args[n], torch.Tensor):
                raise RuntimeError(f"jacfwd(f, ...)(*args): Expected args to only contain Tensors, got {type(args[n])}")
        columns = {}
        output = aux = None
        for n in nums:
            x = args[n]
            cols = []
            for j in range(x.numel()):
                unit = torch.zeros(x.numel(), dtype=x.dtype)
                unit[j] = 1
                with fwAD.dual_level():
                    # Every differentiated argument is dual, as functorch's basis spans them all:
                    # the others carry zero tangents (which shows in the signs of zeros).
                    call_args = list(args)
                    for other in nums:
                        tangent = unit.view(x.shape) if other == n else torch.zeros_like(args[other])
                        call_args[other] = fwAD.make_dual(args[other], tangent)
                    result = func(*call_args, **kwargs)
                    if has_aux:
                        if not (isinstance(result, tuple) and len(result) == 2):
                            raise RuntimeError("jacfwd(f, ...)(*args): output of function f should be a tuple: (output, aux) if has_aux is True")
                        result, aux = result
                    outs = result if isinstance(result, tuple) else (result,)
                    cols.append(tuple(
                        (fwAD.unpack_dual(o).tangent if fwAD.unpack_dual(o).tangent is not None else torch.zeros_like(o)).reshape(-1)
                        for o in outs
                    ))
                output = result
            columns[n] = cols
        if output is None:  # every differentiated argument is empty
            output = func(*args, **kwargs)
            if has_aux:
                output, aux = output
        outs = output if isinstance(output, tuple) else (output,)
        per_output = []
        for k, out in enumerate(outs):
            jacs = []
            for n in nums:
                x = args[n]
                cols = [c[k] for c in columns[n]]
                flat = torch.stack(cols, -1) if cols else torch.zeros(out.numel(), 0, dtype=out.dtype)
                jacs.append(flat.reshape(tuple(out.shape) + tuple(x.shape)))
            per_output.append(jacs[0] if isinstance(argnums, int) else tuple(jacs))
        jac = tuple(per_output) if isinstance(output, tuple) else per_output[0]
        return (jac, aux) if has_aux else jac

    return wrapper


def functional_call(module, parameter_and_buffer_dicts, args=None, kwargs=None, *, tie_weights=True, strict=False):
    """Calls module with the given tensors in place of its parameters and buffers (by dotted name),
    putting the originals back afterwards."""
    dicts = parameter_and_buffer_dicts if isinstance(parameter_and_buffer_dicts, (tuple, list)) else (parameter_and_buffer_dicts,)
    replacements = {}
    for d in dicts:
        repeated = [k for k in d if k in replacements]
        if repeated:
            raise ValueError(f"{repeated} appeared in multiple dictionaries; behavior of functional call is ambiguous")
        replacements.update(d)
    if kwargs is None:
        kwargs = {}
    if args is None:
        args = ()
    elif not isinstance(args, tuple):
        args = (args,)
    restore = []
    try:
        for name, value in replacements.items():
            *path, leaf = name.split(".")
            owner = module
            for part in path:
                owner = getattr(owner, part)
            for store in (owner._parameters, owner._buffers):
                if leaf in store:
                    restore.append((store, leaf, store[leaf]))
                    store[leaf] = value
                    break
            else:
                had = leaf in owner.__dict__
                restore.append((owner.__dict__, leaf, owner.__dict__.get(leaf)) if had else (owner, leaf, None))
                object.__setattr__(owner, leaf, value)
        return module(*args, **kwargs)
    finally:
        for store, key, old in reversed(restore):
            if isinstance(store, dict):
                store[key] = old
            else:
                object.__delattr__(store, key)
