"""Gradients at the special points, once with PyTorch and once with ctorch: the node's name, the
output and every input's gradient must agree (NaN where PyTorch has NaN). The sign of a zero is not
compared: PyTorch's own formulas give it by the order of their operations (cumprod's, max's ties
between -0.0 and 0.0), which ctorch does not reproduce everywhere.

Inputs are small float64 tensors drawn from values where formulas need a rule of their own: ties,
zeros (both signs), bounds, poles, infinities and NaN. Each case is one op applied to such inputs
and a backward with a random gradient. Skipped where PyTorch is not installed (ctest runs it under
the project's .venv-torch, PyTorch 2.15). CTORCH_AUTOGRAD_CASES=N runs more.
"""
import math
import os
import random

import pytest

torch = pytest.importorskip("torch")
import ctorch  # noqa: E402

COUNT = int(os.environ.get("CTORCH_AUTOGRAD_CASES", "1500"))
SPECIAL = [0.0, -0.0, 1.0, -1.0, 2.0, 0.5, -2.5, 3.0, 1.0, 2.0]
RARE = [math.inf, -math.inf, math.nan]

# name -> (number of tensor inputs, call(lib, *inputs)); keyword variants are separate entries.
UNARY = ["abs", "neg", "sign", "square", "floor", "ceil", "round", "trunc", "frac", "reciprocal",
         "relu", "sqrt", "rsqrt", "exp", "exp2", "expm1", "log", "log2", "log10", "log1p", "sin",
         "cos", "tan", "asin", "acos", "atan", "sinh", "cosh", "tanh", "sigmoid", "erf"]
BINARY = ["add", "sub", "mul", "div", "pow", "maximum", "minimum", "atan2", "remainder", "fmod"]
OPS = {}
for _name in UNARY:
    OPS[_name] = (1, lambda lib, x, _n=_name: getattr(x, _n)())
for _name in BINARY:
    OPS[_name] = (2, lambda lib, x, y, _n=_name: getattr(x, _n)(y))
OPS.update({
    "pow_number": (1, lambda lib, x: x.pow(2.5)),
    "pow_zero": (1, lambda lib, x: x.pow(0)),
    "pow_half": (1, lambda lib, x: x.pow(0.5)),
    "number_pow": (1, lambda lib, x: lib.pow(2.0, x)),
    "zero_pow": (1, lambda lib, x: lib.pow(0.0, x)),
    "div_floor": (2, lambda lib, x, y: x.div(y, rounding_mode="floor")),
    "div_trunc": (2, lambda lib, x, y: x.div(y, rounding_mode="trunc")),
    "clamp": (1, lambda lib, x: x.clamp(-1.0, 1.0)),
    "clamp_min": (1, lambda lib, x: x.clamp_min(0.0)),
    "clamp_max": (1, lambda lib, x: x.clamp_max(0.0)),
    "clamp_tensors": (3, lambda lib, x, lo, hi: x.clamp(lo, hi)),
    "clamp_tensor_min": (2, lambda lib, x, lo: x.clamp(min=lo)),
    "clamp_min_tensor": (2, lambda lib, x, lo: x.clamp_min(lo)),
    "sum": (1, lambda lib, x: x.sum()),
    "sum_dim": (1, lambda lib, x: x.sum(0)),
    "mean": (1, lambda lib, x: x.mean()),
    "prod": (1, lambda lib, x: x.prod()),
    "prod_dim": (1, lambda lib, x: x.prod(0)),
    "max": (1, lambda lib, x: x.max()),
    "min": (1, lambda lib, x: x.min()),
    "max_dim": (1, lambda lib, x: x.max(0).values),
    "amax": (1, lambda lib, x: x.amax(0)),
    "amin": (1, lambda lib, x: x.amin()),
    "std": (1, lambda lib, x: x.std()),
    "var_dim": (1, lambda lib, x: x.var(0)),
    "std_biased": (1, lambda lib, x: x.std(0, unbiased=False)),
    "norm": (1, lambda lib, x: x.norm()),
    "norm_1": (1, lambda lib, x: x.norm(1)),
    "norm_inf": (1, lambda lib, x: x.norm(float("inf"))),
    "norm_3": (1, lambda lib, x: x.norm(3)),
    "logsumexp": (1, lambda lib, x: x.logsumexp(0)),
    "cumsum": (1, lambda lib, x: x.cumsum(0)),
    "cumprod": (1, lambda lib, x: x.cumprod(0)),
    "softmax": (1, lambda lib, x: x.softmax(0)),
    "log_softmax": (1, lambda lib, x: x.log_softmax(-1)),
    "sort": (1, lambda lib, x: x.sort(0).values),
    "topk": (1, lambda lib, x: x.topk(1, 0).values),
    "where": (2, lambda lib, x, y: lib.where(x > y, x, y)),
    "masked_fill": (1, lambda lib, x: x.masked_fill(x > 0, 2.0)),
    "lerp": (2, lambda lib, x, y: x.lerp(y, 0.25)),
    "nan_to_num": (1, lambda lib, x: x.nan_to_num()),
    "matmul": (2, lambda lib, x, y: x.matmul(y.t())),
    "dot": (2, lambda lib, x, y: x.flatten().dot(y.flatten())),
    "index": (1, lambda lib, x: x[lib.tensor([0, 0, -1])]),
    "gather": (1, lambda lib, x: x.gather(0, lib.zeros(x.shape, dtype=lib.int64))),
    "expand_sum": (1, lambda lib, x: x[:1].expand(3, -1)),
    "flip": (1, lambda lib, x: x.flip(0)),
    "roll": (1, lambda lib, x: x.roll(1, 0)),
    "repeat": (1, lambda lib, x: x.repeat(2, 1)),
    "cat": (2, lambda lib, x, y: lib.cat([x, y])),
    "stack": (2, lambda lib, x, y: lib.stack([x, y], 1)),
    "to_float32": (1, lambda lib, x: x.to(lib.float32)),
})
NAMES = sorted(OPS)


