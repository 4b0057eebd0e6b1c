"""Random op programs, run once with PyTorch and once with ctorch: the same outcome or the test fails.

Each program makes a small random tensor (every dtype, shapes with zero-size and zero-dim cases,
few distinct values so that ties and duplicates are common) and applies a chain of one to three
random calls drawn from the catalogue below, with random arguments, some of them invalid on
purpose. Every step's outcome must agree: the exception type (and its first line, except for
TypeErrors of argument parsing, whose wording is the binding's), or the result's type, dtype,
shape and values (exact for integers, bools and the indices of sorts and arg-reductions; close for
floating results).

Skipped where PyTorch is not installed (ctest runs it under the project's .venv-torch, PyTorch 2.15).
Run more programs with CTORCH_RANDOM_PROGRAMS=N and another stream with CTORCH_RANDOM_SEED=S.
"""
import math
import os
import random

import pytest

torch = pytest.importorskip("torch")
import ctorch  # noqa: E402

DTYPES = ["float32", "float64", "float16", "bfloat16", "int8", "int16", "int32", "int64", "uint8", "bool"]
FLOATS = {"float32", "float64", "float16", "bfloat16"}
COUNT = int(os.environ.get("CTORCH_RANDOM_PROGRAMS", "600"))
SEED = int(os.environ.get("CTORCH_RANDOM_SEED", "20261208"))
# Relative tolerance of a floating result, by dtype (reductions and transcendental functions may
# round differently in the last bits; ctorch computes float16/bfloat16 in float and rounds once).
RTOL = {"float64": 1e-12, "float32": 1e-5, "float16": 2e-3, "bfloat16": 1.6e-2}


# ---- random inputs --------------------------------------------------------------------------------
def random_shape(rng):
    ndim = rng.choice([0, 1, 1, 2, 2, 2, 3])
    return [rng.choice([0, 1, 2, 3, 4, 5]) if rng.random() < 0.1 else rng.choice([1, 2, 3, 4, 5])
            for _ in range(ndim)]


def random_values(rng, dtype, n):
    if dtype == "bool":
        return [rng.random() < 0.5 for _ in range(n)]
    if dtype == "uint8":
        return [rng.choice([0, 1, 2, 3, 7, 200]) for _ in range(n)]
    if dtype.startswith("int"):
        return [rng.choice([-3, -1, 0, 1, 2, 2, 5, 100]) for _ in range(n)]
    pool = [-2.5, -1.0, -0.0, 0.0, 0.5, 1.0, 1.0, 2.0, 3.25, 100.0]
    if rng.random() < 0.15:
        pool += [math.nan, math.inf, -math.inf]
    return [rng.choice(pool) for _ in range(n)]


def make_pair(rng, dtype, shape):
    values = random_values(rng, dtype, math.prod(shape))
    a = torch.tensor(values, dtype=getattr(torch, dtype)).reshape(shape)
    b = ctorch.tensor(values, dtype=getattr(ctorch, dtype)).reshape(shape)
    return a, b


# ---- the catalogue: name -> function(rng, input shape) giving (call description, callable(lib, x)) ----
def rand_dim(rng, ndim, allow_none=False):
    if allow_none and rng.random() < 0.3:
        return None
    if ndim == 0:
        return rng.choice([0, -1, 1])
    return rng.randint(-ndim - (rng.random() < 0.05), ndim - 1 + (rng.random() < 0.05))


def other_operand(rng, shape):
    """A number, or a tensor (a pair: one per library) that broadcasts with `shape` (mostly)."""
    if rng.random() < 0.35:
        return rng.choice([2, -1, 0, 0.5, True, False, 3])
    tail = shape[rng.randint(0, len(shape)):] if shape else []
    if rng.random() < 0.1:
        tail = [rng.choice([2, 3])] + tail
    return make_pair(rng, rng.choice(DTYPES), tail)


def pick(value, lib):
    """`value` as lib sees it: a tensor pair's member, a number as it is."""
    if isinstance(value, tuple):
        return value[0] if lib is torch else value[1]
    return value


