// Lines along one dim: the walk that sort, topk and softmax share. Every tensor given has the
// same sizes except, possibly, along `dim` (topk's outputs hold k elements there); line q of each
// starts at offsets(q)[i] elements from its data_ptr() and steps by step[i] along dim.
#pragma once

#include <array>
#include <cstdint>
#include <vector>

#include "ctorch/tensor.h"

namespace ctorch::kernels::cpu {

template <size_t N>
struct Lines {
  int64_t count = 1;                  // number of lines (product of the other dims' sizes)
  std::array<int64_t, N> length{};    // elements per line, per tensor (1 for a zero-dim tensor)
  std::array<int64_t, N> step{};      // element stride along dim, per tensor
  std::vector<int64_t> sizes;         // the other dims, outermost first
  std::vector<std::array<int64_t, N>> strides;

  Lines(const std::array<const Tensor*, N>& ts, int64_t dim) {
    const Tensor& first = *ts[0];
    for (size_t i = 0; i < N; ++i) {
      length[i] = ts[i]->dim() == 0 ? 1 : ts[i]->sizes()[dim];
      step[i] = ts[i]->dim() == 0 ? 0 : ts[i]->strides()[dim];
    }
    for (int64_t d = 0; d < first.dim(); ++d) {
      if (d == dim) continue;
      sizes.push_back(first.sizes()[d]);
      count *= first.sizes()[d];
      std::array<int64_t, N> s{};
      for (size_t i = 0; i < N; ++i) s[i] = ts[i]->strides()[d];
      strides.push_back(s);
    }
  }

  std::array<int64_t, N> offsets(int64_t q) const {
    std::array<int64_t, N> off{};
    for (size_t d = sizes.size(); d-- > 0;) {
      const int64_t i = q % sizes[d];
      q /= sizes[d];
      for (size_t k = 0; k < N; ++k) off[k] += i * strides[d][k];
    }
    return off;
  }
};

}  // namespace ctorch::kernels::cpu
