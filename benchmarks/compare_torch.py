#!/usr/bin/env python3
"""Runs the benchmark cases through ctorch (benchmarks/bench_core, bench_elementwise) and PyTorch,
and prints the time ratio ctorch / PyTorch for each (below 1 means ctorch is faster).

    python3 benchmarks/compare_torch.py BUILD_DIR

PyTorch is timed from Python, so for the sub-microsecond cases (creating a small tensor, taking a
view) its figure includes the Python call overhead that a C++ user of LibTorch would not pay; the
transposed copy and the printing case are dominated by the work itself.
"""
import json
import os
import subprocess
import sys
import timeit

# benchmark binary -> {benchmark name: (PyTorch setup, PyTorch statement)}
CASES = {
    "bench_core": {
        "BM_create_small_tensor": ("", "torch.tensor([[7, 8], [8, 9]])"),
        "BM_view": ("t = torch.zeros(2, 3, 4)", "t.view(-1)"),
        "BM_contiguous_transposed_4096": (
            "t = torch.arange(4096 * 4096, dtype=torch.float32).view(4096, 4096).t()",
            "t.contiguous()"),
        "BM_clone_contiguous_4096": (
            "t = torch.arange(4096 * 4096, dtype=torch.float32).view(4096, 4096)", "t.clone()"),
        "BM_print_3x1024x1024": ("t = torch.linspace(0, 1, 3 * 1024 * 1024).view(3, 1024, 1024)", "repr(t)"),
    },
    "bench_elementwise": {
        **{f"BM_add/{n}": (f"a = torch.linspace(0, 1, {n}); b = torch.linspace(1, 2, {n})", "a + b")
           for n in (1000, 1000000, 16000000)},
        "BM_add_inplace/16000000": ("a = torch.linspace(0, 1, 16000000); b = torch.linspace(1, 2, 16000000)",
                                    "a.add_(b)"),
        **{f"BM_mul_scalar/{n}": (f"a = torch.linspace(0, 1, {n})", "a * 2.0") for n in (1000, 1000000, 16000000)},
        **{f"BM_exp/{n}": (f"a = torch.linspace(-5, 5, {n})", "torch.exp(a)") for n in (1000, 1000000, 16000000)},
        "BM_add_tiny": ("a = torch.ones(1); b = torch.ones(1)", "a + b"),
    },
    "bench_random": {  # PyTorch draws serially whatever its thread count
        "BM_rand/16000000": ("torch.manual_seed(0)", "torch.rand(16000000)"),
        "BM_randn/16000000": ("torch.manual_seed(0)", "torch.randn(16000000)"),
        "BM_randint/1000000": ("torch.manual_seed(0)", "torch.randint(0, 1000, (1000000,))"),
    },
}
UNIT_SECONDS = {"ns": 1e-9, "us": 1e-6, "ms": 1e-3, "s": 1.0}


def ctorch_times(build_dir, binary):
    out = subprocess.run([f"{build_dir}/benchmarks/{binary}", "--benchmark_format=json",
                          "--benchmark_min_time=0.5"], check=True, capture_output=True, text=True)
    return {b["name"]: b["real_time"] * UNIT_SECONDS[b["time_unit"]]
            for b in json.loads(out.stdout)["benchmarks"]}


def torch_time(setup, stmt):
    timer = timeit.Timer(stmt, setup="import torch\n" + setup)
    number, _ = timer.autorange()
    return min(timer.repeat(repeat=5, number=number)) / number


def main():
    build_dir = sys.argv[1] if len(sys.argv) > 1 else "build"
    try:
        import torch
    except ImportError:
        print("PyTorch is not installed: ctorch times only")
        torch = None
    threads = os.cpu_count()
    if torch is not None:
        torch.set_num_threads(threads)  # ctorch uses every core by default too
        print(f"PyTorch {torch.__version__}, {threads} threads")
    print(f"{'case':32} {'ctorch':>12} {'PyTorch':>12} {'ratio':>8}")
    for binary, cases in CASES.items():
        mine = ctorch_times(build_dir, binary)
        for name, (setup, stmt) in cases.items():
            ours = mine[name]
            if torch is None:
                print(f"{name:32} {ours * 1e6:10.3f}us")
                continue
            theirs = torch_time(setup, stmt)
            print(f"{name:32} {ours * 1e6:10.3f}us {theirs * 1e6:10.3f}us {ours / theirs:8.3f}")


if __name__ == "__main__":
    main()