UNARY = ["abs", "neg", "sign", "square", "floor", "ceil", "round", "trunc", "sqrt", "exp", "log",
         "sin", "cos", "tanh", "sigmoid", "reciprocal", "logical_not", "bitwise_not", "frac",
         "isnan", "isinf", "isfinite", "rsqrt", "exp2", "log2", "relu"]
BINARY = ["add", "sub", "mul", "div", "floor_divide", "remainder", "fmod", "pow", "maximum",
          "minimum", "eq", "ne", "lt", "le", "gt", "ge", "logical_and", "logical_or", "logical_xor",
          "bitwise_and", "bitwise_or", "bitwise_xor", "atan2"]
REDUCTIONS = ["sum", "mean", "prod", "amax", "amin", "std", "var", "all", "any"]
INEXACT = {"sqrt", "exp", "log", "sin", "cos", "tanh", "sigmoid", "rsqrt", "exp2", "log2", "pow",
           "atan2", "sum", "mean", "prod", "std", "var", "cumsum", "cumprod", "softmax", "log_softmax",
           "div", "reciprocal", "norm", "logsumexp", "lerp", "dot", "mv", "mm", "bmm", "matmul",
           "outer", "sum(dtype)", "prod(dtype)", "mean(dtype)", "cumsum(dtype)", "cumprod(dtype)"}


def unary_call(rng, name, shape):
    return name, lambda lib, x: getattr(x, name)()


def binary_call(rng, name, shape):
    other = other_operand(rng, shape)
    return f"{name}({'tensor' if isinstance(other, tuple) else other!r})", \
        lambda lib, x: getattr(x, name)(pick(other, lib))


def reduction_call(rng, name, shape):
    dim = rand_dim(rng, len(shape), allow_none=True)
    keepdim = rng.random() < 0.3
    if dim is None:
        return f"{name}()", lambda lib, x: getattr(x, name)()
    return f"{name}(dim={dim}, keepdim={keepdim})", lambda lib, x: getattr(x, name)(dim, keepdim=keepdim)


def arg_reduction_call(rng, name, shape):
    dim = rand_dim(rng, len(shape), allow_none=True)
    if dim is None:
        return f"{name}()", lambda lib, x: getattr(x, name)()
    keepdim = rng.random() < 0.3
    return f"{name}({dim}, keepdim={keepdim})", lambda lib, x: getattr(x, name)(dim, keepdim=keepdim)


def sort_call(rng, name, shape):
    dim = rand_dim(rng, len(shape))
    descending = rng.random() < 0.4
    kwargs = {"descending": descending}
    if rng.random() < 0.3:
        kwargs["stable"] = rng.random() < 0.5
    return f"{name}({dim}, **{kwargs})", lambda lib, x: getattr(x, name)(dim, **kwargs)


def topk_call(rng, name, shape):
    dim = rand_dim(rng, len(shape))
    k = rng.randint(0, 3)
    largest = rng.random() < 0.6
    return f"topk({k}, {dim}, largest={largest})", lambda lib, x: x.topk(k, dim, largest=largest)


def cumulative_call(rng, name, shape):
    dim = rand_dim(rng, len(shape))
    return f"{name}({dim})", lambda lib, x: getattr(x, name)(dim)


def softmax_call(rng, name, shape):
    dim = rand_dim(rng, len(shape))
    return f"{name}({dim})", lambda lib, x: getattr(x, name)(dim)


def permute_call(rng, name, shape):
    dims = list(range(len(shape)))
    rng.shuffle(dims)
    if rng.random() < 0.15:
        dims = dims[:-1] if dims else [0]
    style = rng.choice(["args", "tuple", "none"]) if rng.random() < 0.2 else rng.choice(["args", "tuple"])
    if style == "none":
        return "permute()", lambda lib, x: x.permute()
    if style == "tuple":
        return f"permute({tuple(dims)})", lambda lib, x: x.permute(tuple(dims))
    return f"permute(*{dims})", lambda lib, x: x.permute(*dims)


def transpose_call(rng, name, shape):
    d0, d1 = rand_dim(rng, len(shape)), rand_dim(rng, len(shape))
    return f"transpose({d0}, {d1})", lambda lib, x: x.transpose(d0, d1)


