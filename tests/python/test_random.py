"""Random numbers through the module: PyTorch's CPU stream bit for bit (values recorded from
PyTorch), generators, state, and the in-place samplers."""
import pytest

import ctorch as torch


def test_manual_seed_gives_pytorchs_values():
    g = torch.manual_seed(42)
    assert g is torch.default_generator or isinstance(g, torch.Generator)
    assert repr(torch.rand(1, 5)) == "tensor([[0.8823, 0.9150, 0.3829, 0.9593, 0.3904]])"
    assert repr(torch.rand(size=(2, 3))) == "tensor([[0.6009, 0.2566, 0.7936],\n        [0.9408, 0.1332, 0.9346]])"
    assert torch.initial_seed() == 42


def test_same_seed_same_tensors():
    torch.manual_seed(7)
    a = [torch.randn(3), torch.randint(0, 10, (4,)), torch.randperm(5), torch.rand(2, dtype=torch.float64)]
    torch.manual_seed(7)
    b = [torch.randn(3), torch.randint(0, 10, (4,)), torch.randperm(5), torch.rand(2, dtype=torch.float64)]
    assert all(torch.equal(x, y) for x, y in zip(a, b))
    assert a[1].dtype is torch.int64 and a[2].dtype is torch.int64 and a[3].dtype is torch.float64
    assert sorted(a[2].tolist()) == [0, 1, 2, 3, 4]
    assert torch.randint(5, (3,)).shape == (3,) and torch.randint(low=2, high=3, size=(2,)).tolist() == [2, 2]


def test_generators_and_state():
    g = torch.Generator().manual_seed(42)
    assert isinstance(g, torch.Generator) and g.initial_seed() == 42
    x = torch.rand(5, generator=g)
    torch.manual_seed(42)
    assert torch.equal(x, torch.rand(5))
    state = torch.get_rng_state()
    assert state.dtype is torch.uint8 and state.shape == (5056,)
    first = torch.rand(3)
    torch.set_rng_state(state)
    assert torch.equal(first, torch.rand(3))
    with torch.random.fork_rng():
        torch.rand(10)
    second = torch.rand(3)
    torch.set_rng_state(state)
    torch.rand(3)
    assert torch.equal(second, torch.rand(3))
    g2 = torch.Generator()
    g2.set_state(g.get_state())
    assert torch.equal(torch.rand(2, generator=g), torch.rand(2, generator=g2))
    torch.manual_seed(-1)  # wraps modulo 2**64, as PyTorch
    assert torch.initial_seed() == 2 ** 64 - 1
    with pytest.raises(RuntimeError, match="Overflow"):
        torch.manual_seed(2 ** 64)


def test_in_place_samplers():
    torch.manual_seed(0)
    t = torch.empty(1000)
    assert t.uniform_(-1, 1) is t and -1 <= t.min().item() and t.max().item() < 1
    assert t.normal_(0, 2) is t
    assert t.exponential_() is t and t.min().item() > 0
    i = torch.empty(100, dtype=torch.int64)
    assert i.random_(0, 7) is i and 0 <= i.min().item() and i.max().item() < 7
    assert i.random_(3).max().item() < 3
    assert i.random_(5, 6).tolist() == [5] * 100 and i.random_(**{'from': 2, 'to': 3}).tolist() == [2] * 100
    b = torch.empty(1000).bernoulli_(0.3)
    assert set(b.tolist()) <= {0.0, 1.0}
    assert t.geometric_(0.5).min().item() >= 1
    assert t.log_normal_().min().item() > 0 and t.cauchy_() is t
    w = torch.tensor([0.0, 1.0, 0.0])
    assert torch.multinomial(w, 2, replacement=True).tolist() == [1, 1]
    assert torch.bernoulli(torch.ones(3)).tolist() == [1.0, 1.0, 1.0]
    assert torch.normal(torch.zeros(3), 1.0).shape == (3,)
    assert torch.normal(0.0, 1.0, size=(2, 2)).shape == (2, 2)
    assert torch.rand_like(t).shape == t.shape and torch.randint_like(i, 10).dtype is torch.int64
    with pytest.raises(RuntimeError):
        i.random_(5, 0)
