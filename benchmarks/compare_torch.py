#!/usr/bin/env python3
"""Runs ctorch's Google Benchmark cases and the same cases through PyTorch and NumPy (when they
are installed), and prints the ratios ctorch / PyTorch and ctorch / NumPy (below 1: ctorch is
faster) and how close each case comes to the machine's limit.

    python3 benchmarks/compare_torch.py [BUILD_DIR] [--threads N] [--only SUBSTRING]

PyTorch runs under the project's .venv-torch (PyTorch 2.15, scripts/setup.sh --bench) when it
exists, else under this Python; NumPy under this Python. Each library is timed in a process of its
own (thread pools of two libraries in one process disturb each other), and the table's heading
names both versions. Every library runs with the same number of threads (default: all cores), BLAS included. The
memory bandwidth is measured in the same run (bench_bandwidth, STREAM-style copy and add on plain
arrays), since it moves by up to 2x between runs on shared machines; a memory-bound case's
"limit" column is the fraction of that bandwidth it reaches (bytes it must move / time), a matmul's
is its GFLOP/s. PyTorch and NumPy are timed from Python, so for sub-microsecond cases their
figures include the Python call overhead a C++ user would not pay. Every figure is the best of
five repeats (Google Benchmark repetitions for ctorch, timeit repeats for the others), since
shared machines add noise that only ever makes a run slower.
"""
import argparse
import json
import os
import pathlib
import subprocess
import sys
import timeit

F32 = 4
BIG = 16000000

