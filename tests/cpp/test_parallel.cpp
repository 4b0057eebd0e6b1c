// Tests for threading: set_num_threads/get_num_threads, and that large kernels, which split work
// over the pool, give the same result whatever the thread count.
#include <ctorch/parallel.h>

#include "test_util.h"

using namespace ctorch;
using namespace ctorch_test;

namespace {
// Restores the thread count a test changed.
struct ThreadCountGuard {
  int saved = get_num_threads();
  ~ThreadCountGuard() { set_num_threads(saved); }
};
}  // namespace

TEST(Parallel, SetAndGetNumThreads) {
  ThreadCountGuard guard;
  set_num_threads(3);
  EXPECT_EQ(get_num_threads(), 3);
  set_num_threads(1);
  EXPECT_EQ(get_num_threads(), 1);
  EXPECT_CTORCH_ERROR(Runtime, "set_num_threads expects a positive integer, got 0", set_num_threads(0));
  EXPECT_EQ(get_num_threads(), 1);
}

TEST(Parallel, LargeCopiesAreTheSameForAnyThreadCount) {
  ThreadCountGuard guard;
  // 3 x 300 x 1000 int32 elements, read through a permuted and stepped view and converted to
  // float64: large enough to be split, with runs that cross chunk boundaries.
  const int64_t a = 3, b = 300, c = 2000;
  Tensor base = arange(a * b * c, kInt32).view({a, b, c});
  Tensor view = base.slice(2, 0, std::nullopt, 2).permute({1, 0, 2});
  for (int threads : {1, 2, 3, 4}) {
    set_num_threads(threads);
    const auto got = values<double>(view.to(kFloat64));
    ASSERT_EQ(got.size(), static_cast<size_t>(a * b * c / 2));
    size_t k = 0;
    for (int64_t j = 0; j < b; ++j)
      for (int64_t i = 0; i < a; ++i)
        for (int64_t l = 0; l < c; l += 2, ++k)
          ASSERT_EQ(got[k], static_cast<double>((i * b + j) * c + l)) << threads << " threads at " << k;
  }
}
