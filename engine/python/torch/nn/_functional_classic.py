"""torch.nn.functional for the classic models: convolution, pooling, batch norm, unfold/fold.

Each function is one engine op (convolution, max_pool2d_with_indices, avg_pool2d,
native_batch_norm, im2col, col2im), so the grad_fn names are PyTorch's. The 1-D forms and
unbatched inputs go through the 2-D op with an inserted dim, as PyTorch does (their grad_fn is
then PyTorch's SqueezeBackward1).
"""
import warnings

from .._engine import E, JsException, js_list, raise_from_js
from .._tensor import Tensor, as_engine_tensor, wrap_result

__all__ = [
    "conv1d", "conv2d", "max_pool1d", "max_pool2d", "avg_pool1d", "avg_pool2d", "batch_norm", "unfold", "fold",
    "adaptive_avg_pool2d", "adaptive_max_pool2d",
]


_warned_asymmetric_same = False


def _call(name, *args):
    converted = []
    for a in args:
        if isinstance(a, Tensor):
            converted.append(as_engine_tensor(a))
        elif isinstance(a, (list, tuple)):
            converted.append(js_list([int(v) for v in a]))
        else:
            converted.append(a)
    try:
        return wrap_result(E.callOp(name, *converted))
    except JsException as exc:
        raise_from_js(exc)


def _ntuple(value, n):
    if isinstance(value, (list, tuple)):
        return tuple(int(v) for v in value)
    return (int(value),) * n


