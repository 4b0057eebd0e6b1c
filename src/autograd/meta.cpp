// The autograd record of a tensor: creating it, reading a tensor's grad_fn and gradient edge,
// setting history, and the views' rebuilt grad_fn (Note [Differentiable views]).
#include "autograd/meta.h"

#include "autograd/accumulate_grad.h"
#include "autograd/function.h"
#include "autograd/strided.h"
#include "core/make.h"

namespace ctorch::autograd {

AutogradMeta& ensure_meta(const Tensor& t) {
  auto& slot = t.impl()->autograd;
  if (!slot) slot = make_pooled<AutogradMeta>();
  return *slot;
}

namespace {

// A view whose storage was written since its grad_fn was set reads its gradient through the
// base's current history: AsStridedBackward0 (A2.4, "the modified view itself").
void rebuild_view_grad_fn(const Tensor& view, AutogradMeta& m) {
  ViewInfo& info = *m.view;
  info.version = view.storage().version();
  const Tensor& base = info.base;
  if (!base.requires_grad()) return;
  const Geometry view_geometry = Geometry::of(view), base_geometry = Geometry::of(base);
  auto node = record("AsStridedBackward0", {&base}, {&view}, {},
                     [view_geometry, base_geometry](Ctx& c) {
                       return grads{strided_scatter_zeros(c.grad(), base_geometry, view_geometry)};
                     });
  (void)node;
}

}  // namespace

std::shared_ptr<Node> grad_fn_of(const Tensor& t) {
  AutogradMeta* m = meta(t);
  if (m && m->view && m->view->version != t.storage().version()) rebuild_view_grad_fn(t, *m);
  return t.impl()->grad_fn;
}

std::shared_ptr<Node> grad_accumulator(const Tensor& t) {
  AutogradMeta& m = ensure_meta(t);
  if (!m.grad_accumulator) m.grad_accumulator = make_pooled<AccumulateGrad>(t);
  return m.grad_accumulator;
}

void set_gradient_edge(Edge& e, const Tensor& t) {
  e.shape = t.sizes();
  e.dtype = t.dtype();
  e.device = t.device();
  if (!t.requires_grad()) return;
  if (auto fn = grad_fn_of(t)) {
    e.function = std::move(fn);
    e.input_nr = t.impl()->output_nr;
  } else {
    e.function = grad_accumulator(t);
  }
}

Edge gradient_edge(const Tensor& t) {
  Edge e;
  set_gradient_edge(e, t);
  return e;
}

void set_history(const Tensor& t, std::shared_ptr<Node> fn, uint32_t nr) {
  TensorImpl& impl = *t.impl();
  impl.grad_fn = std::move(fn);
  impl.output_nr = nr;
  impl.requires_grad = true;
}

Tensor plain_alias(const Tensor& t) {
  return make_view(t, t.sizes(), t.impl()->strides, t.storage_offset());
}

Tensor history_alias(const Tensor& t) {
  if (t.requires_grad() && !grad_fn_of(t)) return t;  // a leaf: only itself accumulates its grad
  Tensor alias = plain_alias(t);
  if (t.requires_grad()) set_history(alias, grad_fn_of(t), t.impl()->output_nr);
  return alias;
}

void mark_view(const Tensor& view, const Tensor& self, int multi_output_nr, const char* creator) {
  AutogradMeta& m = ensure_meta(view);
  m.view = std::make_unique<ViewInfo>();
  const AutogradMeta* sm = meta(self);
  m.view->base = sm && sm->view ? sm->view->base : self;
  m.view->version = view.storage().version();
  m.view->multi_output_nr = multi_output_nr;
  m.view->creator = creator;
}

}  // namespace ctorch::autograd
