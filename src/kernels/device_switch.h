// The device switch: where an op's kernel call picks the CPU or the CUDA kernel, by the device of
// the tensor it writes (ops decide, kernels compute; a build without CUDA links stubs that are
// never reached, since no cuda tensor can exist there). Inline, so a CPU op pays one compare.
//
//   kernels::binary(op, out, x, y, alpha);   // instead of kernels::cpu::binary(...)
#pragma once

#include "kernels/cpu/elementwise_ops.h"
#include "kernels/cpu/kernels.h"
#include "kernels/cpu/reduce.h"
#include "kernels/cuda/kernels.h"

namespace ctorch::kernels {

inline bool on_cuda(const Tensor& t) { return t.device().type() == DeviceType::CUDA; }

// ---- copy and fill (same device; ops/device_copy.h moves between devices) -------------------------
inline void copy(const Tensor& dst, const Tensor& src) {
  if (on_cuda(dst)) return cuda::copy(dst, src);
  cpu::copy(dst, src);
}
inline void fill(const Tensor& dst, const Scalar& value) {
  if (on_cuda(dst)) return cuda::fill(dst, value);
  cpu::fill(dst, value);
}

// ---- elementwise ----------------------------------------------------------------------------------
inline void binary(cpu::BinaryOp op, const Tensor& out, const Tensor& a, const Tensor& b, const Scalar& alpha) {
  if (on_cuda(out)) return cuda::binary(op, out, a, b, alpha);
  cpu::binary(op, out, a, b, alpha);
}
inline void unary(cpu::UnaryOp op, const Tensor& out, const Tensor& a) {
  if (on_cuda(out)) return cuda::unary(op, out, a);
  cpu::unary(op, out, a);
}
inline void where(const Tensor& out, const Tensor& cond, const Tensor& a, const Tensor& b) {
  if (on_cuda(out)) return cuda::where(out, cond, a, b);
  cpu::where(out, cond, a, b);
}
inline bool any_zero(const Tensor& t) {
  if (on_cuda(t)) return cuda::any_zero(t);
  return cpu::any_zero(t);
}

// ---- reductions -----------------------------------------------------------------------------------
inline void reduce(cpu::ReduceKind kind, const Tensor& out, const Tensor& in, int64_t n_kept) {
  if (on_cuda(out)) return cuda::reduce(kind, out, in, n_kept);
  cpu::reduce(kind, out, in, n_kept);
}
inline void reduce_with_index(cpu::ReduceKind kind, const Tensor& values, const Tensor& indices,
                              const Tensor& in, int64_t n_kept) {
  if (on_cuda(indices)) return cuda::reduce_with_index(kind, values, indices, in, n_kept);
  cpu::reduce_with_index(kind, values, indices, in, n_kept);
}

}  // namespace ctorch::kernels
