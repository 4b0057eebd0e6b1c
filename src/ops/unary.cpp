// Unary elementwise ops and selection (where, clamp, masked_fill): semantics here (R5.3, R6.10-
// R6.14), arithmetic in kernels::unary / where (kernels/device_switch.h). Reproduces aten/src/ATen/native/UnaryOps.cpp.
#include <cmath>

#include "autograd/diff.h"
#include "core/make.h"
#include "ctorch/elementwise.h"
#include "ctorch/ops.h"
#include "kernels/cpu/elementwise_ops.h"
#include "kernels/device_switch.h"
#include "ops/broadcast.h"
#include "ops/device_copy.h"
#include "ops/elementwise_util.h"

namespace ctorch {

using kernels::cpu::UnaryOp;

namespace {

enum class Kind {
  Same,     // result has the input's dtype
  Float,    // integral inputs compute in the default float dtype (R5.3)
  Test,     // bool result
};

struct UnarySpec {
  UnaryOp op;
  Kind kind;
  const char* bool_error;  // PyTorch's kernel name when bool input is refused, else nullptr
  bool float_only = false;  // frac: integers refused too
};

void check_input(const UnarySpec& spec, const Tensor& a) {
  if (spec.op == UnaryOp::Neg) {
    CTORCH_CHECK(a.dtype() != kBool, NotImplemented,
                 "Negation, the `-` operator, on a bool tensor is not supported. If you are trying "
                 "to invert a mask, use the `~` or `logical_not()` operator instead.");
  }
  CTORCH_CHECK(spec.op != UnaryOp::Relu || a.dtype() != kBool, NotImplemented,
               "Boolean inputs not supported for relu");
  CTORCH_CHECK(!spec.bool_error || a.dtype() != kBool, NotImplemented, "\"", spec.bool_error,
               "\" not implemented for 'Bool'");
  CTORCH_CHECK(!spec.float_only || a.is_floating_point(), NotImplemented, "\"frac_cpu\" not implemented for '",
               legacy_name(a.dtype()), "'");
  CTORCH_CHECK(spec.op != UnaryOp::BitwiseNot || !a.is_floating_point(), NotImplemented,
               "\"bitwise_not_cpu\" not implemented for '", legacy_name(a.dtype()), "'");
}

Tensor unary_kernel(const UnarySpec& spec, const Tensor& a, Tensor* dest) {
  check_input(spec, a);
  const ScalarType compute =
      spec.kind == Kind::Float && is_integral(a.dtype(), true) ? get_default_dtype() : a.dtype();
  const ScalarType result = spec.kind == Kind::Test ? kBool : compute;
  const Tensor x = a.dtype() == compute ? a : a.to(compute);  // same shape: no view needed
  if (!dest) {
    Tensor out = make_contiguous(a.sizes(), result, a.device());
    kernels::unary(spec.op, out, x);
    return out;
  }
  check_destination(*dest, result, a.sizes(), dest->is_same(a));
  write_result(*dest, result, {x}, [&](const Tensor& out) { kernels::unary(spec.op, out, x); });
  return *dest;
}

// Autograd records around the arithmetic when the input requires grad.
Tensor unary_op(const UnarySpec& spec, const Tensor& a, Tensor* dest) {
  if (!dest) {
    if (autograd::should_record(a)) {
      Tensor out = autograd::diff::no_grad([&] { return unary_kernel(spec, a, nullptr); });
      return autograd::diff::unary(spec.op, a, std::move(out));
    }
    return unary_kernel(spec, a, nullptr);
  }
  if (autograd::should_record(*dest)) {
    return autograd::apply_inplace(*dest, [&](const Tensor& before) { return unary_op(spec, before, nullptr); });
  }
  return unary_kernel(spec, a, dest);
}

}  // namespace

#define CTORCH_DEFINE_UNARY(name, ...)                                           \
  Tensor name(const Tensor& a) { return unary_op(UnarySpec{__VA_ARGS__}, a, nullptr); } \
  Tensor Tensor::name() const { return ctorch::name(*this); }                    \
  Tensor& Tensor::name##_() {                                                    \
    unary_op(UnarySpec{__VA_ARGS__}, *this, this);                               \
    return *this;                                                                \
  }
