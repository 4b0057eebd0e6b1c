"""Autograd through the module: requires_grad, backward, grad, grad_fn, hooks, grad mode and
ctorch.autograd.grad/backward; values computed by hand, messages PyTorch's."""
import re
import warnings

import pytest

import ctorch as torch


def test_tutorial_example_sum_backward_gives_ones():
    X = torch.tensor([3., 2., 1.], requires_grad=True)
    assert X.requires_grad and X.is_leaf and X.grad is None and X.grad_fn is None
    y = X.sum()
    assert y.requires_grad and not y.is_leaf
    y.backward()
    assert X.grad.tolist() == [1.0, 1.0, 1.0]
    assert X.grad.dtype is torch.float32 and not X.grad.requires_grad


def test_grad_fn_repr_and_name():
    a = torch.tensor([1., 2.], requires_grad=True)
    b = a + a
    assert b.grad_fn.name() == "AddBackward0"
    assert re.fullmatch(r"<AddBackward0 object at 0x[0-9a-fA-F]+>", repr(b.grad_fn))
    assert repr(b) == "tensor([2., 4.], grad_fn=<AddBackward0>)"
    assert a.sum().grad_fn.name() == "SumBackward0"
    (fn, nr), = (a * 2).grad_fn.next_functions[:1]
    assert fn.name() == "torch::autograd::AccumulateGrad" and nr == 0


def test_gradients_accumulate_over_two_backward_calls():
    x = torch.tensor([1., 2., 3.], requires_grad=True)
    (x * x).sum().backward()
    assert x.grad.tolist() == [2.0, 4.0, 6.0]
    (x * x).sum().backward()
    assert x.grad.tolist() == [4.0, 8.0, 12.0]
    x.grad = None
    assert x.grad is None
    (3 * x).sum().backward()
    assert x.grad.tolist() == [3.0, 3.0, 3.0]
    x.grad = torch.zeros(3)
    assert x.grad.tolist() == [0.0, 0.0, 0.0]


def test_retain_graph_and_backward_with_gradient():
    x = torch.tensor([1., 2.], requires_grad=True)
    y = x * x
    y.backward(torch.tensor([1., 10.]), retain_graph=True)
    assert x.grad.tolist() == [2.0, 40.0]
    y.backward(gradient=torch.tensor([1., 1.]))
    assert x.grad.tolist() == [4.0, 44.0]


def test_no_grad_enable_grad_and_set_grad_enabled():
    x = torch.ones(2, requires_grad=True)
    assert torch.is_grad_enabled()
    with torch.no_grad():
        assert not torch.is_grad_enabled()
        y = x * 2
        with torch.enable_grad():
            z = x * 2
    assert torch.is_grad_enabled()
    assert not y.requires_grad and y.grad_fn is None
    assert z.requires_grad and z.grad_fn.name() == "MulBackward0"

    @torch.no_grad()
    def doubled(t):
        return t * 2
    assert not doubled(x).requires_grad and torch.is_grad_enabled()

    with torch.set_grad_enabled(False):
        assert not (x * 2).requires_grad
    assert torch.is_grad_enabled()
    torch.set_grad_enabled(False)
    try:
        assert not torch.is_grad_enabled()
    finally:
        torch.set_grad_enabled(True)
    assert torch.is_grad_enabled()


def test_autograd_grad_second_derivative():
    x = torch.tensor(2., requires_grad=True)
    y = x ** 3
    (dy,) = torch.autograd.grad(y, x, create_graph=True)
    assert dy.item() == pytest.approx(3 * 2.0 ** 2) and dy.requires_grad
    (d2y,) = torch.autograd.grad(dy, [x])
    assert d2y.item() == pytest.approx(6 * 2.0)
    assert x.grad is None  # grad() returns, it does not accumulate


