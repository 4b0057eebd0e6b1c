// Advanced indexing after Python's parsing (PyTorch's aten::index / aten::index_put_): one
// optional index tensor per dim of `self`. Shared by Tensor::index and the indexing ops.
#pragma once

#include <optional>
#include <vector>

#include "ctorch/tensor.h"

namespace ctorch {

using OptionalIndices = std::vector<std::optional<Tensor>>;

// int64 index tensors broadcast together (IndexError "shape mismatch: indexing tensors could not
// be broadcast together with shapes [2], [3]"), values in [-size, size) (IndexError "index 5 is
// out of bounds for dimension J with size S", J counting index tensors). The result has the
// broadcast index shape where the first index tensor stands if they are adjacent, else first.
Tensor advanced_index(const Tensor& self, const OptionalIndices& indices);

// self[indices] = value (+= with accumulate); value has self's dtype and broadcasts to the
// indexing result (RuntimeError "shape mismatch: value tensor of shape [2] cannot be broadcast to
// indexing result of shape [2, 3]"). Every check runs before anything is written.
void advanced_index_put(const Tensor& self, const OptionalIndices& indices, const Tensor& value,
                        bool accumulate);

// [1, .., n, .., 1] (n at `dim` of `ndim`): arange(n), the index that leaves a dim as it is.
Tensor arange_along(int64_t n, int64_t dim, int64_t ndim);

}  // namespace ctorch
