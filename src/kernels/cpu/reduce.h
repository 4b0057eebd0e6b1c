// CPU reduction and scan kernels: arithmetic only (the op functions in src/ops/reduce.cpp check,
// pick dtypes and shapes, and allocate).
//
// Every reduction kernel takes the input as a view whose first `n_kept` dims are the kept dims
// (in the output's row-major order) and whose remaining dims are reduced, and writes one value per
// kept position into a contiguous output of the kept shape.
#pragma once

#include "ctorch/tensor.h"

namespace ctorch::kernels::cpu {

enum class ReduceKind { Sum, Prod, Max, Min, All, Any };

// out[o] = the reduction of the reduced elements at kept position o, accumulated in PyTorch's CPU
// accumulate type of in's dtype (float for float16/bfloat16/float32, double, int64 for integral
// and bool; bool for All/Any) and converted once to out's dtype. An empty reduction gives the
// identity (0, 1, true, false; Max/Min never see one).
void reduce(ReduceKind kind, const Tensor& out, const Tensor& in, int64_t n_kept);

// Max/Min with the row-major index (over the reduced dims) of the first extreme; NaN wins.
// `values` may be undefined (argmax); indices are int64. The reduction is never empty.
void reduce_with_index(ReduceKind kind, const Tensor& values, const Tensor& indices,
                       const Tensor& in, int64_t n_kept);

// out[o] = sum((x - mean)^2) / max(0, N - correction), sqrt'ed when take_sqrt; two passes in
// double. out has in's (floating) dtype.
void variance(const Tensor& out, const Tensor& in, int64_t n_kept, double correction,
              bool take_sqrt);

// t[i] /= divisor in place (mean from a sum): computed in float for float16/bfloat16 with the
// divisor rounded to t's dtype first, as PyTorch's div by a Python int does.
void divide_(const Tensor& t, int64_t divisor);

// Inclusive scan of in along `dim` into out (same shape and dtype, contiguous), accumulated in
// the CPU accumulate type (double for float32 and float64, float for float16/bfloat16, int64).
void cumulative(ReduceKind kind, const Tensor& out, const Tensor& in, int64_t dim);

}  // namespace ctorch::kernels::cpu
