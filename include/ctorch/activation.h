// ctorch/activation.h: softmax and friends, norms, lerp and nan_to_num, as PyTorch's free
// functions.
//
//   ctorch::softmax(t, 1);   ctorch::log_softmax(t, -1, ctorch::kFloat64);
//   ctorch::logsumexp(t, {0, 1}, /*keepdim=*/true);
//   ctorch::norm(t);  ctorch::norm(t, 1, 0);  ctorch::norm(t, INFINITY, {0, 1}, true);
//   ctorch::lerp(a, b, 0.25);   ctorch::nan_to_num(t, 0.0, 1e6, -1e6);
#pragma once

#include <cstdint>
#include <optional>

#include "ctorch/tensor.h"

namespace ctorch {

// exp(x - max) / sum(exp(x - max)) along `dim` (numerically stable); log_softmax is
// (x - max) - log(sum(exp(x - max))). An explicit dtype converts the input first. The input (or
// dtype) must be floating; float16/bfloat16 compute in float.
Tensor softmax(const Tensor& self, int64_t dim, std::optional<ScalarType> dtype = std::nullopt);
Tensor log_softmax(const Tensor& self, int64_t dim, std::optional<ScalarType> dtype = std::nullopt);

// log(sum(exp(x))) over `dim` computed as max + log(sum(exp(x - max))) (an infinite max is
// taken as 0). Integral (and bool) inputs compute in the default float dtype. An empty dim list
// reduces every dim.
Tensor logsumexp(const Tensor& self, IntArrayRef dim, bool keepdim = false);

// The vector p-norm over `dim` (an empty list: every dim), torch.norm / linalg.vector_norm:
// p = 2, 1, other p: sum(|x|^p)^(1/p); inf: max |x|; -inf: min |x|; 0: the count of nonzeros.
// Floating inputs only; float16/bfloat16 compute in float.
Tensor norm(const Tensor& self, double p = 2, IntArrayRef dim = {}, bool keepdim = false);

// start + weight * (end - start), as PyTorch computes it: for |weight| < 0.5,
// start + weight * (end - start), else end - (end - start) * (1 - weight). start, end (and a
// tensor weight) must share one floating dtype; the three broadcast.
Tensor lerp(const Tensor& start, const Tensor& end, const Scalar& weight);
Tensor lerp(const Tensor& start, const Tensor& end, const Tensor& weight);

// NaN, +inf and -inf replaced by `nan`, `posinf` (default: the dtype's largest finite value) and
// `neginf` (default: its lowest). Integral and bool inputs come back as a copy.
Tensor nan_to_num(const Tensor& self, std::optional<double> nan = 0.0,
                  std::optional<double> posinf = std::nullopt,
                  std::optional<double> neginf = std::nullopt);

}  // namespace ctorch
