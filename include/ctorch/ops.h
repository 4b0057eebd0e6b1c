// ctorch/ops.h: operations as free functions (the Tensor methods call these), joins, and the
// dtype rules that take tensors.
//
//   ctorch::stack({a, b});   ctorch::cat({a, b}, 1);   ctorch::result_type(t, 2.5);
#pragma once

#include <vector>

#include "ctorch/operand.h"
#include "ctorch/tensor.h"

namespace ctorch {

// ---- dtype rules with tensors (semantics.md R4) ----------------------------------------------
ScalarType result_type(std::initializer_list<Operand> operands);
ScalarType result_type(const std::vector<Operand>& operands);
ScalarType result_type(const std::vector<Tensor>& tensors);
inline ScalarType result_type(const Operand& a, const Operand& b) { return result_type({a, b}); }

// ---- broadcasting (R12) ------------------------------------------------------------------------
Size broadcast_shapes(const std::vector<Size>& shapes);

// ---- joins (R14) -------------------------------------------------------------------------------
Tensor cat(const std::vector<Tensor>& tensors, int64_t dim = 0);
Tensor stack(const std::vector<Tensor>& tensors, int64_t dim = 0);
Tensor vstack(const std::vector<Tensor>& tensors);
Tensor hstack(const std::vector<Tensor>& tensors);

// ---- free-function spellings of the Tensor methods -------------------------------------------
inline Tensor reshape(const Tensor& t, IntArrayRef shape) { return t.reshape(shape); }
inline Tensor transpose(const Tensor& t, int64_t d0, int64_t d1) { return t.transpose(d0, d1); }
inline Tensor permute(const Tensor& t, IntArrayRef dims) { return t.permute(dims); }
inline Tensor squeeze(const Tensor& t) { return t.squeeze(); }
inline Tensor unsqueeze(const Tensor& t, int64_t d) { return t.unsqueeze(d); }
inline Tensor flatten(const Tensor& t, int64_t s = 0, int64_t e = -1) { return t.flatten(s, e); }
inline Tensor narrow(const Tensor& t, int64_t d, int64_t s, int64_t l) { return t.narrow(d, s, l); }
inline Tensor select(const Tensor& t, int64_t d, int64_t i) { return t.select(d, i); }
inline Tensor broadcast_to(const Tensor& t, IntArrayRef s) { return t.broadcast_to(s); }
inline Tensor diagonal(const Tensor& t, int64_t o = 0, int64_t d1 = 0, int64_t d2 = 1) {
  return t.diagonal(o, d1, d2);
}
inline std::vector<Tensor> unbind(const Tensor& t, int64_t d = 0) { return t.unbind(d); }
inline std::vector<Tensor> chunk(const Tensor& t, int64_t n, int64_t d = 0) { return t.chunk(n, d); }
inline Tensor clone(const Tensor& t) { return t.clone(); }

}  // namespace ctorch
