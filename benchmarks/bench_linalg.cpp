// Matrix-product benchmarks: ctorch::matmul on square float32 / float64 matrices next to the same
// product through cblas_?gemm called directly, so the gap is ctorch's own overhead (checks,
// allocation, dispatch). Reported as FLOP/s (2 n^3 per product) over wall time: the BLAS runs
// on its own threads, so the calling thread's CPU time would undercount.
#include <benchmark/benchmark.h>
#include <cblas.h>
#include <ctorch/ctorch.h>

#include <vector>

using namespace ctorch;

namespace {

Tensor square(int64_t n, ScalarType dtype) {
  return arange(n * n, dtype).view({n, n});  // values irrelevant to the timing
}

void set_flops(benchmark::State& state, int64_t n) {
  state.counters["FLOPS"] = benchmark::Counter(2.0 * static_cast<double>(n * n * n),
                                               benchmark::Counter::kIsIterationInvariantRate);
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

// The same product straight through the BLAS, into a preallocated output.
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
