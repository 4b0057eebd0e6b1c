"""ctorch.cuda and moving tensors to the cuda device: without a GPU every call must answer or raise
cleanly; with one, results must match the CPU's."""
import pytest

import ctorch

GPU = ctorch.cuda.is_available()


def test_availability_is_consistent():
    assert ctorch.cuda.is_available() == (ctorch.cuda.device_count() > 0)
    if not ctorch.cuda.is_built():
        assert not ctorch.cuda.is_available()


@pytest.mark.skipif(GPU, reason="a GPU is present")
def test_cuda_without_a_gpu_raises():
    t = ctorch.arange(3)
    for make in (lambda: t.cuda(), lambda: t.to("cuda"), lambda: ctorch.zeros(3, device="cuda")):
        with pytest.raises(RuntimeError, match="Cannot use device 'cuda"):
            make()
    assert ctorch.cuda.memory_allocated() == 0
    ctorch.cuda.empty_cache()


@pytest.mark.skipif(not GPU, reason="no CUDA GPU")
def test_round_trip_and_ops_on_the_gpu():
    x = ctorch.rand(100, 7)
    g = x.cuda()
    assert g.is_cuda and str(g.device) == "cuda:0"
    assert repr(ctorch.tensor([1.0, 2.0]).cuda()) == "tensor([1., 2.], device='cuda:0')"
    assert ctorch.allclose((g * 2 + 1).exp().sum(0).cpu(), (x * 2 + 1).exp().sum(0), rtol=1e-5)
    ctorch.cuda.synchronize()
    with pytest.raises(RuntimeError, match="Expected all tensors to be on the same device"):
        g + x
