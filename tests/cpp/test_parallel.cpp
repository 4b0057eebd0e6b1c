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

// A split task that splits again (several rows, each long enough to be cut into blocks) runs the
// inner split in place: it must finish, with the one-thread result. This used to deadlock.
TEST(Parallel, NestedSplitsFinishWithTheSameResult) {
  ThreadCountGuard guard;
  Tensor t = arange(6 * 100003, kFloat64).view({6, 100003}).remainder(7.5);
  set_num_threads(1);
  const auto want = values<double>(sum(t, 1));
  double expected0 = 0;
  for (int64_t i = 0; i < 100003; ++i) expected0 += std::fmod(static_cast<double>(i), 7.5);
  EXPECT_NEAR(want[0], expected0, 1e-6 * expected0);
  for (int threads : {2, 3, 4}) {
    set_num_threads(threads);
    const auto got = values<double>(sum(t, 1));
    for (size_t r = 0; r < want.size(); ++r) ASSERT_TRUE(same_bits(got[r], want[r])) << r << " with " << threads;
  }
}
