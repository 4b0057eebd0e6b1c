// ctorch/tensor_impl.h: what a Tensor handle points to.
//
// A TensorImpl is (storage, storage_offset, sizes, strides, dtype): strides and the offset are
// counted in elements, never bytes. See Note [Views share storage] in storage.h.
#pragma once

#include <cstdint>
#include <vector>

#include "ctorch/dtype.h"
#include "ctorch/size.h"
#include "ctorch/storage.h"

namespace ctorch {

struct TensorImpl {
  Storage storage;
  int64_t storage_offset = 0;
  Size sizes;
  DimVector strides;
  ScalarType dtype = ScalarType::Float32;
  bool requires_grad = false;
  int64_t numel = 0;  // product of sizes, kept in step by the constructor

  TensorImpl(Storage s, int64_t offset, Size sz, DimVector st, ScalarType t);
};

// Contiguous (row-major) strides for `sizes` (semantics.md R13.1).
DimVector contiguous_strides(IntArrayRef sizes);

}  // namespace ctorch
