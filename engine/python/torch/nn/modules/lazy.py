"""Lazy modules (d2l's LazyConv2d, LazyLinear, LazyBatchNorm2d): shapes taken from the first input.

As in PyTorch, the parameters are placeholders (UninitializedParameter) until the first forward,
which gives them their shapes, initialises them with the full module's reset_parameters (so the
draws come in call order, as PyTorch's) and turns the module into that full module.
"""
import warnings

from ... import _creation
from ..._grad_mode import no_grad
from ..parameter import Parameter
from .batchnorm import BatchNorm1d, BatchNorm2d
from .conv import Conv1d, Conv2d
from .simple import Linear


class UninitializedParameter(Parameter):
    def __repr__(self):
        return "<UninitializedParameter>"

    def materialize(self, shape, dtype=None):
        with no_grad():
            self.data = _creation.empty(shape, dtype=dtype)
        self.__class__ = Parameter


def _warn():
    warnings.warn("Lazy modules are a new feature under heavy development so changes to the API or functionality "
                  "can happen at any moment.", UserWarning, stacklevel=3)


class _LazyMixin:
    cls_to_become = None

    def has_uninitialized_params(self):
        return any(isinstance(p, UninitializedParameter) for p in self._parameters.values())

    def __call__(self, *args, **kwargs):
        if self.has_uninitialized_params():
            self.initialize_parameters(*args, **kwargs)
            full = self.cls_to_become
            self.__class__ = full
            return full.__call__(self, *args, **kwargs)
        return super().__call__(*args, **kwargs)


def _placeholder(module, name):
    setattr(module, name, UninitializedParameter())


class _LazyConv(_LazyMixin):
    def __init__(self, out_channels, kernel_size, stride=1, padding=0, dilation=1, groups=1, bias=True, padding_mode="zeros",
                 device=None, dtype=None):
        _warn()
        # in_channels 0 until the first input; groups checked then (PyTorch passes 0 here too).
        self.cls_to_become.__init__(self, 0, out_channels, kernel_size, stride, padding, dilation, 1, bias, padding_mode, dtype=dtype)
        self.groups = groups
        _placeholder(self, "weight")
        if bias:
            _placeholder(self, "bias")

    def reset_parameters(self):
        if not self.has_uninitialized_params() and self.in_channels != 0:
            super().reset_parameters()

    def initialize_parameters(self, input, *args, **kwargs):
        batched = input.dim() == self._spatial + 2
        self.in_channels = input.shape[1] if batched else input.shape[0]
        if self.in_channels % self.groups != 0:
            raise ValueError("in_channels must be divisible by groups")
        self.weight.materialize((self.out_channels, self.in_channels // self.groups) + tuple(self.kernel_size))
        if self.bias is not None:
            self.bias.materialize((self.out_channels,))
        self.reset_parameters()


class LazyConv1d(_LazyConv, Conv1d):
    cls_to_become = Conv1d


class LazyConv2d(_LazyConv, Conv2d):
    cls_to_become = Conv2d


class LazyLinear(_LazyMixin, Linear):
    cls_to_become = Linear

    def __init__(self, out_features, bias=True, device=None, dtype=None):
        _warn()
        Linear.__init__(self, 0, 0, bias, dtype=dtype)
        self.out_features = out_features
        _placeholder(self, "weight")
        if bias:
            _placeholder(self, "bias")

    def reset_parameters(self):
        if not self.has_uninitialized_params() and self.in_features != 0:
            super().reset_parameters()

    def initialize_parameters(self, input, *args, **kwargs):
        self.in_features = input.shape[-1]
        self.weight.materialize((self.out_features, self.in_features))
        if self.bias is not None:
            self.bias.materialize((self.out_features,))
        self.reset_parameters()


class _LazyBatchNorm(_LazyMixin):
    def __init__(self, eps=1e-5, momentum=0.1, affine=True, track_running_stats=True, device=None, dtype=None):
        _warn()
        self.cls_to_become.__init__(self, 0, eps, momentum, affine, track_running_stats, dtype=dtype)
        if affine:
            _placeholder(self, "weight")
            _placeholder(self, "bias")

    def reset_parameters(self):
        if not self.has_uninitialized_params() and self.num_features != 0:
            super().reset_parameters()

    def initialize_parameters(self, input, *args, **kwargs):
        self.num_features = input.shape[1]
        if self.affine:
            self.weight.materialize((self.num_features,))
            self.bias.materialize((self.num_features,))
        if self.track_running_stats:
            self.running_mean = _creation.zeros(self.num_features)
            self.running_var = _creation.ones(self.num_features)
        self.reset_parameters()


class LazyBatchNorm1d(_LazyBatchNorm, BatchNorm1d):
    cls_to_become = BatchNorm1d


class LazyBatchNorm2d(_LazyBatchNorm, BatchNorm2d):
    cls_to_become = BatchNorm2d
