// What the samplers share: the uniform fractions of random.md §4.1, the draw order of a
// non-contiguous output (§3.2) and bulk drawing in chunks that stay in L1.
#pragma once

#include <algorithm>
#include <cstdint>
#include <numeric>
#include <vector>

#include "ctorch/factory.h"
#include "ctorch/tensor.h"
#include "random/generator_impl.h"

namespace ctorch::random {

// Words drawn per chunk by the bulk loops: 16 KiB of uint32.
inline constexpr int64_t kChunk = 4096;

inline float u24(uint32_t r) { return static_cast<float>(r & 0xFFFFFFu) * 0x1p-24f; }
inline double u53(uint64_t r) { return static_cast<double>(r & ((uint64_t{1} << 53) - 1)) * 0x1p-53; }
inline double u53(detail::GeneratorImpl& g) { return u53(g.random64()); }

// Dims of `t` from the largest stride to the smallest (ties keep their order): the order in which
// PyTorch's element iterator walks a single output, i.e. increasing memory offset (§3.2).
inline std::vector<int64_t> memory_order(const Tensor& t) {
  std::vector<int64_t> dims(static_cast<size_t>(t.dim()));
  std::iota(dims.begin(), dims.end(), 0);
  std::stable_sort(dims.begin(), dims.end(), [&](int64_t a, int64_t b) {
    return t.stride(a) > t.stride(b);
  });
  return dims;
}

// Calls produce(T* values, n), which must write the tensor's n values in draw order, and stores
// them in `out` in memory order: directly when `out` is contiguous, else through a buffer.
template <typename T, typename Produce>
void fill_in_memory_order(Tensor& out, Produce&& produce) {
  const int64_t n = out.numel();
  if (n == 0) return;
  if (out.is_contiguous()) {
    produce(out.data_ptr<T>(), n);
    return;
  }
  Tensor values = empty({n}, out.dtype());
  produce(values.data_ptr<T>(), n);
  const std::vector<int64_t> dims = memory_order(out);
  Tensor walked = out.permute(dims);
  walked.copy_(values.view(walked.sizes()));
}

// `t` broadcast to `shape` and laid out contiguously in the memory order of `out`, so that
// element k pairs with the k-th element `out` receives.
inline Tensor in_memory_order_of(const Tensor& t, const Tensor& out) {
  Tensor expanded = t.expand(out.sizes());
  if (out.is_contiguous()) return expanded.contiguous();
  return expanded.permute(memory_order(out)).contiguous();
}

// Note [Host fallback] for sampling: a tensor on a cuda device receives exactly the numbers a CPU
// tensor of its layout would (same seed, same draw order): they are drawn into a host tensor
// whose dims have self's memory order, then copied over. `sample(host)` is the CPU sampler.
template <typename Sample>
Tensor& sample_on_host(Tensor& self, Sample&& sample) {
  const std::vector<int64_t> order = memory_order(self);
  std::vector<int64_t> inverse(order.size());
  for (size_t k = 0; k < order.size(); ++k) inverse[static_cast<size_t>(order[k])] = static_cast<int64_t>(k);
  Tensor walked = empty(self.permute(order).sizes(), TensorOptions(self.dtype()));
  Tensor host = walked.permute(inverse);
  sample(host);
  self.copy_(host);
  return self;
}

}  // namespace ctorch::random
