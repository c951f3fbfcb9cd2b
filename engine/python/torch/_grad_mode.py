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


class inference_mode:
    """No graph is recorded and the tensors made meanwhile are inference tensors (see is_inference).

    A context manager and a decorator, with or without parentheses, as in PyTorch 2.x;
    inference_mode(False) turns it off inside an inference-mode block.
    """

    def __new__(cls, mode=True):
        if mode is None or isinstance(mode, bool):
            return super().__new__(cls)
        return cls()(mode)  # @torch.inference_mode without parentheses

    def __init__(self, mode=True):
        self._mode = bool(mode)

    def __enter__(self):
        self._previous = (E.isInferenceModeEnabled(), E.isGradEnabled())
        E.setInferenceModeEnabled(self._mode)
        # PyTorch's InferenceMode guard also switches grad mode (off inside, on for mode=False).
        E.setGradEnabled(not self._mode)
        return None

    def __exit__(self, *exc):
        inference, grad = self._previous
        E.setInferenceModeEnabled(inference)
        E.setGradEnabled(grad)
        return False

    def __call__(self, fn):
        mode = self._mode

        @functools.wraps(fn)
        def wrapper(*args, **kwargs):
            with inference_mode(mode):
                return fn(*args, **kwargs)

        return wrapper

    def clone(self):
        return inference_mode(self._mode)


def is_inference_mode_enabled():
    return bool(E.isInferenceModeEnabled())


def is_inference(tensor):
    return tensor.is_inference()
