// result_type over the three operand categories (semantics.md R4) and broadcasting (R12);
// PyTorch's ResultTypeState (aten/src/ATen/native/TypeProperties.cpp) and infer_size.
#include <algorithm>
#include <optional>

#include "ctorch/ops.h"
#include "ops/broadcast.h"

namespace ctorch {

namespace {

using MaybeDtype = std::optional<ScalarType>;

MaybeDtype promote(MaybeDtype a, ScalarType b) { return a ? promote_types(*a, b) : b; }

// combine(higher, lower) of R4.2 (no complex dtypes in this library).
MaybeDtype combine(MaybeDtype higher, MaybeDtype lower) {
  if (!higher) return lower;
  if (!lower) return higher;
  if (is_floating_point(*higher)) return higher;
  if (*higher == kBool || is_floating_point(*lower)) return promote_types(*higher, *lower);
  return higher;
}

struct Categories {
  MaybeDtype dimensioned, zero_dim, wrapped;
  ScalarType result() const {
    return combine(dimensioned, combine(zero_dim, wrapped)).value_or(get_default_dtype());
  }
};

void add(Categories& c, const Tensor& t) {
  auto& slot = t.dim() > 0 ? c.dimensioned : c.zero_dim;
  slot = promote(slot, t.dtype());
}

template <typename Operands>
ScalarType result_type_of(const Operands& operands) {
  Categories c;
  for (const auto& op : operands) {
    if (op.tensor()) add(c, *op.tensor());
    else c.wrapped = promote(c.wrapped, op.scalar().dtype());
  }
  return c.result();
}

}  // namespace

ScalarType result_type(std::initializer_list<Operand> operands) { return result_type_of(operands); }
ScalarType result_type(const std::vector<Operand>& operands) { return result_type_of(operands); }

ScalarType result_type(const std::vector<Tensor>& tensors) {
  Categories c;
  for (const auto& t : tensors) add(c, t);
  return c.result();
}

Size broadcast_pair(IntArrayRef a, IntArrayRef b) {
  const size_t ndim = std::max(a.size(), b.size());
  Size result(ndim);
  // Walk from the last dim: R12.2 reports the first failure from the end.
  for (size_t i = 0; i < ndim; ++i) {
    const int64_t da = i < a.size() ? a[a.size() - 1 - i] : 1;
    const int64_t db = i < b.size() ? b[b.size() - 1 - i] : 1;
    CTORCH_CHECK(da == db || da == 1 || db == 1, Runtime, "The size of tensor a (", da,
                 ") must match the size of tensor b (", db, ") at non-singleton dimension ",
                 ndim - 1 - i);
    result[ndim - 1 - i] = da == 1 ? db : da;
  }
  return result;
}

// torch.broadcast_shapes (PyTorch 2.x: torch/_refs/__init__.py, _broadcast_shapes): the shapes in
// turn against a running result of the longest length, which the messages show as it was when a
// shape failed to fit.
Size broadcast_shapes(const std::vector<Size>& shapes) {
  size_t ndim = 0;
  for (const Size& shape : shapes) ndim = std::max(ndim, shape.size());
  Size result(ndim, 1);
  for (size_t arg = 0; arg < shapes.size(); ++arg) {
    const Size& shape = shapes[arg];
    for (size_t back = 1; back <= shape.size(); ++back) {
      const int64_t length = shape[shape.size() - back];
      int64_t& common = result[ndim - back];
      if (length == common) continue;
      if (common == 1) {
        CTORCH_CHECK(length >= 0, Value, "Attempting to broadcast a dimension with negative length!");
        common = length;
      }
      CTORCH_CHECK(length == 1 || length == common, Runtime, "Attempting to broadcast a dimension of length ",
                   length, " at -", back, "! Mismatching argument at index ", arg, " had ",
                   tuple_str(shape), "; but expected shape should be broadcastable to ", IntArrayRef(result));
    }
  }
  return result;
}

}  // namespace ctorch
