// How an op records its backward: the one cheap check, saved tensors, and record(), which
// creates the node, wires its edges and gives the outputs their history.
//
//   Tensor out = ...forward...;
//   if (autograd::should_record(a, b))
//     autograd::record("MulBackward0", {&a, &b}, {&out}, {save(b), save(a)}, [](Ctx& c) {
//       return grads{c.grad() * c.saved(0), c.grad() * c.saved(1)};
//     });
//
// Formulas are written with public ops, so with create_graph (grad mode on during backward)
// they record too and can be differentiated again.
#pragma once

#include <functional>
#include <initializer_list>
#include <memory>
#include <span>
#include <vector>

#include "autograd/meta.h"
#include "ctorch/autograd.h"
#include "ctorch/elementwise.h"
#include "ctorch/factory.h"
#include "ctorch/operand.h"
#include "ctorch/tensor.h"

namespace ctorch::autograd {

// The dtype and device of `t`: what a gradient buffer made for `t` takes.
inline TensorOptions options_of(const Tensor& t) { return TensorOptions(t.dtype()).device(t.device()); }

using grads = GradList;

// ---- the check every differentiable op makes (A1.3) ---------------------------------------------
inline bool any_requires_grad(const Tensor& t) { return t.defined() && t.impl()->requires_grad; }
inline bool any_requires_grad(const Operand& o) { return o.tensor() && any_requires_grad(*o.tensor()); }
template <typename... Ts>
bool should_record(const Ts&... ts) {
  return (any_requires_grad(ts) || ...) && GradMode::is_enabled();
}
bool should_record(const std::vector<Tensor>& ts);

// ---- saved tensors (A5.5, A5.6) -----------------------------------------------------------------
class SavedVariable {
 public:
  SavedVariable() = default;
  // An input of the node saving it.
  explicit SavedVariable(const Tensor& t);
  // An output of `owner`, the node saving it: only a plain alias and a weak reference to the node
  // are kept, so the node and its output do not own each other.
  SavedVariable(const Tensor& t, const std::shared_ptr<Node>& owner);
  // The tensor, checked against the version it had when saved.
  Tensor unpack() const;
  void release() { data_ = Tensor(); freed_ = true; }
  const Tensor& data() const { return data_; }
  bool is_output() const { return is_output_; }

 private:
  Tensor data_;
  uint32_t version_ = 0;
  bool is_output_ = false;
  bool freed_ = false;
  uint32_t output_nr_ = 0;
  std::shared_ptr<Node> producer_;  // an input's grad_fn when saved, for the message
  std::weak_ptr<Node> owner_;       // an output's node: its history again under create_graph
};

// What to save: an input tensor (a null pointer or undefined tensor saves nothing) or output k.
struct Save {
  const Tensor* tensor = nullptr;
  int output = -1;
};
inline Save save(const Tensor& t) { return {&t, -1}; }
inline Save save_output(int k = 0) { return {nullptr, k}; }
inline Save nothing() { return {}; }

// A node whose backward is a formula over a Ctx.
class FunctionNode;
class Ctx {
 public:
  Ctx(FunctionNode& node, GradList& grads) : node_(node), grads_(grads) {}
  const Tensor& grad(size_t i = 0);  // zeros of output i's shape when no gradient reached it
  bool has_grad(size_t i) const { return i < grads_.size() && grads_[i].defined(); }
  Tensor saved(size_t i) const;
  bool needs(size_t input) const;  // does input `input` want a gradient?
  const Size& input_shape(size_t input) const;
  ScalarType input_dtype(size_t input) const;

 private:
  FunctionNode& node_;
  GradList& grads_;
};

class FunctionNode : public Node {
 public:
  explicit FunctionNode(const char* name) : name_(name) {}
  std::string name() const override { return name_; }
  void release_saved() override {
    for (auto& s : saved_) s.release();
  }
  ctorch::detail::InlineVector<SavedVariable, 2> saved_;

 protected:
  const char* name_;
};

template <typename F>
class FormulaNode final : public FunctionNode {
 public:
  FormulaNode(const char* name, F formula) : FunctionNode(name), formula_(std::move(formula)) {}
  GradList apply(GradList&& grads) override {
    Ctx ctx(*this, grads);
    return formula_(ctx);
  }

