// CUDA kernels: arithmetic only, like kernels::cpu (the op functions check, promote, broadcast and
// allocate before calling). Every tensor is on one cuda device, except that an input may be a
// CPU tensor of one element (a number the op wrapped, or a 0-dim CPU tensor, as PyTorch allows),
// which is passed to the kernel by value. Plain C++: callers include no CUDA header; a build
// without CUDA links src/core/cuda_stub.cpp instead.
#pragma once

#include <cstdint>

#include "ctorch/scalar.h"
#include "ctorch/tensor.h"
#include "kernels/cpu/elementwise_ops.h"
#include "kernels/cpu/reduce.h"

namespace ctorch::kernels::cuda {

using cpu::BinaryOp;
using cpu::ReduceKind;
using cpu::UnaryOp;

// dst[i] = convert<dst dtype>(src[i]) on one device (src already expanded to dst's shape).
void copy(const Tensor& dst, const Tensor& src);
void fill(const Tensor& dst, const Scalar& value);

// The elementwise kernels of kernels/cpu/elementwise_ops.h, with the same functors.
void binary(BinaryOp op, const Tensor& out, const Tensor& a, const Tensor& b, const Scalar& alpha);
void unary(UnaryOp op, const Tensor& out, const Tensor& a);
void where(const Tensor& out, const Tensor& cond, const Tensor& a, const Tensor& b);
bool any_zero(const Tensor& t);

// The reductions of kernels/cpu/reduce.h (same contract: kept dims first, contiguous output),
// accumulated as PyTorch's CUDA kernels do (float for the 16-bit floats and float32).
void reduce(ReduceKind kind, const Tensor& out, const Tensor& in, int64_t n_kept);
void reduce_with_index(ReduceKind kind, const Tensor& values, const Tensor& indices, const Tensor& in,
                       int64_t n_kept);

// out = alpha * a @ b + beta * out over a batch (kernels/cpu/linalg.h's contract), by cuBLAS.
void gemm_batched(const Tensor& out, const Tensor& a, const Tensor& b, const Scalar& alpha,
                  const Scalar& beta);

// A contiguous float32/float64 `out` filled with uniform numbers from the Philox stream of
// docs/random.md for `seed`, from word `offset` on: fma(fraction, span, from), the CPU's bits.
// `from` and `span` are already rounded to out's dtype.
void uniform_philox(const Tensor& out, uint64_t seed, uint64_t offset, double from, double span);

}  // namespace ctorch::kernels::cuda
