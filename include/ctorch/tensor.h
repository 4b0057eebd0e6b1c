// ctorch/tensor.h: the Tensor handle, its metadata and its methods.
//
//   auto t = ctorch::tensor({{7, 8}, {8, 9}});
//   t.dim();  t.sizes();  t.stride(0);  t.storage_offset();  t.dtype();  t.device();
//   auto v = t.t();                      // a view: same storage, strides swapped
//   auto c = v.contiguous();             // a copy laid out row-major
//
// A Tensor is a cheap, shared handle (copying it does not copy data); `clone()` copies.
// Methods mirror PyTorch's names; the free functions in ops.h are the same operations.
#pragma once

#include <concepts>
#include <cstdint>
#include <functional>
#include <initializer_list>
#include <iosfwd>
#include <memory>
#include <optional>
#include <string_view>
#include <type_traits>
#include <vector>

#include "ctorch/device.h"
#include "ctorch/dtype.h"
#include "ctorch/error.h"
#include "ctorch/indexing.h"
#include "ctorch/op_lists.h"
#include "ctorch/operand.h"
#include "ctorch/options.h"
#include "ctorch/scalar.h"
#include "ctorch/size.h"
#include "ctorch/storage.h"
#include "ctorch/tensor_impl.h"

namespace ctorch {

struct ValuesIndices;  // reduce.h: what max/min along a dim return
namespace autograd {
class Node;  // autograd.h: a recorded backward function (grad_fn)
}  // namespace autograd

class Tensor {
 public:
  Tensor() = default;  // undefined: holds nothing
  explicit Tensor(detail::IntrusivePtr<TensorImpl> impl) : impl_(std::move(impl)) {}

  bool defined() const { return impl_ != nullptr; }
  TensorImpl* impl() const { return impl_.get(); }

  // ---- metadata ---------------------------------------------------------------------------
  int64_t dim() const { return static_cast<int64_t>(self().sizes.size()); }
  int64_t ndim() const { return dim(); }
  const Size& sizes() const { return self().sizes; }
  const Size& shape() const { return self().sizes; }
  int64_t size(int64_t d) const;  // negative d counts from the end
  IntArrayRef strides() const { return self().strides; }
  int64_t stride(int64_t d) const;
  int64_t storage_offset() const { return self().storage_offset; }
  int64_t numel() const { return self().numel; }
  size_t element_size() const { return ctorch::element_size(self().dtype); }
  size_t nbytes() const { return static_cast<size_t>(numel()) * element_size(); }
  bool is_contiguous() const {  // semantics.md R13.2: size-1 dims may have any stride
    const TensorImpl& t = self();
    int64_t expected = 1;
    for (size_t i = t.sizes.size(); i-- > 0;) {
      if (t.sizes[i] == 1) continue;
      if (t.strides[i] != expected) return t.numel == 0;  // empty tensors are contiguous
      expected *= t.sizes[i];
    }
    return true;
  }
  ScalarType dtype() const { return self().dtype; }
  ScalarType scalar_type() const { return self().dtype; }
  bool is_floating_point() const { return ctorch::is_floating_point(self().dtype); }
  Device device() const { return self().storage.device(); }
  bool is_cpu() const { return device().is_cpu(); }
  bool is_cuda() const { return device().is_cuda(); }
  const Storage& storage() const { return self().storage; }
  bool is_same(const Tensor& other) const { return impl_ == other.impl_; }

  // Address of element [0, 0, ...]: storage data + storage_offset * element_size.
  void* data_ptr() const {
    auto* base = static_cast<char*>(self().storage.data());
    return base ? base + self().storage_offset * static_cast<int64_t>(element_size()) : nullptr;
  }
  template <typename T>
  T* data_ptr() const {
    CTORCH_CHECK(dtype_of_v<T> == dtype(), Runtime, "expected scalar type ",
                 legacy_name(dtype_of_v<T>), " but found ", legacy_name(dtype()));
    return static_cast<T*>(data_ptr());
  }

