// Autograd benchmarks: the cost of recording on a tiny op, forward+backward of a chain of 100
// tiny ops, and a 3-layer MLP (256-512-512-10, batch 128, float32) forward+backward.
// benchmarks/compare_torch.py runs the same cases through PyTorch and prints the ratios.
#include <benchmark/benchmark.h>
#include <ctorch/ctorch.h>

using namespace ctorch;

// a + b where both require grad: the op plus its AddBackward0 node.
static void BM_autograd_add_tiny(benchmark::State& state) {
  Tensor a = ones({1}, requires_grad()), b = ones({1}, requires_grad());
  for (auto _ : state) benchmark::DoNotOptimize(a + b);
}
BENCHMARK(BM_autograd_add_tiny);

// The same op with nothing requiring grad: the no-grad path's cost.
static void BM_autograd_add_tiny_no_grad(benchmark::State& state) {
  Tensor a = ones({1}), b = ones({1});
  for (auto _ : state) benchmark::DoNotOptimize(a + b);
}
BENCHMARK(BM_autograd_add_tiny_no_grad);

// 100 tiny ops (alternating * 1.001 and + 0.001) on a 1-element leaf, then backward().
static void BM_autograd_chain_100(benchmark::State& state) {
  Tensor x = ones({1}, requires_grad());
  for (auto _ : state) {
    Tensor y = x;
    for (int i = 0; i < 50; ++i) y = y * 1.001 + 0.001;
    y.backward();
    x.set_grad(Tensor());
  }
}
BENCHMARK(BM_autograd_chain_100)->Unit(benchmark::kMicrosecond);

// relu(x W1 + b1) -> relu(. W2 + b2) -> . W3 + b3, loss mean(out^2), backward, grads reset.
static void BM_autograd_mlp(benchmark::State& state) {
  manual_seed(0);
  Tensor x = randn({128, 256});
  Tensor w1 = (randn({256, 512}) * 0.05).requires_grad_(), b1 = zeros({512}, requires_grad());
  Tensor w2 = (randn({512, 512}) * 0.05).requires_grad_(), b2 = zeros({512}, requires_grad());
  Tensor w3 = (randn({512, 10}) * 0.05).requires_grad_(), b3 = zeros({10}, requires_grad());
  for (auto _ : state) {
    Tensor h = addmm(b1, x, w1).relu();
    h = addmm(b2, h, w2).relu();
    Tensor loss = addmm(b3, h, w3).pow(2).mean();
    loss.backward();
    for (Tensor* p : {&w1, &b1, &w2, &b2, &w3, &b3}) p->set_grad(Tensor());
  }
}
BENCHMARK(BM_autograd_mlp)->Unit(benchmark::kMillisecond)->UseRealTime();
