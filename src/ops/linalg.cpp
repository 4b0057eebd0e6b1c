// Matrix products (semantics.md R11): mm, bmm, matmul, mv, dot, outer, addmm. Checks, messages,
// result shapes and dtypes follow PyTorch 2.x (aten/src/ATen/native/LinearAlgebra.cpp: the mm,
// addmm and bmm meta functions, addmm_impl_cpu_, _matmul_impl and should_fold; Blas.cpp: addmv,
// mv, dot); the arithmetic is kernels/cpu/linalg.cpp.
#include <numeric>

#include "autograd/diff.h"
#include "core/make.h"
#include "ctorch/linalg.h"
#include "ctorch/ops.h"
#include "kernels/cpu/linalg.h"
#include "kernels/cuda/kernels.h"
#include "ops/device_copy.h"
#include "ops/host_fallback.h"
#include "ops/broadcast.h"
#include "ops/internal_ops.h"

namespace ctorch {

namespace {


void check_kernel_dtype(const Tensor& t, const char* kernel) {
  CTORCH_CHECK(t.dtype() != kBool, NotImplemented, "\"", kernel, "\" not implemented for '",
               legacy_name(t.dtype()), "'");
}

void check_m1_m2_dtypes(const Tensor& m1, const Tensor& m2) {
  CTORCH_CHECK(m1.dtype() == m2.dtype(), Runtime, "expected m1 and m2 to have the same dtype, but got: ",
               type_meta_name(m1.dtype()), " != ", type_meta_name(m2.dtype()));
}

// mm's and addmm's shape checks, with PyTorch 2.x's "mm: " / "addmm: " prefix (its meta
// functions call the first operand "self" in both).
void check_matrix_pair(const char* op, const Tensor& m1, const Tensor& m2) {
  CTORCH_CHECK(m1.dim() == 2, Runtime, op, ": self must be a matrix, got ", m1.dim(), "-D tensor");
  CTORCH_CHECK(m2.dim() == 2, Runtime, op, ": mat2 must be a matrix, got ", m2.dim(), "-D tensor");
  CTORCH_CHECK(m1.size(1) == m2.size(0), Runtime, op, ": mat1 and mat2 shapes cannot be multiplied (",
               m1.size(0), "x", m1.size(1), " and ", m2.size(0), "x", m2.size(1), ")");
}

bool is_zero(const Scalar& s) { return s.to<double>() == 0.0; }

// out = alpha * a @ b + beta * out over [B, M, K] @ [B, K, N], with PyTorch's shortcuts before
// the dtype dispatch: nothing to do for an empty result, zeros (or beta * out) for K = 0.
void gemm_into(Tensor out, const Tensor& a, const Tensor& b, const Scalar& alpha,
               const Scalar& beta, const char* kernel) {
  if (out.numel() == 0) return;
  common_device({&out, &a, &b});
  HostRoundTrip host;  // Note [Host fallback]: on cuda, only the scaling and integer products
  if (a.size(2) == 0) {
    if (is_zero(beta)) {
      out.zero_();
    } else {
      kernels::cpu::scale(host.out(out), beta);
      host.finish();
    }
    return;
  }
  check_kernel_dtype(a, kernel);
  if (out.is_cuda() && is_floating_point(out.dtype())) return kernels::cuda::gemm_batched(out, a, b, alpha, beta);
  kernels::cpu::gemm_batched(host.out(out), host.in(a), host.in(b), alpha, beta);
  host.finish();
}

int64_t product(IntArrayRef sizes) {
  return std::accumulate(sizes.begin(), sizes.end(), int64_t{1}, std::multiplies<>());
}

// PyTorch's should_fold: a >= 3-D operand times a 1-D/2-D one runs as one mm/mv over the folded
// batch when that needs no copy (or when the smaller operand requires grad).
bool should_fold(const Tensor& a, const Tensor& b) {
  const bool a_larger = a.dim() >= b.dim();
  const Tensor t1 = a_larger ? a : b.transpose(-2, -1);
  const int64_t dim_t1 = t1.dim(), dim_t2 = a_larger ? b.dim() : a.dim();
  if (!(dim_t1 >= 3 && dim_t2 <= 2)) return false;
  if ((a_larger ? b : a).requires_grad()) return true;
  if (a.dim() == 2) return false;  // would need a transposing copy of the result
  if (t1.numel() == 0) return true;
  for (int64_t i = 0; i < dim_t1 - 2; ++i)
    if (t1.stride(i) != t1.stride(i + 1) * t1.size(i + 1)) return false;
  return true;
}

Tensor matmul_folded(const Tensor& a, const Tensor& b) {
  const bool transpose = b.dim() > a.dim();
  const Tensor t1 = transpose ? b.transpose(-2, -1) : a;
  const Tensor t2 = !transpose ? b : (a.dim() == 2 ? a.t() : a);
  Size output_shape(std::vector<int64_t>(t1.sizes().begin(), t1.sizes().end() - 1));
  const Tensor t1_folded = t1.reshape({product(output_shape), t1.size(-1)});
  if (t2.dim() == 2) {
    output_shape.push_back(t2.size(1));
    const Tensor output = unsafe_view(mm(t1_folded, t2), output_shape);
    return transpose ? output.transpose(-2, -1).contiguous() : output;
  }
  return unsafe_view(mv(t1_folded, t2), output_shape);
}

// Either side >= 3-D: broadcast the batch dims, run one bmm, view the result (R11.3).
Tensor matmul_batched(const Tensor& a, const Tensor& b) {
  const int64_t da = a.dim(), db = b.dim();
  const int64_t n = da > 1 ? a.size(-2) : 1, m1 = a.size(-1);
  const int64_t m2 = db > 1 ? b.size(-2) : b.size(0), p = db > 1 ? b.size(-1) : 1;
  const IntArrayRef batch_a(a.sizes().data(), static_cast<size_t>(std::max<int64_t>(da - 2, 0)));
  const IntArrayRef batch_b(b.sizes().data(), static_cast<size_t>(std::max<int64_t>(db - 2, 0)));
  const Size batch = broadcast_pair(batch_a, batch_b);
  const int64_t batch_size = product(batch);

  Size output_shape = batch;
  if (da > 1) output_shape.push_back(n);
  if (db > 1) output_shape.push_back(p);

  Size a_shape = batch, b_shape = batch;
  a_shape.insert(a_shape.end(), {n, m1});
  b_shape.insert(b_shape.end(), {m2, p});
  const Tensor a3 = a.expand(a_shape).reshape({batch_size, n, m1});
  const Tensor b3 = (db == 1 ? b.unsqueeze(-1) : b).expand(b_shape).reshape({batch_size, m2, p});
  return unsafe_view(bmm(a3, b3), output_shape);
}

}  // namespace

Tensor mm(const Tensor& self, const Tensor& mat2) {
  if (autograd::should_record(self, mat2)) return autograd::diff::mm(self, mat2);
  check_matrix_pair("mm", self, mat2);
  check_m1_m2_dtypes(self, mat2);
  Tensor out = make_contiguous({self.size(0), mat2.size(1)}, self.dtype(), self.device());
  gemm_into(out.unsqueeze(0), self.unsqueeze(0), mat2.unsqueeze(0), 1, 0, "addmm_impl_cpu_");
  return out;
}

Tensor addmm(const Tensor& input, const Tensor& mat1, const Tensor& mat2, const Scalar& beta,
             const Scalar& alpha) {
  if (autograd::should_record(input, mat1, mat2)) return autograd::diff::addmm(input, mat1, mat2, beta, alpha);
  check_matrix_pair("addmm", mat1, mat2);
  CTORCH_CHECK(input.dtype() == mat2.dtype(), Runtime, "self and mat2 must have the same dtype, but got ",
               legacy_name(input.dtype()), " and ", legacy_name(mat2.dtype()));
  CTORCH_CHECK(mat1.dtype() == mat2.dtype(), Runtime, "mat1 and mat2 must have the same dtype, but got ",
               legacy_name(mat1.dtype()), " and ", legacy_name(mat2.dtype()));
  const Tensor expanded = input.expand({mat1.size(0), mat2.size(1)});
  Tensor out = make_contiguous({mat1.size(0), mat2.size(1)}, mat1.dtype(), mat1.device());
  if (!is_zero(beta)) out.copy_(expanded);
  gemm_into(out.unsqueeze(0), mat1.unsqueeze(0), mat2.unsqueeze(0), alpha, beta, "addmm_impl_cpu_");
  return out;
}

Tensor bmm(const Tensor& self, const Tensor& mat2) {
  if (autograd::should_record(self, mat2)) return autograd::diff::bmm(self, mat2);
  CTORCH_CHECK(self.dim() == 3, Runtime, "batch1 must be a 3D tensor");
  CTORCH_CHECK(mat2.dim() == 3, Runtime, "batch2 must be a 3D tensor");
  const int64_t batch = self.size(0), contraction = self.size(2);
  CTORCH_CHECK(mat2.size(0) == batch && mat2.size(1) == contraction, Runtime,
               "Expected size for first two dimensions of batch2 tensor to be: [", batch, ", ",
               contraction, "] but got: [", mat2.size(0), ", ", mat2.size(1), "].");
  Tensor out = make_contiguous({batch, self.size(1), mat2.size(2)}, mat2.dtype(), mat2.device());
  // An empty product or contraction is zeros before any dtype is looked at (PyTorch's bmm); else
  // the kernel, chosen by batch1's dtype, refuses bool before it compares the dtypes.
  const bool computes = out.numel() > 0 && contraction > 0;
  CTORCH_CHECK(!computes || self.dtype() != kBool, NotImplemented, "\"bmm\" not implemented for 'Bool'");
  CTORCH_CHECK(self.dtype() == mat2.dtype() || !computes, Runtime,
               "expected scalar type ", legacy_name(self.dtype()), " but found ", legacy_name(mat2.dtype()));
  gemm_into(out, self, mat2, 1, 0, "bmm");
  return out;
}

Tensor mv(const Tensor& self, const Tensor& vec) {
  if (autograd::should_record(self, vec)) return autograd::diff::mv(self, vec);
  CTORCH_CHECK(self.dim() > 0, Index, "Dimension specified as 0 but tensor has no dimensions");
  CTORCH_CHECK(self.dim() == 2 && vec.dim() == 1, Runtime, "vector + matrix @ vector expected, got 1, ",
               self.dim(), ", ", vec.dim());
  CTORCH_CHECK(self.size(1) == vec.size(0), Runtime, "size mismatch, got input (", self.size(0),
               "), mat (", self.size(0), "x", self.size(1), "), vec (", vec.size(0), ")");
  CTORCH_CHECK(self.dtype() == vec.dtype(), Runtime, "addmv input tensors must have the same dtype, but got ",
               legacy_name(vec.dtype()), ", ", legacy_name(self.dtype()), ", and ", legacy_name(vec.dtype()));
  Tensor out = make_contiguous({self.size(0)}, vec.dtype(), vec.device());
  gemm_into(out.view({1, self.size(0), 1}), self.unsqueeze(0), vec.unsqueeze(1).unsqueeze(0), 1, 0,
            "addmv_impl_cpu");
  return out;
}

Tensor dot(const Tensor& self, const Tensor& other) {
  if (autograd::should_record(self, other)) return autograd::diff::dot(self, other);
  CTORCH_CHECK(self.dim() == 1 && other.dim() == 1, Runtime, "1D tensors expected, but got ",
               self.dim(), "D and ", other.dim(), "D tensors");
  CTORCH_CHECK(self.dtype() == other.dtype(), Runtime,
               "dot : expected both vectors to have same dtype, but found ", legacy_name(self.dtype()),
               " and ", legacy_name(other.dtype()));
  CTORCH_CHECK(self.numel() == other.numel(), Runtime, "inconsistent tensor size, expected tensor [",
               self.numel(), "] and src [", other.numel(),
               "] to have the same number of elements, but got ", self.numel(), " and ",
               other.numel(), " elements respectively");
  check_kernel_dtype(self, "dot");
  Tensor out = make_contiguous({}, self.dtype(), common_device({&self, &other}));
  HostRoundTrip host;  // Note [Host fallback]
  kernels::cpu::dot(host.out(out), host.in(self), host.in(other));
  host.finish();
  return out;
}

Tensor outer(const Tensor& self, const Tensor& vec2) {
  CTORCH_CHECK(self.dim() == 1, Runtime, "outer: Expected 1-D argument self, but got ", self.dim(), "-D");
  CTORCH_CHECK(vec2.dim() == 1, Runtime, "outer: Expected 1-D argument vec2, but got ", vec2.dim(), "-D");
  // Under autograd, PyTorch's composite itself: its node is MulBackward0 (autograd.md A2.3).
  if (autograd::should_record(self, vec2)) return self.reshape({self.size(0), 1}) * vec2;
  // PyTorch computes self.reshape({n, 1}) * vec2: a multiply, so the dtypes promote (R4).
  const ScalarType dtype = result_type(self, vec2);
  Tensor out = make_contiguous({self.size(0), vec2.size(0)}, dtype, common_device({&self, &vec2}));
  HostRoundTrip host;  // Note [Host fallback]
  kernels::cpu::outer(host.out(out), host.in(self.to(dtype)), host.in(vec2.to(dtype)));
  host.finish();
  return out;
}

Tensor matmul(const Tensor& self, const Tensor& other) {
  const int64_t da = self.dim(), db = other.dim();
  CTORCH_CHECK(da != 0 && db != 0, Runtime, "both arguments to matmul need to be at least 1D, but they are ",
               da, "D and ", db, "D");
  if (da == 1 && db == 1) return dot(self, other);
  if (da == 2 && db == 1) return mv(self, other);
  if (da == 1 && db == 2) {
    Tensor out = mm(self.unsqueeze(0), other);
    return out.squeeze_(0);  // in place, as PyTorch: SqueezeBackward4 under autograd
  }
  if (da == 2 && db == 2) return mm(self, other);
  if (should_fold(self, other)) return matmul_folded(self, other);
  return matmul_batched(self, other);
}

}  // namespace ctorch
