// Elementwise benchmarks: add, multiply by a scalar and exp over 1e3/1e6/1.6e7 float32, in-place
// add, and a one-element add (the per-op overhead). compare_torch.py runs the same through PyTorch.
#include <benchmark/benchmark.h>
#include <ctorch/ctorch.h>

using namespace ctorch;

static void BM_add(benchmark::State& state) {
  Tensor a = linspace(0, 1, state.range(0)), b = linspace(1, 2, state.range(0));
  for (auto _ : state) benchmark::DoNotOptimize(a + b);
  state.SetBytesProcessed(state.iterations() * 3 * a.nbytes());
}
BENCHMARK(BM_add)->Arg(1000)->Arg(1000000)->Arg(16000000)->Unit(benchmark::kMicrosecond);

static void BM_add_inplace(benchmark::State& state) {
  Tensor a = linspace(0, 1, state.range(0)), b = linspace(1, 2, state.range(0));
  for (auto _ : state) benchmark::DoNotOptimize(a.add_(b));
  state.SetBytesProcessed(state.iterations() * 3 * a.nbytes());
}
BENCHMARK(BM_add_inplace)->Arg(16000000)->Unit(benchmark::kMicrosecond);

static void BM_add_out(benchmark::State& state) {
  Tensor a = linspace(0, 1, state.range(0)), b = linspace(1, 2, state.range(0));
  Tensor c = empty({state.range(0)});
  for (auto _ : state) benchmark::DoNotOptimize(add_out(c, a, b));
  state.SetBytesProcessed(state.iterations() * 3 * a.nbytes());
}
BENCHMARK(BM_add_out)->Arg(16000000)->Unit(benchmark::kMicrosecond);

static void BM_mul_scalar(benchmark::State& state) {
  Tensor a = linspace(0, 1, state.range(0));
  for (auto _ : state) benchmark::DoNotOptimize(a * 2.0);
  state.SetBytesProcessed(state.iterations() * 2 * a.nbytes());
}
BENCHMARK(BM_mul_scalar)->Arg(1000)->Arg(1000000)->Arg(16000000)->Unit(benchmark::kMicrosecond);

static void BM_exp(benchmark::State& state) {
  Tensor a = linspace(-5, 5, state.range(0));
  for (auto _ : state) benchmark::DoNotOptimize(exp(a));
  state.SetItemsProcessed(state.iterations() * a.numel());
}
BENCHMARK(BM_exp)->Arg(1000)->Arg(1000000)->Arg(16000000)->Unit(benchmark::kMicrosecond);

static void BM_add_tiny(benchmark::State& state) {
  Tensor a = ones({1}), b = ones({1});
  for (auto _ : state) benchmark::DoNotOptimize(a + b);
}
BENCHMARK(BM_add_tiny);
