"""Joins bench_gpu (ctorch) and bench_torch.py (PyTorch) outputs into the table of issue 7."""
import sys

BYTES = {  # bytes each case moves (read + write), for GB/s
    "copy_1.6e7": 2 * 4 * 16e6, "copy_2.6e8": 2 * 4 * 260e6,
    "add_1.6e7": 3 * 4 * 16e6, "add_2.6e8": 3 * 4 * 260e6,
    "exp_1.6e7": 2 * 4 * 16e6, "exp_2.6e8": 2 * 4 * 260e6,
    "sum_16384x16384": 4 * 16384 * 16384, "rand_2.6e8": 4 * 260e6, "rand_philox_2.6e8": 4 * 260e6,
    "h2d_2.6e8": 4 * 260e6, "d2h_2.6e8": 4 * 260e6,
}
FLOPS = {"matmul_f32_4096": 2 * 4096**3, "matmul_bf16_4096": 2 * 4096**3}


def read(path):
    out = {}
    with open(path) as f:
        for line in f:
            parts = line.split()
            if len(parts) == 2:
                out[parts[0]] = float(parts[1])
    return out


def rate(case, seconds, measured_copy):
    if case in FLOPS:
        return f"{FLOPS[case] / seconds / 1e12:8.1f} TFLOP/s"
    if case in BYTES:
        gbs = BYTES[case] / seconds / 1e9
        tag = case.rsplit("_", 1)[-1]
        if case.split("_")[0] in ("add", "exp") and tag in measured_copy:
            return f"{gbs:8.0f} GB/s ({100 * gbs / measured_copy[tag]:3.0f}% of copy)"
        return f"{gbs:8.0f} GB/s"
    return f"{seconds * 1e6:8.2f} us/call"


def main(ours_path, torch_path, gpu_name):
    ours, theirs = read(ours_path), read(torch_path)
    copy_bw = {c.split("_")[1]: BYTES[c] / theirs[c] / 1e9 for c in ("copy_1.6e7", "copy_2.6e8") if c in theirs}
    print(f"GPU: {gpu_name}  (percentages: of PyTorch's measured device-to-device copy bandwidth)")
    print(f"{'case':20s} {'ctorch':>14s} {'PyTorch':>14s} {'speed vs torch':>15s}   ctorch rate")
    for case in [c for c in ours if c in theirs] + [c for c in ours if c not in theirs]:
        o, t = ours[case], theirs.get(case)
        ratio = f"{t / o:15.2f}" if t else f"{'-':>15s}"
        tt = f"{t * 1e3:11.3f} ms" if t else f"{'-':>14s}"
        print(f"{case:20s} {o * 1e3:11.3f} ms {tt} {ratio}   {rate(case, o, copy_bw)}")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3] if len(sys.argv) > 3 else "?")
