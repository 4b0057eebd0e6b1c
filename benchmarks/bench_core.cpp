// Core benchmarks: creating a small tensor, taking a view, materializing a transpose, printing.
// benchmarks/compare_torch.py runs the same cases through PyTorch and prints the ratios.
#include <benchmark/benchmark.h>
#include <ctorch/ctorch.h>

#include <sstream>

using namespace ctorch;

// torch.tensor([[7, 8], [8, 9]])
static void BM_create_small_tensor(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(tensor({{7, 8}, {8, 9}}));
}
BENCHMARK(BM_create_small_tensor);

// t.view(-1) on a 2x3x4 tensor: metadata only
static void BM_view(benchmark::State& state) {
  Tensor t = zeros({2, 3, 4});
  for (auto _ : state) benchmark::DoNotOptimize(t.view({-1}));
}
BENCHMARK(BM_view);

// torch.rand(4096, 4096).t().contiguous(): a full transposing copy of 64 MiB
static void BM_contiguous_transposed_4096(benchmark::State& state) {
  Tensor t = arange(4096 * 4096, kFloat32).view({4096, 4096}).t();
  for (auto _ : state) benchmark::DoNotOptimize(t.contiguous());
  state.SetBytesProcessed(state.iterations() * 2 * t.nbytes());  // read + write
}
BENCHMARK(BM_contiguous_transposed_4096)->Unit(benchmark::kMillisecond);

// The memory-bandwidth reference for the case above: the same bytes, copied without transposing.
static void BM_clone_contiguous_4096(benchmark::State& state) {
  Tensor t = arange(4096 * 4096, kFloat32).view({4096, 4096});
  for (auto _ : state) benchmark::DoNotOptimize(t.clone());
  state.SetBytesProcessed(state.iterations() * 2 * t.nbytes());
}
BENCHMARK(BM_clone_contiguous_4096)->Unit(benchmark::kMillisecond);

// repr(torch.rand(3, 1024, 1024)): summarized printing touches only the shown elements
static void BM_print_3x1024x1024(benchmark::State& state) {
  Tensor t = linspace(0, 1, 3 * 1024 * 1024).view({3, 1024, 1024});
  for (auto _ : state) benchmark::DoNotOptimize(repr(t));
}
BENCHMARK(BM_print_3x1024x1024)->Unit(benchmark::kMicrosecond);

// torch.cat of ten 1e6-element float32 tensors (80 MB moved)
static void BM_cat_10x1e6(benchmark::State& state) {
  std::vector<Tensor> parts;
  for (int i = 0; i < 10; ++i) parts.push_back(full({1000000}, static_cast<double>(i)));  // float32, as torch.full
  for (auto _ : state) benchmark::DoNotOptimize(cat(parts));
  state.SetBytesProcessed(state.iterations() * 2 * 10 * 1000000 * 4);
}
BENCHMARK(BM_cat_10x1e6)->Unit(benchmark::kMillisecond)->UseRealTime();
