"""no_grad, enable_grad and set_grad_enabled: context managers and decorators, as in PyTorch."""
import functools

from ._engine import E


def is_grad_enabled():
    return bool(E.isGradEnabled())


class _GradModeContext:
    _enabled = None

    def __enter__(self):
        self._previous = E.isGradEnabled()
        E.setGradEnabled(self._enabled)
        return None

    def __exit__(self, *exc):
        E.setGradEnabled(self._previous)
        return False

    def __call__(self, fn):
        @functools.wraps(fn)
        def wrapper(*args, **kwargs):
            with self.__class__():
                return fn(*args, **kwargs)

        return wrapper

    def clone(self):
        return self.__class__()


class no_grad(_GradModeContext):
    _enabled = False

    def __init__(self, orig_func=None):
        if orig_func is not None and callable(orig_func):
            raise RuntimeError("no_grad must be called as no_grad() or used as @no_grad()")


class enable_grad(_GradModeContext):
    _enabled = True


class set_grad_enabled(_GradModeContext):
    def __init__(self, mode):
        self._enabled = bool(mode)
        self._previous = E.isGradEnabled()
        E.setGradEnabled(self._enabled)

    def __enter__(self):
        return None

    def __exit__(self, *exc):
        E.setGradEnabled(self._previous)
        return False

    def __call__(self, fn):
        E.setGradEnabled(self._previous)
        mode = self._enabled

        @functools.wraps(fn)
        def wrapper(*args, **kwargs):
            with set_grad_enabled(mode):
                return fn(*args, **kwargs)

        return wrapper


class inference_mode(no_grad):
    def __init__(self, mode=True):
        self._enabled = not mode