def reshape_call(rng, name, shape):
    n = math.prod(shape)
    target = rng.choice([[-1], [n], [1, -1], [-1, 1], [n, 1], [2, -1], [3, 2], []])
    if name == "view" or rng.random() < 0.5:
        return f"{name}({target})", lambda lib, x: getattr(x, name)(target)
    return f"{name}(*{target})", lambda lib, x: getattr(x, name)(*target)


def squeeze_call(rng, name, shape):
    dim = rand_dim(rng, len(shape), allow_none=True)
    if dim is None:
        return f"{name}()", lambda lib, x: getattr(x, name)()
    return f"{name}({dim})", lambda lib, x: getattr(x, name)(dim)


def unsqueeze_call(rng, name, shape):
    dim = rng.randint(-len(shape) - 1, len(shape))
    return f"unsqueeze({dim})", lambda lib, x: x.unsqueeze(dim)


def flatten_call(rng, name, shape):
    return "flatten()", lambda lib, x: x.flatten()


def flip_call(rng, name, shape):
    dims = [d for d in range(len(shape)) if rng.random() < 0.5] or [0]
    return f"flip({dims})", lambda lib, x: x.flip(dims)


def nonzero_call(rng, name, shape):
    as_tuple = rng.random() < 0.5
    return f"nonzero(as_tuple={as_tuple})", lambda lib, x: x.nonzero(as_tuple=as_tuple)


def clamp_call(rng, name, shape):
    lo, hi = rng.choice([(0, None), (None, 1), (-1, 2), (0.5, 1.5), (2, 1)])
    return f"clamp({lo}, {hi})", lambda lib, x: x.clamp(lo, hi)


def where_call(rng, name, shape):
    other = other_operand(rng, shape)
    return "where(x > 0, x, other)", lambda lib, x: lib.where(x > 0, x, pick(other, lib))


def to_call(rng, name, shape):
    dtype = rng.choice(DTYPES)
    return f"to({dtype})", lambda lib, x: x.to(getattr(lib, dtype))


def cat_call(rng, name, shape):
    other = make_pair(rng, rng.choice(DTYPES), list(shape))
    dim = rand_dim(rng, len(shape))
    return f"{name}([x, other], {dim})", lambda lib, x: getattr(lib, name)([x, pick(other, lib)], dim)


def index_select_call(rng, name, shape):
    dim = rand_dim(rng, len(shape))
    index = [rng.randint(-1, 3) for _ in range(rng.randint(0, 3))]
    return f"index_select({dim}, {index})", \
        lambda lib, x: x.index_select(dim, lib.tensor(index, dtype=lib.int64))


def matmul_call(rng, name, shape):
    other = make_pair(rng, rng.choice(["float32", "float64", "int64", "bool"]),
                      list(reversed(shape))[:2] if shape else [])
    return "matmul(other)", lambda lib, x: x.matmul(pick(other, lib))


def narrow_call(rng, name, shape):
    dim = rand_dim(rng, len(shape))
    start, length = rng.randint(-2, 3), rng.randint(0, 3)
    return f"narrow({dim}, {start}, {length})", lambda lib, x: x.narrow(dim, start, length)


def select_call(rng, name, shape):
    dim, index = rand_dim(rng, len(shape)), rng.randint(-3, 3)
    return f"select({dim}, {index})", lambda lib, x: x.select(dim, index)


def split_call(rng, name, shape):
    dim = rand_dim(rng, len(shape))
    size = rng.choice([1, 2, 3, 0, [1, 1], [2, 1, 1], [0, 3]])
    if name == "chunk":
        size = rng.choice([1, 2, 3, 0, -1])
    return f"{name}({size}, {dim})", lambda lib, x: getattr(x, name)(size, dim)


def unbind_call(rng, name, shape):
    dim = rand_dim(rng, len(shape))
    return f"unbind({dim})", lambda lib, x: x.unbind(dim)


