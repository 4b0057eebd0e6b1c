// The memory side of a tensor: DimVector (sizes and strides, five dims inline), the CPU
// allocator's cache of freed blocks and the per-thread cache of tiny tensors.
#include <gtest/gtest.h>

#include <thread>
#include <vector>

#include "ctorch/ctorch.h"
#include "test_util.h"

using namespace ctorch;

TEST(DimVector, BehavesLikeAVectorInlineAndOnTheHeap) {
  // The same edits on a DimVector and a std::vector, across the inline capacity of five.
  DimVector d;
  std::vector<int64_t> v;
  for (int64_t i = 0; i < 9; ++i) {
    d.push_back(i * 10);
    v.push_back(i * 10);
    EXPECT_EQ(d.vec(), v);
  }
  d.insert(d.begin() + 2, {-1, -2});
  v.insert(v.begin() + 2, {-1, -2});
  d.erase(d.begin(), d.begin() + 3);
  v.erase(v.begin(), v.begin() + 3);
  d.insert(d.begin() + 1, d[0]);  // a value inside the vector itself
  v.insert(v.begin() + 1, v[0]);
  EXPECT_EQ(d.vec(), v);
  DimVector moved = std::move(d);
  EXPECT_EQ(moved.vec(), v);
  EXPECT_TRUE(d.empty());
  DimVector small{1, 2, 3};
  DimVector copy = small;
  copy[0] = 7;
  EXPECT_EQ(small.vec(), (std::vector<int64_t>{1, 2, 3}));
  EXPECT_EQ(copy.vec(), (std::vector<int64_t>{7, 2, 3}));
  copy.resize(6, 9);
  EXPECT_EQ(copy.vec(), (std::vector<int64_t>{7, 2, 3, 9, 9, 9}));
  EXPECT_TRUE(DimVector({1, 2}) == DimVector(std::vector<int64_t>{1, 2}));
}

TEST(DimVector, TensorsOfManyDims) {
  // Seven dims: sizes and strides leave the inline storage; views still work.
  Tensor t = arange(128).view({2, 2, 2, 2, 2, 2, 2});
  EXPECT_EQ(t.strides().vec(), (std::vector<int64_t>{64, 32, 16, 8, 4, 2, 1}));
  Tensor p = t.permute({6, 5, 4, 3, 2, 1, 0});
  EXPECT_EQ(p.strides().vec(), (std::vector<int64_t>{1, 2, 4, 8, 16, 32, 64}));
  EXPECT_EQ(p.contiguous().view({-1})[1].item<int64_t>(), 64);
}

TEST(CpuAllocator, FreedLargeBlocksAreReusedAndReturned) {
  cpu::empty_cache();
  EXPECT_EQ(cpu::cached_bytes(), 0u);
  void* first = nullptr;
  {
    Tensor big = empty({1 << 21});  // 8 MiB
    first = big.data_ptr();
  }
  if (!cpu::caching_enabled()) {
    EXPECT_EQ(cpu::cached_bytes(), 0u);
    return;
  }
  EXPECT_GE(cpu::cached_bytes(), size_t{8} << 20);
  Tensor again = empty({1 << 21});
  EXPECT_EQ(again.data_ptr(), first);  // the cached block, no new pages
  EXPECT_EQ(cpu::cached_bytes(), 0u);
  // Reuse never leaks old values into a fresh zeros().
  Tensor z = zeros({1 << 21});
  EXPECT_EQ(z.sum().item<double>(), 0.0);
  again = Tensor();
  z = Tensor();
  cpu::empty_cache();
  EXPECT_EQ(cpu::cached_bytes(), 0u);
}

TEST(CpuAllocator, SmallBlocksAreAlignedAndIndependent) {
  std::vector<Tensor> ts;
  for (int i = 0; i < 100; ++i) ts.push_back(full({i + 1}, i));
  for (int i = 0; i < 100; ++i) {
    EXPECT_EQ(reinterpret_cast<uintptr_t>(ts[i].data_ptr()) % 64, 0u);
    EXPECT_EQ(ts[i].sum().item<double>(), static_cast<double>(i) * (i + 1));
  }
}

// Note [Tiny tensor cache]: a tiny CPU tensor that dies whole is kept and rebuilt as the next
// tiny tensor of its thread. Whatever it was (with autograd history, a bumped version, another
// dtype and shape), what comes back is a fresh tensor; a tensor whose storage a view still holds
// is not reused under that view. (Sanitizer builds keep nothing; the checks hold either way.)
TEST(TinyTensors, ANewTensorNeverShowsWhatTheLastOneWas) {
  for (int round = 0; round < 3; ++round) {
    {
      Tensor x = ones({2}, TensorOptions().requires_grad(true));
      Tensor y = x * 3.0;  // a grad_fn
      y.retain_grad();
      Tensor z = ones({4}, TensorOptions().dtype(kInt64));
      z.add_(1);  // version 1
      (y.sum() + z.sum()).backward();
      EXPECT_EQ(z._version(), 1);
    }
    const std::vector<std::vector<int64_t>> shapes = {{3}, {1, 2}, {}, {2, 1, 1}, {0}};
    std::vector<Tensor> made;
    for (const auto& shape : shapes) {
      Tensor t = empty(shape, TensorOptions().dtype(kFloat64));
      EXPECT_EQ(t.sizes().vec(), shape);
      EXPECT_EQ(t.strides().vec(), contiguous_strides(shape).vec());
      EXPECT_EQ(t.storage_offset(), 0);
      EXPECT_EQ(t.dtype(), kFloat64);
      EXPECT_FALSE(t.requires_grad());
      EXPECT_FALSE(t.grad_fn());
      EXPECT_FALSE(t.grad().defined());
      EXPECT_EQ(t._version(), 0);
      EXPECT_EQ(t.storage().nbytes(), static_cast<size_t>(t.numel()) * sizeof(double));
      EXPECT_EQ(t.storage().use_count(), 1);
      t.fill_(round + 1.5);
      made.push_back(t);
    }
    for (const Tensor& t : made) {  // none of them shares memory with another
      EXPECT_EQ(t.sum().item<double>(), (round + 1.5) * static_cast<double>(t.numel()));
    }
  }
}

TEST(TinyTensors, AStorageAViewHoldsIsNotReused) {
  Tensor view;
  {
    Tensor t = full({4}, 7.0f);
    view = t.view({2, 2});
  }
  std::vector<Tensor> fresh;
  for (int i = 0; i < 8; ++i) fresh.push_back(full({4}, -1.0f));
  EXPECT_EQ(ctorch_test::values<float>(view), (std::vector<float>{7, 7, 7, 7}));
  for (const Tensor& f : fresh) EXPECT_FALSE(f.storage() == view.storage());
}

TEST(TinyTensors, TensorsMadeOnOneThreadDieOnAnother) {
  std::vector<Tensor> made;
  for (int i = 0; i < 200; ++i) made.push_back(full({2}, static_cast<float>(i)));
  std::thread([&made] { made.clear(); }).join();  // kept by the other thread, freed at its exit
  for (int i = 0; i < 200; ++i) {
    Tensor t = full({2}, static_cast<float>(i)) + 1.0f;
    EXPECT_EQ(ctorch_test::values<float>(t), (std::vector<float>{i + 1.0f, i + 1.0f}));
  }
}