# (binary, benchmark name, PyTorch setup, PyTorch statement, NumPy setup, NumPy statement,
#  bytes the case must move or None, FLOPs or None)
CASES = [
    ("bench_core", "BM_create_small_tensor", "", "torch.tensor([[7, 8], [8, 9]])",
     "", "np.array([[7, 8], [8, 9]])", None, None),
    ("bench_core", "BM_view", "t = torch.zeros(2, 3, 4)", "t.view(-1)",
     "t = np.zeros((2, 3, 4), np.float32)", "t.reshape(-1)", None, None),
    ("bench_core", "BM_contiguous_transposed_4096",
     "t = torch.arange(4096 * 4096, dtype=torch.float32).view(4096, 4096).t()", "t.contiguous()",
     "t = np.arange(4096 * 4096, dtype=np.float32).reshape(4096, 4096).T", "np.ascontiguousarray(t)",
     2 * 4096 * 4096 * F32, None),
    ("bench_core", "BM_clone_contiguous_4096",
     "t = torch.arange(4096 * 4096, dtype=torch.float32).view(4096, 4096)", "t.clone()",
     "t = np.arange(4096 * 4096, dtype=np.float32).reshape(4096, 4096)", "t.copy()",
     2 * 4096 * 4096 * F32, None),
    ("bench_core", "BM_cat_10x1e6", "ts = [torch.full((1000000,), float(i)) for i in range(10)]",
     "torch.cat(ts)", "ts = [np.full(1000000, i, np.float32) for i in range(10)]", "np.concatenate(ts)",
     2 * 10 * 1000000 * F32, None),
    ("bench_core", "BM_print_3x1024x1024",
     "t = torch.linspace(0, 1, 3 * 1024 * 1024).view(3, 1024, 1024)", "repr(t)", None, None, None, None),
    *[("bench_elementwise", f"BM_add/{n}",
       f"a = torch.linspace(0, 1, {n}); b = torch.linspace(1, 2, {n})", "a + b",
       f"a = np.linspace(0, 1, {n}, dtype=np.float32); b = np.linspace(1, 2, {n}, dtype=np.float32)", "a + b",
       3 * n * F32, None) for n in (1000, 1000000, BIG)],
    ("bench_elementwise", f"BM_add_inplace/{BIG}",
     f"a = torch.linspace(0, 1, {BIG}); b = torch.linspace(1, 2, {BIG})", "a.add_(b)",
     f"a = np.linspace(0, 1, {BIG}, dtype=np.float32); b = np.linspace(1, 2, {BIG}, dtype=np.float32)",
     "np.add(a, b, out=a)", 3 * BIG * F32, None),
    ("bench_elementwise", f"BM_add_out/{BIG}",
     f"a = torch.linspace(0, 1, {BIG}); b = torch.linspace(1, 2, {BIG}); c = torch.empty({BIG})",
     "torch.add(a, b, out=c)",
     f"a = np.linspace(0, 1, {BIG}, dtype=np.float32); b = np.linspace(1, 2, {BIG}, dtype=np.float32); "
     f"c = np.empty({BIG}, np.float32)", "np.add(a, b, out=c)", 3 * BIG * F32, None),
    *[("bench_elementwise", f"BM_mul_scalar/{n}", f"a = torch.linspace(0, 1, {n})", "a * 2.0",
       f"a = np.linspace(0, 1, {n}, dtype=np.float32)", "a * np.float32(2.0)", 2 * n * F32, None)
      for n in (1000, 1000000, BIG)],
    *[("bench_elementwise", f"BM_exp/{n}", f"a = torch.linspace(-5, 5, {n})", "torch.exp(a)",
       f"a = np.linspace(-5, 5, {n}, dtype=np.float32)", "np.exp(a)", 2 * n * F32, None)
      for n in (1000, 1000000, BIG)],
    ("bench_elementwise", "BM_add_tiny", "a = torch.ones(1); b = torch.ones(1)", "a + b",
     "a = np.ones(1, np.float32); b = np.ones(1, np.float32)", "a + b", None, None),
    *[("bench_reduce", name, "t = torch.linspace(-1, 1, 4096 * 4096).view(4096, 4096)", stmt,
       "t = np.linspace(-1, 1, 4096 * 4096, dtype=np.float32).reshape(4096, 4096)", np_stmt,
       4096 * 4096 * F32, None)
      for name, stmt, np_stmt in (("BM_sum_4096", "t.sum()", "t.sum()"),
                                  ("BM_sum_dim1_4096", "t.sum(dim=1)", "t.sum(axis=1)"),
                                  ("BM_sum_dim0_4096", "t.sum(dim=0)", "t.sum(axis=0)"),
                                  ("BM_max_4096", "t.max()", "t.max()"),
                                  ("BM_max_dim1_4096", "t.max(dim=1)", "(t.max(axis=1), t.argmax(axis=1))"))],
    *[("bench_linalg", f"BM_matmul_{tag}/{n}",
       f"a = torch.rand({n}, {n}, dtype=torch.{dt}); b = torch.rand({n}, {n}, dtype=torch.{dt})", "a @ b",
       f"a = np.random.rand({n}, {n}).astype(np.{dt}); b = np.random.rand({n}, {n}).astype(np.{dt})", "a @ b",
       None, 2 * n ** 3)
      for tag, dt, n in (("f32", "float32", 64), ("f32", "float32", 256), ("f32", "float32", 1024),
                         ("f32", "float32", 2048), ("f64", "float64", 1024))],
    *[("bench_linalg", f"BM_cblas_{g}/{n}", None, None, None, None, None, 2 * n ** 3)
      for g, n in (("sgemm", 64), ("sgemm", 256), ("sgemm", 1024), ("sgemm", 2048), ("dgemm", 1024))],
    ("bench_random", f"BM_rand/{BIG}", "torch.manual_seed(0)", f"torch.rand({BIG})",
     "g = np.random.default_rng(0)", f"g.random({BIG}, dtype=np.float32)", BIG * F32, None),
    ("bench_random", f"BM_randn/{BIG}", "torch.manual_seed(0)", f"torch.randn({BIG})",
     "g = np.random.default_rng(0)", f"g.standard_normal({BIG}, dtype=np.float32)", BIG * F32, None),
    ("bench_random", "BM_randint/1000000", "torch.manual_seed(0)", "torch.randint(0, 1000, (1000000,))",
     "g = np.random.default_rng(0)", "g.integers(0, 1000, 1000000)", 1000000 * 8, None),
]
# Autograd (PyTorch only): the same graphs from Python.
MLP_SETUP = ("torch.manual_seed(0); x = torch.randn(128, 256); "
             "w1 = (torch.randn(256, 512) * 0.05).requires_grad_(); b1 = torch.zeros(512, requires_grad=True); "
             "w2 = (torch.randn(512, 512) * 0.05).requires_grad_(); b2 = torch.zeros(512, requires_grad=True); "
             "w3 = (torch.randn(512, 10) * 0.05).requires_grad_(); b3 = torch.zeros(10, requires_grad=True)\n"
             "def step():\n"
             "    h = torch.addmm(b1, x, w1).relu(); h = torch.addmm(b2, h, w2).relu()\n"
             "    torch.addmm(b3, h, w3).pow(2).mean().backward()\n"
             "    for p in (w1, b1, w2, b2, w3, b3): p.grad = None")
