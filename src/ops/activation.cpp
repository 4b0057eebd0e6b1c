// softmax, log_softmax, logsumexp, norm, lerp, nan_to_num: checks with PyTorch's messages, dtypes
// and shapes. softmax and nan_to_num run their own kernels (kernels/cpu/activation.cpp); the
// rest are written with the public ops. PyTorch's behaviour comes from
// aten/src/ATen/native/SoftMax.cpp, ReduceOps.cpp (logsumexp), LinearAlgebra.cpp
// (linalg_vector_norm, which torch.norm calls), Lerp.cpp / Lerp.h and UnaryOps.cpp (nan_to_num).
#include "ctorch/activation.h"

#include <cmath>
#include <limits>

#include "autograd/diff.h"
#include "core/make.h"
#include "core/wrap_dim.h"
#include "ctorch/elementwise.h"
#include "ctorch/reduce.h"
#include "kernels/cpu/activation.h"
#include "ops/broadcast.h"
#include "ops/host_fallback.h"

namespace ctorch {

namespace {

bool is_reduced_float(ScalarType t) { return t == kFloat16 || t == kBFloat16; }


Tensor softmax_impl(const Tensor& self, int64_t dim, std::optional<ScalarType> dtype, bool log) {
  const int64_t wrapped = wrap_dim(dim, self.dim());
  const Tensor in = dtype ? self.to(*dtype) : self;
  Tensor out = make_contiguous(in.sizes(), in.dtype(), in.device());
  if (in.numel() == 0) return out;  // PyTorch returns before its kernel's dtype check
  const bool lastdim = in.dim() == 0 || wrapped == in.dim() - 1;
  CTORCH_CHECK(in.is_floating_point(), NotImplemented, "\"", log ? "log_" : "", "softmax_",
               lastdim ? "lastdim_" : "", "kernel_impl\" not implemented for '",
               legacy_name(in.dtype()), "'");
  HostRoundTrip host;  // Note [Host fallback]
  kernels::cpu::softmax(host.out(out), host.in(in), wrapped, log);
  host.finish();
  return out;
}

// The p of a norm as PyTorch's messages print a Scalar: -1, -1.5, inf.
std::string format_p(double p) {
  std::ostringstream out;
  out << p;
  return out.str();
}

}  // namespace

Tensor softmax(const Tensor& self, int64_t dim, std::optional<ScalarType> dtype) {
  if (autograd::should_record(self)) {
    if (dtype && *dtype != self.dtype()) return softmax(self.to(*dtype), dim);
    return autograd::diff::softmax(self, dim, false);
  }
  return softmax_impl(self, dim, dtype, false);
}
Tensor log_softmax(const Tensor& self, int64_t dim, std::optional<ScalarType> dtype) {
  if (autograd::should_record(self)) {
    if (dtype && *dtype != self.dtype()) return log_softmax(self.to(*dtype), dim);
    return autograd::diff::softmax(self, dim, true);
  }
  return softmax_impl(self, dim, dtype, true);
}

Tensor logsumexp(const Tensor& self, IntArrayRef dim, bool keepdim) {
  if (autograd::should_record(self)) return autograd::diff::logsumexp(self, dim, keepdim);
  if (is_integral(self.dtype(), /*include_bool=*/true)) {
    return logsumexp(self.to(get_default_dtype()), dim, keepdim);
  }
  if (self.numel() == 0) return log(sum(exp(self), dim, keepdim));
  // PyTorch's steps, each rounded to the input's dtype: max (kept dims), an infinite max taken as
  // 0 so that inf - inf never appears, then log(sum(exp(x - max))) + max.
  Tensor maxes = amax(self, dim, /*keepdim=*/true);
  maxes = maxes.masked_fill(isinf(maxes), 0);
  const Tensor s = sum(exp(self - maxes), dim, keepdim);
  return log(s) + (keepdim ? maxes : maxes.view(s.sizes()));
}

Tensor norm(const Tensor& self, double p, IntArrayRef dim, bool keepdim) {
  CTORCH_CHECK(self.is_floating_point(), NotImplemented,
               "linalg.vector_norm: Expected a floating point or complex tensor as input. Got ",
               legacy_name(self.dtype()));
  if (autograd::should_record(self)) return autograd::diff::norm(self, p, dim, keepdim);
  const double inf = std::numeric_limits<double>::infinity();
  if (self.numel() == 0 && (p < 0 || p == inf)) {
    CTORCH_CHECK(!dim.empty(), Runtime, "linalg.vector_norm cannot compute the ", format_p(p),
                 " norm on an empty tensor because the operation does not have an identity");
    for (int64_t d : dim) {
      CTORCH_CHECK(self.sizes()[wrap_dim(d, self.dim())] != 0, Runtime,
                   "linalg.vector_norm cannot compute the ", format_p(p), " norm on the dimension ",
                   d, "because this dimension is empty and the operation does not have an identity");
    }
  }
  const Tensor x = is_reduced_float(self.dtype()) ? self.to(kFloat32) : self;
  Tensor r;
  if (p == 2) {
    r = sqrt(sum(x * x, dim, keepdim));
  } else if (p == 1) {
    r = sum(abs(x), dim, keepdim);
  } else if (p == inf) {
    r = amax(abs(x), dim, keepdim);
  } else if (p == -inf) {
    r = amin(abs(x), dim, keepdim);
  } else if (p == 0) {
    r = sum((x != 0).to(x.dtype()), dim, keepdim);
  } else {
    r = pow(sum(pow(abs(x), p), dim, keepdim), 1.0 / p);
  }
  return r.to(self.dtype());
}

Tensor lerp(const Tensor& start, const Tensor& end, const Scalar& weight) {
  if (autograd::should_record(start, end)) return autograd::diff::lerp(start, end, weight);
  CTORCH_CHECK(start.dtype() == end.dtype(), Runtime, "expected dtype ",
               type_meta_name(start.dtype()), " for `end` but got dtype ",
               type_meta_name(end.dtype()));
  broadcast_pair(start.sizes(), end.sizes());
  CTORCH_CHECK(start.is_floating_point(), NotImplemented, "\"lerp_kernel_scalar\" not implemented for '",
               legacy_name(start.dtype()), "'");
  // The op math type: float for float16/bfloat16/float32, double for float64.
  const bool reduced = is_reduced_float(start.dtype());
  const Tensor s = reduced ? start.to(kFloat32) : start;
  const Tensor e = reduced ? end.to(kFloat32) : end;
  Tensor r;
  if (s.dtype() == kFloat64) {
    const double w = weight.to<double>();
    r = std::abs(w) < 0.5 ? s + (e - s) * w : e - (e - s) * (1.0 - w);
  } else {
    const float w = weight.to<float>();
    r = std::abs(w) < 0.5f ? s + (e - s) * static_cast<double>(w)
                           : e - (e - s) * static_cast<double>(1.0f - w);
  }
  return r.to(start.dtype());
}

Tensor lerp(const Tensor& start, const Tensor& end, const Tensor& weight) {
  if (autograd::should_record(start, end, weight)) return autograd::diff::lerp(start, end, weight);
  CTORCH_CHECK(start.dtype() == end.dtype(), Runtime, "expected dtype ",
               type_meta_name(start.dtype()), " for `end` but got dtype ",
               type_meta_name(end.dtype()));
  CTORCH_CHECK(start.dtype() == weight.dtype(), Runtime, "expected dtype ",
               type_meta_name(start.dtype()), " for `weight` but got dtype ",
               type_meta_name(weight.dtype()));
  broadcast_pair(broadcast_pair(start.sizes(), end.sizes()), weight.sizes());
  CTORCH_CHECK(start.is_floating_point(), NotImplemented, "\"lerp_kernel_tensor\" not implemented for '",
               legacy_name(start.dtype()), "'");
  const bool reduced = is_reduced_float(start.dtype());
  const Tensor s = reduced ? start.to(kFloat32) : start;
  const Tensor e = reduced ? end.to(kFloat32) : end;
  const Tensor w = reduced ? weight.to(kFloat32) : weight;
  const Tensor diff = e - s;
  return where(abs(w) < 0.5, s + w * diff, e - diff * (1 - w)).to(start.dtype());
}

Tensor nan_to_num(const Tensor& self, std::optional<double> nan, std::optional<double> posinf,
                  std::optional<double> neginf) {
  if (!self.is_floating_point()) return self.clone();
  if (autograd::should_record(self)) return autograd::diff::nan_to_num(self, nan, posinf, neginf);
  Tensor out = make_contiguous(self.sizes(), self.dtype(), self.device());
  HostRoundTrip host;  // Note [Host fallback]
  kernels::cpu::nan_to_num(host.out(out), host.in(self), nan.value_or(0.0), posinf, neginf);
  host.finish();
  return out;
}

}  // namespace ctorch

namespace ctorch {

Tensor Tensor::softmax(int64_t dim, std::optional<ScalarType> dtype) const {
  return ctorch::softmax(*this, dim, dtype);
}
Tensor Tensor::log_softmax(int64_t dim, std::optional<ScalarType> dtype) const {
  return ctorch::log_softmax(*this, dim, dtype);
}
Tensor Tensor::logsumexp(IntArrayRef dim, bool keepdim) const {
  return ctorch::logsumexp(*this, dim, keepdim);
}
Tensor Tensor::norm(double p, IntArrayRef dim, bool keepdim) const {
  return ctorch::norm(*this, p, dim, keepdim);
}
Tensor Tensor::lerp(const Tensor& end, const Scalar& weight) const {
  return ctorch::lerp(*this, end, weight);
}
Tensor Tensor::lerp(const Tensor& end, const Tensor& weight) const {
  return ctorch::lerp(*this, end, weight);
}
Tensor Tensor::nan_to_num(std::optional<double> nan, std::optional<double> posinf,
                          std::optional<double> neginf) const {
  return ctorch::nan_to_num(*this, nan, posinf, neginf);
}

}  // namespace ctorch
