#!/usr/bin/env python3
"""Writes random conformance vectors whose expectations come from the installed PyTorch (2.15: the
project's .venv-torch, scripts/setup.sh --bench), in the formats of the spec's vector files
(printing vectors and ops vectors), for ctorch-conform to check:

    .venv-torch/bin/python tools/fuzz/torch_vectors.py OUT_DIR [--seed N] [--count N]
    build/ctorch-conform OUT_DIR/*.jsonl

Families: printing of random tensors and print options; chains of views (shape, stride, storage
offset, errors); dtype conversions between every pair; cat/stack/vstack/hstack with mixed dtypes;
arange; binary and unary elementwise ops over mixed dtypes, broadcasting and numbers; reductions
and arg-reductions over random dims (every dtype, so PyTorch's dtype errors too); sorting with
many ties (sort, argsort, topk, nonzero), where the order of equal elements must be PyTorch's.
Floating arange carries a one-ulp tolerance: PyTorch's vectorized kernel rounds each SIMD vector's
first value before adding the lane offsets, so its last bit depends on the CPU's vector width;
ctorch rounds start + i*step once.
"""
import argparse
import json
import math
import os
import random
import warnings

import torch

DTYPES = ["float32", "float64", "float16", "bfloat16", "int8", "int16", "int32", "int64", "uint8", "bool"]
INTEGERS = ["int8", "int16", "int32", "int64", "uint8"]
REDUCED = ["float16", "bfloat16", "float32"]


def encode(v, dtype):
    if dtype == "bool":
        return bool(v)
    if dtype in INTEGERS:
        return int(v)
    if math.isnan(v):
        return "nan"
    if math.isinf(v):
        return "inf" if v > 0 else "-inf"
    if v == 0 and math.copysign(1, v) < 0:
        return "-0.0"
    return float(v)


def name(t):
    return str(t.dtype).replace("torch.", "")


def flat_values(t):
    dtype = name(t)
    t = t.detach().reshape(-1)
    raw = t.double().tolist() if dtype in REDUCED else t.tolist()
    return [encode(v, dtype) for v in raw]


def tensor_json(t, layout=False):
    out = {"dtype": name(t), "shape": list(t.shape), "values": flat_values(t)}
    if t.dim() == 0:
        out["zero_dim"] = True
    if layout:
        out.update(stride=list(t.stride()), storage_offset=t.storage_offset(), is_contiguous=t.is_contiguous())
    return out


def error_json(e):
    return {"error": str(e).split("\n")[0], "error_type": type(e).__name__}


def random_tensor(rng, dtype, shape):
    td = getattr(torch, dtype)
    numel = math.prod(shape)
    if dtype == "bool":
        return torch.rand(shape) > 0.5
    if dtype in INTEGERS:
        info = torch.iinfo(td)
        hi = min(info.max, rng.choice([10, 1000, 10**6, 2**62]))
        return torch.randint(max(info.min, -hi), hi, shape, dtype=torch.int64).to(td)
    t = torch.randn(shape, dtype=torch.float64) * 10 ** rng.uniform(-8, 10)
    if rng.random() < 0.3:
        t = t.round()
    if rng.random() < 0.1 and numel:
        flat = t.view(-1)
        for _ in range(3):
            flat[rng.randrange(numel)] = rng.choice([math.nan, math.inf, -math.inf, 0.0, -0.0])
    return t.to(td)


def printing(rng, count):
    for i in range(count):
        dtype = rng.choice(DTYPES)
        shape = [rng.choice([0, 1, 2, 3, 5, 7, 11]) if rng.random() < 0.9 else rng.randint(20, 60)
                 for _ in range(rng.choice([0, 1, 1, 2, 2, 3, 4]))]
        if math.prod(shape) > 5000:
            continue
        t = random_tensor(rng, dtype, shape)
        options = rng.choice([{}, {}, {"precision": rng.randint(0, 8)}, {"threshold": rng.choice([0, 5, 50])},
                              {"edgeitems": rng.randint(1, 4), "threshold": 10},
                              {"linewidth": rng.choice([20, 40, 120])}, {"profile": rng.choice(["short", "full"])}])
        requires_grad = dtype in REDUCED + ["float64"] and rng.random() < 0.1
        if requires_grad:
            t.requires_grad_()
        torch.set_printoptions(**options)
        expect = repr(t)
        torch.set_printoptions(profile="default")
        yield {"id": f"print-{i}", "dtype": dtype, "shape": shape, "values": flat_values(t), "options": options,
               "requires_grad": requires_grad, "expect": expect}


