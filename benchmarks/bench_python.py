#!/usr/bin/env python3
"""Python-level benchmarks: ctorch against PyTorch (and NumPy where it has the same operation), in
one run, printing each case's time and the ratio ctorch / PyTorch.

    PYTHONPATH=build/python .venv-torch/bin/python benchmarks/bench_python.py

The project's .venv-torch has PyTorch 2.15 and NumPy (scripts/setup.sh --bench) and is made from the
python3 the module is built for, so it loads the build's extension. Under a Python without PyTorch
the PyTorch column is empty.
Every case is the best of several timeit repeats (the machine may be shared).
"""
import argparse
import os
import statistics
import subprocess
import sys
import timeit

REPEATS = 7


def best(stmt, setup, globals_, number=None):
    timer = timeit.Timer(stmt, setup, globals=globals_)
    if number is None:
        number, _ = timer.autorange()
        number = max(number, 1)
    return min(timer.repeat(REPEATS, number)) / number


def import_time(module):
    """Seconds to import `module` in a fresh interpreter (best of 5)."""
    code = f"import time; t = time.perf_counter(); import {module}; print(time.perf_counter() - t)"
    times = []
    for _ in range(5):
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=os.environ)
        if out.returncode != 0:
            return None
        times.append(float(out.stdout))
    return min(times)


def cases(lib, np):
    """(name, seconds) for one library (ctorch or torch)."""
    g = {"T": lib, "np": np}
    setup_tiny = "a = T.tensor([1.0]); b = T.tensor([2.0])"
    yield "a + b (1 element)", best("a + b", setup_tiny, g)
    yield "a.add_(b) (1 element)", best("a.add_(b)", setup_tiny, g)
    yield "a + 1.5 (1 element)", best("a + 1.5", setup_tiny, g)
    yield "tensor(list of 1e6 floats)", best("T.tensor(data)", "data = [float(i) for i in range(1000000)]", g, 3)
    yield "repr(3x1024x1024)", best("repr(t)", "T.manual_seed(0); t = T.rand(3, 1024, 1024)", g)
    yield "t[1:3, ::2]", best("t[1:3, ::2]", "t = T.zeros(4, 1000)", g)
    yield "t[0]", best("t[0]", "t = T.zeros(4, 1000)", g)
    if np is not None:
        yield "from_numpy(a).numpy()", best("T.from_numpy(a).numpy()", "a = np.zeros(1000)", g)
    yield "t.shape", best("t.shape", "t = T.zeros(2, 3)", g)


def fmt(seconds):
    if seconds is None:
        return "-"
    for unit, scale in (("s", 1), ("ms", 1e-3), ("µs", 1e-6), ("ns", 1e-9)):
        if seconds >= scale:
            return f"{seconds / scale:.3g} {unit}"
    return f"{seconds / 1e-9:.3g} ns"


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--threads", type=int, default=1, help="threads for both libraries (default 1)")
    args = parser.parse_args()
    try:
        import numpy as np
    except ImportError:
        np = None
    import ctorch
    ctorch.set_num_threads(args.threads)
    try:
        import torch
        torch.set_num_threads(args.threads)
    except ImportError:
        torch = None

    rows = [("import", import_time("ctorch"), import_time("torch") if torch else None)]
    mine = dict(cases(ctorch, np))
    theirs = dict(cases(torch, np)) if torch else {}
    rows += [(name, mine[name], theirs.get(name)) for name in mine]
    numpy_add = best("a + b", "a = np.array([1.0], dtype=np.float32); b = np.array([2.0], dtype=np.float32)",
                     {"np": np}) if np is not None else None

    print(f"Python {sys.version.split()[0]}, ctorch {ctorch.__version__}, "
          f"PyTorch {torch.__version__ if torch else 'absent'}, NumPy {np.__version__ if np else 'absent'}, "
          f"{args.threads} thread(s)")
    print(f"{'case':<30} {'ctorch':>10} {'PyTorch':>10} {'ctorch/PyTorch':>15}")
    ratios = []
    for name, a, b in rows:
        ratio = a / b if a and b else None
        if ratio:
            ratios.append(ratio)
        print(f"{name:<30} {fmt(a):>10} {fmt(b):>10} {f'{ratio:.2f}' if ratio else '-':>15}")
    if numpy_add is not None:
        print(f"{'NumPy a + b (1 element)':<30} {fmt(numpy_add):>10}")
    if ratios:
        print(f"geometric mean of the ratios: {statistics.geometric_mean(ratios):.2f}")


if __name__ == "__main__":
    main()
