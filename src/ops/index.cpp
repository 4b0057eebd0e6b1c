// Python-style basic indexing: integers, slices, None and Ellipsis (semantics.md R13.5, R13.6),
// as torch/csrc/autograd/python_variable_indexing.cpp applies them. Every result is a view.
#include <variant>

#include "ctorch/tensor.h"

namespace ctorch {

namespace {
template <class... Fs>
struct Overloaded : Fs... {
  using Fs::operator()...;
};
template <class... Fs>
Overloaded(Fs...) -> Overloaded<Fs...>;
}  // namespace

Tensor Tensor::index(std::initializer_list<TensorIndex> indices) const {
  return index(std::vector<TensorIndex>(indices));
}

Tensor Tensor::index(const std::vector<TensorIndex>& indices) const {
  // Indices that consume a dim of the input: integers and slices.
  int64_t consuming = 0, ellipses = 0;
  for (const auto& idx : indices) {
    if (std::holds_alternative<int64_t>(idx.value()) || std::holds_alternative<Slice>(idx.value()))
      ++consuming;
    if (std::holds_alternative<EllipsisType>(idx.value())) ++ellipses;
  }
  CTORCH_CHECK(ellipses <= 1, Index, "an index can only have a single ellipsis ('...')");
  if (dim() == 0 && consuming > 0 && std::holds_alternative<int64_t>(indices.front().value())) {
    const int64_t i = std::get<int64_t>(indices.front().value());
    CTORCH_CHECK(i == 0, Index, "index ", i, " is out of bounds for dimension 0 with size 0");
    CTORCH_FAIL(Index, "invalid index of a 0-dim tensor. Use `tensor.item()` in Python or "
                "`tensor.item<T>()` in C++ to convert a 0-dim tensor to a number");
  }
  CTORCH_CHECK(consuming <= dim(), Index, "too many indices for tensor of dimension ", dim());

  Tensor result = *this;
  int64_t d = 0;       // the dim of `result` the next index applies to
  int64_t source = 0;  // the same dim counted in `*this`, for messages
  for (const auto& idx : indices) {
    std::visit(Overloaded{
                   [&](int64_t i) {
                     const int64_t size = result.sizes()[d];
                     CTORCH_CHECK(i >= -size && i < size, Index, "index ", i,
                                  " is out of bounds for dimension ", source, " with size ", size);
                     result = result.select(d, i);
                     ++source;
                   },
                   [&](const Slice& s) {
                     CTORCH_CHECK(s.step.value_or(1) != 0, Value, "slice step cannot be zero");
                     result = result.slice(d, s.start, s.stop, s.step.value_or(1));
                     ++d;
                     ++source;
                   },
                   [&](NoneType) {
                     result = result.unsqueeze(d);
                     ++d;
                   },
                   // Ellipsis covers the dims the remaining consuming indices leave.
                   [&](EllipsisType) {
                     const int64_t covered = result.dim() - consuming - d;
                     d += covered;
                     source += covered;
                   },
               },
               idx.value());
    if (std::holds_alternative<int64_t>(idx.value()) || std::holds_alternative<Slice>(idx.value()))
      --consuming;
  }
  return result;
}

Tensor& Tensor::index_put_(std::initializer_list<TensorIndex> indices, const Tensor& value) {
  // Like Python's t[...] = value: leading size-1 dims of the value are dropped, then it is
  // expanded (with expand's messages) to the indexed region.
  Tensor target = index(indices);
  Tensor source = value;
  while (source.dim() > 0 && source.sizes()[0] == 1) source = source.squeeze(0);
  target.copy_(source.expand(target.sizes()));
  return *this;
}

Tensor& Tensor::index_put_(std::initializer_list<TensorIndex> indices, const Scalar& value) {
  index(indices).fill_(value);
  return *this;
}

}  // namespace ctorch