CTORCH_DEFINE_UNARY(abs, UnaryOp::Abs, Kind::Same, "abs_cpu")
CTORCH_DEFINE_UNARY(neg, UnaryOp::Neg, Kind::Same, nullptr)
CTORCH_DEFINE_UNARY(sign, UnaryOp::Sign, Kind::Same, nullptr)
CTORCH_DEFINE_UNARY(floor, UnaryOp::Floor, Kind::Same, "floor_vml_cpu")
CTORCH_DEFINE_UNARY(ceil, UnaryOp::Ceil, Kind::Same, "ceil_vml_cpu")
CTORCH_DEFINE_UNARY(round, UnaryOp::Round, Kind::Same, "round_vml_cpu")
CTORCH_DEFINE_UNARY(trunc, UnaryOp::Trunc, Kind::Same, "trunc_vml_cpu")
CTORCH_DEFINE_UNARY(frac, UnaryOp::Frac, Kind::Same, "frac_cpu", true)
CTORCH_DEFINE_UNARY(relu, UnaryOp::Relu, Kind::Same, nullptr)
CTORCH_DEFINE_UNARY(reciprocal, UnaryOp::Reciprocal, Kind::Float, nullptr)
CTORCH_DEFINE_UNARY(sqrt, UnaryOp::Sqrt, Kind::Float, nullptr)
CTORCH_DEFINE_UNARY(rsqrt, UnaryOp::Rsqrt, Kind::Float, nullptr)
CTORCH_DEFINE_UNARY(exp, UnaryOp::Exp, Kind::Float, nullptr)
CTORCH_DEFINE_UNARY(exp2, UnaryOp::Exp2, Kind::Float, nullptr)
CTORCH_DEFINE_UNARY(expm1, UnaryOp::Expm1, Kind::Float, nullptr)
CTORCH_DEFINE_UNARY(log, UnaryOp::Log, Kind::Float, nullptr)
CTORCH_DEFINE_UNARY(log2, UnaryOp::Log2, Kind::Float, nullptr)
CTORCH_DEFINE_UNARY(log10, UnaryOp::Log10, Kind::Float, nullptr)
CTORCH_DEFINE_UNARY(log1p, UnaryOp::Log1p, Kind::Float, nullptr)
CTORCH_DEFINE_UNARY(sin, UnaryOp::Sin, Kind::Float, nullptr)
CTORCH_DEFINE_UNARY(cos, UnaryOp::Cos, Kind::Float, nullptr)
CTORCH_DEFINE_UNARY(tan, UnaryOp::Tan, Kind::Float, nullptr)
CTORCH_DEFINE_UNARY(asin, UnaryOp::Asin, Kind::Float, nullptr)
CTORCH_DEFINE_UNARY(acos, UnaryOp::Acos, Kind::Float, nullptr)
CTORCH_DEFINE_UNARY(atan, UnaryOp::Atan, Kind::Float, nullptr)
CTORCH_DEFINE_UNARY(sinh, UnaryOp::Sinh, Kind::Float, nullptr)
CTORCH_DEFINE_UNARY(cosh, UnaryOp::Cosh, Kind::Float, nullptr)
CTORCH_DEFINE_UNARY(tanh, UnaryOp::Tanh, Kind::Float, nullptr)
CTORCH_DEFINE_UNARY(sigmoid, UnaryOp::Sigmoid, Kind::Float, nullptr)
CTORCH_DEFINE_UNARY(erf, UnaryOp::Erf, Kind::Float, nullptr)
CTORCH_DEFINE_UNARY(logical_not, UnaryOp::LogicalNot, Kind::Test, nullptr)
CTORCH_DEFINE_UNARY(bitwise_not, UnaryOp::BitwiseNot, Kind::Same, nullptr)
#undef CTORCH_DEFINE_UNARY