def movedim_call(rng, name, shape):
    src, dst = rand_dim(rng, len(shape)), rand_dim(rng, len(shape))
    return f"movedim({src}, {dst})", lambda lib, x: x.movedim(src, dst)


def expand_call(rng, name, shape):
    target = [rng.choice([s, -1, 2, 3]) if s == 1 else rng.choice([s, s, -1, s + 1]) for s in shape]
    if rng.random() < 0.3:
        target = [rng.choice([2, 1, 0])] + target
    return f"expand({target})", lambda lib, x: x.expand(*target)


def repeat_call(rng, name, shape):
    reps = [rng.choice([1, 2, 0]) for _ in range(len(shape) + rng.choice([0, 0, 1, -1]))]
    return f"{name}({reps})", lambda lib, x: getattr(x, name)(reps)


def roll_call(rng, name, shape):
    shift = rng.randint(-3, 3)
    if rng.random() < 0.4:
        return f"roll({shift})", lambda lib, x: x.roll(shift)
    dim = rand_dim(rng, len(shape))
    return f"roll({shift}, {dim})", lambda lib, x: x.roll(shift, dim)


def gather_call(rng, name, shape):
    dim = rand_dim(rng, len(shape))
    index_shape = [rng.choice([1, s, s + 1]) if s else 0 for s in shape]
    index = [rng.randint(-1, 3) for _ in range(math.prod(index_shape))]
    return f"gather({dim}, {index}@{index_shape})", \
        lambda lib, x: x.gather(dim, lib.tensor(index, dtype=lib.int64).reshape(index_shape))


def take_call(rng, name, shape):
    index = [rng.randint(-4, 4) for _ in range(rng.randint(0, 3))]
    return f"take({index})", lambda lib, x: x.take(lib.tensor(index, dtype=lib.int64))


def masked_call(rng, name, shape):
    mask_shape = shape[rng.randint(0, len(shape)):] if shape else []
    mask = [rng.random() < 0.5 for _ in range(math.prod(mask_shape))]
    value = rng.choice([0, 1.5, -2, True])
    if name == "masked_fill":
        return f"masked_fill({mask}, {value})", \
            lambda lib, x: x.masked_fill(lib.tensor(mask, dtype=lib.bool).reshape(mask_shape), value)
    return f"masked_select({mask})", \
        lambda lib, x: x.masked_select(lib.tensor(mask, dtype=lib.bool).reshape(mask_shape))


def close_call(rng, name, shape):
    other = make_pair(rng, rng.choice(DTYPES), list(shape))
    return f"{name}(other)", lambda lib, x: getattr(x, name)(pick(other, lib))


def vector_product_call(rng, name, shape):
    n = shape[-1] if shape else rng.choice([2, 3])
    other_shape = {"dot": [n], "mv": [n], "outer": [rng.choice([2, 3])], "mm": [n, 2],
                   "bmm": [shape[0] if shape else 1, n, 2]}[name]
    other = make_pair(rng, rng.choice(["float32", "float64", "int64", "bool", "float16"]), other_shape)
    return f"{name}(other{other_shape})", lambda lib, x: getattr(x, name)(pick(other, lib))


def dtype_reduction_call(rng, name, shape):
    dtype = rng.choice(DTYPES)
    if name in ("cumsum", "cumprod"):
        dim = rand_dim(rng, len(shape))
        return f"{name}({dim}, dtype={dtype})", lambda lib, x: getattr(x, name)(dim, dtype=getattr(lib, dtype))
    return f"{name}(dtype={dtype})", lambda lib, x: getattr(x, name)(dtype=getattr(lib, dtype))


def norm_call(rng, name, shape):
    p = rng.choice([1, 2, 3, float("inf"), 0, -1, 2.5])
    return f"norm({p})", lambda lib, x: x.norm(p)


def logsumexp_call(rng, name, shape):
    dim = rand_dim(rng, len(shape))
    return f"logsumexp({dim})", lambda lib, x: x.logsumexp(dim)


def unique_call(rng, name, shape):
    inverse, counts = rng.random() < 0.5, rng.random() < 0.5
    return f"unique(return_inverse={inverse}, return_counts={counts})", \
        lambda lib, x: x.unique(return_inverse=inverse, return_counts=counts)