  // The single element of a one-element tensor (any shape).
  Scalar item() const;
  template <typename T>
  T item() const { return item().to<T>(); }
  // The truth value of a one-element tensor (Python's bool(t)); more or fewer elements are
  // ambiguous, an error.
  bool is_nonzero() const;

  // ---- autograd (autograd.h has grad mode, Node, backward() and grad() as functions) ---------
  bool requires_grad() const { return self().requires_grad; }
  Tensor& requires_grad_(bool requires_grad = true);  // only on leaves (a no-op True elsewhere)
  void set_requires_grad(bool requires_grad);         // Python's `t.requires_grad = b`
  bool is_leaf() const;                                // no grad_fn
  std::shared_ptr<autograd::Node> grad_fn() const;     // null for leaves; ->name(): "AddBackward0"
  // The accumulated gradient: undefined until a backward reaches this leaf (or a non-leaf that
  // retains its grad); set_grad(Tensor()) resets it, like `t.grad = None`.
  Tensor grad() const;
  Tensor& mutable_grad();
  void set_grad(const Tensor& grad);
  // gradient: undefined means ones for a one-element tensor; retain_graph defaults to
  // create_graph; inputs: accumulate into these tensors only.
  void backward(const Tensor& gradient = Tensor(), std::optional<bool> retain_graph = std::nullopt,
                bool create_graph = false,
                const std::optional<std::vector<Tensor>>& inputs = std::nullopt) const;
  void retain_grad() const;  // a non-leaf keeps its gradient in grad() too
  bool retains_grad() const;
  Tensor detach() const;     // same storage and version counter, no history, requires_grad false
  Tensor& detach_();
  int64_t _version() const;  // Note [Version counter] in storage.h
  // Runs when this tensor's gradient has been computed, in registration order; a returned
  // (defined) tensor replaces the gradient. Hooks returning void only observe.
  using Hook = std::function<Tensor(const Tensor&)>;
  unsigned register_hook(Hook hook) const;
  template <typename F>
    requires std::is_void_v<std::invoke_result_t<F&, const Tensor&>>
  unsigned register_hook(F hook) const {
    return register_hook(Hook([h = std::move(hook)](const Tensor& g) mutable {
      h(g);
      return Tensor();
    }));
  }
  void remove_hook(unsigned handle) const;
  const detail::IntrusivePtr<TensorImpl>& shared_impl() const { return impl_; }

  // Gives the tensor `sizes` with contiguous strides, keeping its storage when it is large
  // enough and its values in row-major order (like PyTorch; new elements are uninitialized).
  Tensor& resize_(IntArrayRef sizes);

  // ---- views: metadata only, storage shared (Note [Views share storage]) ---------------------
  Tensor view(IntArrayRef shape) const;
  Tensor reshape(IntArrayRef shape) const;  // a view when the strides allow, else a copy
  Tensor transpose(int64_t dim0, int64_t dim1) const;
  Tensor t() const;
  Tensor permute(IntArrayRef dims) const;
  Tensor movedim(IntArrayRef source, IntArrayRef destination) const;
  Tensor movedim(int64_t source, int64_t destination) const;
  Tensor squeeze() const;
  Tensor squeeze(int64_t dim) const;
  Tensor unsqueeze(int64_t dim) const;
  Tensor flatten(int64_t start_dim = 0, int64_t end_dim = -1) const;
  Tensor unflatten(int64_t dim, IntArrayRef sizes) const;
  Tensor expand(IntArrayRef sizes) const;
  Tensor expand_as(const Tensor& other) const;
  Tensor broadcast_to(IntArrayRef sizes) const;
  Tensor narrow(int64_t dim, int64_t start, int64_t length) const;
  Tensor select(int64_t dim, int64_t index) const;
  Tensor slice(int64_t dim, std::optional<int64_t> start = std::nullopt,
               std::optional<int64_t> end = std::nullopt, int64_t step = 1) const;
  Tensor diagonal(int64_t offset = 0, int64_t dim1 = 0, int64_t dim2 = 1) const;
  std::vector<Tensor> unbind(int64_t dim = 0) const;
  std::vector<Tensor> chunk(int64_t chunks, int64_t dim = 0) const;
  std::vector<Tensor> split(int64_t split_size, int64_t dim = 0) const;
  std::vector<Tensor> split(const std::vector<int64_t>& split_sizes, int64_t dim = 0) const;
  std::vector<Tensor> split_with_sizes(IntArrayRef split_sizes, int64_t dim = 0) const;
  // In-place views: this tensor itself takes the new geometry.
  Tensor& t_();
  Tensor& transpose_(int64_t dim0, int64_t dim1);
  Tensor& squeeze_();
  Tensor& squeeze_(int64_t dim);
  Tensor& unsqueeze_(int64_t dim);

