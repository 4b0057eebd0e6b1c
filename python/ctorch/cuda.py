"""ctorch.cuda: what PyTorch's torch.cuda reports, for a build that computes on the CPU.

    torch.device('cuda' if torch.cuda.is_available() else 'cpu')   # 'cpu' here
"""
from . import _C


def is_available():
    return _C._cuda_is_available()


def device_count():
    return _C._cuda_device_count()


def is_initialized():
    return False


def manual_seed(seed):
    """Seeds the CUDA generators: there are none, so nothing happens (as PyTorch without CUDA)."""


def manual_seed_all(seed):
    """See manual_seed."""
