// Matrix-product benchmarks: ctorch::matmul on square float32 / float64 matrices. bench_cblas.cpp,
// linked into the same binary, runs the same products through cblas_?gemm called directly, so the
// gap is ctorch's own overhead (checks, allocation, dispatch). Reported as FLOP/s (2 n^3 per product) over wall time: the BLAS runs
// on its own threads, so the calling thread's CPU time would undercount.
#include <benchmark/benchmark.h>
#include <ctorch/ctorch.h>

#include "set_flops.h"

using namespace ctorch;

namespace {

Tensor square(int64_t n, ScalarType dtype) {
  return arange(n * n, dtype).view({n, n});  // values irrelevant to the timing
}

}  // namespace

// torch.matmul(a, b), a and b n x n
template <ScalarType Dtype>
static void BM_matmul(benchmark::State& state) {
  const int64_t n = state.range(0);
  const Tensor a = square(n, Dtype), b = square(n, Dtype);
  for (auto _ : state) benchmark::DoNotOptimize(matmul(a, b));
  set_flops(state, n);
}
BENCHMARK(BM_matmul<kFloat32>)->Name("BM_matmul_f32")->Arg(64)->Arg(256)->Arg(1024)->Arg(2048)
    ->Unit(benchmark::kMicrosecond)->UseRealTime();
BENCHMARK(BM_matmul<kFloat64>)->Name("BM_matmul_f64")->Arg(1024)->Unit(benchmark::kMicrosecond)->UseRealTime();
