// The machine's memory bandwidth, measured STREAM-style on plain arrays (no ctorch): copy
// (c = a), add (c = a + b) and in-place add (a += b) of 1.6e7 float32 split over every hardware thread. The other
// benchmarks are judged against these numbers, measured in the same run since they move between
// runs on shared machines.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdint>
#include <memory>
#include <thread>
#include <vector>

namespace {

constexpr int64_t kN = 16000000;

template <typename Body>
void on_all_threads(const Body& body) {
  const int64_t threads = std::max(1u, std::thread::hardware_concurrency());
  std::vector<std::thread> pool;
  for (int64_t t = 0; t < threads; ++t)
    pool.emplace_back([&, t] { body(kN * t / threads, kN * (t + 1) / threads); });
  for (auto& th : pool) th.join();
}

struct Arrays {
  std::unique_ptr<float[]> a{new float[kN]}, b{new float[kN]}, c{new float[kN]};
  Arrays() {
    on_all_threads([&](int64_t lo, int64_t hi) {  // first touch by the threads that use them
      for (int64_t i = lo; i < hi; ++i) a[i] = 1.0f, b[i] = 2.0f, c[i] = 0.0f;
    });
  }
};

void BM_stream_copy(benchmark::State& state) {
  Arrays m;
  for (auto _ : state) {
    on_all_threads([&](int64_t lo, int64_t hi) { std::copy(m.a.get() + lo, m.a.get() + hi, m.c.get() + lo); });
    benchmark::ClobberMemory();
  }
  state.SetBytesProcessed(state.iterations() * 2 * kN * int64_t{sizeof(float)});
}
BENCHMARK(BM_stream_copy)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_stream_add(benchmark::State& state) {
  Arrays m;
  for (auto _ : state) {
    on_all_threads([&](int64_t lo, int64_t hi) {
      for (int64_t i = lo; i < hi; ++i) m.c[i] = m.a[i] + m.b[i];
    });
    benchmark::ClobberMemory();
  }
  state.SetBytesProcessed(state.iterations() * 3 * kN * int64_t{sizeof(float)});
}
BENCHMARK(BM_stream_add)->Unit(benchmark::kMillisecond)->UseRealTime();

// a += b: three streams without the write-allocate read of a fresh destination.
void BM_stream_add_inplace(benchmark::State& state) {
  Arrays m;
  for (auto _ : state) {
    on_all_threads([&](int64_t lo, int64_t hi) {
      for (int64_t i = lo; i < hi; ++i) m.a[i] += m.b[i];
    });
    benchmark::ClobberMemory();
  }
  state.SetBytesProcessed(state.iterations() * 3 * kN * int64_t{sizeof(float)});
}
BENCHMARK(BM_stream_add_inplace)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
