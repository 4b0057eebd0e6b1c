#!/usr/bin/env bash
# The GPU run of issue 7, on a machine with an NVIDIA GPU (H100/H200), the CUDA toolkit and
# PyTorch with CUDA: builds ctorch with CUDA (Release), runs the CUDA tests, times ctorch and
# PyTorch on the same cases and prints the table. Needs no internet. About 5-8 minutes on 16 cores.
#
#   benchmarks/gpu/run.sh [build-dir]        # default: build-gpu
set -euo pipefail
cd "$(dirname "$0")/../.."
BUILD="${1:-build-gpu}"
JOBS="${JOBS:-$(nproc)}"
OUT="${OUT:-$BUILD/gpu-results}"
log() { printf '\n=== [%s] %s\n' "$(date +%H:%M:%S)" "$*"; }

log "GPU"
nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv,noheader || true
GPU_NAME="$(nvidia-smi --query-gpu=name --format=csv,noheader | head -1 || echo unknown)"
command -v nvcc >/dev/null || export PATH="/usr/local/cuda/bin:$PATH"
nvcc --version | tail -1

GENERATOR="Unix Makefiles"
command -v ninja >/dev/null && GENERATOR=Ninja
configure() {
  cmake -S . -B "$BUILD" -G "$GENERATOR" -DCMAKE_BUILD_TYPE=Release -DCTORCH_CUDA=ON \
    -DCTORCH_PYTHON=OFF -DCTORCH_BENCHMARKS=OFF -DCTORCH_TESTS="$1"
}
# The tests need GoogleTest; without it, the library and the benchmark still build.
TESTS=ON
log "configure (CTORCH_CUDA=ON)"
if ! configure ON; then
  log "configure with tests failed (GoogleTest missing?): the library and benchmark only"
  TESTS=OFF
  rm -f "$BUILD/CMakeCache.txt"
  configure OFF
fi
TARGETS=(ctorch)
[ "$TESTS" = ON ] && TARGETS+=(ctorch_tests)
log "build ${TARGETS[*]} (-j$JOBS)"
time cmake --build "$BUILD" -j"$JOBS" --target "${TARGETS[@]}"

mkdir -p "$OUT"
if [ "$TESTS" = ON ]; then
  log "CUDA tests (test_cuda_*.cpp), then the whole C++ suite once on this machine"
  "$BUILD/tests/ctorch_tests" --gtest_filter='Cuda*' > "$OUT/cuda_tests.txt" 2>&1 ||
    log "SOME CUDA TESTS FAILED (the benchmarks run anyway)"
  grep -E '^\[ *(OK|FAILED|PASSED|SKIPPED) *\]|Failure|error' "$OUT/cuda_tests.txt" | tail -40 || true
  "$BUILD/tests/ctorch_tests" --gtest_brief=1 2>&1 | tail -15 | tee "$OUT/all_tests.txt" || true
else
  log "GoogleTest not found: tests skipped"
fi

log "ctorch benchmark"
c++ -std=c++20 -O2 -Iinclude benchmarks/gpu/bench_gpu.cpp -o "$BUILD/bench_gpu" \
  -L"$BUILD" -lctorch -Wl,-rpath,"$PWD/$BUILD"
"$BUILD/bench_gpu" | tee "$OUT/ctorch.txt" || log "bench_gpu stopped early (see above)"

log "PyTorch benchmark"
python3 benchmarks/gpu/bench_torch.py | tee "$OUT/torch.txt" || log "bench_torch.py stopped early"

log "table"
python3 benchmarks/gpu/table.py "$OUT/ctorch.txt" "$OUT/torch.txt" "$GPU_NAME" | tee "$OUT/table.txt"