def test_autograd_grad_allow_unused_and_backward():
    x = torch.tensor([1., 2.], requires_grad=True)
    w = torch.tensor([3., 4.], requires_grad=True)
    out = (x * 3).sum()
    gx, gw = torch.autograd.grad([out], [x, w], allow_unused=True)
    assert gx.tolist() == [3.0, 3.0] and gw is None
    torch.autograd.backward([(x * w).sum()])
    assert x.grad.tolist() == [3.0, 4.0] and w.grad.tolist() == [1.0, 2.0]


def test_hook_doubles_the_gradient():
    x = torch.tensor([1., 2.], requires_grad=True)
    seen = []
    handle = x.register_hook(lambda g: g * 2)
    x.register_hook(lambda g: seen.append(g.tolist()))  # returns None: only observes
    (x * 5).sum().backward()
    assert x.grad.tolist() == [10.0, 10.0] and seen == [[10.0, 10.0]]
    handle.remove()
    x.grad = None
    (x * 5).sum().backward()
    assert x.grad.tolist() == [5.0, 5.0]


def test_retain_grad_detach_and_data():
    x = torch.tensor([1., 2.], requires_grad=True)
    y = x * 2
    assert not y.retains_grad
    y.retain_grad()
    assert y.retains_grad
    (y * y).sum().backward()
    assert y.grad.tolist() == [4.0, 8.0]
    d = y.detach()
    assert not d.requires_grad and d.is_leaf and d.grad_fn is None and d.tolist() == [2.0, 4.0]
    assert not x.data.requires_grad and x.data.data_ptr() == x.data_ptr()
    z = x * 3
    assert z.detach_() is z and not z.requires_grad and z.is_leaf
    assert x.detach().requires_grad_() is not x


def test_grad_of_non_leaf_warns():
    x = torch.tensor([1., 2.], requires_grad=True)
    y = x * 2
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assert y.grad is None
    assert any("is not a leaf Tensor is being accessed" in str(w.message) for w in caught)


def test_requires_grad_setter_and_errors():
    x = torch.tensor([1., 2.])
    x.requires_grad = True
    assert x.requires_grad
    assert x.requires_grad_(False) is x and not x.requires_grad
    assert torch.zeros(2, requires_grad=True).requires_grad and torch.ones(2, requires_grad=True).requires_grad
    i = torch.tensor([1, 2])
    with pytest.raises(RuntimeError, match="^only Tensors of floating point and complex dtype can require gradients$"):
        i.requires_grad = True
    with pytest.raises(RuntimeError, match="^only Tensors of floating point dtype can require gradients$"):
        i.requires_grad_()
    y = torch.ones(2, requires_grad=True) * 2
    with pytest.raises(RuntimeError, match="you can only change requires_grad flags of leaf variables"):
        y.requires_grad = False


def test_backward_on_non_scalar_is_an_error():
    x = torch.tensor([1., 2.], requires_grad=True)
    with pytest.raises(RuntimeError, match="^grad can be implicitly created only for scalar outputs$"):
        (x * 2).backward()


def test_numpy_refuses_a_tensor_that_requires_grad():
    x = torch.tensor([1., 2.], requires_grad=True)
    with pytest.raises(RuntimeError, match=re.escape(
            "Can't call numpy() on Tensor that requires grad. Use tensor.detach().numpy() instead.")):
        x.numpy()
    assert x.detach().numpy().tolist() == [1.0, 2.0]


def test_hook_on_a_global_tensor_exits_quietly():
    # The hook (a Python callable) is held by a C++ tensor that is a module global: a cycle that
    # outlives the interpreter. The script must run and exit without any report on stderr.
    import os
    import subprocess
    import sys

    script = (
        "import ctorch as torch\n"
        "x = torch.ones(3, requires_grad=True)\n"
        "seen = []\n"
        "h = x.register_hook(lambda g: seen.append(g) or g)\n"
        "(x * 2).sum().backward()\n"
        "print(x.grad, len(seen))\n"
    )
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(sys.path))
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout == "tensor([2., 2., 2.]) 1\n"
    assert done.stderr == ""