  // Python indexing: t[1], t[{Slice(0, 2), 1}], t[{Ellipsis, None}].
  Tensor index(std::initializer_list<TensorIndex> indices) const;
  Tensor index(const std::vector<TensorIndex>& indices) const;
  Tensor operator[](int64_t i) const { return index({TensorIndex(i)}); }
  Tensor operator[](std::initializer_list<TensorIndex> indices) const { return index(indices); }
  // t[indices] = value
  Tensor& index_put_(std::initializer_list<TensorIndex> indices, const Tensor& value);
  Tensor& index_put_(std::initializer_list<TensorIndex> indices, const Scalar& value);
  Tensor& index_put_(const std::vector<TensorIndex>& indices, const Tensor& value);
  Tensor& index_put_(const std::vector<TensorIndex>& indices, const Scalar& value);

  // ---- materialize -------------------------------------------------------------------------
  Tensor contiguous() const;  // self when already contiguous
  Tensor clone() const;       // always a contiguous copy
  Tensor& copy_(const Tensor& src);  // src broadcasts to self; any dtype to any dtype
  Tensor& fill_(const Scalar& value);
  Tensor& zero_();
  Tensor to(ScalarType dtype, bool copy = false) const;  // self when nothing changes and !copy
  Tensor to(Device device, bool copy = false) const;
  Tensor to(Device device, ScalarType dtype, bool copy = false) const;
  Tensor to(const TensorOptions& options, bool copy = false) const;
  Tensor type(ScalarType dtype) const { return to(dtype); }
  Tensor cpu() const { return to(Device(kCPU)); }
  Tensor cuda(int index = -1) const { return to(Device(kCUDA, index)); }  // "cuda": the current one

