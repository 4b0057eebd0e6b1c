// View ops: new sizes/strides/offset over the same storage (Note [Views share storage]).
// Rules and messages: semantics.md R13, R14.4; PyTorch's TensorShape.cpp and
// TensorUtils.cpp (computeStride, inferExpandGeometry) behave the same way.
#include <algorithm>
#include <numeric>
#include <optional>

#include "autograd/diff.h"
#include "core/make.h"
#include "core/wrap_dim.h"
#include "ctorch/factory.h"
#include "ctorch/ops.h"
#include "ops/internal_ops.h"

namespace ctorch {

namespace {

std::vector<int64_t> strides_of(const Tensor& t) { return t.strides().vec(); }

// Resolves a single -1 and checks the element count (R13.9's shape checks).
Size infer_size(IntArrayRef shape, int64_t numel) {
  Size result(shape);
  std::optional<size_t> infer_dim;
  int64_t known = 1;
  for (size_t d = 0; d < shape.size(); ++d) {
    if (shape[d] == -1) {
      CTORCH_CHECK(!infer_dim, Runtime, "only one dimension can be inferred");
      infer_dim = d;
    } else {
      CTORCH_CHECK(shape[d] >= 0, Runtime, "invalid shape dimension ", shape[d], " at index ", d,
                   " of shape ", shape);
      CTORCH_CHECK(!__builtin_mul_overflow(known, shape[d], &known), Runtime, "shape '", shape,
                   "' is invalid for input of size ", numel);
    }
  }
  const bool matches = numel == known || (infer_dim && known > 0 && numel % known == 0);
  CTORCH_CHECK(matches, Runtime, "shape '", shape, "' is invalid for input of size ", numel);
  if (infer_dim) {
    CTORCH_CHECK(known != 0, Runtime, "cannot reshape tensor of 0 elements into shape ", shape,
                 " because the unspecified dimension size -1 can be any value and is ambiguous");
    result[*infer_dim] = numel / known;
  }
  return result;
}

// The strides that let `new_sizes` view memory laid out as (old_sizes, old_strides), if any
// (the chunk algorithm of R13.9).
std::optional<std::vector<int64_t>> view_strides(IntArrayRef old_sizes, IntArrayRef old_strides,
                                                 IntArrayRef new_sizes) {
  const size_t new_ndim = new_sizes.size();
  if (old_sizes.empty()) return std::vector<int64_t>(new_ndim, 1);
  const int64_t numel = std::accumulate(old_sizes.begin(), old_sizes.end(), int64_t{1},
                                        std::multiplies<>());
  if (numel == 0) {
    if (old_sizes == new_sizes) return old_strides.vec();
    return contiguous_strides(new_sizes);
  }
  std::vector<int64_t> strides(new_ndim);
  int64_t view_d = static_cast<int64_t>(new_ndim) - 1;
  int64_t chunk_base_stride = old_strides[old_sizes.size() - 1];
  int64_t tensor_numel = 1, view_numel = 1;
  for (int64_t tensor_d = static_cast<int64_t>(old_sizes.size()) - 1; tensor_d >= 0; --tensor_d) {
    tensor_numel *= old_sizes[tensor_d];
    // A chunk ends where the next-outer old dim is not contiguous with this one.
    const bool chunk_ends = tensor_d == 0 || (old_sizes[tensor_d - 1] != 1 &&
                                              old_strides[tensor_d - 1] != tensor_numel * chunk_base_stride);
    if (!chunk_ends) continue;
    while (view_d >= 0 && (view_numel < tensor_numel || new_sizes[view_d] == 1)) {
      strides[view_d] = view_numel * chunk_base_stride;
      view_numel *= new_sizes[view_d];
      --view_d;
    }
    if (view_numel != tensor_numel) return std::nullopt;
    if (tensor_d > 0) {
      chunk_base_stride = old_strides[tensor_d - 1];
      tensor_numel = 1;
      view_numel = 1;
    }
  }
  if (view_d != -1) return std::nullopt;
  return strides;
}

// Under autograd `out`, a view of `self`, records node `name` whose backward is
// `backward(g)` (autograd.md A3.8) and becomes a differentiable view.
template <typename F>
Tensor recorded(Tensor out, const Tensor& self, const char* name, F backward) {
  if (autograd::should_record(self)) autograd::record_view(out, self, name, std::move(backward));
  return out;
}

// A view op built from other view ops: computed with grad mode off, recorded as one node.
template <typename Compute, typename F>
Tensor composite_view(const Tensor& self, const char* name, Compute compute, F backward) {
  if (!autograd::should_record(self)) return compute();
  return recorded(autograd::diff::no_grad(compute), self, name, std::move(backward));
}

// Gives self the geometry of v (a view of the same storage): the in-place view ops.
void assign_geometry(const Tensor& self, const Tensor& v) {
  TensorImpl& me = *self.impl();
  me.sizes = v.sizes();
  me.strides = v.impl()->strides;
  me.storage_offset = v.storage_offset();
  me.numel = v.numel();
}

}  // namespace

Tensor unsafe_view(const Tensor& self, IntArrayRef shape) {
  if (!autograd::should_record(self)) return self.view(shape);
  Tensor out = autograd::diff::no_grad([&] { return self.view(shape); });
  autograd::record("UnsafeViewBackward0", {&self}, {&out}, {},
                   [s = self.sizes()](autograd::Ctx& c) { return autograd::grads{c.grad().reshape(s)}; });
  return out;
}

Tensor Tensor::view(IntArrayRef shape) const {
  Size sizes = infer_size(shape, numel());
  auto strides = view_strides(this->sizes(), this->strides(), sizes);
  CTORCH_CHECK(strides, Runtime,
               "view size is not compatible with input tensor's size and stride (at least one "
               "dimension spans across two contiguous subspaces). Use .reshape(...) instead.");
  return recorded(make_view(*this, std::move(sizes), std::move(*strides), storage_offset()), *this,
                  "ViewBackward0", [s = this->sizes()](const Tensor& g) { return g.reshape(s); });
}

Tensor Tensor::reshape(IntArrayRef shape) const {
  Size sizes = infer_size(shape, numel());
  if (auto strides = view_strides(this->sizes(), this->strides(), sizes)) {
    // 2.x: a contiguous input is viewed (ViewBackward0); otherwise _reshape_alias (A2.4).
    return recorded(make_view(*this, std::move(sizes), std::move(*strides), storage_offset()), *this,
                    is_contiguous() ? "ViewBackward0" : "ReshapeAliasBackward0",
                    [s = this->sizes()](const Tensor& g) { return g.reshape(s); });
  }
  return unsafe_view(clone(), sizes);
}

Tensor Tensor::transpose(int64_t dim0, int64_t dim1) const {
  dim0 = wrap_dim(dim0, dim());
  dim1 = wrap_dim(dim1, dim());
  Size sizes = this->sizes();
  auto strides = strides_of(*this);
  if (dim() > 0) {
    std::swap(sizes[dim0], sizes[dim1]);
    std::swap(strides[dim0], strides[dim1]);
  }
  return recorded(make_view(*this, std::move(sizes), std::move(strides), storage_offset()), *this,
                  "TransposeBackward0", [dim0, dim1](const Tensor& g) { return g.transpose(dim0, dim1); });
}

Tensor Tensor::t() const {
  CTORCH_CHECK(dim() <= 2, Runtime, "t() expects a tensor with <= 2 dimensions, but self is ",
               dim(), "D");
  return composite_view(
      *this, "TBackward0", [&] { return dim() < 2 ? transpose(0, 0) : transpose(0, 1); },
      [](const Tensor& g) { return g.t(); });
}

Tensor Tensor::permute(IntArrayRef dims) const {
  CTORCH_CHECK(static_cast<int64_t>(dims.size()) == dim(), Runtime,
               "permute(sparse_coo): number of dimensions in the tensor input does not match the "
               "length of the desired ordering of dimensions i.e. input.dim() = ",
               dim(), " is not equal to len(dims) = ", dims.size());
  Size sizes(dims.size());
  std::vector<int64_t> strides(dims.size());
  std::vector<bool> seen(dims.size(), false);
  for (size_t i = 0; i < dims.size(); ++i) {
    const int64_t d = wrap_dim(dims[i], dim());
    CTORCH_CHECK(!seen[d], Runtime, "permute(): duplicate dims are not allowed.");
    seen[d] = true;
    sizes[i] = this->sizes()[d];
    strides[i] = stride(d);
  }
  std::vector<int64_t> inverse(dims.size());
  for (size_t i = 0; i < dims.size(); ++i) inverse[static_cast<size_t>(wrap_dim(dims[i], dim()))] = static_cast<int64_t>(i);
  return recorded(make_view(*this, std::move(sizes), std::move(strides), storage_offset()), *this,
                  "PermuteBackward0", [inverse](const Tensor& g) { return g.permute(inverse); });
}

Tensor Tensor::movedim(IntArrayRef source, IntArrayRef destination) const {
  CTORCH_CHECK(source.size() == destination.size(), Runtime,
               "movedim: Invalid source or destination dims: source (", source,
               " dims) should contain the same number of dims as destination (", destination,
               " dims)");
  const int64_t n = dim();
  if (n == 0) {  // dims 0 and -1 name the one place a zero-dim tensor has: nothing moves
    for (size_t i = 0; i < source.size(); ++i) (void)wrap_dim(source[i], n), (void)wrap_dim(destination[i], n);
    return transpose(0, 0);
  }
  std::vector<int64_t> order(static_cast<size_t>(n), -1);  // order[new position] = old dim
  std::vector<bool> src_used(static_cast<size_t>(n), false);
  for (size_t i = 0; i < source.size(); ++i) {
    const int64_t s = wrap_dim(source[i], n), d = wrap_dim(destination[i], n);
    CTORCH_CHECK(!src_used[s], Runtime, "movedim: repeated dim in `source` (", source, ")");
    CTORCH_CHECK(order[d] == -1, Runtime, "movedim: repeated dim in `destination` (", destination, ")");
    src_used[s] = true;
    order[d] = s;
  }
  int64_t next_old = 0;  // the remaining dims keep their relative order
  for (auto& o : order) {
    if (o != -1) continue;
    while (src_used[next_old]) ++next_old;
    o = next_old++;
  }
  return permute(order);
}

Tensor Tensor::movedim(int64_t source, int64_t destination) const {
  return movedim(IntArrayRef(source), IntArrayRef(destination));
}

Tensor Tensor::squeeze() const {
  Size sizes;
  std::vector<int64_t> strides;
  for (int64_t d = 0; d < dim(); ++d) {
    if (this->sizes()[d] == 1) continue;
    sizes.push_back(this->sizes()[d]);
    strides.push_back(stride(d));
  }
  return recorded(make_view(*this, std::move(sizes), std::move(strides), storage_offset()), *this,
                  "SqueezeBackward0", [s = this->sizes()](const Tensor& g) { return g.reshape(s); });
}

Tensor Tensor::squeeze(int64_t d) const {
  d = wrap_dim(d, dim());
  Size sizes = this->sizes();
  auto strides = strides_of(*this);
  if (dim() > 0 && sizes[d] == 1) {
    sizes.erase(sizes.begin() + d);
    strides.erase(strides.begin() + d);
  }
  return recorded(make_view(*this, std::move(sizes), std::move(strides), storage_offset()), *this,
                  "SqueezeBackward1", [s = this->sizes()](const Tensor& g) { return g.reshape(s); });
}

Tensor Tensor::unsqueeze(int64_t d) const {
  d = wrap_dim(d, dim() + 1);
  Size sizes = this->sizes();
  auto strides = strides_of(*this);
  const int64_t stride = d < dim() ? sizes[d] * strides[d] : 1;
  sizes.insert(sizes.begin() + d, 1);
  strides.insert(strides.begin() + d, stride);
  return recorded(make_view(*this, std::move(sizes), std::move(strides), storage_offset()), *this,
                  "UnsqueezeBackward0", [d](const Tensor& g) { return g.squeeze(d); });
}

Tensor Tensor::flatten(int64_t start_dim, int64_t end_dim) const {
  start_dim = wrap_dim(start_dim, dim());  // a zero-dim tensor takes 0 and -1, as PyTorch
  end_dim = wrap_dim(end_dim, dim());
  if (dim() == 0) return reshape({1});
  CTORCH_CHECK(start_dim <= end_dim, Runtime,
               "flatten() has invalid args: start_dim cannot come after end_dim");
  if (start_dim == end_dim) return *this;
  std::vector<int64_t> shape(sizes().begin(), sizes().begin() + start_dim);
  shape.push_back(std::accumulate(sizes().begin() + start_dim, sizes().begin() + end_dim + 1,
                                  int64_t{1}, std::multiplies<>()));
  shape.insert(shape.end(), sizes().begin() + end_dim + 1, sizes().end());
  return reshape(shape);
}

Tensor Tensor::unflatten(int64_t d, IntArrayRef sizes) const {
  d = wrap_dim(d, dim());
  // PyTorch's own words, which also carry the error it caught (and then its stack trace).
  CTORCH_CHECK(dim() > 0, Runtime, "unflatten got an unexpected error:\nDimension specified as ", d,
               " but tensor has no dimensions");
  CTORCH_CHECK(!sizes.empty(), Runtime, "unflatten: sizes must be non-empty");
  const int64_t dim_size = this->sizes()[d];
  // The sizes are resolved against the dim as view's are (infer_size); PyTorch rewords a count
  // that does not match and wraps any other failure.
  Size resolved;
  try {
    resolved = infer_size(sizes, dim_size);
  } catch (const Error& e) {
    const std::string what = e.what();
    CTORCH_CHECK(what.find("is invalid for input of size") == std::string::npos, Runtime,
                 "unflatten: Provided sizes ", sizes, " don't multiply up to the size of dim ", d, " (",
                 dim_size, ") in the input tensor");
    CTORCH_FAIL(Runtime, "unflatten got an unexpected error:\n", what);
  }
  std::vector<int64_t> shape(this->sizes().begin(), this->sizes().begin() + d);
  shape.insert(shape.end(), resolved.begin(), resolved.end());
  shape.insert(shape.end(), this->sizes().begin() + d + 1, this->sizes().end());
  return view(shape);
}

Tensor Tensor::expand(IntArrayRef target) const {
  const int64_t ndim = static_cast<int64_t>(target.size()), tensor_dim = dim();
  CTORCH_CHECK(ndim >= tensor_dim, Runtime, "expand(", tensor_type_name(dtype()), "{", IntArrayRef(sizes()),
               "}, size=", target, "): the number of sizes provided (", ndim,
               ") must be greater or equal to the number of dimensions in the tensor (",
               tensor_dim, ")");
  Size sizes(static_cast<size_t>(ndim));
  std::vector<int64_t> strides(static_cast<size_t>(ndim));
  for (int64_t i = ndim - 1; i >= 0; --i) {
    const int64_t d = tensor_dim - (ndim - i);  // the matching existing dim, or < 0 if new
    int64_t size = d >= 0 ? this->sizes()[d] : 1;
    int64_t stride = d >= 0 ? this->stride(d) : (i == ndim - 1 ? 1 : sizes[i + 1] * strides[i + 1]);
    int64_t want = target[i];
    if (want == -1) {
      CTORCH_CHECK(d >= 0, Runtime, "The expanded size of the tensor (-1) isn't allowed in a "
                   "leading, non-existing dimension ", i);
      want = size;
    }
    CTORCH_CHECK(want >= 0, Runtime, "Trying to create tensor with negative dimension ", want,
                 ": ", target);
    if (size != want) {
      CTORCH_CHECK(size == 1, Runtime, "The expanded size of the tensor (", want,
                   ") must match the existing size (", size, ") at non-singleton dimension ", i,
                   ".  Target sizes: ", target, ".  Tensor sizes: ", IntArrayRef(this->sizes()));
      size = want;
      stride = 0;
    }
    sizes[i] = size;
    strides[i] = stride;
  }
  return recorded(make_view(*this, std::move(sizes), std::move(strides), storage_offset()), *this,
                  "ExpandBackward0", [s = this->sizes()](const Tensor& g) { return autograd::sum_to(g, s); });
}

Tensor Tensor::expand_as(const Tensor& other) const { return expand(other.sizes()); }
Tensor Tensor::broadcast_to(IntArrayRef sizes) const { return expand(sizes); }

Tensor Tensor::narrow(int64_t d, int64_t start, int64_t length) const {
  CTORCH_CHECK(dim() > 0, Runtime, "narrow() cannot be applied to a 0-dim tensor.");
  d = wrap_dim(d, dim());
  const int64_t size = sizes()[d];
  CTORCH_CHECK(start >= -size && start <= size, Index, "start out of range (expected to be in range of [",
               -size, ", ", size, "], but got ", start, ")");
  if (start < 0) start += size;
  CTORCH_CHECK(length >= 0 && start <= size - length, Runtime, "start (", start, ") + length (",
               length, ") exceeds dimension size (", size, ").");
  return slice(d, start, start + length, 1);
}

Tensor Tensor::select(int64_t d, int64_t index) const {
  CTORCH_CHECK(dim() > 0, Index, "select() cannot be applied to a 0-dim tensor.");
  d = wrap_dim(d, dim());
  const int64_t size = sizes()[d];
  CTORCH_CHECK(index >= -size && index < size, Index, "select(): index ", index,
               " out of range for tensor of size ", IntArrayRef(sizes()), " at dimension ", d);
  if (index < 0) index += size;
  Size new_sizes = sizes();
  auto strides = strides_of(*this);
  const int64_t offset = storage_offset() + index * strides[d];
  new_sizes.erase(new_sizes.begin() + d);
  strides.erase(strides.begin() + d);
  return recorded(make_view(*this, std::move(new_sizes), std::move(strides), offset), *this, "SelectBackward0",
                  [s = sizes(), d, index](const Tensor& g) {
                    return autograd::diff::slice_backward(g.unsqueeze(d), s, d, index, index + 1, 1);
                  });
}

Tensor Tensor::slice(int64_t d, std::optional<int64_t> start, std::optional<int64_t> end,
                     int64_t step) const {
  CTORCH_CHECK(dim() > 0, Index, "slice() cannot be applied to a 0-dim tensor.");
  CTORCH_CHECK(step != 0, Value, "slice step cannot be zero");
  CTORCH_CHECK(step > 0, Value, "step must be greater than zero");
  d = wrap_dim(d, dim());
  const int64_t size = sizes()[d];
  // Python slice rules (R13.6): negatives count from the end, then clamp to [0, size].
  auto clamp_index = [size](int64_t i) { return std::clamp(i < 0 ? i + size : i, int64_t{0}, size); };
  const int64_t first = clamp_index(start.value_or(0));
  const int64_t last = std::max(first, clamp_index(end.value_or(size)));
  Size new_sizes = sizes();
  auto strides = strides_of(*this);
  const int64_t offset = storage_offset() + first * strides[d];
  new_sizes[d] = last > first ? (last - first - 1) / step + 1 : 0;  // ceil, without overflow
  strides[d] *= step;
  return recorded(make_view(*this, std::move(new_sizes), std::move(strides), offset), *this, "SliceBackward0",
                  [s = sizes(), d, first, last, step](const Tensor& g) {
                    return autograd::diff::slice_backward(g, s, d, first, last, step);
                  });
}

Tensor Tensor::diagonal(int64_t offset, int64_t dim1, int64_t dim2) const {
  dim1 = wrap_dim(dim1, dim());
  dim2 = wrap_dim(dim2, dim());
  CTORCH_CHECK(dim1 != dim2, Runtime, "diagonal dimensions cannot be identical ", dim1, ", ", dim2);
  const int64_t s1 = sizes()[dim1], s2 = sizes()[dim2];
  const int64_t length = std::max<int64_t>(offset >= 0 ? std::min(s1, s2 - offset) : std::min(s1 + offset, s2), 0);
  int64_t storage_off = storage_offset();
  if (length > 0) storage_off += offset >= 0 ? offset * stride(dim2) : -offset * stride(dim1);
  Size new_sizes;
  std::vector<int64_t> strides;
  for (int64_t d = 0; d < dim(); ++d) {
    if (d == dim1 || d == dim2) continue;
    new_sizes.push_back(sizes()[d]);
    strides.push_back(stride(d));
  }
  new_sizes.push_back(length);
  strides.push_back(stride(dim1) + stride(dim2));
  return recorded(make_view(*this, std::move(new_sizes), std::move(strides), storage_off), *this,
                  "DiagonalBackward0", [s = sizes(), offset, dim1, dim2](const Tensor& g) {
                    NoGradGuard guard;  // a copy into zeros (first order only)
                    Tensor r = zeros(s, g.dtype());
                    r.diagonal(offset, dim1, dim2).copy_(g);
                    return r;
                  });
}

std::vector<Tensor> Tensor::unbind(int64_t d) const {
  d = wrap_dim(d, dim());  // first the range a zero-dim tensor has ([-1, 0]), then its lack of dims
  CTORCH_CHECK(dim() > 0, Index, "Dimension specified as ", d, " but tensor has no dimensions");
  const bool record = autograd::should_record(*this);
  std::vector<Tensor> out;
  {
    AutoGradMode mode(GradMode::is_enabled() && !record);
    for (int64_t i = 0; i < sizes()[d]; ++i) out.push_back(select(d, i));
  }
  if (record) {
    autograd::diff::record_multi_view(out, *this, "UnbindBackward0",
                                      [d](const std::vector<Tensor>& gs) { return stack(gs, d); });
  }
  return out;
}

std::vector<Tensor> Tensor::chunk(int64_t chunks, int64_t d) const {
  CTORCH_CHECK(dim() > 0, Runtime, "chunk expects at least a 1-dimensional tensor");
  CTORCH_CHECK(chunks > 0, Runtime, "chunk expects `chunks` to be greater than 0, got: ", chunks);
  d = wrap_dim(d, dim());
  const int64_t size = sizes()[d];
  if (size == 0) return split_with_sizes(std::vector<int64_t>(static_cast<size_t>(chunks), 0), d);
  return split(size / chunks + (size % chunks != 0), d);  // ceil(size / chunks)
}

std::vector<Tensor> Tensor::split(int64_t split_size, int64_t d) const {
  CTORCH_CHECK(dim() > 0, Runtime, "split expects at least a 1-dimensional tensor");
  CTORCH_CHECK(split_size >= 0, Runtime, "split expects split_size be non-negative, but got split_size=",
               split_size);
  d = wrap_dim(d, dim());
  const int64_t size = sizes()[d];
  CTORCH_CHECK(split_size > 0 || size == 0, Runtime,
               "split_size can only be 0 if dimension size is 0, but got dimension size of ", size);
  const int64_t pieces =
      split_size > 0 ? std::max<int64_t>(size / split_size + (size % split_size != 0), 1) : 1;
  const bool record = autograd::should_record(*this);
  std::vector<Tensor> out;
  {
    AutoGradMode mode(GradMode::is_enabled() && !record);
    for (int64_t i = 0; i < pieces; ++i) {
      const int64_t start = i * split_size;
      out.push_back(narrow(d, start, std::min(split_size, size - start)));
    }
  }
  if (record) {
    autograd::diff::record_multi_view(out, *this, "SplitBackward0",
                                      [d](const std::vector<Tensor>& gs) { return cat(gs, d); });
  }
  return out;
}

std::vector<Tensor> Tensor::split(const std::vector<int64_t>& split_sizes, int64_t d) const {
  return split_with_sizes(split_sizes, d);
}

std::vector<Tensor> Tensor::split_with_sizes(IntArrayRef split_sizes, int64_t d) const {
  CTORCH_CHECK(dim() > 0, Runtime, "split expects at least a 1-dimensional tensor");
  const int64_t given = d;  // the messages show the dim as given
  d = wrap_dim(d, dim());
  const int64_t size = sizes()[d];
  int64_t total = 0;
  for (int64_t s : split_sizes) {
    CTORCH_CHECK(s >= 0, Runtime, "split_with_sizes expects split_sizes have only non-negative "
                 "entries, but got split_sizes=", split_sizes);
    total += s;
  }
  CTORCH_CHECK(total == size, Runtime, "split_with_sizes expects split_sizes to sum exactly to ",
               size, " (input tensor's size at dimension ", given, "), but got split_sizes=", split_sizes);
  const bool record = autograd::should_record(*this);
  std::vector<Tensor> out;
  {
    AutoGradMode mode(GradMode::is_enabled() && !record);
    int64_t start = 0;
    for (int64_t s : split_sizes) {
      out.push_back(narrow(d, start, s));
      start += s;
    }
  }
  if (record) {
    autograd::diff::record_multi_view(out, *this, "SplitWithSizesBackward0",
                                      [d](const std::vector<Tensor>& gs) { return cat(gs, d); });
  }
  return out;
}

// ---- in-place views: self takes the new geometry (A2.4: TBackward1, ...) ------------------------

Tensor& Tensor::t_() {
  const Tensor v = autograd::diff::no_grad([&] { return t(); });
  autograd::apply_inplace_view(*this, "TBackward1", [&] { assign_geometry(*this, v); },
                               [](const Tensor& g) { return g.t(); });
  return *this;
}

Tensor& Tensor::transpose_(int64_t dim0, int64_t dim1) {
  const Tensor v = autograd::diff::no_grad([&] { return transpose(dim0, dim1); });
  autograd::apply_inplace_view(*this, "TransposeBackward1", [&] { assign_geometry(*this, v); },
                               [dim0, dim1](const Tensor& g) { return g.transpose(dim0, dim1); });
  return *this;
}

Tensor& Tensor::squeeze_() {
  const Tensor v = autograd::diff::no_grad([&] { return squeeze(); });
  autograd::apply_inplace_view(*this, "SqueezeBackward3", [&] { assign_geometry(*this, v); },
                               [s = sizes()](const Tensor& g) { return g.reshape(s); });
  return *this;
}

Tensor& Tensor::squeeze_(int64_t dim) {
  const Tensor v = autograd::diff::no_grad([&] { return squeeze(dim); });
  autograd::apply_inplace_view(*this, "SqueezeBackward4", [&] { assign_geometry(*this, v); },
                               [s = sizes()](const Tensor& g) { return g.reshape(s); });
  return *this;
}

Tensor& Tensor::unsqueeze_(int64_t dim) {
  const Tensor v = autograd::diff::no_grad([&] { return unsqueeze(dim); });
  const int64_t d = wrap_dim(dim, this->dim() + 1);
  autograd::apply_inplace_view(*this, "UnsqueezeBackward1", [&] { assign_geometry(*this, v); },
                               [d](const Tensor& g) { return g.squeeze(d); });
  return *this;
}

}  // namespace ctorch
