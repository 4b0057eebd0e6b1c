"""ctorch: PyTorch's tensor, written in C++20, for Python.

    import ctorch as torch
    t = torch.tensor([[7, 8], [8, 9]])     # tensor([[7, 8],
                                            #         [8, 9]])
    t.shape, t.dtype, t.stride()            # (torch.Size([2, 2]), torch.int64, (2, 1))
    torch.from_numpy(array)                 # shares the array's memory
    x = torch.ones(3, requires_grad=True); (x * x).sum().backward()   # x.grad: tensor([2., 2., 2.])

The extension ctorch._C binds the C++ library; this package adds the small Python objects PyTorch
has in Python too (dtype objects, Size, device, return types, the grad-mode context managers) and the
cuda/backends/autograd namespaces.
"""
from . import _C
from ._dtype import dtype, make_dtypes
from ._size import Size
from ._device import device
from . import return_types

__version__ = "0.1.0"

# The dtype objects, in the C++ library's order, with PyTorch's aliases.
_dtypes = make_dtypes(_C._dtype_info())
_C._register_types(_dtypes, Size, device, return_types)

from ._C import *  # noqa: E402,F401,F403  Tensor, Generator and the functions of the torch namespace
from ._C import Tensor, Generator  # noqa: E402
from . import _tensor  # noqa: E402,F401  Python-level Tensor protocols (__array__, ...)
from . import cuda, backends, random, autograd  # noqa: E402,F401
from .autograd import no_grad, enable_grad, set_grad_enabled  # noqa: E402,F401

for _d in _dtypes:
    globals()[_d._name] = _d
float, double, half = float32, float64, float16  # noqa: A001,F821
long, int, short = int64, int32, int16  # noqa: A001,F821
del _d

Tensor.__module__ = "ctorch"
Generator.__module__ = "ctorch"
