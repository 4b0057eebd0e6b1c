#include "autograd/accumulate_grad.h"

#include "autograd/meta.h"
#include "ctorch/elementwise.h"

namespace ctorch::autograd {

AccumulateGrad::AccumulateGrad(const Tensor& variable) : variable_(variable.shared_impl()) {
  outputs_.resize(1);
  outputs_[0].shape = variable.sizes();
  outputs_[0].dtype = variable.dtype();
  outputs_[0].device = variable.device();
}

Tensor AccumulateGrad::variable() const {
  auto impl = variable_.lock();
  return impl ? Tensor(std::move(impl)) : Tensor();
}

Tensor AccumulateGrad::run_hooks(Tensor grad) const {
  const Tensor v = variable();
  const AutogradMeta* m = v.defined() ? meta(v) : nullptr;
  if (!m) return grad;
  for (const auto& [handle, hook] : m->hooks) {
    Tensor replaced = hook(grad);
    if (replaced.defined()) grad = std::move(replaced);
  }
  return grad;
}

GradList AccumulateGrad::apply(GradList&& grads) {
  const Tensor v = variable();
  if (!v.defined()) return {};
  Tensor g = run_hooks(std::move(grads.at(0)));
  if (!g.defined()) return {};
  AutogradMeta& m = ensure_meta(v);
  if (!m.grad.defined()) {
    // Never an alias of a tensor someone else holds (A5.4): take it only when nobody else can
    // see it, else copy. With create_graph the copy is recorded, so grad() stays differentiable.
    const bool exclusive = !GradMode::is_enabled() && g.shared_impl().use_count() == 1 &&
                           g.storage().use_count() == 1 && g.is_contiguous();
    m.grad = exclusive ? std::move(g) : g.clone();
  } else if (GradMode::is_enabled()) {
    m.grad = m.grad + g;
  } else {
    m.grad.add_(g);
  }
  return {};
}

}  // namespace ctorch::autograd
