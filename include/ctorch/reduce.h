// ctorch/reduce.h: reductions and scans (semantics.md §10), as PyTorch's free functions.
//
//   ctorch::sum(t);                       // all dims; integral (bool too) inputs give int64
//   ctorch::sum(t, {0, 2}, /*keepdim=*/true);
//   ctorch::mean(t, 1);   ctorch::var(t, 1, ctorch::Correction{0});
//   auto [values, indices] = ctorch::max(t, 1);
//   ctorch::cumsum(t, 0, ctorch::kFloat64);
//
// `dim` is one int or a list; an empty list (IntArrayRef{}) means every dim. Write
// `sum(t, IntArrayRef{})` rather than `sum(t, {})`, which is ambiguous with the dtype overload.
#pragma once

#include <concepts>
#include <optional>

#include "ctorch/tensor.h"

namespace ctorch {

// ---- sum, prod, mean (R10.1-R10.4) -----------------------------------------------------------
// An explicit dtype converts the input first; otherwise integral inputs accumulate in int64.
Tensor sum(const Tensor& self, std::optional<ScalarType> dtype = std::nullopt);
Tensor sum(const Tensor& self, IntArrayRef dim, bool keepdim = false,
           std::optional<ScalarType> dtype = std::nullopt);
Tensor prod(const Tensor& self, std::optional<ScalarType> dtype = std::nullopt);
Tensor prod(const Tensor& self, int64_t dim, bool keepdim = false,
            std::optional<ScalarType> dtype = std::nullopt);
// Floating input (or floating dtype) only.
Tensor mean(const Tensor& self, std::optional<ScalarType> dtype = std::nullopt);
Tensor mean(const Tensor& self, IntArrayRef dim, bool keepdim = false,
            std::optional<ScalarType> dtype = std::nullopt);

// ---- std, var (R10.7): divide by max(0, N - correction) -----------------------------------------
struct Correction {
  double value = 1;  // 1: unbiased (Bessel), 0: population
};
Tensor var(const Tensor& self);  // unbiased, all dims
template <std::same_as<bool> B>  // only a real bool: var(t, 1) means dim 1
Tensor var(const Tensor& self, B unbiased);
Tensor var(const Tensor& self, IntArrayRef dim, bool unbiased = true, bool keepdim = false);
Tensor var(const Tensor& self, IntArrayRef dim, Correction correction, bool keepdim = false);
Tensor std(const Tensor& self);
template <std::same_as<bool> B>
Tensor std(const Tensor& self, B unbiased);
Tensor std(const Tensor& self, IntArrayRef dim, bool unbiased = true, bool keepdim = false);
Tensor std(const Tensor& self, IntArrayRef dim, Correction correction, bool keepdim = false);

template <std::same_as<bool> B>
Tensor var(const Tensor& self, B unbiased) {
  return var(self, IntArrayRef{}, Correction{unbiased ? 1.0 : 0.0});
}
template <std::same_as<bool> B>
Tensor std(const Tensor& self, B unbiased) {
  return std(self, IntArrayRef{}, Correction{unbiased ? 1.0 : 0.0});
}

// ---- max, min, argmax, argmin, amax, amin (R10.5, R10.6) ---------------------------------------
// The extreme value and the index of its first occurrence; NaN wins (first NaN's index).
struct ValuesIndices {
  Tensor values;
  Tensor indices;  // int64
};
Tensor max(const Tensor& self);  // zero-dim, the input's dtype
ValuesIndices max(const Tensor& self, int64_t dim, bool keepdim = false);
Tensor min(const Tensor& self);
ValuesIndices min(const Tensor& self, int64_t dim, bool keepdim = false);
// Without dim: the index into the row-major flattening.
Tensor argmax(const Tensor& self, std::optional<int64_t> dim = std::nullopt, bool keepdim = false);
Tensor argmin(const Tensor& self, std::optional<int64_t> dim = std::nullopt, bool keepdim = false);
Tensor amax(const Tensor& self, IntArrayRef dim = {}, bool keepdim = false);
Tensor amin(const Tensor& self, IntArrayRef dim = {}, bool keepdim = false);

// ---- all, any (R10.8): bool result, uint8 for uint8 input --------------------------------------
Tensor all(const Tensor& self);
Tensor all(const Tensor& self, IntArrayRef dim, bool keepdim = false);
Tensor any(const Tensor& self);
Tensor any(const Tensor& self, IntArrayRef dim, bool keepdim = false);

// ---- scans (R10.1 dtypes) ----------------------------------------------------------------------
Tensor cumsum(const Tensor& self, int64_t dim, std::optional<ScalarType> dtype = std::nullopt);
Tensor cumprod(const Tensor& self, int64_t dim, std::optional<ScalarType> dtype = std::nullopt);

}  // namespace ctorch
