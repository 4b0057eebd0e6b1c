// parallel_for: the one way kernels use threads.
//
//   parallel_for(0, n, kGrainSize, [&](int64_t begin, int64_t end) { ... });
//
// Splits [begin, end) into at most get_num_threads() contiguous chunks of at least `grain`
// elements, runs them on the pool (the caller takes one), and returns when all are done. An
// exception thrown by a chunk is rethrown to the caller. Inside a chunk, parallel_for runs
// inline: nested calls never wait on the pool.
#pragma once

#include <cstdint>
#include <functional>

#include "ctorch/parallel.h"

namespace ctorch {

inline constexpr int64_t kGrainSize = 32768;

void parallel_for(int64_t begin, int64_t end, int64_t grain,
                  const std::function<void(int64_t, int64_t)>& f);

}  // namespace ctorch
