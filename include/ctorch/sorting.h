// ctorch/sorting.h: sort, argsort, topk and unique, as PyTorch's free functions.
//
//   auto [values, indices] = ctorch::sort(t);              // last dim, ascending
//   ctorch::argsort(t, 0, /*descending=*/true);
//   auto [top, where] = ctorch::topk(t, 3);                // the 3 largest along the last dim
//   auto u = ctorch::unique(t, true, /*return_inverse=*/true);   // u.values, u.inverse_indices
//
// NaN sorts as the largest value (first when descending, first picked by topk(largest=true)).
#pragma once

#include <cstdint>

#include "ctorch/reduce.h"  // ValuesIndices
#include "ctorch/tensor.h"

namespace ctorch {

// Each line along `dim` sorted; indices (int64) say where each value came from. With `stable`,
// equal values keep their order; without it (the default) they come out in the order PyTorch's
// CPU sort leaves them in, which is not their original order in general.
ValuesIndices sort(const Tensor& self, int64_t dim = -1, bool descending = false, bool stable = false);
Tensor argsort(const Tensor& self, int64_t dim = -1, bool descending = false, bool stable = false);

// The k largest (smallest when !largest) elements along `dim` and their indices, in order when
// `sorted` (otherwise in an unspecified order). Ties come out in PyTorch's CPU order.
// Errors: k outside [0, size(dim)] ("selected index k out of range"); bool input.
ValuesIndices topk(const Tensor& self, int64_t k, int64_t dim = -1, bool largest = true,
                   bool sorted = true);

// The distinct elements of the flattened input, ascending (NaN last, and every NaN is distinct).
// `sorted` is accepted for PyTorch's signature: the result is always sorted.
// inverse_indices (input's shape, int64): each element's position in `values`, when asked for;
// counts (int64): how often each value occurs, when asked for. What was not asked for is an
// empty int64 tensor.
struct UniqueResult {
  Tensor values;
  Tensor inverse_indices;
  Tensor counts;
};
UniqueResult unique(const Tensor& self, bool sorted = true, bool return_inverse = false,
                    bool return_counts = false);

}  // namespace ctorch
