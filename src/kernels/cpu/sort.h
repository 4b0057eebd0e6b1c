// CPU sorting kernels: arithmetic only (src/ops/sort.cpp checks, picks shapes and allocates).
#pragma once

#include <cstdint>
#include <vector>

#include "ctorch/tensor.h"

namespace ctorch::kernels::cpu {

// values/indices (in's sizes, any strides; indices int64) = each line of `in` along `dim`,
// sorted; NaN is the largest value (first when descending). A zero-dim `in` is one line.
// Equal elements come out in PyTorch's CPU order (Note [Sort order of equal elements]).
void sort(const Tensor& values, const Tensor& indices, const Tensor& in, int64_t dim,
          bool descending, bool stable);

// The k largest (smallest) of each line along `dim`, NaN the largest, with PyTorch's CPU
// algorithm (aten/src/ATen/native/TopKImpl.h: partial_sort when k * 64 <= n, else nth_element
// and a sort of the first k - 1), so ties come out in PyTorch's order. values/indices have
// in's sizes with k along dim. 1 <= k <= line length.
void topk(const Tensor& values, const Tensor& indices, const Tensor& in, int64_t dim, int64_t k,
          bool largest, bool sorted);

// Of a 1-D sorted tensor: where each run of equal elements (==, so every NaN is its own run)
// starts.
std::vector<int64_t> run_starts(const Tensor& sorted);

// values[g] = sorted[starts[g]], counts[g] = the run's length, inverse[perm[i]] = the run of
// sorted element i (any of inverse/counts may be undefined). All contiguous, 1-D except inverse
// (any shape with sorted's numel).
void unique_write(const Tensor& values, const Tensor& inverse, const Tensor& counts,
                  const Tensor& sorted, const Tensor& perm, const std::vector<int64_t>& starts);

}  // namespace ctorch::kernels::cpu
