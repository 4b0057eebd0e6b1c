// Random-number benchmarks: rand and randn of 1.6e7 float32 and randint of 1e6 int64, each a new
// tensor per iteration (as torch.rand(16000000) in Python). compare_torch.py runs the same
// statements through PyTorch; PyTorch draws serially on one thread, and so does ctorch (the
// stream is one sequence, random.md §1.6).
#include <benchmark/benchmark.h>
#include <ctorch/ctorch.h>

using namespace ctorch;

static void BM_rand(benchmark::State& state) {
  manual_seed(0);
  for (auto _ : state) benchmark::DoNotOptimize(rand({state.range(0)}));
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_rand)->Arg(16000000)->Unit(benchmark::kMillisecond);

static void BM_randn(benchmark::State& state) {
  manual_seed(0);
  for (auto _ : state) benchmark::DoNotOptimize(randn({state.range(0)}));
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_randn)->Arg(16000000)->Unit(benchmark::kMillisecond);

static void BM_randint(benchmark::State& state) {
  manual_seed(0);
  for (auto _ : state) benchmark::DoNotOptimize(randint(0, 1000, {state.range(0)}));
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_randint)->Arg(1000000)->Unit(benchmark::kMillisecond);
