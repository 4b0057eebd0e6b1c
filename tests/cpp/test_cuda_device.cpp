// The cuda device where no GPU is needed: availability, the errors of a build or machine without
// CUDA, device indices. These run everywhere; the GPU tests are in test_cuda_ops.cpp.
#include "test_util.h"

using namespace ctorch;
using ctorch_test::catch_error;

namespace {

bool message_has(const std::string& what, const std::string& part) { return what.find(part) != std::string::npos; }

}  // namespace

TEST(CudaDevice, AvailabilityIsConsistent) {
  // Never throws, with or without a driver.
  const bool available = cuda::is_available();
  EXPECT_EQ(available, cuda::device_count() > 0);
  if (!cuda::is_built()) {
    EXPECT_FALSE(available);
  }
}

TEST(CudaDevice, AskingForCudaWithoutAGpuIsAClearError) {
  if (cuda::is_available()) GTEST_SKIP() << "a GPU is present";
  const auto e = catch_error([] { zeros({3}, TensorOptions(Device("cuda"))); });
  ASSERT_TRUE(e.thrown);
  EXPECT_EQ(e.kind, ErrorKind::Runtime);
  EXPECT_TRUE(message_has(e.what, "Cannot use device 'cuda")) << e.what;
  if (cuda::is_built()) {
    EXPECT_TRUE(message_has(e.what, "no CUDA GPUs are available")) << e.what;
  } else {
    EXPECT_EQ(e.what, "Cannot use device 'cuda': ctorch was built without CUDA");
  }
  // Moving a CPU tensor there fails the same way, and the CPU tensor is untouched.
  const Tensor t = arange(3);
  EXPECT_TRUE(catch_error([&] { t.to(Device("cuda")); }).thrown);
  EXPECT_TRUE(catch_error([&] { t.cuda(); }).thrown);
  EXPECT_EQ(ctorch_test::values<int64_t>(t), (ctorch_test::I64{0, 1, 2}));
}

TEST(CudaDevice, RuntimeFunctionsWithoutAGpu) {
  if (cuda::is_available()) GTEST_SKIP() << "a GPU is present";
  EXPECT_TRUE(catch_error([] { cuda::synchronize(); }).thrown);
  EXPECT_TRUE(catch_error([] { cuda::set_device(0); }).thrown);
  EXPECT_TRUE(catch_error([] { cuda::DeviceGuard guard(Device("cuda:0")); }).thrown);
  EXPECT_EQ(cuda::memory_allocated(), 0u);
  EXPECT_EQ(cuda::max_memory_allocated(), 0u);
  cuda::empty_cache();  // nothing to return, never an error
}

TEST(CudaDevice, DeviceIndexOutOfRange) {
  const auto e = catch_error([] { zeros({3}, TensorOptions(Device("cuda:99"))); });
  ASSERT_TRUE(e.thrown);
  EXPECT_TRUE(message_has(e.what, "cuda:99")) << e.what;
  if (cuda::is_available()) {
    EXPECT_TRUE(message_has(e.what, "invalid device ordinal")) << e.what;
  }
  EXPECT_TRUE(catch_error([] { cuda::set_device(-1); }).thrown);
}

TEST(CudaDevice, CpuTensorsStayOnTheCpu) {
  const Tensor t = ones({2, 2});
  EXPECT_TRUE(t.is_cpu());
  EXPECT_FALSE(t.is_cuda());
  EXPECT_TRUE(t.cpu().is_same(t));  // already there: no copy
}
