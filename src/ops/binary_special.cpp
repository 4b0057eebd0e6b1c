// PyTorch's special paths of pow, mul and div (see ops/binary_special.h). Each computes through
// public ops, which run without recording: binary_kernel is called either with no operand
// requiring grad or inside the recording op's no-grad forward.
#include "ops/binary_special.h"

#include "ctorch/elementwise.h"
#include "ctorch/half.h"
#include "ctorch/ops.h"

namespace ctorch {

namespace {

using kernels::cpu::BinaryOp;

bool is_reduced(ScalarType t) { return t == kFloat16 || t == kBFloat16; }

// A bool tensor to a bool power stays bool: PyTorch fills 1 for the exponent False and copies for
// True (pow_Tensor_Scalar_out) without a pow kernel, which is x | !e.
std::optional<Tensor> bool_pow(const Tensor& x, const Scalar& e) {
  if (x.dtype() != kBool || !e.is_boolean()) return std::nullopt;
  return bitwise_or(x, Scalar(!e.to<bool>()));
}

// pow with a number exponent, as PyTorch's CPU kernel computes it (native/cpu/PowKernel.cpp):
// float32, float64 and bfloat16 take sqrt for 0.5, rsqrt for -0.5 and reciprocal for -1 (so
// (-0.0) ** 0.5 is -0.0, and 2 ** -0.5 is 1 / sqrt(2)), x * x * x for 3 and 1 / (x * x) for -2,
// each step rounded to the dtype; float16 rounds the exponent to float16 first.
std::optional<Tensor> pow_number(const Tensor& x, const Scalar& e) {
  if (e.is_boolean() || !x.is_floating_point()) return std::nullopt;
  const ScalarType dtype = x.dtype();
  const double p = e.to<double>();
  if (dtype == kFloat16) {
    const double rounded = static_cast<double>(static_cast<float>(Half(static_cast<float>(p))));
    if (rounded == p) return std::nullopt;
    return ctorch::pow(x, Scalar(rounded));
  }
  if (p == 0.5) return ctorch::sqrt(x);
  if (p == -0.5) return ctorch::rsqrt(x);
  if (p == -1.0) return ctorch::reciprocal(x);
  if (p == 3.0) return ctorch::mul(ctorch::mul(x, x), x);  // (x * x) * x, each rounded
  if (p == -2.0) return ctorch::reciprocal(ctorch::mul(x, x));
  return std::nullopt;
}

// float16/bfloat16 times or over a number, or over a 0-dim CPU tensor (which PyTorch reads as a
// number): PyTorch takes the number in float as given, without rounding it to the tensor's dtype
// first (the reduced-float scalar path of its mul and true-div kernels), and rounds the result
// once.
std::optional<Tensor> reduced_times_number(BinaryOp op, const Tensor& x, const Operand& b) {
  if (!is_reduced(x.dtype())) return std::nullopt;
  const Tensor* bt = b.tensor();
  if (bt && (bt->dim() != 0 || !bt->is_cpu() || bt->dtype() == x.dtype())) return std::nullopt;
  if (result_type({x, b}) != x.dtype()) return std::nullopt;
  const float number = bt ? static_cast<float>(bt->item<double>()) : b.scalar().to<float>();
  const Tensor wide = x.to(kFloat32);
  return (op == BinaryOp::Mul ? ctorch::mul(wide, Scalar(number)) : ctorch::div(wide, Scalar(number))).to(x.dtype());
}

}  // namespace

bool special_binary(BinaryOp op, const Operand& a, const Operand& b, Tensor* dest, Tensor& out) {
  std::optional<Tensor> result;
  if (op == BinaryOp::Mul && !a.tensor() && b.tensor()) {  // 2.5 * t is t * 2.5, as in Python
    return special_binary(op, b, a, dest, out);
  }
  if (!a.tensor()) return false;
  const Tensor& x = *a.tensor();
  if (op == BinaryOp::Pow && !b.tensor()) {
    result = bool_pow(x, b.scalar());
    if (!result) result = pow_number(x, b.scalar());
  } else if (op == BinaryOp::Mul || op == BinaryOp::Div) {
    result = reduced_times_number(op, x, b);
  }
  if (!result) return false;
  if (!dest) {
    out = *std::move(result);
    return true;
  }
  if (!dest->is_same(x) || dest->dtype() != result->dtype()) return false;
  dest->copy_(*result);
  out = *dest;
  return true;
}

}  // namespace ctorch