#define CTORCH_DEFINE_TEST(name, OP)                                                          \
  Tensor name(const Tensor& a) { return unary_op(UnarySpec{OP, Kind::Test, nullptr}, a, nullptr); } \
  Tensor Tensor::name() const { return ctorch::name(*this); }
CTORCH_DEFINE_TEST(isnan, UnaryOp::IsNan)
CTORCH_DEFINE_TEST(isinf, UnaryOp::IsInf)
CTORCH_DEFINE_TEST(isfinite, UnaryOp::IsFinite)
#undef CTORCH_DEFINE_TEST

// square(x) is pow(x, 2): bool gives int64 and integers wrap (R6.12).
Tensor square(const Tensor& a) { return pow(a, 2); }
Tensor Tensor::square() const { return ctorch::square(*this); }
Tensor& Tensor::square_() { return pow_(2); }

Tensor operator-(const Tensor& a) { return neg(a); }
Tensor operator~(const Tensor& a) { return bitwise_not(a); }

// ---- selection ------------------------------------------------------------------------------------
Tensor where(const Tensor& condition, const Operand& a, const Operand& b) {
  if (autograd::should_record(a, b)) return autograd::diff::where(condition, a, b);
  CTORCH_CHECK(condition.dtype() == kBool, Runtime,
               "where expected condition to be a boolean tensor, but got a tensor with dtype ",
               legacy_name(condition.dtype()));
  const ScalarType dtype = result_type({a, b});
  const Size shape = broadcast_pair(broadcast_pair(condition.sizes(), operand_shape(a)), operand_shape(b));
  Tensor out = make_contiguous(shape, dtype, common_device({&condition, a.tensor(), b.tensor()}));
  kernels::where(out, condition.expand(shape), to_compute(a, dtype, shape), to_compute(b, dtype, shape));
  return out;
}

Tensor clamp(const Tensor& a, std::optional<Scalar> min, std::optional<Scalar> max) {
  CTORCH_CHECK(min || max, Runtime, "torch.clamp: At least one of 'min' or 'max' must not be None");
  if (autograd::should_record(a)) return autograd::diff::clamp(a, min, max);
  // min(max(a, lo), hi): with lo > hi everything becomes hi; NaN stays NaN (R6.13).
  const Tensor low = min ? maximum(a, *min) : a;
  return max ? minimum(low, *max) : low;
}
Tensor clamp(const Tensor& a, const std::optional<Tensor>& min, const std::optional<Tensor>& max) {
  CTORCH_CHECK(min || max, Runtime, "torch.clamp: At least one of 'min' or 'max' must not be None");
  if (autograd::should_record(a, min.value_or(Tensor()), max.value_or(Tensor()))) {
    return autograd::diff::clamp(a, min, max);
  }
  const Tensor low = min ? maximum(a, *min) : a;
  return max ? minimum(low, *max) : low;
}
Tensor Tensor::clamp(const std::optional<Tensor>& min, const std::optional<Tensor>& max) const {
  return ctorch::clamp(*this, min, max);
}
Tensor clamp_min(const Tensor& a, const Scalar& min) {
  if (autograd::should_record(a)) return autograd::diff::clamp_min(a, min);
  return clamp(a, min, std::nullopt);
}
Tensor clamp_max(const Tensor& a, const Scalar& max) {
  if (autograd::should_record(a)) return autograd::diff::clamp_max(a, max);
  return clamp(a, std::nullopt, max);
}
Tensor clamp_min(const Tensor& a, const Tensor& min) {
  if (autograd::should_record(a, min)) return autograd::diff::clamp_min(a, min);
  return maximum(a, min);
}
Tensor clamp_max(const Tensor& a, const Tensor& max) {
  if (autograd::should_record(a, max)) return autograd::diff::clamp_max(a, max);
  return minimum(a, max);
}
Tensor Tensor::clamp_min(const Scalar& min) const { return ctorch::clamp_min(*this, min); }
Tensor Tensor::clamp_min(const Tensor& min) const { return ctorch::clamp_min(*this, min); }
Tensor Tensor::clamp_max(const Scalar& max) const { return ctorch::clamp_max(*this, max); }
Tensor Tensor::clamp_max(const Tensor& max) const { return ctorch::clamp_max(*this, max); }

