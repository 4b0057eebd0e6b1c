"""ctorch.cuda: torch.cuda's functions for ctorch's cuda device (ctorch/cuda.h). In a build without
CUDA, or on a machine without a GPU, is_available() is False and the rest raise as PyTorch does.

    torch.device('cuda' if torch.cuda.is_available() else 'cpu')
"""
from . import _C


def is_available():
    return _C._cuda_is_available()


def is_built():
    return _C._cuda_is_built()


def device_count():
    return _C._cuda_device_count()


def is_initialized():
    return _C._cuda_is_available()


def synchronize(device=None):
    _C._cuda_synchronize()


def current_device():
    return _C._cuda_current_device()


def set_device(device):
    _C._cuda_set_device(device if isinstance(device, int) else (device.index or 0))


def _index(device):
    if device is None:
        return -1
    return device if isinstance(device, int) else (device.index if device.index is not None else -1)


def memory_allocated(device=None):
    return _C._cuda_memory_allocated(_index(device))


def max_memory_allocated(device=None):
    return _C._cuda_max_memory_allocated(_index(device))


def memory_reserved(device=None):
    return _C._cuda_memory_reserved(_index(device))


def reset_peak_memory_stats(device=None):
    _C._cuda_reset_peak_memory_stats(_index(device))


def empty_cache():
    _C._cuda_empty_cache()


def manual_seed(seed):
    """ctorch's cuda tensors draw from the CPU generators (same seed, same numbers): nothing to seed."""


def manual_seed_all(seed):
    """See manual_seed."""
