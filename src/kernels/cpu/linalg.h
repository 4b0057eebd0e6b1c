// CPU kernels of the matrix products (ops/linalg.cpp decides shapes, dtypes and messages).
// float32/float64 go to OpenBLAS's cblas; every other dtype to a blocked portable kernel that
// accumulates integers with wrap-around and float16/bfloat16 in float (one rounding at the end).
#pragma once

#include "ctorch/scalar.h"
#include "ctorch/tensor.h"

namespace ctorch::kernels::cpu {

// out[i] = alpha * (a[i] @ b[i]) + beta * out[i] for every batch i: a [B, M, K], b [B, K, N],
// out [B, M, N] contiguous, one dtype (not Bool), K > 0. a and b may have any non-negative
// strides (a batch stride of 0 included); out overlaps neither. beta == 0 ignores out's contents,
// NaN included.
void gemm_batched(const Tensor& out, const Tensor& a, const Tensor& b, const Scalar& alpha,
                  const Scalar& beta);

// out (zero-dim) = sum of a[i] * b[i]; a and b 1-D of one dtype (not Bool) and one length.
void dot(const Tensor& out, const Tensor& a, const Tensor& b);

// out [n, m] (contiguous) = a[i] * b[j]; a, b 1-D of out's dtype (Bool: logical and).
void outer(const Tensor& out, const Tensor& a, const Tensor& b);

// t (contiguous) *= s, in t's dtype (Bool: logical and), as PyTorch's mul_ by a number.
void scale(const Tensor& t, const Scalar& s);

}  // namespace ctorch::kernels::cpu
