// The FLOP/s counter of an n x n x n matrix product (2 n^3 operations per iteration).
#pragma once

#include <benchmark/benchmark.h>

#include <cstdint>

inline void set_flops(benchmark::State& state, int64_t n) {
  state.counters["FLOPS"] = benchmark::Counter(2.0 * static_cast<double>(n * n * n),
                                               benchmark::Counter::kIsIterationInvariantRate);
}
