// Python-style indexing (semantics.md R13.5, R13.6), as torch/csrc/autograd/python_variable_indexing.cpp
// and ATen's TensorIndexing.h apply it: integers, slices, None and Ellipsis give views; index
// tensors and masks (advanced indexing) give copies through ops/advanced_index.
#include <variant>

#include "autograd/diff.h"
#include "core/make.h"
#include "ctorch/factory.h"
#include "ctorch/indexing_ops.h"
#include "ctorch/tensor.h"
#include "ops/advanced_index.h"

namespace ctorch {

TensorIndex::TensorIndex(const Tensor& t) : value_(TensorIndexTensor{std::make_shared<const Tensor>(t)}) {}

namespace {
template <class... Fs>
struct Overloaded : Fs... {
  using Fs::operator()...;
};
template <class... Fs>
Overloaded(Fs...) -> Overloaded<Fs...>;

bool is_mask(ScalarType t) { return t == kBool || t == kUInt8; }

// A 0-dim integer (not bool, not uint8) tensor indexes like an integer.
bool is_integer_tensor_scalar(const Tensor& t) { return t.dim() == 0 && !is_mask(t.dtype()); }

void check_index_dtype(const Tensor& t) {
  const ScalarType d = t.dtype();
  CTORCH_CHECK(d == kInt64 || d == kInt32 || is_mask(d), Index,
               "tensors used as indices must be long, int, byte or bool tensors");
}

// The dims of the input an index consumes.
int64_t consumed(const TensorIndex& idx) {
  if (std::holds_alternative<int64_t>(idx.value()) || std::holds_alternative<Slice>(idx.value()))
    return 1;
  if (!idx.is_tensor()) return 0;
  const Tensor& t = idx.tensor();
  if (is_mask(t.dtype())) return t.dim();  // a 0-dim mask adds a dim, as None does
  return 1;
}

// The basic indexing applied: the view, and the index tensors (int64) placed at its dims.
struct Parsed {
  Tensor view;
  OptionalIndices indices;  // empty when no tensor index
};

Parsed parse(const Tensor& self, const std::vector<TensorIndex>& indices) {
  int64_t consuming = 0, ellipses = 0;
  for (const auto& idx : indices) {
    if (idx.is_tensor()) check_index_dtype(idx.tensor());
    consuming += consumed(idx);
    if (std::holds_alternative<EllipsisType>(idx.value())) ++ellipses;
  }
  CTORCH_CHECK(ellipses <= 1, Index, "an index can only have a single ellipsis ('...')");
  if (self.dim() == 0 && consuming > 0 && std::holds_alternative<int64_t>(indices.front().value())) {
    const int64_t i = std::get<int64_t>(indices.front().value());
    CTORCH_CHECK(i == 0, Index, "index ", i, " is out of bounds for dimension 0 with size 0");
    CTORCH_FAIL(Index, "invalid index of a 0-dim tensor. Use `tensor.item()` in Python or "
                "`tensor.item<T>()` in C++ to convert a 0-dim tensor to a number");
  }
  CTORCH_CHECK(consuming <= self.dim(), Index, "too many indices for tensor of dimension ", self.dim());

  Parsed p;
  Tensor& result = p.view;
  result = self;
  int64_t d = 0;       // the dim of `result` the next index applies to
  int64_t source = 0;  // the same dim counted in `self`, for messages
  auto record = [&](const Tensor& t) {
    if (static_cast<int64_t>(p.indices.size()) < d + 1) p.indices.resize(static_cast<size_t>(d + 1));
    p.indices[static_cast<size_t>(d)] = t.dtype() == kInt64 ? t : t.to(kInt64);
    ++d;
  };
  auto select = [&](int64_t i) {
    const int64_t size = result.sizes()[d];
    CTORCH_CHECK(i >= -size && i < size, Index, "index ", i, " is out of bounds for dimension ",
                 source, " with size ", size);
    result = result.select(d, i);
    ++source;
  };
  for (const auto& idx : indices) {
    std::visit(Overloaded{
                   [&](int64_t i) { select(i); },
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
                   [&](const TensorIndexTensor& held) {
                     const Tensor& t = *held.tensor;
                     if (is_integer_tensor_scalar(t)) {
                       select(t.item<int64_t>());
                     } else if (t.dim() == 0) {  // a 0-dim mask: a new dim, kept or emptied
                       result = result.unsqueeze(d);
                       const bool keep = t.item<bool>();
                       record(keep ? zeros({1}, kInt64) : empty({0}, kInt64));
                     } else if (is_mask(t.dtype())) {
                       for (int64_t j = 0; j < t.dim(); ++j) {
                         CTORCH_CHECK(t.sizes()[j] == result.sizes()[d + j], Index, "The shape of the mask ",
                                      IntArrayRef(t.sizes()), " at index ", j,
                                      " does not match the shape of the indexed tensor ",
                                      IntArrayRef(result.sizes()), " at index ", d + j);
                       }
                       const Tensor nz = nonzero(t.dtype() == kBool ? t : t.to(kBool));
                       for (int64_t j = 0; j < t.dim(); ++j) record(nz.select(1, j));
                       source += t.dim();
                     } else {
                       record(t);
                       ++source;
                     }
                   },
               },
               idx.value());
    consuming -= consumed(idx);
  }
  return p;
}

bool has_tensor(const std::vector<TensorIndex>& indices) {
  for (const auto& idx : indices)
    if (idx.is_tensor()) return true;
  return false;
}

// Python's `t[indices] = value` with a value already of t's dtype.
void put(const Tensor& self, const std::vector<TensorIndex>& indices, const Tensor& value,
         bool accumulate, bool strip_leading_ones) {
  Parsed p = parse(self, indices);
  Tensor source = value;
  if (strip_leading_ones)
    while (source.dim() > 0 && source.sizes()[0] == 1) source = source.squeeze(0);
  // `b[0] = x` with x requiring grad: the view must know its base, even if b does not require grad
  // yet, so that the write reaches b's history (Note [Differentiable views]).
  if (autograd::should_record(source) && !self.requires_grad() && !p.view.is_same(self)) {
    autograd::mark_view(p.view, self, -1, "index");
  }
  if (p.indices.empty()) {
    // Basic indexing only: a view to write into (expand's messages when the value does not fit).
    if (accumulate) {
      Tensor expanded = source.expand(p.view.sizes());
      p.view.copy_(p.view.add(expanded));
    } else {
      p.view.copy_(source.expand(p.view.sizes()));
    }
    return;
  }
  if (autograd::should_record_inplace(p.view, source)) {
    Tensor target = p.view;
    autograd::diff::index_put_(target, p.indices, source, accumulate);
    return;
  }
  p.view.storage().bump_version();  // Note [Version counter]
  advanced_index_put(p.view, p.indices, source, accumulate);
}

}  // namespace

Tensor Tensor::index(std::initializer_list<TensorIndex> indices) const {
  return index(std::vector<TensorIndex>(indices));
}

Tensor Tensor::index(const std::vector<TensorIndex>& indices) const {
  Parsed p = parse(*this, indices);
  if (p.indices.empty()) {
    // x[...] is an alias of x: a new tensor, recorded as AliasBackward0 (autograd.md A2.4).
    if (p.view.is_same(*this) && autograd::should_record(*this)) {
      Tensor alias = autograd::plain_alias(*this);
      autograd::record_view(alias, *this, "AliasBackward0", [](const Tensor& g) { return g; });
      return alias;
    }
    return p.view;
  }
  if (autograd::should_record(p.view)) return autograd::diff::index(p.view, p.indices);
  return advanced_index(p.view, p.indices);
}

Tensor& Tensor::index_put_(std::initializer_list<TensorIndex> indices, const Tensor& value) {
  return index_put_(std::vector<TensorIndex>(indices), value);
}

Tensor& Tensor::index_put_(std::initializer_list<TensorIndex> indices, const Scalar& value) {
  return index_put_(std::vector<TensorIndex>(indices), value);
}

Tensor& Tensor::index_put_(const std::vector<TensorIndex>& indices, const Tensor& value) {
  // Like Python's t[...] = value: the value converts to t's dtype, leading size-1 dims of it are
  // dropped, then it broadcasts to the indexed region.
  put(*this, indices, value.to(dtype()), false, true);
  return *this;
}

Tensor& Tensor::index_put_(const std::vector<TensorIndex>& indices, const Scalar& value) {
  const std::vector<TensorIndex>& list = indices;
  if (!has_tensor(list)) {
    index(list).fill_(value);
    return *this;
  }
  put(*this, list, full({}, value, TensorOptions().dtype(dtype())), false, false);
  return *this;
}

Tensor& Tensor::index_put_(const std::vector<TensorIndex>& indices, const Tensor& value, bool accumulate) {
  // ATen's index_put_: same dtypes required, no dims dropped.
  CTORCH_CHECK(value.dtype() == dtype(), Runtime,
               "Index put requires the source and destination dtypes match, got ", legacy_name(dtype()),
               " for the destination and ", legacy_name(value.dtype()), " for the source.");
  put(*this, indices, value, accumulate, false);
  return *this;
}

Tensor& Tensor::index_put_(std::initializer_list<TensorIndex> indices, const Tensor& value, bool accumulate) {
  return index_put_(std::vector<TensorIndex>(indices), value, accumulate);
}

}  // namespace ctorch
