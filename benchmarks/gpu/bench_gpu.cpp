// The GPU cases of issue 7, timed on ctorch's cuda device: one line per case,
// "<case> <seconds>" (the median of the repetitions, each ended by cuda::synchronize()).
// benchmarks/gpu/bench_torch.py times PyTorch on the same cases; run.sh prints both side by side.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <functional>
#include <vector>

#include "ctorch/ctorch.h"

using namespace ctorch;

namespace {

double median_seconds(int repeats, const std::function<void()>& body) {
  body();  // warm-up: allocator cache, cuBLAS handle, module loading
  cuda::synchronize();
  std::vector<double> times;
  for (int i = 0; i < repeats; ++i) {
    const auto start = std::chrono::steady_clock::now();
    body();
    cuda::synchronize();
    times.push_back(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  }
  std::sort(times.begin(), times.end());
  return times[times.size() / 2];
}

void report(const char* name, double seconds) {
  std::printf("%s %.9g\n", name, seconds);
  std::fflush(stdout);
}

}  // namespace

int run() {
  if (!cuda::is_available()) {
    std::fprintf(stderr, "bench_gpu: no CUDA GPU\n");
    return 1;
  }
  const TensorOptions gpu = TensorOptions(Device("cuda"));
  for (int64_t n : {int64_t{16'000'000}, int64_t{260'000'000}}) {
    const std::string tag = n == 16'000'000 ? "1.6e7" : "2.6e8";
    const Tensor a = rand({n}, gpu), b = rand({n}, gpu);
    report(("copy_" + tag).c_str(), median_seconds(10, [&] { (void)a.clone(); }));
    report(("add_" + tag).c_str(), median_seconds(10, [&] { (void)add(a, b); }));
    report(("exp_" + tag).c_str(), median_seconds(10, [&] { (void)exp(a); }));
  }
  {
    const Tensor m = rand({16384, 16384}, gpu);
    report("sum_16384x16384", median_seconds(10, [&] { (void)m.sum(); }));
  }
  for (ScalarType t : {kFloat32, kBFloat16}) {
    const Tensor x = rand({4096, 4096}, gpu).to(t), y = rand({4096, 4096}, gpu).to(t);
    report(t == kFloat32 ? "matmul_f32_4096" : "matmul_bf16_4096", median_seconds(10, [&] { (void)matmul(x, y); }));
  }
  // The default generator (mt19937) draws on the host, for the CPU's numbers; a Philox generator
  // draws on the device.
  report("rand_2.6e8", median_seconds(3, [&] { (void)rand({260'000'000}, gpu); }));
  {
    Generator philox(0, RngEngine::Philox4x32_10);
    report("rand_philox_2.6e8", median_seconds(5, [&] { (void)rand({260'000'000}, gpu, &philox); }));
  }
  {
    const Tensor x = ones({1}, gpu), y = ones({1}, gpu);
    constexpr int kCalls = 2000;
    report("tiny_add_per_call", median_seconds(5, [&] {
             for (int i = 0; i < kCalls; ++i) (void)add(x, y);
           }) / kCalls);
  }
  {
    const Tensor host = rand({260'000'000});
    const Tensor device = host.cuda();
    report("h2d_2.6e8", median_seconds(5, [&] { (void)host.cuda(); }));
    report("d2h_2.6e8", median_seconds(5, [&] { (void)device.cpu(); }));
  }
  return 0;
}

int main() {
  try {
    return run();
  } catch (const std::exception& e) {  // the cases before this one were reported
    std::fprintf(stderr, "bench_gpu: %s\n", e.what());
    return 1;
  }
}
