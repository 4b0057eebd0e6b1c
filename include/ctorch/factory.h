// ctorch/factory.h: creating tensors.
//
//   ctorch::tensor({{7, 8}, {8, 9}});            // int64 [2, 2]
//   ctorch::tensor({3., 2., 1.}, ctorch::kFloat64);
//   ctorch::arange(0, 1000, 36);  ctorch::zeros_like(t);  ctorch::full({2}, 7);
//   ctorch::from_blob(ptr, {2, 3}, ctorch::kFloat32);   // wraps caller memory, no copy
#pragma once

#include "ctorch/nested_list.h"
#include "ctorch/tensor.h"

namespace ctorch {

// From a number or nested list; dtype inferred as PyTorch does (R2.1) unless given.
Tensor tensor(const NestedList& data, const TensorOptions& options = {});
// The same from the leaves of a nested list already gathered in row-major order with its shape
// (what the Python module collects from a Python list): the same inference and checks.
Tensor tensor_from_leaves(IntArrayRef shape, const std::vector<Scalar>& leaves,
                          const TensorOptions& options = {});

Tensor empty(IntArrayRef size, const TensorOptions& options = {});
Tensor zeros(IntArrayRef size, const TensorOptions& options = {});
Tensor ones(IntArrayRef size, const TensorOptions& options = {});
// dtype inferred from `value` (bool -> bool, int -> int64, float -> default float) unless given.
Tensor full(IntArrayRef size, const Scalar& value, const TensorOptions& options = {});

// int64 unless an argument is a float (then the default float dtype) or a dtype is given.
Tensor arange(const Scalar& end, const TensorOptions& options = {});
Tensor arange(const Scalar& start, const Scalar& end, const TensorOptions& options = {});
Tensor arange(const Scalar& start, const Scalar& end, const Scalar& step,
              const TensorOptions& options = {});
Tensor linspace(const Scalar& start, const Scalar& end, int64_t steps,
                const TensorOptions& options = {});
Tensor eye(int64_t n, const TensorOptions& options = {});
Tensor eye(int64_t n, int64_t m, const TensorOptions& options = {});

// Same shape, dtype and device as `like` unless the options say otherwise.
Tensor empty_like(const Tensor& like, const TensorOptions& options = {});
Tensor zeros_like(const Tensor& like, const TensorOptions& options = {});
Tensor ones_like(const Tensor& like, const TensorOptions& options = {});
Tensor full_like(const Tensor& like, const Scalar& value, const TensorOptions& options = {});

// Wraps `data` (not copied, not owned unless `deleter` is given) as a tensor.
Tensor from_blob(void* data, IntArrayRef sizes, const TensorOptions& options = {});
Tensor from_blob(void* data, IntArrayRef sizes, IntArrayRef strides,
                 const TensorOptions& options = {});
Tensor from_blob(void* data, IntArrayRef sizes, Storage::Deleter deleter,
                 const TensorOptions& options = {});
Tensor from_blob(void* data, IntArrayRef sizes, IntArrayRef strides, Storage::Deleter deleter,
                 const TensorOptions& options = {});

}  // namespace ctorch
