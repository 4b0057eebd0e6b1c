// Every op family on the cuda device: each case is one body run on the CPU and on the GPU, and
// the GPU's result must match the CPU's (same dtype and shape; values within PyTorch's
// assert_close tolerances, exact for integers and bools). Skipped without a GPU.
#include <functional>

#include "test_util.h"

using namespace ctorch;

namespace {

const Device kGpu("cuda");

class Cuda : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!cuda::is_available()) GTEST_SKIP() << "no CUDA GPU";
  }
};

// rtol/atol of torch.testing.assert_close for the dtype (../shared/spec/README.md).
std::pair<double, double> tolerance(ScalarType t) {
  switch (t) {
    case ScalarType::Float32: return {1.3e-6, 1e-5};
    case ScalarType::Float64: return {1e-7, 1e-7};
    case ScalarType::Float16: return {1e-3, 1e-5};
    case ScalarType::BFloat16: return {1.6e-2, 1e-5};
    default: return {0, 0};
  }
}

void expect_same(const Tensor& cpu_result, const Tensor& gpu_result, double scale = 1.0) {
  ASSERT_TRUE(gpu_result.is_cuda()) << gpu_result.device();
  ASSERT_EQ(cpu_result.dtype(), gpu_result.dtype());
  ASSERT_EQ(IntArrayRef(cpu_result.sizes()), IntArrayRef(gpu_result.sizes()));
  const auto expected = ctorch_test::doubles(cpu_result);
  const auto got = ctorch_test::doubles(gpu_result.cpu());
  const auto [rtol, atol] = tolerance(cpu_result.dtype());
  for (size_t i = 0; i < expected.size(); ++i) {
    if (std::isnan(expected[i])) {
      EXPECT_TRUE(std::isnan(got[i])) << "element " << i;
      continue;
    }
    EXPECT_NEAR(got[i], expected[i], scale * (atol + rtol * std::abs(expected[i]))) << "element " << i;
  }
}

// Runs body on both devices with inputs made by make(device) and compares.
void same_on_both(const std::function<Tensor(Device)>& body, double scale = 1.0) {
  manual_seed(0);
  const Tensor on_cpu = body(Device(kCPU));
  manual_seed(0);
  const Tensor on_gpu = body(kGpu);
  expect_same(on_cpu, on_gpu, scale);
}

Tensor sample(IntArrayRef shape, ScalarType dtype, Device device) {
  manual_seed(7);
  Tensor t = randn(shape) * 3;  // drawn on the CPU, so both devices see the same values
  if (!is_floating_point(dtype)) t = t.round();
  return t.to(dtype).to(device);
}

const std::vector<ScalarType> kAllDtypes = {kBool, kUInt8, kInt8, kInt16, kInt32, kInt64,
                                            kFloat16, kBFloat16, kFloat32, kFloat64};

}  // namespace

TEST_F(Cuda, MovesEveryDtypeBothWays) {
  for (ScalarType t : kAllDtypes) {
    const Tensor x = sample({5, 7}, t, Device(kCPU));
    const Tensor there = x.to(kGpu);
    EXPECT_EQ(there.device().str(), "cuda:0");
    expect_same(x, there);
    expect_same(x.transpose(0, 1).contiguous(), x.transpose(0, 1).cuda());  // non-contiguous source
    expect_same(x, there.cpu().cuda());
  }
}

TEST_F(Cuda, CastsOnTheDevice) {
  for (ScalarType from : kAllDtypes)
    for (ScalarType to : kAllDtypes) same_on_both([&](Device d) { return sample({3, 4}, from, d).t().to(to); });
}

TEST_F(Cuda, CopyAcrossDevices) {
  Tensor g = zeros({4, 3}, TensorOptions(kGpu));
  const Tensor c = arange(12).reshape({3, 4}).t();  // strided, another dtype
  g.copy_(c);
  expect_same(c.to(kFloat32), g);
  Tensor back = empty({4, 3}, TensorOptions(kFloat64));
  back.copy_(g);
  EXPECT_EQ(ctorch_test::doubles(back), ctorch_test::doubles(c));
  Tensor row = zeros({2, 3}, TensorOptions(kGpu));
  row.copy_(tensor({1.0, 2.0, 3.0}));  // broadcast from the CPU
  expect_same(tensor({1.0, 2.0, 3.0}).expand({2, 3}).contiguous().to(kFloat32), row);
}

TEST_F(Cuda, Printing) {
  const Tensor t = tensor({1.0, 2.0}).cuda();
  EXPECT_EQ(repr(t), "tensor([1., 2.], device='cuda:0')");
  EXPECT_EQ(repr(tensor({1, 2}, TensorOptions(kInt32)).cuda()), "tensor([1, 2], device='cuda:0', dtype=torch.int32)");
  EXPECT_EQ(t.sum().item<double>(), 3.0);
}

