// Reduction benchmarks on a 4096x4096 float32 matrix (64 MiB): sum of everything, along the
// contiguous dim (rows), along the strided dim (columns, accumulated row by row), and max with
// indices along the rows.
#include <benchmark/benchmark.h>
#include <ctorch/ctorch.h>

using namespace ctorch;

static Tensor matrix_4096() { return linspace(-1, 1, 4096 * 4096).view({4096, 4096}); }

// torch.rand(4096, 4096).sum()
static void BM_sum_4096(benchmark::State& state) {
  Tensor t = matrix_4096();
  for (auto _ : state) benchmark::DoNotOptimize(sum(t));
  state.SetBytesProcessed(state.iterations() * t.nbytes());
}
BENCHMARK(BM_sum_4096)->Unit(benchmark::kMillisecond)->UseRealTime();

// t.sum(dim=1)
static void BM_sum_dim1_4096(benchmark::State& state) {
  Tensor t = matrix_4096();
  for (auto _ : state) benchmark::DoNotOptimize(sum(t, 1));
  state.SetBytesProcessed(state.iterations() * t.nbytes());
}
BENCHMARK(BM_sum_dim1_4096)->Unit(benchmark::kMillisecond)->UseRealTime();

// t.sum(dim=0)
static void BM_sum_dim0_4096(benchmark::State& state) {
  Tensor t = matrix_4096();
  for (auto _ : state) benchmark::DoNotOptimize(sum(t, 0));
  state.SetBytesProcessed(state.iterations() * t.nbytes());
}
BENCHMARK(BM_sum_dim0_4096)->Unit(benchmark::kMillisecond)->UseRealTime();

// t.max(dim=1): values and indices
static void BM_max_dim1_4096(benchmark::State& state) {
  Tensor t = matrix_4096();
  for (auto _ : state) benchmark::DoNotOptimize(max(t, 1));
  state.SetBytesProcessed(state.iterations() * t.nbytes());
}
BENCHMARK(BM_max_dim1_4096)->Unit(benchmark::kMillisecond)->UseRealTime();

// t.max(): the largest value of everything
static void BM_max_4096(benchmark::State& state) {
  Tensor t = matrix_4096();
  for (auto _ : state) benchmark::DoNotOptimize(max(t));
  state.SetBytesProcessed(state.iterations() * t.nbytes());
}
BENCHMARK(BM_max_4096)->Unit(benchmark::kMillisecond)->UseRealTime();
