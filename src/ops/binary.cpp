// Binary elementwise ops: PyTorch's semantics (semantics.md R5, R6, R9, R12) decided here, the
// arithmetic done by kernels::binary (kernels/device_switch.h). Behaviour reproduced: aten/src/ATen/native/
// BinaryOps.cpp and TensorIterator's type promotion.
#include <algorithm>

#include "autograd/diff.h"
#include "core/make.h"
#include "ctorch/elementwise.h"
#include "ctorch/ops.h"
#include "kernels/cpu/elementwise_ops.h"
#include "kernels/device_switch.h"
#include "ops/broadcast.h"
#include "ops/device_copy.h"
#include "ops/binary_special.h"
#include "ops/elementwise_util.h"

namespace ctorch {

using kernels::cpu::BinaryOp;

namespace {

enum class ResultKind { Same, Float, Bool };

struct BinarySpec {
  BinaryOp op;
  const char* kernel_name;  // PyTorch's kernel name, for "... not implemented for 'Bool'"
  ResultKind result;
  bool integral_only;       // bitwise ops and shifts
  bool rejects_bool;
};

// Inlined: the per-op lane of small tensors reads one field of it, which then costs a compare.
[[gnu::always_inline]] inline BinarySpec spec_of(BinaryOp op) {
  using R = ResultKind;
  switch (op) {
    case BinaryOp::Add: return {op, "add", R::Same, false, false};
    case BinaryOp::Sub: return {op, "sub", R::Same, false, false};
    case BinaryOp::Mul: return {op, "mul", R::Same, false, false};
    case BinaryOp::Div: return {op, "div_true", R::Float, false, false};
    case BinaryOp::DivTrunc: return {op, "div_trunc_cpu", R::Same, false, true};
    case BinaryOp::DivFloor: return {op, "div_floor_cpu", R::Same, false, true};
    case BinaryOp::Remainder: return {op, "remainder_cpu", R::Same, false, true};
    case BinaryOp::Fmod: return {op, "fmod_cpu", R::Same, false, true};
    case BinaryOp::Pow: return {op, "pow", R::Same, false, true};
    case BinaryOp::Maximum: return {op, "maximum_cpu", R::Same, false, false};
    case BinaryOp::Minimum: return {op, "minimum_cpu", R::Same, false, false};
    case BinaryOp::Atan2: return {op, "atan2_cpu", R::Float, false, false};
    case BinaryOp::Eq: case BinaryOp::Ne: case BinaryOp::Lt: case BinaryOp::Le:
    case BinaryOp::Gt: case BinaryOp::Ge: case BinaryOp::LogicalAnd: case BinaryOp::LogicalOr:
    case BinaryOp::LogicalXor:
      return {op, "compare", R::Bool, false, false};
    case BinaryOp::BitwiseAnd: return {op, "bitwise_and_cpu", R::Same, true, false};
    case BinaryOp::BitwiseOr: return {op, "bitwise_or_cpu", R::Same, true, false};
    case BinaryOp::BitwiseXor: return {op, "bitwise_xor_cpu", R::Same, true, false};
    case BinaryOp::LeftShift: return {op, "lshift_cpu", R::Same, true, true};
    case BinaryOp::RightShift: return {op, "rshift_cpu", R::Same, true, true};
  }
  CTORCH_INTERNAL_ASSERT(false);
  return {op, "", R::Same, false, false};
}

bool is_bool_operand(const Operand& x) {
  return x.tensor() ? x.tensor()->dtype() == kBool : x.scalar().is_boolean();
}

// Bool subtraction, which PyTorch refuses before anything else (sub_check, before broadcasting).
void check_bool_subtraction(const BinarySpec& spec, const Operand& a, const Operand& b) {
  if (spec.op != BinaryOp::Sub) return;
  const bool ba = is_bool_operand(a), bb = is_bool_operand(b);
  CTORCH_CHECK(!(ba && bb), NotImplemented,
               "Subtraction, the `-` operator, with two bool tensors is not supported. Use the `^` "
               "or `logical_xor()` operator instead.");
  CTORCH_CHECK(!(ba || bb), NotImplemented,
               "Subtraction, the `-` operator, with a bool tensor is not supported. If you are "
               "trying to invert a mask, use the `~` or `logical_not()` operator instead.");
}

// The checks of R6.1, R6.2, R6.7 and R18.3 that depend on the operands, before anything runs
// (after check_bool_subtraction and broadcasting, in PyTorch's order).
void check_operands(const BinarySpec& spec, const Operand& b, ScalarType common,
                    const Scalar& alpha) {
  CTORCH_CHECK(!spec.integral_only || !is_floating_point(common), NotImplemented, "\"", spec.kernel_name,
               "\" not implemented for '", legacy_name(common), "'");
  CTORCH_CHECK(!spec.rejects_bool || common != kBool, NotImplemented, "\"", spec.kernel_name,
               "\" not implemented for 'Bool'");
  if (spec.op == BinaryOp::Add || spec.op == BinaryOp::Sub) {
    CTORCH_CHECK(!(alpha.is_floating_point() && is_integral(common, true)), Runtime,
                 "For integral input tensors, argument alpha must not be a floating point number.");
    CTORCH_CHECK(!alpha.is_boolean() || common == kBool, Runtime,
                 "Boolean alpha only supported for Boolean results.");
  }
  if (spec.op == BinaryOp::Pow && !b.tensor() && b.scalar().is_integral() && is_integral(common, false)) {
    CTORCH_CHECK(b.scalar().to<int64_t>() >= 0, Runtime,
                 "Integers to negative integer powers are not allowed.");
  }
}

bool integer_division(BinaryOp op) {
  return op == BinaryOp::DivTrunc || op == BinaryOp::DivFloor || op == BinaryOp::Remainder ||
         op == BinaryOp::Fmod;
}

// The arithmetic path of a binary op. `dest` is the out= tensor or, in place, self; else null.
// A number keeps a tensor's dtype unless it is of a higher category (R4): 2 with a uint8 tensor
// stays uint8, 2.5 with an int64 tensor makes float32.
bool number_keeps_dtype(const Scalar& s, ScalarType t) {
  if (s.is_boolean()) return true;
  if (s.is_integral()) return t != kBool;
  return s.is_floating_point() && is_floating_point(t);
}

// `x` in the flat form beside the contiguous tensor `like`, if it has one: `like` itself, a
// contiguous tensor of its dtype and shape, or a number that keeps its dtype.
bool flat_input(const Operand& x, const Tensor& like, kernels::cpu::FlatInput& in) {
  if (!x.tensor()) {
    in.number = &x.scalar();
    return number_keeps_dtype(x.scalar(), like.dtype());
  }
  const Tensor& t = *x.tensor();
  in.data = t.data_ptr();
  return t.is_same(like) || (t.dtype() == like.dtype() && t.sizes() == like.sizes() && t.is_cpu() &&
                             t.is_contiguous());
}

// The common case on the flat path (kernels::cpu::FlatBinary): CPU operands of one dtype and
// shape, contiguous, or a tensor and a number that keeps its dtype, into a fresh tensor or in
// place into `a`. It gives what the general path gives, without its expanded views and
// temporaries; anything else returns false and takes the general path.
bool try_flat(const BinarySpec& spec, const Operand& a, const Operand& b, const Scalar& alpha,
              Tensor* dest, Tensor& result) {
  const Tensor& like = a.tensor() ? *a.tensor() : *b.tensor();
  const ScalarType dtype = like.dtype();
  if (!like.is_cpu() || !like.is_contiguous()) return false;
  if (spec.result == ResultKind::Float && is_integral(dtype, true)) return false;
  if (integer_division(spec.op) && is_integral(dtype, false)) return false;  // checks for zeros
  kernels::cpu::FlatBinary args{nullptr, {}, {}, like.numel()};
  if (!flat_input(a, like, args.x) || !flat_input(b, like, args.y)) return false;
  const ScalarType out_dtype = spec.result == ResultKind::Bool ? kBool : dtype;
  if (dest) {
    if (!a.tensor() || !dest->is_same(*a.tensor()) || dest->dtype() != out_dtype) return false;
    // b may share dest's memory only as the very same elements (a.add_(a)).
    if (b.tensor() && b.tensor()->storage() == dest->storage() && args.y.data != args.x.data) return false;
  }
  check_bool_subtraction(spec, a, b);
  check_operands(spec, b, dtype, alpha);
  if (dest) {
    args.out = dest->data_ptr();
    kernels::cpu::binary(spec.op, dtype, args, alpha);
    dest->storage().bump_version();  // Note [Version counter]
    result = *dest;
    return true;
  }
  result = make_contiguous(like.sizes(), out_dtype, like.device());
  args.out = result.data_ptr();
  kernels::cpu::binary(spec.op, dtype, args, alpha);
  return true;
}

// Whether `op` on two tensors of `dtype` can skip check_operands and the general path's dtype
// decisions: its result keeps the dtype (or is bool) and none of its checks can fail.
bool plain_same_dtype_op(BinaryOp op, ScalarType dtype, const Scalar& alpha) {
  const bool unit_alpha = alpha.is_integral() && alpha.to<int64_t>() == 1;
  switch (op) {
    case BinaryOp::Add: return unit_alpha;
    case BinaryOp::Sub: return unit_alpha && dtype != kBool;
    case BinaryOp::Mul: case BinaryOp::Maximum: case BinaryOp::Minimum:
    case BinaryOp::Eq: case BinaryOp::Ne: case BinaryOp::Lt: case BinaryOp::Le:
    case BinaryOp::Gt: case BinaryOp::Ge: case BinaryOp::LogicalAnd: case BinaryOp::LogicalOr:
    case BinaryOp::LogicalXor:
      return true;
    case BinaryOp::Div: case BinaryOp::Atan2: return is_floating_point(dtype);
    default: return false;
  }
}

// Tensor::data_ptr() for a tensor whose impl is at hand, inlined (the per-op lane below calls it
// three times; as a call through the PLT it cost a tenth of a tiny op).
[[gnu::always_inline]] inline void* first_element(const TensorImpl& t) {
  auto* base = static_cast<char*>(t.storage.data());
  return base ? base + t.storage_offset * static_cast<int64_t>(element_size(t.dtype)) : nullptr;
}

// The per-op path of small-tensor code (`a + b`, `a * b`, `a < b`): two contiguous CPU tensors
// of one dtype and shape into a fresh tensor, with none of try_flat's generality. Undefined when
// it is not that case (nothing done).
Tensor same_layout_pair(BinaryOp op, const Tensor& a, const Tensor& b, const Scalar& alpha) {
  const TensorImpl& x = *a.impl();
  const TensorImpl& y = *b.impl();
  if (x.dtype != y.dtype || !x.storage.device().is_cpu() || !y.storage.device().is_cpu() ||
      x.sizes != y.sizes || !a.is_contiguous() || !b.is_contiguous() || !plain_same_dtype_op(op, x.dtype, alpha)) {
    return Tensor();
  }
  Tensor result = make_contiguous_like(x, spec_of(op).result == ResultKind::Bool ? kBool : x.dtype);
  kernels::cpu::FlatBinary args;  // field by field: a braced initializer zeroed it all first
  args.out = first_element(*result.impl());
  args.x.data = first_element(x);
  args.y.data = first_element(y);
  args.n = x.numel;
  kernels::cpu::binary(op, x.dtype, args, alpha);
  return result;
}

Tensor binary_kernel(BinaryOp op, const Operand& a, const Operand& b, const Scalar& alpha, Tensor* dest) {
  if (Tensor out; special_binary(op, a, b, dest, out)) return out;  // ops/binary_special.h
  const BinarySpec spec = spec_of(op);
  if (Tensor out; try_flat(spec, a, b, alpha, dest, out)) return out;
  const ScalarType common = result_type({a, b});
  // PyTorch broadcasts before its kernels refuse a dtype: a shape error comes first.
  check_bool_subtraction(spec, a, b);
  const Size shape = broadcast_pair(operand_shape(a), operand_shape(b));
  check_operands(spec, b, common, alpha);
  const ScalarType compute =
      spec.result == ResultKind::Float && is_integral(common, true) ? get_default_dtype() : common;
  const ScalarType result = spec.result == ResultKind::Bool ? kBool : compute;
  const Device device = common_device({dest, a.tensor(), b.tensor()});
  // The common case, two tensors of the compute dtype and one shape, skips the conversions.
  if (!dest && a.tensor() && b.tensor() && a.tensor()->dtype() == compute &&
      b.tensor()->dtype() == compute && a.tensor()->sizes() == b.tensor()->sizes() &&
      !(integer_division(op) && is_integral(compute, false))) {
    Tensor out = make_contiguous(a.tensor()->sizes(), result, device);
    kernels::binary(op, out, *a.tensor(), *b.tensor(), alpha);
    return out;
  }
  Tensor x = to_compute(a, compute, shape), y = to_compute(b, compute, shape);
  if (integer_division(op) && is_integral(compute, false)) {
    CTORCH_CHECK(!kernels::any_zero(y), Runtime, "ZeroDivisionError");
  }
  if (!dest) {
    Tensor out = make_contiguous(shape, result, device);
    kernels::binary(op, out, x, y, alpha);
    return out;
  }
  check_destination(*dest, result, shape, a.tensor() && dest->is_same(*a.tensor()));
  write_result(*dest, result, {x, y}, [&](const Tensor& out) { kernels::binary(op, out, x, y, alpha); });
  return *dest;
}

// The arithmetic of an out-of-place op: the lane of two same-layout tensors, else binary_kernel.
Tensor binary_forward(BinaryOp op, const Operand& a, const Operand& b, const Scalar& alpha) {
  if (a.tensor() && b.tensor() && a.tensor()->defined() && b.tensor()->defined()) {
    if (Tensor out = same_layout_pair(op, *a.tensor(), *b.tensor(), alpha); out.defined()) return out;
  }
  return binary_kernel(op, a, b, alpha, nullptr);
}

// The whole path: autograd records around the arithmetic when an operand requires grad.
// floor_divide: `//`, which PyTorch does not differentiate (autograd.md A4.3).
Tensor binary_op(BinaryOp op, const Operand& a, const Operand& b, const Scalar& alpha, Tensor* dest,
                 bool floor_divide = false) {
  if (!dest) {
    if (autograd::should_record(a, b)) {
      Tensor out = autograd::diff::no_grad([&] { return binary_forward(op, a, b, alpha); });
      return autograd::diff::binary(op, a, b, alpha, floor_divide, std::move(out));
    }
    return binary_forward(op, a, b, alpha);
  }
  if (autograd::should_record(*dest, a, b)) {
    if (!a.tensor() || !dest->is_same(*a.tensor())) autograd::fail_out_with_grad(spec_of(op).kernel_name);
    return autograd::apply_inplace(*dest, [&](const Tensor& before) {
      return binary_op(op, before, b, alpha, nullptr, floor_divide);
    });
  }
  return binary_kernel(op, a, b, alpha, dest);
}

BinaryOp div_op(std::optional<std::string_view> mode) {
  if (!mode) return BinaryOp::Div;
  if (*mode == "trunc") return BinaryOp::DivTrunc;
  if (*mode == "floor") return BinaryOp::DivFloor;
  CTORCH_FAIL(Runtime, "div expected rounding_mode to be one of None, 'trunc', or 'floor' but found '",
              *mode, "'");
}

}  // namespace

// ---- functional, out= and in-place forms --------------------------------------------------------
Tensor add(const Operand& a, const Operand& b, const Scalar& alpha) { return binary_op(BinaryOp::Add, a, b, alpha, nullptr); }
Tensor sub(const Operand& a, const Operand& b, const Scalar& alpha) { return binary_op(BinaryOp::Sub, a, b, alpha, nullptr); }
Tensor& add_out(Tensor& out, const Operand& a, const Operand& b, const Scalar& alpha) {
  binary_op(BinaryOp::Add, a, b, alpha, &out);
  return out;
}
Tensor& sub_out(Tensor& out, const Operand& a, const Operand& b, const Scalar& alpha) {
  binary_op(BinaryOp::Sub, a, b, alpha, &out);
  return out;
}
Tensor div(const Operand& a, const Operand& b, std::optional<std::string_view> mode) {
  return binary_op(div_op(mode), a, b, 1, nullptr);
}
Tensor& div_out(Tensor& out, const Operand& a, const Operand& b, std::optional<std::string_view> mode) {
  binary_op(div_op(mode), a, b, 1, &out);
  return out;
}
Tensor Tensor::add(const Operand& other, const Scalar& alpha) const { return ctorch::add(*this, other, alpha); }
Tensor Tensor::sub(const Operand& other, const Scalar& alpha) const { return ctorch::sub(*this, other, alpha); }
Tensor Tensor::div(const Operand& other, std::optional<std::string_view> mode) const { return ctorch::div(*this, other, mode); }
Tensor& Tensor::add_(const Operand& other, const Scalar& alpha) { return add_out(*this, *this, other, alpha); }
Tensor& Tensor::sub_(const Operand& other, const Scalar& alpha) { return sub_out(*this, *this, other, alpha); }
Tensor& Tensor::div_(const Operand& other, std::optional<std::string_view> mode) { return div_out(*this, *this, other, mode); }

#define CTORCH_DEFINE_BINARY(name, OP)                                                         \
  Tensor name(const Operand& a, const Operand& b) { return binary_op(OP, a, b, 1, nullptr); } \
  Tensor& name##_out(Tensor& out, const Operand& a, const Operand& b) {                      \
    binary_op(OP, a, b, 1, &out);                                                            \
    return out;                                                                              \
  }                                                                                          \
  Tensor Tensor::name(const Operand& other) const { return ctorch::name(*this, other); }     \
  Tensor& Tensor::name##_(const Operand& other) { return name##_out(*this, *this, other); }
