// Dimension wrapping: negative dims count from the end (PyTorch's maybe_wrap_dim).
#pragma once

#include <cstdint>

#include "ctorch/error.h"

namespace ctorch {

// Wraps `dim` into [0, ndim); a zero-dim tensor accepts 0 and -1 (semantics.md R10.2, R13.3).
inline int64_t wrap_dim(int64_t dim, int64_t ndim) {
  const int64_t n = ndim > 0 ? ndim : 1;
  CTORCH_CHECK(dim >= -n && dim < n, Index, "Dimension out of range (expected to be in range of [",
               -n, ", ", n - 1, "], but got ", dim, ")");
  return dim < 0 ? dim + n : dim;
}

}  // namespace ctorch
