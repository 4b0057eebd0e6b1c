// PyTorch's own paths for a few binary ops, which give other bits (or another dtype) than the
// general elementwise kernel would: pow of a bool tensor to a bool, pow with the exponents its CPU
// kernel special-cases, and float16/bfloat16 times or over a number (ops/binary_special.cpp).
#pragma once

#include "ctorch/operand.h"
#include "ctorch/tensor.h"
#include "kernels/cpu/elementwise_ops.h"

namespace ctorch {

// When (op, a, b) takes one of those paths: true, with the result in `out`. `dest` is the in-place
// or out= destination, or null; a path taken with one writes into it (only in place, into a of
// the result's dtype; otherwise the general path runs). Checks are the general path's: every
// case here is one it would accept.
bool special_binary(kernels::cpu::BinaryOp op, const Operand& a, const Operand& b, Tensor* dest, Tensor& out);

}  // namespace ctorch