CTORCH_DEFINE_BINARY(mul, BinaryOp::Mul)
CTORCH_DEFINE_BINARY(remainder, BinaryOp::Remainder)
CTORCH_DEFINE_BINARY(fmod, BinaryOp::Fmod)
CTORCH_DEFINE_BINARY(pow, BinaryOp::Pow)
CTORCH_DEFINE_BINARY(maximum, BinaryOp::Maximum)
CTORCH_DEFINE_BINARY(minimum, BinaryOp::Minimum)
CTORCH_DEFINE_BINARY(atan2, BinaryOp::Atan2)
CTORCH_DEFINE_BINARY(eq, BinaryOp::Eq)
CTORCH_DEFINE_BINARY(ne, BinaryOp::Ne)
CTORCH_DEFINE_BINARY(lt, BinaryOp::Lt)
CTORCH_DEFINE_BINARY(le, BinaryOp::Le)
CTORCH_DEFINE_BINARY(gt, BinaryOp::Gt)
CTORCH_DEFINE_BINARY(ge, BinaryOp::Ge)
CTORCH_DEFINE_BINARY(logical_and, BinaryOp::LogicalAnd)
CTORCH_DEFINE_BINARY(logical_or, BinaryOp::LogicalOr)
CTORCH_DEFINE_BINARY(logical_xor, BinaryOp::LogicalXor)
CTORCH_DEFINE_BINARY(bitwise_and, BinaryOp::BitwiseAnd)
CTORCH_DEFINE_BINARY(bitwise_or, BinaryOp::BitwiseOr)
CTORCH_DEFINE_BINARY(bitwise_xor, BinaryOp::BitwiseXor)
CTORCH_DEFINE_BINARY(bitwise_left_shift, BinaryOp::LeftShift)
CTORCH_DEFINE_BINARY(bitwise_right_shift, BinaryOp::RightShift)
#undef CTORCH_DEFINE_BINARY
Tensor floor_divide(const Operand& a, const Operand& b) {
  return binary_op(BinaryOp::DivFloor, a, b, 1, nullptr, /*floor_divide=*/true);
}
Tensor& floor_divide_out(Tensor& out, const Operand& a, const Operand& b) {
  binary_op(BinaryOp::DivFloor, a, b, 1, &out, /*floor_divide=*/true);
  return out;
}
Tensor Tensor::floor_divide(const Operand& other) const { return ctorch::floor_divide(*this, other); }
Tensor& Tensor::floor_divide_(const Operand& other) { return floor_divide_out(*this, *this, other); }