def nan_to_num_call(rng, name, shape):
    return "nan_to_num(1.5)", lambda lib, x: x.nan_to_num(1.5)


def lerp_call(rng, name, shape):
    other = make_pair(rng, rng.choice(DTYPES), list(shape))
    weight = rng.choice([0.5, 0, 2])
    return f"lerp(other, {weight})", lambda lib, x: x.lerp(pick(other, lib), weight)


def diagonal_call(rng, name, shape):
    offset = rng.randint(-2, 2)
    return f"diagonal({offset})", lambda lib, x: x.diagonal(offset)


def unflatten_call(rng, name, shape):
    dim = rand_dim(rng, len(shape))
    sizes = rng.choice([(1, -1), (-1, 1), (2, -1), (1, 1)])
    return f"unflatten({dim}, {sizes})", lambda lib, x: x.unflatten(dim, sizes)


def item_call(rng, name, shape):
    return "item()", lambda lib, x: x.item()


def tolist_call(rng, name, shape):
    return "tolist()", lambda lib, x: x.tolist()


CATALOGUE = {}
for n in UNARY:
    CATALOGUE[n] = unary_call
for n in BINARY:
    CATALOGUE[n] = binary_call
for n in REDUCTIONS:
    CATALOGUE[n] = reduction_call
CATALOGUE.update({
    "argmax": arg_reduction_call, "argmin": arg_reduction_call, "max": arg_reduction_call,
    "min": arg_reduction_call, "sort": sort_call, "argsort": sort_call, "topk": topk_call,
    "cumsum": cumulative_call, "cumprod": cumulative_call, "softmax": softmax_call,
    "log_softmax": softmax_call, "permute": permute_call, "transpose": transpose_call,
    "reshape": reshape_call, "view": reshape_call, "squeeze": squeeze_call, "unsqueeze": unsqueeze_call,
    "flatten": flatten_call, "flip": flip_call, "nonzero": nonzero_call, "clamp": clamp_call,
    "where": where_call, "to": to_call, "cat": cat_call, "stack": cat_call,
    "index_select": index_select_call, "matmul": matmul_call, "narrow": narrow_call,
    "select": select_call, "split": split_call, "chunk": split_call, "unbind": unbind_call,
    "movedim": movedim_call, "expand": expand_call, "repeat": repeat_call, "tile": repeat_call,
    "roll": roll_call, "gather": gather_call, "take": take_call, "masked_fill": masked_call,
    "masked_select": masked_call, "isclose": close_call, "allclose": close_call, "equal": close_call,
    "dot": vector_product_call, "mv": vector_product_call, "outer": vector_product_call,
    "mm": vector_product_call, "bmm": vector_product_call, "norm": norm_call,
    "logsumexp": logsumexp_call, "unique": unique_call, "nan_to_num": nan_to_num_call,
    "lerp": lerp_call, "diagonal": diagonal_call, "unflatten": unflatten_call, "item": item_call,
    "tolist": tolist_call,
})
# With a dtype argument: the same names, drawn under another key.
for n in ("sum", "prod", "mean", "cumsum", "cumprod"):
    CATALOGUE[n + "(dtype)"] = lambda rng, name, shape, n=n: dtype_reduction_call(rng, n, shape)
NAMES = sorted(CATALOGUE)


# ---- comparing outcomes ---------------------------------------------------------------------------
def run(fn, lib, x):
    try:
        return fn(lib, x)
    except Exception as error:  # noqa: BLE001  compared below
        return error


def same_number(got, want, rtol):
    if isinstance(want, bool) or isinstance(want, int):
        return got == want and type(got) is type(want)
    if math.isnan(want):
        return isinstance(got, float) and math.isnan(got)
    if math.isinf(want) or rtol == 0:
        return got == want
    return abs(got - want) <= rtol * max(abs(want), 1e-30) + 1e-30 + rtol * 1e-6


def flat(values):
    if isinstance(values, list):
        return [v for item in values for v in flat(item)]
    return [values]