TEST_F(Cuda, BinaryOps) {
  for (ScalarType t : {kInt32, kInt64, kFloat16, kBFloat16, kFloat32, kFloat64}) {
    same_on_both([&](Device d) { return sample({6, 5}, t, d) + sample({5}, t, d); });
    same_on_both([&](Device d) { return sample({6, 5}, t, d).sub(sample({6, 5}, t, d).t().t(), 2); });
    same_on_both([&](Device d) { return sample({6, 5}, t, d) * 3; });
    same_on_both([&](Device d) { return 2 - sample({6, 5}, t, d); });
    same_on_both([&](Device d) { return sample({6, 5}, t, d) / sample({6, 5}, t, d); });
    same_on_both([&](Device d) { return maximum(sample({6, 5}, t, d), sample({1, 5}, t, d)); });
    same_on_both([&](Device d) { return sample({6, 5}, t, d) < sample({6, 5}, t, d).t().contiguous().t(); });
    same_on_both([&](Device d) { return sample({6, 5}, t, d).eq(tensor(1.0).to(t)); });  // 0-dim CPU operand
  }
  same_on_both([](Device d) { return remainder(sample({40}, kInt64, d), 7); });
  same_on_both([](Device d) { return floor_divide(sample({40}, kInt32, d), -3); });
  same_on_both([](Device d) { return pow(sample({40}, kFloat32, d), 2); });
  same_on_both([](Device d) { return sample({40}, kInt64, d) << 3; });
  same_on_both([](Device d) { return bitwise_xor(sample({40}, kInt16, d), 5); });
  same_on_both([](Device d) { return logical_and(sample({40}, kBool, d), sample({40}, kFloat32, d)); });
}

TEST_F(Cuda, UnaryOpsWhereClamp) {
  for (ScalarType t : {kFloat16, kBFloat16, kFloat32, kFloat64}) {
    same_on_both([&](Device d) { return exp(sample({8, 9}, t, d)); }, 4.0);
    same_on_both([&](Device d) { return sin(sample({8, 9}, t, d).t()); }, 4.0);
    same_on_both([&](Device d) { return sigmoid(sample({8, 9}, t, d)); }, 4.0);
    same_on_both([&](Device d) { return abs(sample({8, 9}, t, d)); });
    same_on_both([&](Device d) { return log(abs(sample({8, 9}, t, d))); }, 4.0);
    same_on_both([&](Device d) { return clamp(sample({8, 9}, t, d), -1.0, 1.0); });
  }
  same_on_both([](Device d) { return neg(sample({30}, kInt8, d)); });
  same_on_both([](Device d) { return isnan(sample({30}, kFloat32, d).log()); });
  same_on_both([](Device d) {
    const Tensor x = sample({5, 6}, kFloat32, d);
    return where(x > 0, x, sample({6}, kFloat32, d));
  });
  same_on_both([](Device d) { return sample({5, 6}, kFloat32, d).masked_fill(sample({5, 6}, kFloat32, d) > 1, 7.0); });
}

TEST_F(Cuda, IntegerDivisionByZeroIsAnError) {
  const Tensor a = tensor({1, 2}).cuda(), b = tensor({1, 0}).cuda();
  EXPECT_TRUE(ctorch_test::catch_error([&] { floor_divide(a, b); }).thrown);
}

TEST_F(Cuda, MixingDevicesIsPyTorchsError) {
  const Tensor g = ones({3}, TensorOptions(kGpu)), c = ones({3});
  const auto e = ctorch_test::catch_error([&] { add(g, c); });
  ASSERT_TRUE(e.thrown);
  EXPECT_EQ(e.what, "Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!");
  EXPECT_TRUE(ctorch_test::catch_error([&] { matmul(ones({2, 2}, TensorOptions(kGpu)), ones({2, 2})); }).thrown);
  expect_same(ones({3}) + 2, g + tensor(2.0));  // a 0-dim CPU tensor may join
}

TEST_F(Cuda, Reductions) {
  for (ScalarType t : {kBool, kInt32, kInt64, kFloat16, kBFloat16, kFloat32, kFloat64}) {
    same_on_both([&](Device d) { return sum(sample({37, 129}, t, d)); }, 16.0);
    same_on_both([&](Device d) { return sum(sample({37, 129}, t, d), {0}); }, 16.0);
    same_on_both([&](Device d) { return sum(sample({37, 129}, t, d).t(), {1}, true); }, 16.0);
    same_on_both([&](Device d) { return amax(sample({37, 129}, t, d), {1}); });
    same_on_both([&](Device d) { return argmax(sample({37, 129}, t, d), 0); });
    same_on_both([&](Device d) { return argmin(sample({37, 129}, t, d)); });
    same_on_both([&](Device d) { return any(sample({37, 129}, t, d)); });
    same_on_both([&](Device d) { return all(sample({37, 129}, t, d), 1); });
  }
  same_on_both([](Device d) { return mean(sample({300, 1000}, kFloat32, d)); }, 64.0);
  same_on_both([](Device d) { return prod(sample({20}, kFloat64, d)); });
  same_on_both([](Device d) { return sample({3, 50000}, kFloat32, d).max(1).values; });
  same_on_both([](Device d) { return var(sample({30, 40}, kFloat64, d), {1}); });  // host fallback
  same_on_both([](Device d) { return cumsum(sample({30, 40}, kFloat32, d), 1); }, 8.0);
}