// ---- operators ------------------------------------------------------------------------------------
#define CTORCH_DEFINE_OPERATOR(op, fn)                                                        \
  Tensor operator op(const Tensor& a, const Tensor& b) { return fn(a, b); }                  \
  Tensor operator op(const Tensor& a, const Scalar& b) { return fn(a, b); }                  \
  Tensor operator op(const Scalar& a, const Tensor& b) { return fn(a, b); }
CTORCH_DEFINE_OPERATOR(+, add)
CTORCH_DEFINE_OPERATOR(-, sub)
CTORCH_DEFINE_OPERATOR(*, mul)
Tensor operator/(const Tensor& a, const Tensor& b) { return div(a, b); }
Tensor operator/(const Tensor& a, const Scalar& b) { return div(a, b); }
// Python's reflected true division (Tensor.__rtruediv__) is reciprocal(b) * a, which can differ
// from a / b in the last bit; the operator follows Python so that `7 / t` means the same.
Tensor operator/(const Scalar& a, const Tensor& b) { return mul(reciprocal(b), a); }
CTORCH_DEFINE_OPERATOR(%, remainder)
CTORCH_DEFINE_OPERATOR(==, eq)
CTORCH_DEFINE_OPERATOR(!=, ne)
CTORCH_DEFINE_OPERATOR(<, lt)
CTORCH_DEFINE_OPERATOR(<=, le)
CTORCH_DEFINE_OPERATOR(>, gt)
CTORCH_DEFINE_OPERATOR(>=, ge)
CTORCH_DEFINE_OPERATOR(&, bitwise_and)
CTORCH_DEFINE_OPERATOR(|, bitwise_or)
CTORCH_DEFINE_OPERATOR(^, bitwise_xor)
CTORCH_DEFINE_OPERATOR(<<, bitwise_left_shift)
CTORCH_DEFINE_OPERATOR(>>, bitwise_right_shift)
#undef CTORCH_DEFINE_OPERATOR

Tensor& operator+=(Tensor& a, const Operand& b) { return a.add_(b); }
Tensor& operator-=(Tensor& a, const Operand& b) { return a.sub_(b); }
Tensor& operator*=(Tensor& a, const Operand& b) { return a.mul_(b); }
Tensor& operator/=(Tensor& a, const Operand& b) { return a.div_(b); }
Tensor& operator%=(Tensor& a, const Operand& b) { return a.remainder_(b); }
Tensor& operator&=(Tensor& a, const Operand& b) { return a.bitwise_and_(b); }
Tensor& operator|=(Tensor& a, const Operand& b) { return a.bitwise_or_(b); }
Tensor& operator^=(Tensor& a, const Operand& b) { return a.bitwise_xor_(b); }

}  // namespace ctorch
