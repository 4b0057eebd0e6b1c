// ctorch/elementwise.h: elementwise math with PyTorch's broadcasting, type promotion and errors
// (semantics.md R5-R7, R9, R12).
//
//   auto c = a + b;   auto d = 2.0 * a;   a += 1;   auto m = a > 0;
//   ctorch::div(a, b, "floor");   ctorch::where(m, a, 0);   ctorch::clamp(a, 0, 1);
//   ctorch::add_out(out, a, b);   // writes into `out` (its dtype must be castable, R9.1)
//
// In-place forms are Tensor methods (t.add_(u)); every op also has a free-function form.
#pragma once

#include <optional>
#include <string_view>

#include "ctorch/op_lists.h"
#include "ctorch/operand.h"
#include "ctorch/tensor.h"

namespace ctorch {

// ---- binary ------------------------------------------------------------------------------------
#define CTORCH_DECLARE_BINARY(name)                              \
  Tensor name(const Operand& a, const Operand& b);               \
  Tensor& name##_out(Tensor& out, const Operand& a, const Operand& b);
CTORCH_FORALL_BINARY_OPS(CTORCH_DECLARE_BINARY)
#undef CTORCH_DECLARE_BINARY

Tensor add(const Operand& a, const Operand& b, const Scalar& alpha = 1);
Tensor sub(const Operand& a, const Operand& b, const Scalar& alpha = 1);
Tensor& add_out(Tensor& out, const Operand& a, const Operand& b, const Scalar& alpha = 1);
Tensor& sub_out(Tensor& out, const Operand& a, const Operand& b, const Scalar& alpha = 1);
// rounding_mode: none (true division), "trunc" or "floor".
Tensor div(const Operand& a, const Operand& b, std::optional<std::string_view> rounding_mode = std::nullopt);
Tensor& div_out(Tensor& out, const Operand& a, const Operand& b,
                std::optional<std::string_view> rounding_mode = std::nullopt);

// ---- unary --------------------------------------------------------------------------------------
#define CTORCH_DECLARE_UNARY(name) Tensor name(const Tensor& a);
CTORCH_FORALL_UNARY_OPS(CTORCH_DECLARE_UNARY)
CTORCH_FORALL_UNARY_TESTS(CTORCH_DECLARE_UNARY)
#undef CTORCH_DECLARE_UNARY

// ---- selection ----------------------------------------------------------------------------------
Tensor where(const Tensor& condition, const Operand& a, const Operand& b);
Tensor clamp(const Tensor& a, std::optional<Scalar> min, std::optional<Scalar> max = std::nullopt);
// Tensor bounds broadcast with `a`; the result dtype promotes over all three.
Tensor clamp(const Tensor& a, const std::optional<Tensor>& min, const std::optional<Tensor>& max = std::nullopt);
Tensor clamp_min(const Tensor& a, const Scalar& min);
Tensor clamp_max(const Tensor& a, const Scalar& max);
Tensor clamp_min(const Tensor& a, const Tensor& min);
Tensor clamp_max(const Tensor& a, const Tensor& max);
Tensor masked_fill(const Tensor& a, const Tensor& mask, const Scalar& value);
Tensor masked_fill(const Tensor& a, const Tensor& mask, const Tensor& value);  // value: 0-dim
// round(x * 10^d) / 10^d (negative d: round(x / 10^-d) * 10^-d), as torch.round(decimals=d).
Tensor round(const Tensor& a, int64_t decimals);

// ---- operators ----------------------------------------------------------------------------------
#define CTORCH_DECLARE_OPERATOR(op)                              \
  Tensor operator op(const Tensor& a, const Tensor& b);          \
  Tensor operator op(const Tensor& a, const Scalar& b);          \
  Tensor operator op(const Scalar& a, const Tensor& b);
CTORCH_DECLARE_OPERATOR(+)
CTORCH_DECLARE_OPERATOR(-)
CTORCH_DECLARE_OPERATOR(*)
CTORCH_DECLARE_OPERATOR(/)
CTORCH_DECLARE_OPERATOR(%)
CTORCH_DECLARE_OPERATOR(==)
CTORCH_DECLARE_OPERATOR(!=)
CTORCH_DECLARE_OPERATOR(<)
CTORCH_DECLARE_OPERATOR(<=)
CTORCH_DECLARE_OPERATOR(>)
CTORCH_DECLARE_OPERATOR(>=)
CTORCH_DECLARE_OPERATOR(&)
CTORCH_DECLARE_OPERATOR(|)
CTORCH_DECLARE_OPERATOR(^)
CTORCH_DECLARE_OPERATOR(<<)
CTORCH_DECLARE_OPERATOR(>>)
#undef CTORCH_DECLARE_OPERATOR
Tensor operator-(const Tensor& a);
Tensor operator~(const Tensor& a);
Tensor& operator+=(Tensor& a, const Operand& b);
Tensor& operator-=(Tensor& a, const Operand& b);
Tensor& operator*=(Tensor& a, const Operand& b);
Tensor& operator/=(Tensor& a, const Operand& b);
Tensor& operator%=(Tensor& a, const Operand& b);
Tensor& operator&=(Tensor& a, const Operand& b);
Tensor& operator|=(Tensor& a, const Operand& b);
Tensor& operator^=(Tensor& a, const Operand& b);

}  // namespace ctorch

namespace ctorch {

// ---- whole-tensor comparison (R16) ----------------------------------------------------------------
// Same sizes and equal elements after promotion (NaN != NaN).
bool equal(const Tensor& a, const Tensor& b);
// |a - b| <= atol + rtol * |b| elementwise, or a == b; both must have the same dtype.
Tensor isclose(const Tensor& a, const Tensor& b, double rtol = 1e-05, double atol = 1e-08,
               bool equal_nan = false);
bool allclose(const Tensor& a, const Tensor& b, double rtol = 1e-05, double atol = 1e-08,
              bool equal_nan = false);

}  // namespace ctorch
