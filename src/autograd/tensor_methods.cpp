// Tensor's autograd methods (tensor.h): flags, grad, grad_fn, backward, retain_grad, detach,
// hooks. Rules and messages: autograd.md A1.2, A1.5, A1.6, A5.8-A5.10.
#include <atomic>

#include "autograd/function.h"

namespace ctorch {

using autograd::AutogradMeta;
using autograd::ensure_meta;
using autograd::meta;

namespace {
constexpr const char* kNotLeaf = "you can only change requires_grad flags of leaf variables.";
std::atomic<unsigned> next_hook_handle{1};
}  // namespace

Tensor& Tensor::requires_grad_(bool requires_grad) {
  CTORCH_CHECK(!requires_grad || is_floating_point(), Runtime,
               "only Tensors of floating point dtype can require gradients");
  if (!is_leaf()) {
    CTORCH_CHECK(requires_grad, Runtime, kNotLeaf,
                 " If you want to use a computed variable in a subgraph that doesn't require "
                 "differentiation use var_no_grad = var.detach().");
    return *this;
  }
  self().requires_grad = requires_grad;
  return *this;
}

void Tensor::set_requires_grad(bool requires_grad) {
  CTORCH_CHECK(!requires_grad || is_floating_point(), Runtime,
               "only Tensors of floating point and complex dtype can require gradients");
  if (!is_leaf()) {
    CTORCH_CHECK(!requires_grad, Runtime, kNotLeaf);
    CTORCH_FAIL(Runtime, kNotLeaf,
                " If you want to use a computed variable in a subgraph that doesn't require "
                "differentiation use var_no_grad = var.detach().");
  }
  self().requires_grad = requires_grad;
}

bool Tensor::is_leaf() const { return autograd::grad_fn_of(*this) == nullptr; }

std::shared_ptr<autograd::Node> Tensor::grad_fn() const { return autograd::grad_fn_of(*this); }

Tensor Tensor::grad() const {
  const AutogradMeta* m = meta(*this);
  if ((!m || (!m->grad.defined() && !m->retains_grad)) && !is_leaf()) {
    detail::warn(
        "The .grad attribute of a Tensor that is not a leaf Tensor is being accessed. Its .grad "
        "attribute won't be populated during autograd.backward(). If you indeed want the .grad field "
        "to be populated for a non-leaf Tensor, use .retain_grad() on the non-leaf Tensor. If you "
        "access the non-leaf Tensor by mistake, make sure you access the leaf Tensor instead. See "
        "github.com/pytorch/pytorch/pull/30531 for more information.");
  }
  return m ? m->grad : Tensor();
}

Tensor& Tensor::mutable_grad() { return ensure_meta(*this).grad; }

void Tensor::set_grad(const Tensor& grad) {
  if (grad.defined()) {
    CTORCH_CHECK(grad.dtype() == dtype(), Runtime, "assigned grad has data of a different type");
    CTORCH_CHECK(grad.sizes() == sizes(), Runtime, "assigned grad has data of a different size");
  }
  if (!grad.defined() && !meta(*this)) return;
  ensure_meta(*this).grad = grad;
}

void Tensor::backward(const Tensor& gradient, std::optional<bool> retain_graph, bool create_graph,
                      const std::optional<std::vector<Tensor>>& inputs) const {
  autograd::backward({*this}, {gradient}, retain_graph, create_graph, inputs);
}

void Tensor::retain_grad() const {
  CTORCH_CHECK(requires_grad(), Runtime, "can't retain_grad on Tensor that has requires_grad=False");
  auto fn = grad_fn();
  if (!fn) return;  // a leaf keeps its gradient anyway
  AutogradMeta& m = ensure_meta(*this);
  if (m.retains_grad) return;
  fn->outputs_[impl_->output_nr].retained = impl_;
  m.retains_grad = true;
}

bool Tensor::retains_grad() const {
  const AutogradMeta* m = meta(*this);
  return m && m->retains_grad;
}

Tensor Tensor::detach() const { return autograd::plain_alias(*this); }

Tensor& Tensor::detach_() {
  AutogradMeta* m = meta(*this);
  CTORCH_CHECK(!(m && m->view), Runtime,
               "Can't detach views in-place. Use detach() instead. If you are using DistributedDataParallel "
               "(DDP) for training, and gradient_as_bucket_view is set as True, gradients are views of "
               "DDP buckets, and hence detach_() cannot be called on these gradients. To fix this error, "
               "please refer to the Optimizer.zero_grad() function in torch/optim/optimizer.py as the "
               "solution.");
  self().grad_fn.reset();
  self().output_nr = 0;
  self().requires_grad = false;
  return *this;
}

int64_t Tensor::_version() const { return storage().version(); }

unsigned Tensor::register_hook(Hook hook) const {
  CTORCH_CHECK(requires_grad(), Runtime, "cannot register a hook on a tensor that doesn't require gradient");
  const unsigned handle = next_hook_handle++;
  if (auto fn = grad_fn()) {
    fn->outputs_[impl_->output_nr].hooks.emplace_back(handle, std::move(hook));
  } else {
    ensure_meta(*this).hooks.emplace_back(handle, std::move(hook));
  }
  return handle;
}

void Tensor::remove_hook(unsigned handle) const {
  auto erase = [handle](std::vector<std::pair<unsigned, Hook>>& hooks) {
    std::erase_if(hooks, [handle](const auto& h) { return h.first == handle; });
  };
  if (auto fn = grad_fn()) erase(fn->outputs_[impl_->output_nr].hooks);
  if (AutogradMeta* m = meta(*this)) erase(m->hooks);
}

}  // namespace ctorch