  // ---- elementwise math (elementwise.h has the free functions and operators) ----------------
  Tensor add(const Operand& other, const Scalar& alpha = 1) const;
  Tensor sub(const Operand& other, const Scalar& alpha = 1) const;
  Tensor div(const Operand& other, std::optional<std::string_view> rounding_mode = std::nullopt) const;
  Tensor& add_(const Operand& other, const Scalar& alpha = 1);
  Tensor& sub_(const Operand& other, const Scalar& alpha = 1);
  Tensor& div_(const Operand& other, std::optional<std::string_view> rounding_mode = std::nullopt);
#define CTORCH_DECLARE_BINARY_METHODS(name) \
  Tensor name(const Operand& other) const;  \
  Tensor& name##_(const Operand& other);
  CTORCH_FORALL_BINARY_OPS(CTORCH_DECLARE_BINARY_METHODS)
#undef CTORCH_DECLARE_BINARY_METHODS
#define CTORCH_DECLARE_UNARY_METHODS(name) \
  Tensor name() const;                     \
  Tensor& name##_();
  CTORCH_FORALL_UNARY_OPS(CTORCH_DECLARE_UNARY_METHODS)
#undef CTORCH_DECLARE_UNARY_METHODS
#define CTORCH_DECLARE_TEST_METHODS(name) Tensor name() const;
  CTORCH_FORALL_UNARY_TESTS(CTORCH_DECLARE_TEST_METHODS)
#undef CTORCH_DECLARE_TEST_METHODS
  // ---- indexing ops (indexing_ops.h has the free functions) ---------------------------------
  // self[indices] = value, or += with accumulate (ATen's index_put_: value must have self's dtype).
  Tensor& index_put_(std::initializer_list<TensorIndex> indices, const Tensor& value, bool accumulate);
  Tensor& index_put_(const std::vector<TensorIndex>& indices, const Tensor& value, bool accumulate);
  Tensor index_select(int64_t dim, const Tensor& index) const;
  Tensor gather(int64_t dim, const Tensor& index) const;
  Tensor scatter(int64_t dim, const Tensor& index, const Tensor& src) const;
  Tensor scatter(int64_t dim, const Tensor& index, const Scalar& value) const;
  Tensor& scatter_(int64_t dim, const Tensor& index, const Tensor& src);
  Tensor& scatter_(int64_t dim, const Tensor& index, const Scalar& value);
  Tensor scatter_add(int64_t dim, const Tensor& index, const Tensor& src) const;
  Tensor& scatter_add_(int64_t dim, const Tensor& index, const Tensor& src);
  Tensor masked_select(const Tensor& mask) const;
  Tensor nonzero() const;
  Tensor take(const Tensor& index) const;
  Tensor flip(IntArrayRef dims) const;
  Tensor roll(IntArrayRef shifts, IntArrayRef dims = {}) const;
  Tensor repeat(IntArrayRef sizes) const;
  Tensor tile(IntArrayRef sizes) const;
  // ---- reductions and scans as methods (the free functions of reduce.h, which has the details) --
  Tensor sum(std::optional<ScalarType> dtype = std::nullopt) const;
  Tensor sum(IntArrayRef dim, bool keepdim = false, std::optional<ScalarType> dtype = std::nullopt) const;
  Tensor prod(std::optional<ScalarType> dtype = std::nullopt) const;
  Tensor mean(std::optional<ScalarType> dtype = std::nullopt) const;
  Tensor mean(IntArrayRef dim, bool keepdim = false, std::optional<ScalarType> dtype = std::nullopt) const;
  Tensor var(IntArrayRef dim = {}, bool unbiased = true, bool keepdim = false) const;
  Tensor std(IntArrayRef dim = {}, bool unbiased = true, bool keepdim = false) const;
  Tensor max() const;
  ValuesIndices max(int64_t dim, bool keepdim = false) const;
  Tensor min() const;
  ValuesIndices min(int64_t dim, bool keepdim = false) const;
  Tensor argmax(std::optional<int64_t> dim = std::nullopt, bool keepdim = false) const;
  Tensor argmin(std::optional<int64_t> dim = std::nullopt, bool keepdim = false) const;
  Tensor amax(IntArrayRef dim = {}, bool keepdim = false) const;
  Tensor amin(IntArrayRef dim = {}, bool keepdim = false) const;
  Tensor all() const;
  Tensor any() const;
  Tensor cumsum(int64_t dim, std::optional<ScalarType> dtype = std::nullopt) const;
  Tensor cumprod(int64_t dim, std::optional<ScalarType> dtype = std::nullopt) const;

