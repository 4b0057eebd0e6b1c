"""ctorch.autograd: PyTorch's torch.autograd: grad, backward and the grad-mode context managers.

    with ctorch.no_grad():                  # nothing recorded
        y = x * 2
    @ctorch.enable_grad()                   # as a decorator
    def f(x): ...
    (g,) = ctorch.autograd.grad((x ** 3).sum(), x, create_graph=True)

The functions are the C++ library's (ctorch._C._autograd); the classes here only switch its
thread-local grad mode on entry and restore it on exit (torch/autograd/grad_mode.py).
"""
import functools

from . import _C

grad = _C._autograd.grad
backward = _C._autograd.backward
is_grad_enabled = _C.is_grad_enabled

__all__ = ["grad", "backward", "no_grad", "enable_grad", "set_grad_enabled", "is_grad_enabled"]


class _GradModeBase:
    def __call__(self, func):
        @functools.wraps(func)
        def wrapper(*args, **kwargs):
            with self.__class__():
                return func(*args, **kwargs)
        return wrapper

    def __exit__(self, *exc):
        _C._set_grad_enabled(self._prev)


class no_grad(_GradModeBase):
    """Context manager and decorator: no graph is recorded inside."""

    def __enter__(self):
        self._prev = _C.is_grad_enabled()
        _C._set_grad_enabled(False)


class enable_grad(_GradModeBase):
    """Context manager and decorator: recording on inside (also within no_grad)."""

    def __enter__(self):
        self._prev = _C.is_grad_enabled()
        _C._set_grad_enabled(True)


class set_grad_enabled(_GradModeBase):
    """set_grad_enabled(mode): sets grad mode at once (a function) and, used as a context manager
    or decorator, restores the previous mode at the end."""

    def __init__(self, mode):
        self._prev = _C.is_grad_enabled()
        self._mode = bool(mode)
        _C._set_grad_enabled(self._mode)

    def __call__(self, func):
        _C._set_grad_enabled(self._prev)  # as a decorator, the mode applies inside func only

        @functools.wraps(func)
        def wrapper(*args, **kwargs):
            with set_grad_enabled(self._mode):
                return func(*args, **kwargs)
        return wrapper

    def __enter__(self):
        pass