def _same_padding(input, weight, stride, dilation, spatial):
    """PyTorch's padding='same': symmetric padding where it can, else pad the input's far side first."""
    if any(s != 1 for s in stride):
        raise RuntimeError("padding='same' is not supported for strided convolutions")
    left, extra = [], []
    for i in range(spatial):
        total = dilation[i] * (weight.shape[2 + i] - 1)
        left.append(total // 2)
        extra.append(total - 2 * (total // 2))
    if any(extra):
        global _warned_asymmetric_same
        if not _warned_asymmetric_same:
            _warned_asymmetric_same = True
            warnings.warn("Using padding='same' with even kernel lengths and odd dilation may require a zero-padded copy "
                          "of the input be created", UserWarning, stacklevel=4)
        pad = []
        for i in reversed(range(spatial)):
            pad += [0, extra[i]]
        input = _call("constant_pad_nd", input, pad, 0)
    return input, tuple(left)


def _conv(name, spatial, input, weight, bias, stride, padding, dilation, groups):
    stride, dilation = _ntuple(stride, spatial), _ntuple(dilation, spatial)
    batched = input.dim() == spatial + 2
    if input.dim() != spatial + 1 and not batched:
        raise RuntimeError(
            f"Expected {spatial + 1}D (unbatched) or {spatial + 2}D (batched) input to {name}, but got input of size: {list(input.shape)}"
        )
    x = input if batched else input.unsqueeze(0)
    if padding == "valid":
        padding = (0,) * spatial
    elif padding == "same":
        x, padding = _same_padding(x, weight, stride, dilation, spatial)
    elif isinstance(padding, str):
        raise RuntimeError(f"Invalid padding string: '{padding}'")
    else:
        padding = _ntuple(padding, spatial)
    out = _call("convolution", x, weight, bias, stride, padding, dilation, False, (0,) * spatial, groups)
    return out if batched else out.squeeze(0)


def conv1d(input, weight, bias=None, stride=1, padding=0, dilation=1, groups=1):
    return _conv("conv1d", 1, input, weight, bias, stride, padding, dilation, groups)


def conv2d(input, weight, bias=None, stride=1, padding=0, dilation=1, groups=1):
    return _conv("conv2d", 2, input, weight, bias, stride, padding, dilation, groups)


def _pool_args(kernel_size, stride, n):
    kernel = _ntuple(kernel_size, n)
    stride = kernel if stride is None or (isinstance(stride, (list, tuple)) and len(stride) == 0) else _ntuple(stride, n)
    return kernel, stride


def max_pool2d(input, kernel_size, stride=None, padding=0, dilation=1, ceil_mode=False, return_indices=False):
    kernel, stride = _pool_args(kernel_size, stride, 2)
    out, indices = _call("max_pool2d_with_indices", input, kernel, stride, _ntuple(padding, 2), _ntuple(dilation, 2), bool(ceil_mode))
    return (out, indices) if return_indices else out


def max_pool1d(input, kernel_size, stride=None, padding=0, dilation=1, ceil_mode=False, return_indices=False):
    if input.dim() not in (2, 3):
        raise RuntimeError(f"max_pool1d() Expected 2D or 3D input tensor, but got {list(input.shape)}")
    kernel, stride = _pool_args(kernel_size, stride, 1)
    out, indices = _call(
        "max_pool2d_with_indices", input.unsqueeze(-2), (1,) + kernel, (1,) + stride, (0,) + _ntuple(padding, 1),
        (1,) + _ntuple(dilation, 1), bool(ceil_mode),
    )
    out, indices = out.squeeze(-2), indices.squeeze(-2)
    return (out, indices) if return_indices else out


def avg_pool2d(input, kernel_size, stride=None, padding=0, ceil_mode=False, count_include_pad=True, divisor_override=None):
    kernel, stride = _pool_args(kernel_size, stride, 2)
    return _call("avg_pool2d", input, kernel, stride, _ntuple(padding, 2), bool(ceil_mode), bool(count_include_pad), divisor_override)


def avg_pool1d(input, kernel_size, stride=None, padding=0, ceil_mode=False, count_include_pad=True):
    if input.dim() not in (2, 3):
        raise RuntimeError(f"avg_pool1d() Expected 2D or 3D input tensor, but got {list(input.shape)}")
    kernel, stride = _pool_args(kernel_size, stride, 1)
    out = _call("avg_pool2d", input.unsqueeze(-2), (1,) + kernel, (1,) + stride, (0,) + _ntuple(padding, 1),
                bool(ceil_mode), bool(count_include_pad), None)
    return out.squeeze(-2)


def _adaptive_size(input, output_size):
    size = list(output_size) if isinstance(output_size, (list, tuple)) else [output_size, output_size]
    return [input.shape[-2 + i] if v is None else int(v) for i, v in enumerate(size)]


def adaptive_avg_pool2d(input, output_size):
    size = _adaptive_size(input, output_size)
    if size == [1, 1]:
        # PyTorch computes a 1x1 adaptive average as a mean over the last two dims (MeanBackward1).
        return input.mean((-1, -2), keepdim=True)
    return _call("_adaptive_avg_pool2d", input, size)


def adaptive_max_pool2d(input, output_size, return_indices=False):
    out, indices = _call("adaptive_max_pool2d", input, _adaptive_size(input, output_size))
    return (out, indices) if return_indices else out


def batch_norm(input, running_mean, running_var, weight=None, bias=None, training=False, momentum=0.1, eps=1e-5):
    if training:
        size = list(input.shape)
        values = size[0]
        for s in size[2:]:
            values *= s
        if values == 1:
            from .._size import Size

            raise ValueError(f"Expected more than 1 value per channel when training, got input size {Size(size)!r}")
    return _call("native_batch_norm", input, weight, bias, running_mean, running_var, bool(training), float(momentum), float(eps))[0]


def unfold(input, kernel_size, dilation=1, padding=0, stride=1):
    return _call("im2col", input, _ntuple(kernel_size, 2), _ntuple(dilation, 2), _ntuple(padding, 2), _ntuple(stride, 2))


def fold(input, output_size, kernel_size, dilation=1, padding=0, stride=1):
    return _call("col2im", input, _ntuple(output_size, 2), _ntuple(kernel_size, 2), _ntuple(dilation, 2), _ntuple(padding, 2), _ntuple(stride, 2))