  Tensor clamp(std::optional<Scalar> min, std::optional<Scalar> max = std::nullopt) const;
  Tensor& clamp_(std::optional<Scalar> min, std::optional<Scalar> max = std::nullopt);
  Tensor clamp(const std::optional<Tensor>& min, const std::optional<Tensor>& max = std::nullopt) const;
  Tensor masked_fill(const Tensor& mask, const Scalar& value) const;
  Tensor& masked_fill_(const Tensor& mask, const Scalar& value);
  Tensor masked_fill(const Tensor& mask, const Tensor& value) const;  // value: a 0-dim tensor
  Tensor& masked_fill_(const Tensor& mask, const Tensor& value);
  Tensor round(int64_t decimals) const;
  Tensor clamp_min(const Scalar& min) const;
  Tensor clamp_min(const Tensor& min) const;
  Tensor clamp_max(const Scalar& max) const;
  Tensor clamp_max(const Tensor& max) const;
  // ---- sorting and activations (sorting.h and activation.h have the free functions) ----------
  // `struct ValuesIndices` declares ctorch::ValuesIndices (defined in reduce.h) here.
  struct ValuesIndices sort(int64_t dim = -1, bool descending = false, bool stable = false) const;
  Tensor argsort(int64_t dim = -1, bool descending = false, bool stable = false) const;
  struct ValuesIndices topk(int64_t k, int64_t dim = -1, bool largest = true, bool sorted = true) const;
  Tensor softmax(int64_t dim, std::optional<ScalarType> dtype = std::nullopt) const;
  Tensor log_softmax(int64_t dim, std::optional<ScalarType> dtype = std::nullopt) const;
  Tensor logsumexp(IntArrayRef dim, bool keepdim = false) const;
  Tensor norm(double p = 2, IntArrayRef dim = {}, bool keepdim = false) const;
  Tensor lerp(const Tensor& end, const Scalar& weight) const;
  Tensor lerp(const Tensor& end, const Tensor& weight) const;
  Tensor nan_to_num(std::optional<double> nan = 0.0, std::optional<double> posinf = std::nullopt,
                    std::optional<double> neginf = std::nullopt) const;
  // ---- random sampling in place (random.h has these as free functions, and the factories) ----
  // `generator` nullptr: the default generator.
  Tensor& uniform_(double from = 0, double to = 1, class Generator* generator = nullptr);
  Tensor& normal_(double mean = 0, double std = 1, class Generator* generator = nullptr);
  Tensor& random_(class Generator* generator = nullptr);
  Tensor& random_(int64_t to, class Generator* generator = nullptr);
  Tensor& random_(int64_t from, std::optional<int64_t> to, class Generator* generator = nullptr);
  // random_(5, 0) means from=5, to=0 (an error), as in PyTorch: without this, the literal 0 would
  // be a null Generator* and pick random_(to=5).
  template <std::integral To>
  Tensor& random_(int64_t from, To to, class Generator* generator = nullptr) {
    return random_(from, std::optional<int64_t>(static_cast<int64_t>(to)), generator);
  }
  Tensor& bernoulli_(double p = 0.5, class Generator* generator = nullptr);
  Tensor& bernoulli_(const Tensor& p, class Generator* generator = nullptr);
  Tensor bernoulli(class Generator* generator = nullptr) const;  // self holds the probabilities
  Tensor& exponential_(double lambd = 1, class Generator* generator = nullptr);
  Tensor& geometric_(double p, class Generator* generator = nullptr);
  Tensor& log_normal_(double mean = 1, double std = 2, class Generator* generator = nullptr);
  Tensor& cauchy_(double median = 0, double sigma = 1, class Generator* generator = nullptr);
  Tensor multinomial(int64_t num_samples, bool replacement = false,
                     class Generator* generator = nullptr) const;

 private:
  // Every accessor goes through here, so using an undefined Tensor is an error, not a crash.
  TensorImpl& self() const {
    if (impl_ == nullptr) [[unlikely]] undefined_error();
    return *impl_;
  }
  [[noreturn, gnu::cold]] static void undefined_error();  // out of line: keeps self() inlinable

  detail::IntrusivePtr<TensorImpl> impl_;
};

// PyTorch-exact repr (printing.md); the same text as `repr(t)`.
std::ostream& operator<<(std::ostream& out, const Tensor& t);

}  // namespace ctorch
