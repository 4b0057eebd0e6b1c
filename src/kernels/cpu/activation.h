// CPU kernels of softmax, log_softmax and nan_to_num: arithmetic only (src/ops/activation.cpp
// checks, picks dtypes and shapes, and allocates).
#pragma once

#include <cstdint>
#include <optional>

#include "ctorch/tensor.h"

namespace ctorch::kernels::cpu {

// out (in's sizes and floating dtype, any strides) = softmax (or log_softmax) of each line of
// `in` along `dim`: m = max (NaN wins), e = exp(x - m), s = sum(e); softmax = e * (1 / s),
// log_softmax = (x - m) - log(s). Computed in float for float16/bfloat16/float32, double for
// float64 (PyTorch's vec_softmax / vec_log_softmax).
void softmax(const Tensor& out, const Tensor& in, int64_t dim, bool log);

// out (contiguous, in's sizes and floating dtype) = in with NaN, +inf and -inf replaced by the
// given values converted to the dtype (posinf/neginf default to its largest/lowest finite value).
void nan_to_num(const Tensor& out, const Tensor& in, double nan, std::optional<double> posinf,
                std::optional<double> neginf);

}  // namespace ctorch::kernels::cpu
