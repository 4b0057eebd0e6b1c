// ctorch::tensor(data): a tensor from a number or nested list (semantics.md R2), like
// torch/csrc/utils/tensor_new.cpp does for Python lists.
#include <algorithm>

#include "core/make.h"
#include "ctorch/dispatch.h"
#include "ctorch/factory.h"

namespace ctorch {

namespace {

// The shape is read off the first element at each depth; everything else must agree.
Size infer_shape(const NestedList& data) {
  Size shape;
  const NestedList* node = &data;
  while (!node->is_scalar()) {
    shape.push_back(static_cast<int64_t>(node->items().size()));
    if (node->items().empty()) break;
    node = &node->items().front();
  }
  return shape;
}

// Checks raggedness and collects the leaves in row-major order.
void collect_leaves(const NestedList& node, const Size& shape, size_t depth,
                    std::vector<const Scalar*>& leaves) {
  if (depth == shape.size()) {
    CTORCH_CHECK(node.is_scalar(), Type, "expected a number at dim ", depth,
                 " but got a sequence");
    leaves.push_back(&node.scalar());
    return;
  }
  CTORCH_CHECK(!node.is_scalar(), Type, "not a sequence");
  const auto length = static_cast<int64_t>(node.items().size());
  CTORCH_CHECK(length == shape[depth], Value, "expected sequence of length ", shape[depth],
               " at dim ", depth, " (got ", length, ")");
  for (const auto& item : node.items()) collect_leaves(item, shape, depth + 1, leaves);
}

// The leaf itself, whether the list holds it or a pointer to it.
const Scalar& leaf(const Scalar& s) { return s; }
const Scalar& leaf(const Scalar* s) { return *s; }

// R2.1: the highest kind among the leaves (bool < int < float), not promote_types.
template <typename Leaf>
ScalarType infer_dtype(const std::vector<Leaf>& leaves) {
  bool any_int = false, any_float = false;
  for (const Leaf& s : leaves) {
    any_float |= leaf(s).is_floating_point();
    any_int |= leaf(s).is_integral();
  }
  if (any_float) return get_default_dtype();
  if (any_int) return kInt64;
  return leaves.empty() ? get_default_dtype() : kBool;
}

template <typename Leaf>
Tensor from_leaves(IntArrayRef shape, const std::vector<Leaf>& leaves, const TensorOptions& options) {
  const ScalarType dtype = options.dtype() ? *options.dtype() : infer_dtype(leaves);
  for (const Leaf& s : leaves) {
    CTORCH_CHECK(scalar_fits(leaf(s), dtype, /*check_floats=*/false), Runtime,
                 "value cannot be converted to type ", dtype_name(dtype), " without overflow");
  }
  Tensor t = make_contiguous(shape, dtype, Device(kCPU));
  dispatch(dtype, [&]<typename T>() {
    T* out = static_cast<T*>(t.data_ptr());
    for (size_t i = 0; i < leaves.size(); ++i) out[i] = leaf(leaves[i]).template to<T>();
  });
  if (!options.device_or_cpu().is_cpu()) t = t.to(options.device_or_cpu());  // written on the host
  apply_requires_grad_option(t, options);
  return t;
}

}  // namespace

Tensor tensor(const NestedList& data, const TensorOptions& options) {
  const Size shape = infer_shape(data);
  std::vector<const Scalar*> leaves;
  leaves.reserve(static_cast<size_t>(std::max<int64_t>(shape.numel(), 0)));
  collect_leaves(data, shape, 0, leaves);
  return from_leaves(shape, leaves, options);
}

Tensor tensor_from_leaves(IntArrayRef shape, const std::vector<Scalar>& leaves,
                          const TensorOptions& options) {
  int64_t numel = 1;
  for (int64_t s : shape) numel *= s;
  CTORCH_CHECK(numel == static_cast<int64_t>(leaves.size()), Runtime, "tensor_from_leaves: shape ",
               shape, " holds ", numel, " elements but ", leaves.size(), " leaves were given");
  return from_leaves(shape, leaves, options);
}

}  // namespace ctorch