def draw(rng, shape):
    values = [rng.choice(SPECIAL) if rng.random() > 0.08 else rng.choice(RARE) for _ in range(math.prod(shape))]
    return values


def run(lib, name, inputs, grad_values):
    arity, call = OPS[name]
    leaves = [lib.tensor(v, dtype=lib.float64).reshape(shape).requires_grad_() for v, shape in inputs]
    try:
        out = call(lib, *leaves)
        node = out.grad_fn.name() if out.grad_fn is not None else None
        grad = lib.tensor(grad_values[: out.numel()], dtype=out.dtype).reshape(out.shape)
        grads = lib.autograd.grad([out], leaves, [grad], allow_unused=True)
    except Exception as error:  # noqa: BLE001  compared below
        return type(error).__name__, str(error).split("\n")[0]
    return node, out.detach().tolist(), [None if g is None else g.tolist() for g in grads]


def same(a, b):
    if isinstance(a, (list, tuple)):
        return isinstance(b, (list, tuple)) and len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    if isinstance(a, float) and isinstance(b, float):
        if math.isnan(a) or math.isnan(b):
            return math.isnan(a) and math.isnan(b)
        return a == b or abs(a - b) <= 1e-12 * max(abs(a), abs(b)) + 1e-15
    return a == b


def case(seed):
    rng = random.Random(seed)
    name = rng.choice(NAMES)
    arity = OPS[name][0]
    shape = rng.choice([[3], [3, 2], [2, 3], [4]])
    inputs = [(draw(rng, shape), shape) for _ in range(arity)]
    grad_values = [rng.choice([1.0, -1.5, 0.5, 2.0, 0.0]) for _ in range(64)]
    want = run(torch, name, inputs, grad_values)
    got = run(ctorch, name, inputs, grad_values)
    if not same(got, want):
        return f"{name} of {inputs}: PyTorch {want}, ctorch {got}"
    return None


@pytest.mark.parametrize("block", range(5))
def test_gradients_agree_with_pytorch(block):
    problems = [p for p in (case(20261208 + i) for i in range(block, COUNT, 5)) if p]
    assert not problems, "\n".join(problems[:15]) + f"\n({len(problems)} cases differ)"
