// ctorch/linalg.h: matrix products (semantics.md R11): mm, bmm, matmul, mv, dot, outer, addmm.
//
//   ctorch::matmul(a, b);          // every rank rule of torch.matmul, batch dims broadcast
//   ctorch::mm(a, b);  ctorch::bmm(a, b);  ctorch::mv(m, v);  ctorch::dot(x, y);
//   ctorch::addmm(input, m1, m2, /*beta=*/1, /*alpha=*/1);   // beta * input + alpha * m1 @ m2
//
// No type promotion (outer excepted, which is a broadcasting multiply as in PyTorch): operands
// have one dtype and the result has it. Integers wrap; float16/bfloat16 accumulate in float and
// round once; float32/float64 run on the BLAS. Bool operands are rejected as PyTorch does.
#pragma once

#include "ctorch/scalar.h"
#include "ctorch/tensor.h"

namespace ctorch {

Tensor mm(const Tensor& self, const Tensor& mat2);             // [n, k] @ [k, m]
Tensor bmm(const Tensor& self, const Tensor& mat2);            // [b, n, k] @ [b, k, m]
Tensor matmul(const Tensor& self, const Tensor& other);        // torch.matmul (R11.3)
Tensor mv(const Tensor& self, const Tensor& vec);              // [n, k] @ [k]
Tensor dot(const Tensor& self, const Tensor& other);           // [k] . [k] -> zero-dim
Tensor outer(const Tensor& self, const Tensor& vec2);          // [n] x [m] -> [n, m], promotes
Tensor addmm(const Tensor& input, const Tensor& mat1, const Tensor& mat2,
             const Scalar& beta = 1, const Scalar& alpha = 1);

}  // namespace ctorch