 private:
  F formula_;
};

// Wires `node`: edges from the inputs (null pointers: operands that are not tensors), history
// on the outputs (null: an output without gradient, like max's indices), saved tensors.
void connect(const std::shared_ptr<FunctionNode>& node, std::span<const Tensor* const> inputs,
             std::span<const Tensor* const> outputs, std::span<const Save> saves);

// Nodes and autograd records come from the per-thread caches of small blocks.
template <typename T, typename... Args>
std::shared_ptr<T> make_pooled(Args&&... args) {
  return std::allocate_shared<T>(detail::PooledAllocator<T>(), std::forward<Args>(args)...);
}

// The op's node, or null when no output is floating (A1.3: integer results never require grad).
template <typename F>
std::shared_ptr<Node> record(const char* name, std::initializer_list<const Tensor*> inputs,
                             std::initializer_list<const Tensor*> outputs,
                             std::initializer_list<Save> saves, F formula) {
  bool floating = false;
  for (const Tensor* out : outputs) floating |= out && out->defined() && out->is_floating_point();
  if (!floating) return nullptr;
  auto node = make_pooled<FormulaNode<F>>(name, std::move(formula));
  connect(node, std::span<const Tensor* const>(inputs.begin(), inputs.size()),
          std::span<const Tensor* const>(outputs.begin(), outputs.size()),
          std::span<const Save>(saves.begin(), saves.size()));
  return node;
}
template <typename F>
std::shared_ptr<Node> record(const char* name, const std::vector<const Tensor*>& inputs,
                             const std::vector<const Tensor*>& outputs, const std::vector<Save>& saves,
                             F formula) {
  bool floating = false;
  for (const Tensor* out : outputs) floating |= out && out->defined() && out->is_floating_point();
  if (!floating) return nullptr;
  auto node = make_pooled<FormulaNode<F>>(name, std::move(formula));
  connect(node, inputs, outputs, saves);
  return node;
}

// Makes `view` a differentiable view of `self`'s base (also when nothing was recorded: a view
// that an in-place op with a grad-requiring operand will write through, as in `b[0] = x`).
void mark_view(const Tensor& view, const Tensor& self, int multi_output_nr, const char* creator);

// A view op: `out` (a view of `self`) gets a node whose backward is `formula(g)`, and becomes a
// differentiable view (Note [Differentiable views]).
template <typename F>
void record_view(const Tensor& out, const Tensor& self, const char* name, F formula) {
  record(name, {&self}, {&out}, {}, [f = std::move(formula)](Ctx& c) { return grads{f(c.grad())}; });
  mark_view(out, self, -1, name);
}

// ---- in-place ops (A5.5, A5.7, A3.9) --------------------------------------------------------------
// Bumps the version counter shared by every tensor over self's storage.
inline void bump_version(const Tensor& self) { self.storage().bump_version(); }
// Should this in-place op (or out= op) on `self` go through autograd?
template <typename... Ts>
bool should_record_inplace(const Tensor& self, const Ts&... others) {
  return should_record(self, others...);
}
// The in-place op under autograd: `compute(self_before)` is the out-of-place op (recording its
// node with self_before as input 0); its result is written into self, which takes the node as
// its grad_fn (through CopySlices for a view). Refuses leaves and views of leaves (A5.7).
Tensor& apply_inplace(Tensor& self, const std::function<Tensor(const Tensor&)>& compute);
// out= with an operand that requires grad: PyTorch's error.
[[noreturn]] void fail_out_with_grad(const char* op);
// A metadata-only in-place op (t_, squeeze_, ...): `change()` rewrites self's geometry; under
// autograd self gets node `name` with backward `formula(g)`.
void apply_inplace_view(Tensor& self, const char* name, const std::function<void()>& change,
                        std::function<Tensor(const Tensor&)> formula);

// ---- helpers for formulas ------------------------------------------------------------------------
// g summed down to `shape` (undoes broadcasting, A3.1).
Tensor sum_to(const Tensor& g, IntArrayRef shape);
// g of a reduction over `dims` (wrapped, of an input with `ndim` dims) with keepdim=false gets the
// reduced dims back as size 1.
Tensor unsqueeze_dims(const Tensor& g, IntArrayRef dims, int64_t ndim, bool keepdim);

}  // namespace ctorch::autograd
