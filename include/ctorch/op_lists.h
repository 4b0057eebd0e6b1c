// ctorch/op_lists.h: the lists of elementwise op names, from which the free functions
// (elementwise.h) and the Tensor methods (tensor.h) are declared, so the two never drift apart.
#pragma once

// Binary ops with the plain (a, b) signature; add, sub and div take extra arguments.
#define CTORCH_FORALL_BINARY_OPS(_)                                                               \
  _(mul) _(floor_divide) _(remainder) _(fmod) _(pow) _(maximum) _(minimum) _(atan2) _(eq) _(ne) \
  _(lt) _(le) _(gt) _(ge) _(logical_and) _(logical_or) _(logical_xor) _(bitwise_and)             \
  _(bitwise_or) _(bitwise_xor) _(bitwise_left_shift) _(bitwise_right_shift)

// Unary ops with an in-place form.
#define CTORCH_FORALL_UNARY_OPS(_)                                                                 \
  _(abs) _(neg) _(sign) _(square) _(floor) _(ceil) _(round) _(trunc) _(frac) _(reciprocal) _(relu) \
  _(sqrt) _(rsqrt) _(exp) _(exp2) _(expm1) _(log) _(log2) _(log10) _(log1p) _(sin) _(cos) _(tan)  \
  _(asin) _(acos) _(atan) _(sinh) _(cosh) _(tanh) _(sigmoid) _(erf) _(logical_not) _(bitwise_not)

// Unary tests (bool results, no in-place form).
#define CTORCH_FORALL_UNARY_TESTS(_) _(isnan) _(isinf) _(isfinite)