TEST_F(Cuda, Matmul) {
  for (ScalarType t : {kFloat32, kFloat64, kFloat16, kBFloat16}) {
    same_on_both([&](Device d) { return matmul(sample({33, 65}, t, d), sample({65, 17}, t, d)); }, 64.0);
    same_on_both([&](Device d) { return matmul(sample({65, 33}, t, d).t(), sample({17, 65}, t, d).t()); }, 64.0);
    same_on_both([&](Device d) { return bmm(sample({4, 9, 8}, t, d), sample({4, 8, 5}, t, d)); }, 64.0);
    same_on_both([&](Device d) { return matmul(sample({9, 8}, t, d), sample({8}, t, d)); }, 64.0);
  }
  same_on_both([](Device d) { return matmul(sample({9, 8}, kInt64, d), sample({8, 3}, kInt64, d)); });  // host fallback
  same_on_both([](Device d) { return dot(sample({50}, kFloat32, d), sample({50}, kFloat32, d)); }, 16.0);
}

TEST_F(Cuda, IndexingSortJoinThroughTheHost) {
  same_on_both([](Device d) { return sample({6, 7}, kFloat32, d).index({tensor({0, 2, 5}).to(d)}); });
  same_on_both([](Device d) {
    Tensor x = sample({6, 7}, kFloat32, d);
    x.index_put_({tensor({1, 3})}, tensor(9.0));
    return x;
  });
  same_on_both([](Device d) { return sample({6, 7}, kFloat32, d).gather(1, tensor({{0}, {1}, {2}, {3}, {4}, {5}}).to(d)); });
  same_on_both([](Device d) { return sample({6, 7}, kFloat32, d).sort(1).values; });
  same_on_both([](Device d) { return sample({6, 7}, kFloat32, d).sort(0, true).indices; });
  same_on_both([](Device d) { return nonzero(sample({6, 7}, kInt32, d)); });
  same_on_both([](Device d) { return unique(sample({60}, kInt64, d)).values; });
  same_on_both([](Device d) { return cat({sample({2, 3}, kFloat32, d), sample({4, 3}, kFloat32, d)}); });
  same_on_both([](Device d) { return softmax(sample({5, 8}, kFloat32, d), 1); }, 4.0);
  same_on_both([](Device d) { return arange(10, TensorOptions(d)); });
  same_on_both([](Device d) { return linspace(0, 1, 11, TensorOptions(d)); });
}

TEST_F(Cuda, RandomGivesTheCpuNumbers) {
  same_on_both([](Device d) { return rand({1000}, TensorOptions(d)); });
  same_on_both([](Device d) { return randn({7, 9}, TensorOptions(d).dtype(kFloat64)); });
  same_on_both([](Device d) { return randint(0, 100, {50}, TensorOptions(d)); });
  same_on_both([](Device d) { return randperm(40, TensorOptions(d)); });
  same_on_both([](Device d) {
    Generator g(11, RngEngine::Philox4x32_10);
    return rand({4096}, TensorOptions(d), &g);
  });
}

TEST_F(Cuda, AutogradOnTheDevice) {
  auto body = [](Device d) {
    Tensor x = sample({4, 5}, kFloat32, d).requires_grad_();
    Tensor w = sample({5, 3}, kFloat32, d).requires_grad_();
    Tensor loss = (matmul(x, w).relu() * 2 + x.sum()).sigmoid().mean();
    loss.backward();
    EXPECT_EQ(x.grad().device(), x.device());
    return cat({x.grad().reshape({-1}), w.grad().reshape({-1})});
  };
  same_on_both(body, 64.0);
  Tensor c = ones({3}, TensorOptions().requires_grad(true));
  (c.cuda() * 2).sum().backward();  // the gradient comes back to the CPU leaf
  EXPECT_TRUE(c.grad().is_cpu());
  EXPECT_EQ(ctorch_test::doubles(c.grad()), (std::vector<double>{2, 2, 2}));
}

TEST_F(Cuda, CachingAllocatorAndRuntime) {
  cuda::synchronize();
  const size_t before = cuda::memory_allocated();
  {
    Tensor t = empty({1 << 20}, TensorOptions(kGpu));
    EXPECT_GE(cuda::memory_allocated(), before + (4u << 20));
    EXPECT_GE(cuda::max_memory_allocated(), cuda::memory_allocated());
  }
  EXPECT_EQ(cuda::memory_allocated(), before);
  EXPECT_GE(cuda::memory_reserved(), before + (4u << 20));  // kept for reuse
  cuda::empty_cache();
  EXPECT_EQ(cuda::memory_reserved(), cuda::memory_allocated());
  EXPECT_EQ(cuda::current_device(), 0);
  {
    cuda::DeviceGuard guard(Device("cuda:0"));
    EXPECT_EQ(cuda::current_device(), 0);
  }
}