CHAIN_SETUP = ("x = torch.ones(1, requires_grad=True)\n"
               "def chain():\n"
               "    y = x\n"
               "    for _ in range(50): y = y * 1.001 + 0.001\n"
               "    y.backward(); x.grad = None")
CASES += [
    ("bench_autograd", "BM_autograd_add_tiny", "a = torch.ones(1, requires_grad=True); b = torch.ones(1, requires_grad=True)",
     "a + b", None, None, None, None),
    ("bench_autograd", "BM_autograd_add_tiny_no_grad", "a = torch.ones(1); b = torch.ones(1)", "a + b",
     None, None, None, None),
    ("bench_autograd", "BM_autograd_chain_100", CHAIN_SETUP, "chain()", None, None, None, None),
    ("bench_autograd", "BM_autograd_mlp", MLP_SETUP, "step()", None, None, None,
     3 * 2 * 128 * (256 * 512 + 512 * 512 + 512 * 10)),
]
UNIT_SECONDS = {"ns": 1e-9, "us": 1e-6, "ms": 1e-3, "s": 1.0}


REPEATS = 5  # every library's time is the best of this many repeats, each a mean over many runs


def ctorch_times(build_dir, binary, only, threads):
    env = dict(os.environ, CTORCH_NUM_THREADS=str(threads))
    out = subprocess.run([f"{build_dir}/benchmarks/{binary}", "--benchmark_format=json",
                          "--benchmark_min_time=0.2", f"--benchmark_repetitions={REPEATS}",
                          f"--benchmark_filter={only or '.'}"],
                         check=True, capture_output=True, text=True, env=env)
    times = {}
    for b in json.loads(out.stdout)["benchmarks"]:
        if b.get("run_type") == "aggregate":
            continue
        name = b["name"].removesuffix("/real_time")
        seconds = b["real_time"] * UNIT_SECONDS[b["time_unit"]]
        times[name] = min(times.get(name, seconds), seconds)
    return times


VENV_TORCH = pathlib.Path(__file__).resolve().parents[1] / ".venv-torch" / "bin" / "python"

# Run in a child process: times each (setup, statement) read as JSON from stdin with `module`
# imported, and prints the module's version and the times as JSON.
TIMER = """
import json, sys, timeit
module, threads, repeats, cases = json.load(sys.stdin)
lib = __import__(module)
alias = "np" if module == "numpy" else module
if module == "torch":
    lib.set_num_threads(threads)
times = []
for setup, stmt in cases:
    timer = timeit.Timer(stmt, setup=f"import {module} as {alias}\\n{setup}")
    number, _ = timer.autorange()
    times.append(min(timer.repeat(repeat=repeats, number=number)) / number)
print(json.dumps([lib.__version__, times]))
"""