def random_view_chain(rng, t):
    ops = []
    for _ in range(rng.randint(0, 3)):
        if t.dim() == 0:
            break
        kind = rng.choice(["transpose", "slice", "select", "unsqueeze", "permute", "narrow"])
        d = rng.randrange(t.dim())
        if kind == "transpose":
            d1 = rng.randrange(t.dim())
            args, t = {"dim0": d, "dim1": d1}, t.transpose(d, d1)
        elif kind == "slice":
            start, end, step = rng.choice([None, 0, 1, -2]), rng.choice([None, 2, -1, 10]), rng.choice([1, 2, 3])
            args = {"dim": d, "step": step}
            if start is not None:
                args["start"] = start
            if end is not None:
                args["end"] = end
            index = [slice(None)] * t.dim()
            index[d] = slice(start, end, step)
            t = t[tuple(index)]
        elif kind == "select":
            if t.shape[d] == 0:
                continue
            i = rng.randrange(t.shape[d])
            args, t = {"dim": d, "index": i}, t.select(d, i)
        elif kind == "unsqueeze":
            d = rng.randint(0, t.dim())
            args, t = {"dim": d}, t.unsqueeze(d)
        elif kind == "permute":
            p = list(range(t.dim()))
            rng.shuffle(p)
            args, t = {"dims": p}, t.permute(p)
        else:
            start = rng.randint(0, t.shape[d])
            length = rng.randint(0, t.shape[d] - start)
            args, t = {"dim": d, "start": start, "length": length}, t.narrow(d, start, length)
        ops.append({"op": kind, "args": args})
    return ops, t


