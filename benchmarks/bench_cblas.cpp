// Square products straight through cblas_?gemm into a preallocated output. Built twice: into
// bench_linalg against OpenBLAS (ctorch's BLAS) and, when Debian's BLIS is installed, alone as
// bench_blis, so that the two libraries are measured the same way on the same machine.
#include <benchmark/benchmark.h>
#include <cblas.h>

#include <type_traits>
#include <vector>

#include "set_flops.h"

template <typename T>
static void BM_cblas_gemm(benchmark::State& state) {
  const int n = static_cast<int>(state.range(0));
  std::vector<T> a(static_cast<size_t>(n) * n, T(1)), b(a), c(a.size());
  for (auto _ : state) {
    if constexpr (std::is_same_v<T, float>) {
      cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, n, n, n, 1.0f, a.data(), n, b.data(), n,
                  0.0f, c.data(), n);
    } else {
      cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, n, n, n, 1.0, a.data(), n, b.data(), n,
                  0.0, c.data(), n);
    }
    benchmark::DoNotOptimize(c.data());
  }
  set_flops(state, n);
}
BENCHMARK(BM_cblas_gemm<float>)->Name("BM_cblas_sgemm")->Arg(64)->Arg(256)->Arg(1024)->Arg(2048)
    ->Unit(benchmark::kMicrosecond)->UseRealTime();
BENCHMARK(BM_cblas_gemm<double>)->Name("BM_cblas_dgemm")->Arg(1024)->Unit(benchmark::kMicrosecond)->UseRealTime();
