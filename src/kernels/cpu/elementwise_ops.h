// The elementwise operations ops can ask a kernel for. Kernels receive their inputs already
// converted to the compute dtype and expanded to the output's shape (ops decide, kernels compute).
#pragma once

#include <cstdint>

#include "ctorch/tensor.h"

namespace ctorch::kernels::cpu {

enum class BinaryOp : uint8_t {
  Add, Sub, Mul, Div, DivTrunc, DivFloor, Remainder, Fmod, Pow, Maximum, Minimum, Atan2,
  Eq, Ne, Lt, Le, Gt, Ge, LogicalAnd, LogicalOr, LogicalXor,
  BitwiseAnd, BitwiseOr, BitwiseXor, LeftShift, RightShift,
};

enum class UnaryOp : uint8_t {
  Abs, Neg, Sign, Floor, Ceil, Round, Trunc, Frac, Reciprocal, Relu,
  Sqrt, Rsqrt, Exp, Exp2, Expm1, Log, Log2, Log10, Log1p, Sin, Cos, Tan, Asin, Acos, Atan,
  Sinh, Cosh, Tanh, Sigmoid, Erf, IsNan, IsInf, IsFinite, LogicalNot, BitwiseNot,
};

// out = a (op) b, with `alpha` scaling b for Add/Sub. `out` has the compute dtype of a and b, or
// bool for comparisons and logical ops.
void binary(BinaryOp op, const Tensor& out, const Tensor& a, const Tensor& b, const Scalar& alpha);

// The flat form of a binary op, for the common case without strides or broadcasting: n
// contiguous values per operand in the compute dtype, except that one input may be a number, read
// n times. Small ops then skip the strided walk and the views it needs.
struct FlatInput {
  const void* data = nullptr;      // n values
  const Scalar* number = nullptr;  // instead of data: a number, converted by the kernel
};
struct FlatBinary {
  void* out;  // n values of the compute dtype, or bool for comparisons
  FlatInput x, y;
  int64_t n;
};
void binary(BinaryOp op, ScalarType compute, const FlatBinary& args, const Scalar& alpha);

// out = op(a); `out` has a's dtype, or bool for IsNan/IsInf/IsFinite/LogicalNot.
void unary(UnaryOp op, const Tensor& out, const Tensor& a);

// out = cond ? a : b (a, b in out's dtype, cond bool).
void where(const Tensor& out, const Tensor& cond, const Tensor& a, const Tensor& b);

// Does `t` (integral) hold a zero? (integer division checks this before writing anything)
bool any_zero(const Tensor& t);

}  // namespace ctorch::kernels::cpu
