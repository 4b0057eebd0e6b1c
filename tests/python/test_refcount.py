"""Reference counting: 1e5 conversions (NumPy in and out, DLPack, lists, scalars, ops) leave no
reference and no memory behind, measured with sys.getrefcount and the process's resident size."""
import gc
import sys

import numpy as np

import ctorch as torch

N = 100_000


def resident_bytes():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * 4096


def churn(array, tensor):
    for _ in range(N):
        t = torch.from_numpy(array)
        a = tensor.numpy()
        d = torch.from_dlpack(t)
        m = memoryview(tensor)
        s = tensor[1:3]
        x = t + 1.5
        v = x.sum().item()
        del t, a, d, m, s, x, v


def test_no_reference_or_memory_left_behind():
    array = np.arange(1000.0)
    tensor = torch.arange(1000.0)
    churn(array, tensor)  # warm up: caches, NumPy's and ctorch's allocators
    gc.collect()
    refs = (sys.getrefcount(array), sys.getrefcount(tensor))
    before = resident_bytes()
    churn(array, tensor)
    gc.collect()
    after = resident_bytes()
    assert (sys.getrefcount(array), sys.getrefcount(tensor)) == refs
    # A leak of one 8 KB buffer (or even one small object) per iteration would be 100s of MB.
    assert after - before < 8 * 1024 * 1024, f"grew by {(after - before) / 1e6:.1f} MB over {N} iterations"


def test_objects_returned_are_released():
    import weakref
    t = torch.zeros(3)
    assert sys.getrefcount(t) == 2
    same = t.add_(1)
    assert same is t and sys.getrefcount(t) == 3
    del same
    shape = t.shape
    del shape
    assert sys.getrefcount(torch.float32) > 2  # a shared, immortal-in-practice object
    assert sys.getrefcount(t) == 2
    ref = weakref.ref(t) if hasattr(torch.Tensor, "__weakref__") else None
    del t
    gc.collect()
    assert ref is None or ref() is None
