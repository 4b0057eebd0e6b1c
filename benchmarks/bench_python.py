#!/usr/bin/env python3
"""Python-level benchmarks: ctorch against PyTorch (and NumPy where it has the same operation), in
one run, printing each case's time and the ratio ctorch / PyTorch.

    PYTHONPATH=build/python python3 benchmarks/bench_python.py

Each library is timed in a process of its own: ctorch and NumPy under this Python, PyTorch under the
project's .venv-torch (PyTorch 2.15, scripts/setup.sh --bench) when it exists, else this Python.
Without PyTorch the PyTorch column is empty.
Every case is the best of several timeit repeats (the machine may be shared).
"""
import argparse
import json
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


def import_time(python, module):
    """Seconds to import `module` in a fresh `python` (best of 5)."""
    code = f"import time; t = time.perf_counter(); import {module}; print(time.perf_counter() - t)"
    times = []
    for _ in range(5):
        out = subprocess.run([python, "-c", code], capture_output=True, text=True, env=os.environ)
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


VENV_TORCH = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".venv-torch", "bin", "python")


def child(library, threads):
    """Runs in a process of its own: times `library`'s cases and prints them as JSON."""
    try:
        import numpy as np
    except ImportError:
        np = None
    if library == "numpy":
        g = {"np": np}
        add = best("a + b", "a = np.array([1.0], dtype=np.float32); b = np.array([2.0], dtype=np.float32)", g)
        print(json.dumps({"version": np.__version__, "cases": {"a + b (1 element)": add}}))
        return
    lib = __import__(library)
    lib.set_num_threads(threads)
    print(json.dumps({"version": lib.__version__, "cases": dict(cases(lib, np))}))


def measure(python, library, threads):
    """{"version", "cases"} from a child process, or None where `python` cannot import `library`."""
    out = subprocess.run([python, os.path.abspath(__file__), "--child", library, "--threads", str(threads)],
                         capture_output=True, text=True, env=os.environ)
    if out.returncode != 0:
        return None
    return json.loads(out.stdout.strip().splitlines()[-1])


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--threads", type=int, default=1, help="threads for both libraries (default 1)")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        return child(args.child, args.threads)
    # Each library in a process of its own (thread pools of two libraries in one process disturb
    # each other); PyTorch from the project's .venv-torch when it exists.
    torch_python = VENV_TORCH if os.path.exists(VENV_TORCH) else sys.executable
    mine = measure(sys.executable, "ctorch", args.threads)
    theirs = measure(torch_python, "torch", args.threads)
    numpy = measure(sys.executable, "numpy", args.threads)
    if mine is None:
        sys.exit("bench_python: this Python cannot import ctorch (PYTHONPATH=build/python?)")
    rows = [("import", import_time(sys.executable, "ctorch"), import_time(torch_python, "torch") if theirs else None)]
    rows += [(name, t, (theirs or {}).get("cases", {}).get(name)) for name, t in mine["cases"].items()]

    print(f"Python {sys.version.split()[0]}, ctorch {mine['version']}, "
          f"PyTorch {theirs['version'] if theirs else 'absent'}, NumPy {numpy['version'] if numpy else 'absent'}, "
          f"{args.threads} thread(s), each in its own process")
    print(f"{'case':<30} {'ctorch':>10} {'PyTorch':>10} {'ctorch/PyTorch':>15}")
    ratios = []
    for name, a, b in rows:
        ratio = a / b if a and b else None
        if ratio:
            ratios.append(ratio)
        print(f"{name:<30} {fmt(a):>10} {fmt(b):>10} {f'{ratio:.2f}' if ratio else '-':>15}")
    if numpy:
        print(f"{'NumPy a + b (1 element)':<30} {fmt(numpy['cases']['a + b (1 element)']):>10}")
    if ratios:
        print(f"geometric mean of the ratios: {statistics.geometric_mean(ratios):.2f}")


if __name__ == "__main__":
    main()
