"""PyTorch's CUDA on the cases of bench_gpu.cpp: one line per case, "<case> <seconds>" (median)."""
import statistics
import time

import torch


def median_seconds(repeats, body):
    body()
    torch.cuda.synchronize()
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        body()
        torch.cuda.synchronize()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def report(name, seconds):
    print(f"{name} {seconds:.9g}", flush=True)


def main():
    assert torch.cuda.is_available(), "bench_torch.py: no CUDA GPU"
    torch.backends.cuda.matmul.allow_tf32 = False  # PyTorch's default; ctorch uses no TF32 either
    dev = "cuda"
    for n, tag in ((16_000_000, "1.6e7"), (260_000_000, "2.6e8")):
        a, b = torch.rand(n, device=dev), torch.rand(n, device=dev)
        report(f"copy_{tag}", median_seconds(10, lambda: a.clone()))
        report(f"add_{tag}", median_seconds(10, lambda: torch.add(a, b)))
        report(f"exp_{tag}", median_seconds(10, lambda: torch.exp(a)))
        del a, b
    m = torch.rand(16384, 16384, device=dev)
    report("sum_16384x16384", median_seconds(10, lambda: m.sum()))
    del m
    for dtype, name in ((torch.float32, "matmul_f32_4096"), (torch.bfloat16, "matmul_bf16_4096")):
        x = torch.rand(4096, 4096, device=dev).to(dtype)
        y = torch.rand(4096, 4096, device=dev).to(dtype)
        report(name, median_seconds(10, lambda: torch.matmul(x, y)))
    report("rand_2.6e8", median_seconds(3, lambda: torch.rand(260_000_000, device=dev)))
    x, y = torch.ones(1, device=dev), torch.ones(1, device=dev)
    calls = 2000

    def tiny():
        for _ in range(calls):
            torch.add(x, y)

    report("tiny_add_per_call", median_seconds(5, tiny) / calls)
    host = torch.rand(260_000_000)
    device = host.cuda()
    report("h2d_2.6e8", median_seconds(5, lambda: host.cuda()))
    report("d2h_2.6e8", median_seconds(5, lambda: device.cpu()))


if __name__ == "__main__":
    main()