def views(rng, count):
    for i in range(count):
        shape = [rng.choice([1, 2, 3, 4, 6]) for _ in range(rng.randint(0, 4))]
        base = torch.arange(math.prod(shape)).reshape(shape)
        pre, t = random_view_chain(rng, base)
        op = rng.choice(["view", "reshape", "flatten", "squeeze", "expand", "t", "contiguous", "metadata"])
        args = {}
        if op == "metadata":
            expect = {"shape": list(t.shape), "stride": list(t.stride()), "storage_offset": t.storage_offset(),
                      "is_contiguous": t.is_contiguous(), "numel": t.numel(), "dim": t.dim(), "element_size": 8}
        else:
            n = t.numel()
            if op in ("view", "reshape"):
                divisors = [d for d in range(1, n + 1) if n % d == 0] or [1]
                d = rng.choice(divisors)
                args = {"shape": rng.choice([[-1], [n], [1, n, 1], [d, -1], [-1, d], [d, n // d, 1], [rng.randint(1, 5), -1]])}
            elif op == "flatten" and t.dim():
                args = {"start_dim": rng.randrange(t.dim()), "end_dim": -1}
            elif op == "squeeze" and t.dim() and rng.random() < 0.5:
                args = {"dim": rng.randrange(t.dim())}
            elif op == "expand":
                if t.dim() == 0:
                    continue
                args = {"shape": ([2] if rng.random() < 0.5 else []) + [rng.choice([2, 3]) if s == 1 else s for s in t.shape]}
            call = {"view": lambda: t.view(*args["shape"]), "reshape": lambda: t.reshape(*args["shape"]),
                    "flatten": lambda: t.flatten(**args), "squeeze": lambda: t.squeeze(*args.values()),
                    "expand": lambda: t.expand(*args["shape"]), "t": t.t, "contiguous": t.contiguous}[op]
            try:
                expect = tensor_json(call(), layout=True)
            except Exception as e:  # noqa: BLE001 - PyTorch's message is the expectation
                expect = error_json(e)
        yield {"id": f"view-{i}", "op": op, "inputs": [tensor_json(base)], "args": args, "pre": pre, "expect": expect}


def conversions(rng, count):
    for i in range(count):
        src, dst = rng.choice(DTYPES), rng.choice(DTYPES)
        if src in REDUCED + ["float64"]:
            scale = rng.choice([1, 100, 1e5, 1e10, 1e20])
            if dst in INTEGERS and scale > 100:  # out-of-range float -> int: platform dependent
                scale = 100
            x = (torch.randn(6, dtype=torch.float64) * scale).to(getattr(torch, src))
        else:
            x = random_tensor(rng, src, [6])
        y = x.to(getattr(torch, dst))
        yield {"id": f"to-{i}", "op": "to", "inputs": [tensor_json(x)], "args": {"dtype": dst}, "expect": tensor_json(y)}


def joins(rng, count):
    for i in range(count):
        op = rng.choice(["cat", "stack", "vstack", "hstack"])
        base = [rng.choice([0, 1, 2, 3]) for _ in range(rng.randint(0, 3))]
        tensors = []
        for _ in range(rng.randint(1, 3)):
            shape = list(base)
            if shape and rng.random() < 0.5:
                shape[rng.randrange(len(shape))] = rng.choice([0, 1, 2, 3])
            if rng.random() < 0.1:
                shape = [0]
            tensors.append(torch.randint(-3, 4, shape).to(getattr(torch, rng.choice(DTYPES))))
        args = {"dim": rng.randint(-3, 3)} if op in ("cat", "stack") else {}
        try:
            expect = tensor_json(getattr(torch, op)(tensors, **args), layout=True)
        except Exception as e:  # noqa: BLE001
            expect = error_json(e)
        yield {"id": f"join-{i}", "op": op, "inputs": [tensor_json(t) for t in tensors], "args": args, "expect": expect}


def aranges(rng, count):
    for i in range(count):
        floats = rng.random() < 0.5

        def number():
            if floats and rng.random() < 0.7:
                return round(rng.uniform(-50, 50), rng.choice([0, 1, 2]))
            return rng.randint(-50, 50)
        values = [number() for _ in range(rng.randint(1, 3))]
        if len(values) == 3 and values[2] == 0:
            values[2] = 1
        dtype = rng.choice([None, "float32", "float64", "int32", "int64", "float16", "bfloat16", "uint8", "int8"])
        args = {"dtype": dtype} if dtype else {}
        vector = {"id": f"arange-{i}", "op": "arange",
                  "inputs": [{"scalar": v, "scalar_kind": "float" if isinstance(v, float) else "int"} for v in values],
                  "args": args}
        try:
            result = torch.arange(*values, **({"dtype": getattr(torch, dtype)} if dtype else {}))
            vector["expect"] = tensor_json(result)
            if result.is_floating_point():
                # one ulp of the largest magnitude the range reaches
                reach = max(abs(v) for v in values)
                vector["tolerance"] = {"rtol": 0, "atol": torch.finfo(result.dtype).eps * 2 ** math.ceil(math.log2(reach + 1))}
        except Exception as e:  # noqa: BLE001
            vector["expect"] = error_json(e)
        yield vector


BINARY = ["add", "sub", "mul", "div", "floor_divide", "remainder", "fmod", "maximum", "minimum", "eq",
          "ne", "lt", "le", "gt", "ge", "logical_and", "logical_or", "logical_xor", "bitwise_and",
          "bitwise_or", "bitwise_xor", "pow", "atan2"]
UNARY = ["abs", "neg", "sign", "square", "floor", "ceil", "round", "trunc", "sqrt", "exp", "log",
         "sin", "cos", "tanh", "sigmoid", "reciprocal", "isnan", "logical_not", "bitwise_not", "rsqrt", "exp2", "log2"]
TRANSCENDENTAL = {"pow", "atan2", "sqrt", "exp", "log", "sin", "cos", "tanh", "sigmoid", "rsqrt", "exp2", "log2"}


def small_tensor(rng, dtype, shape):
    td = getattr(torch, dtype)
    if dtype == "bool":
        return torch.rand(shape) > 0.5
    if dtype in INTEGERS:
        lo = 0 if dtype == "uint8" else -20
        return torch.randint(lo, 20, shape).to(td)
    t = (torch.randn(shape, dtype=torch.float64) * rng.choice([1, 10, 1000])).to(td)
    if rng.random() < 0.2 and t.numel():
        t.view(-1)[0] = rng.choice([math.nan, math.inf, -math.inf, 0.0, -0.0])
    return t


def operand_json(rng, x):
    if isinstance(x, torch.Tensor):
        return tensor_json(x)
    kind = "bool" if isinstance(x, bool) else "int" if isinstance(x, int) else "float"
    return {"scalar": x, "scalar_kind": kind}


def elementwise(rng, count):
    for i in range(count):
        unary = rng.random() < 0.35
        op = rng.choice(UNARY if unary else BINARY)
        shape = [rng.choice([1, 2, 3]) for _ in range(rng.randint(0, 3))]
        a = small_tensor(rng, rng.choice(DTYPES), shape)
        if unary:
            operands = [a]
        else:
            other_shape = shape[rng.randint(0, len(shape)):] if shape else []
            if rng.random() < 0.3:
                b = rng.choice([2, -3, 0.5, True, 7])
            else:
                b = small_tensor(rng, rng.choice(DTYPES), other_shape)
            operands = [a, b] if rng.random() < 0.8 or not isinstance(b, torch.Tensor) else [b, a]
        vector = {"id": f"ew-{i}", "op": op, "inputs": [operand_json(rng, x) for x in operands], "args": {}}
        try:
            if isinstance(operands[0], torch.Tensor):
                result = getattr(torch, op)(*operands)
            else:  # a number first: the reflected operator, as the spec's vectors do
                continue
            vector["expect"] = tensor_json(result)
            if op in TRANSCENDENTAL and result.is_floating_point():
                eps = torch.finfo(result.dtype).eps
                vector["tolerance"] = {"rtol": 4 * eps, "atol": 4 * eps}
        except Exception as e:  # noqa: BLE001
            message = str(e).split("\n")[0]
            # ctorch takes a number wherever a tensor goes (PyTorch's functional form refuses some).
            if "must be Tensor" in message:
                continue
            vector["expect"] = error_json(e)
        yield vector


def reduction_input(rng):
    """A small tensor of any dtype with few distinct values (ties for the arg-reductions)."""
    dtype = rng.choice(DTYPES)
    shape = [rng.choice([1, 2, 3, 4]) if rng.random() < 0.93 else 0 for _ in range(rng.randint(0, 3))]
    if dtype == "bool":
        return torch.rand(shape) > 0.5
    if dtype in INTEGERS:
        return torch.randint(0 if dtype == "uint8" else -3, 4, shape).to(getattr(torch, dtype))
    t = torch.randint(-4, 5, shape).to(torch.float64) / 2
    if rng.random() < 0.15 and t.numel():
        t.view(-1)[rng.randrange(t.numel())] = rng.choice([math.nan, math.inf, -math.inf])
    return t.to(getattr(torch, dtype))


def random_dim(rng, t):
    return rng.randint(-max(t.dim(), 1), max(t.dim(), 1) - 1)


REDUCTIONS = ["sum", "mean", "prod", "amax", "amin", "all", "any", "std", "var", "max", "min", "argmax",
              "argmin", "cumsum", "cumprod"]
INEXACT_REDUCTIONS = {"sum", "mean", "prod", "std", "var", "cumsum", "cumprod"}


def reductions(rng, count):
    for i in range(count):
        t = reduction_input(rng)
        op = rng.choice(REDUCTIONS)
        args = {}
        if op in ("cumsum", "cumprod"):
            args["dim"] = random_dim(rng, t)
        elif rng.random() < 0.6:
            args["dim"] = random_dim(rng, t)
            if op not in ("max", "min") or rng.random() < 0.5:
                args["keepdim"] = rng.random() < 0.4
        elif op in ("max", "min"):
            pass
        if op in ("std", "var") and rng.random() < 0.3:
            args["unbiased"] = rng.random() < 0.5
        vector = {"id": f"reduce-{i}", "op": op, "inputs": [tensor_json(t)], "args": args}
        try:
            fn = getattr(torch, op)
            call_args = dict(args)
            dim = call_args.pop("dim", None)
            if op in ("std", "var") and "unbiased" in call_args:
                result = fn(t, *( [dim] if dim is not None else []), unbiased=call_args.pop("unbiased"), **call_args)
            else:
                result = fn(t, dim, **call_args) if dim is not None else fn(t, **call_args)
            if isinstance(result, tuple):
                vector["expect"] = {"outputs": [tensor_json(r) for r in result]}
            else:
                vector["expect"] = tensor_json(result)
                if op in INEXACT_REDUCTIONS and result.is_floating_point():
                    eps = torch.finfo(result.dtype).eps
                    vector["tolerance"] = {"rtol": 8 * eps, "atol": 8 * eps}
        except Exception as e:  # noqa: BLE001
            vector["expect"] = error_json(e)
        yield vector


def sorting(rng, count):
    for i in range(count):
        t = reduction_input(rng)
        if rng.random() < 0.3:  # longer lines: std::sort's introsort partitions from 17 elements on
            t = torch.randint(0, 3, [rng.choice([17, 18, 33, 70, 200])]).to(t.dtype)
        op = rng.choice(["sort", "sort", "argsort", "topk", "nonzero"])
        args = {}
        if op in ("sort", "argsort"):
            if rng.random() < 0.7:
                args["dim"] = random_dim(rng, t)
            if rng.random() < 0.5:
                args["descending"] = rng.random() < 0.5
            if rng.random() < 0.3:
                args["stable"] = rng.random() < 0.5
        elif op == "topk":
            args["k"] = rng.randint(0, 3)
            if rng.random() < 0.7:
                args["dim"] = random_dim(rng, t)
            if rng.random() < 0.5:
                args["largest"] = rng.random() < 0.5
        elif rng.random() < 0.5:
            args["as_tuple"] = True
        vector = {"id": f"sort-{i}", "op": op, "inputs": [tensor_json(t)], "args": args}
        try:
            if op == "nonzero":
                result = torch.nonzero(t, as_tuple=args.get("as_tuple", False))
            elif op == "topk":
                result = torch.topk(t, args["k"], args.get("dim", -1), largest=args.get("largest", True))
            else:
                result = getattr(torch, op)(t, dim=args.get("dim", -1), descending=args.get("descending", False),
                                            stable=args.get("stable", False))
            if isinstance(result, tuple):
                vector["expect"] = {"outputs": [tensor_json(r) for r in result]}
            else:
                vector["expect"] = tensor_json(result)
        except Exception as e:  # noqa: BLE001
            vector["expect"] = error_json(e)
        yield vector


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("out_dir")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--count", type=int, default=1000, help="vectors per family (about)")
    args = parser.parse_args()
    warnings.simplefilter("ignore")  # PyTorch's UserWarnings (std with one element) are not vectors
    os.makedirs(args.out_dir, exist_ok=True)
    rng = random.Random(args.seed)
    torch.manual_seed(args.seed)
    for family in (printing, views, conversions, joins, aranges, elementwise, reductions, sorting):
        with open(os.path.join(args.out_dir, f"torch_{family.__name__}.jsonl"), "w") as out:
            for vector in family(rng, args.count):
                out.write(json.dumps(vector) + "\n")


if __name__ == "__main__":
    main()