def library_times(python, module, cases, threads):
    """(version, [seconds per case]) of `module` under the interpreter `python`, in its own process,
    or (None, None) where that interpreter cannot import it."""
    probe = subprocess.run([python, "-c", f"import {module}"], capture_output=True)
    if probe.returncode != 0:
        print(f"{module} is not installed for {python}: its column stays empty")
        return None, None
    env = dict(os.environ, OPENBLAS_NUM_THREADS=str(threads), OMP_NUM_THREADS=str(threads),
               MKL_NUM_THREADS=str(threads))
    out = subprocess.run([python, "-c", TIMER], input=json.dumps([module, threads, REPEATS, cases]),
                         capture_output=True, text=True, check=True, env=env)
    version, times = json.loads(out.stdout.strip().splitlines()[-1])
    return version, times


def fmt_time(seconds):
    if seconds is None:
        return f"{'-':>10}"
    for unit, scale in (("s", 1.0), ("ms", 1e-3), ("us", 1e-6)):
        if seconds >= scale:
            return f"{seconds / scale:8.2f}{unit:>2}"
    return f"{seconds / 1e-9:8.0f}ns"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("build_dir", nargs="?", default="build")
    parser.add_argument("--threads", type=int, default=os.cpu_count())
    parser.add_argument("--only", default="")
    args = parser.parse_args()
    cases = [c for c in CASES if args.only in c[1]]
    torch_python = str(VENV_TORCH) if VENV_TORCH.exists() else sys.executable
    torch_version, torch_times = library_times(
        torch_python, "torch", [(c[2], c[3]) for c in cases if c[3]], args.threads)
    numpy_version, numpy_times = library_times(
        sys.executable, "numpy", [(c[4], c[5]) for c in cases if c[5]], args.threads)
    torch_times, numpy_times = iter(torch_times or []), iter(numpy_times or [])
    print(f"PyTorch {torch_version or '(absent)'}; NumPy {numpy_version or '(absent)'}; {args.threads} threads; "
          f"OPENBLAS_CORETYPE={os.environ.get('OPENBLAS_CORETYPE', '(unset)')}")

    stream = ctorch_times(args.build_dir, "bench_bandwidth", "", args.threads)
    rates = {"copy": 2 * BIG * F32 / stream["BM_stream_copy"], "add": 3 * BIG * F32 / stream["BM_stream_add"],
             "a += b": 3 * BIG * F32 / stream["BM_stream_add_inplace"]}
    bandwidth = max(rates.values())  # the best the machine showed: the limit each case is held to
    print("memory bandwidth (STREAM-style): " + ", ".join(f"{k} {v / 1e9:.1f} GB/s" for k, v in rates.items()))
    print(f"{'case':34} {'ctorch':>10} {'PyTorch':>10} {'NumPy':>10} {'/PyTorch':>9} {'/NumPy':>8} {'limit':>12}")
    measured = {}
    for binary, name, t_setup, t_stmt, n_setup, n_stmt, nbytes, flops in cases:
        theirs = next(torch_times, None) if t_stmt else None
        numpys = next(numpy_times, None) if n_stmt else None
        if binary not in measured:
            measured[binary] = ctorch_times(args.build_dir, binary, args.only, args.threads)
        ours = measured[binary].get(name)
        if ours is None:
            continue
        limit = ""
        if nbytes:
            limit = f"{nbytes / ours / bandwidth:6.0%} of BW"
        elif flops:
            limit = f"{flops / ours / 1e9:6.1f} GF/s"
        ratio = lambda other: f"{ours / other:9.3f}" if other else f"{'-':>9}"
        print(f"{name:34} {fmt_time(ours)} {fmt_time(theirs)} {fmt_time(numpys)} {ratio(theirs)} "
              f"{ratio(numpys)[1:]} {limit:>12}")


if __name__ == "__main__":
    main()