Tensor round(const Tensor& a, int64_t decimals) {
  // round.decimals has float kernels only, even for decimals == 0 (which plain round(a) runs).
  CTORCH_CHECK(a.is_floating_point(), NotImplemented, decimals == 0 ? "\"round_vml_cpu\"" : "\"round_cpu\"",
               " not implemented for '", legacy_name(a.dtype()), "'");
  if (decimals == 0) return round(a);
  if (autograd::should_record(a)) return autograd::diff::round(a, decimals);
  // torch.round(decimals=d): scale by 10^d, round half to even, scale back (negative d divides first).
  const double ten_pow = std::pow(10.0, static_cast<double>(std::abs(decimals)));
  if (decimals > 0) return round(a * ten_pow) / ten_pow;
  return round(a / ten_pow) * ten_pow;
}
Tensor Tensor::round(int64_t decimals) const { return ctorch::round(*this, decimals); }
Tensor Tensor::clamp(std::optional<Scalar> min, std::optional<Scalar> max) const {
  return ctorch::clamp(*this, min, max);
}
Tensor& Tensor::clamp_(std::optional<Scalar> min, std::optional<Scalar> max) {
  if (autograd::should_record(*this)) {
    return autograd::apply_inplace(*this, [&](const Tensor& before) { return ctorch::clamp(before, min, max); });
  }
  const Tensor result = ctorch::clamp(*this, min, max);
  check_destination(*this, result.dtype(), result.sizes(), true);
  return copy_(result);
}

Tensor masked_fill(const Tensor& a, const Tensor& mask, const Scalar& value) {
  if (autograd::should_record(a)) return autograd::diff::masked_fill(a, mask, value);
  CTORCH_CHECK(mask.dtype() == kBool, Runtime,
               "masked_fill_ only supports boolean masks, but got mask with dtype ", legacy_name(mask.dtype()));
  CTORCH_CHECK(scalar_fits(value, a.dtype(), /*check_floats=*/true), Runtime,
               "value cannot be converted to type ", cpp_type_name(a.dtype()), " without overflow");
  const Size shape = broadcast_pair(a.sizes(), mask.sizes());  // out of place, both broadcast
  Tensor out = make_contiguous(shape, a.dtype(), common_device({&a, &mask}));
  kernels::where(out, mask.expand(shape), to_compute(value, a.dtype(), shape), a.expand(shape));
  return out;
}
Tensor Tensor::masked_fill(const Tensor& mask, const Scalar& value) const {
  return ctorch::masked_fill(*this, mask, value);
}
Tensor masked_fill(const Tensor& a, const Tensor& mask, const Tensor& value) {
  CTORCH_CHECK(value.dim() == 0, Runtime,
               "masked_fill_ only supports a 0-dimensional value tensor, but got tensor with ", value.dim(),
               " dimension(s).");
  if (autograd::should_record(a, value)) return autograd::diff::masked_fill(a, mask, value);
  return masked_fill(a, mask, value.item());
}
Tensor Tensor::masked_fill(const Tensor& mask, const Tensor& value) const {
  return ctorch::masked_fill(*this, mask, value);
}
Tensor& Tensor::masked_fill_(const Tensor& mask, const Tensor& value) {
  if (autograd::should_record(*this, value)) {
    return autograd::apply_inplace(*this, [&](const Tensor& before) { return ctorch::masked_fill(before, mask, value); });
  }
  return masked_fill_(mask, value.item());
}
Tensor& Tensor::masked_fill_(const Tensor& mask, const Scalar& value) {
  if (autograd::should_record(*this)) {
    return autograd::apply_inplace(*this, [&](const Tensor& before) { return ctorch::masked_fill(before, mask, value); });
  }
  const Tensor filled = ctorch::masked_fill(*this, mask, value);
  check_destination(*this, dtype(), filled.sizes(), true);  // the mask may not grow self (R9.3)
  return copy_(filled);
}

}  // namespace ctorch