def compare(got, want, exact, where, slack=0.0):
    """None when `got` (ctorch) matches `want` (PyTorch), else what differs."""
    if isinstance(want, Exception):
        if not isinstance(got, Exception):
            return f"{where}: PyTorch raised {type(want).__name__}({want}), ctorch returned {got!r}"
        if type(got).__name__ != type(want).__name__:
            return f"{where}: PyTorch raised {type(want).__name__}({want}), ctorch {type(got).__name__}({got})"
        if not isinstance(want, TypeError) and str(got).split("\n")[0] != str(want).split("\n")[0]:
            return f"{where}: messages differ: PyTorch {str(want)!r}, ctorch {str(got)!r}"
        return None
    if isinstance(got, Exception):
        return f"{where}: ctorch raised {type(got).__name__}({got}), PyTorch returned {want!r}"
    if isinstance(want, (tuple, list)):
        if not isinstance(got, (tuple, list)) or len(got) != len(want):
            return f"{where}: PyTorch gave {want!r}, ctorch {got!r}"
        for i, (g, w) in enumerate(zip(got, want)):
            problem = compare(g, w, exact, f"{where}[{i}]", slack)
            if problem:
                return problem
        return None
    if isinstance(want, torch.Tensor):
        if not isinstance(got, ctorch.Tensor):
            return f"{where}: PyTorch gave a tensor, ctorch {got!r}"
        if str(got.dtype) != str(want.dtype).replace("torch.", "ctorch.") and \
                str(got.dtype).split(".")[-1] != str(want.dtype).split(".")[-1]:
            return f"{where}: dtype {got.dtype} != {want.dtype}"
        if tuple(got.shape) != tuple(want.shape):
            return f"{where}: shape {tuple(got.shape)} != {tuple(want.shape)}"
        dtype = str(want.dtype).split(".")[-1]
        rtol = 0 if exact or dtype not in FLOATS else max(RTOL[dtype], slack)
        g, w = flat(got.tolist()), flat(want.tolist())
        if not all(same_number(a, b, rtol) for a, b in zip(g, w)):
            return f"{where}: values differ:\n  PyTorch {w}\n  ctorch  {g}"
        return None
    if isinstance(want, (bool, int, float)):
        if not isinstance(got, (bool, int, float)) or not same_number(got, want, 0 if exact else max(1e-5, slack)):
            return f"{where}: PyTorch gave {want!r}, ctorch {got!r}"
        return None
    if got != want:
        return f"{where}: PyTorch gave {want!r}, ctorch {got!r}"
    return None


def program(seed):
    rng = random.Random(seed)
    dtype, shape = rng.choice(DTYPES), random_shape(rng)
    x_torch, x_ctorch = make_pair(rng, dtype, shape)
    steps = []
    inexact = False  # once a step rounds differently, so may every step after it,
    slack = 0.0      # by as much as the loosest rounding so far (amplified: pow, exp, ...)
    for _ in range(rng.randint(1, 3)):
        name = rng.choice(NAMES)
        description, fn = CATALOGUE[name](rng, name, list(x_torch.shape))
        steps.append(description)
        inexact = inexact or name in INEXACT
        want, got = run(fn, torch, x_torch), run(fn, ctorch, x_ctorch)
        where = f"torch.tensor({x_torch.tolist()}, dtype={dtype}) -> " + " -> ".join(steps)
        problem = compare(got, want, not inexact, where, slack)
        if problem:
            return problem
        if inexact and isinstance(want, torch.Tensor) and want.is_floating_point():
            slack = max(slack, 16 * RTOL[str(want.dtype).split(".")[-1]])
        if not isinstance(want, torch.Tensor) or want.numel() > 10000:
            break
        x_torch, x_ctorch = want, got
    return None


@pytest.mark.parametrize("block", range(10))
def test_random_programs_agree_with_pytorch(block):
    problems = []
    for i in range(block, COUNT, 10):
        problem = program(SEED * 100003 + i)
        if problem:
            problems.append(f"program {i}: {problem}")
    assert not problems, "\n".join(problems[:20]) + f"\n({len(problems)} programs differ)"
