// In-place ops under autograd (autograd.md A3.9, A5.5, A5.7): the checks, the rewrite of the
// modified tensor's history, and CopySlices for a modified view.
#include <limits>

#include "autograd/function.h"
#include "autograd/strided.h"

namespace ctorch::autograd {

namespace {

void check_inplace(const Tensor& self) {
  if (!self.requires_grad() || !GradMode::is_enabled()) return;
  const AutogradMeta* m = meta(self);
  if (m && m->view) {
    const ViewInfo& v = *m->view;
    CTORCH_CHECK(v.multi_output_nr < 0, Runtime, "Output ", v.multi_output_nr, " of ", v.creator,
                 " is a view and is being modified inplace. This view is the output of a function that "
                 "returns multiple views. Such functions do not allow the output views to be modified "
                 "inplace. You should replace the inplace operation by an out-of-place one.");
    CTORCH_CHECK(!(v.base.requires_grad() && !grad_fn_of(v.base)), Runtime,
                 "a view of a leaf Variable that requires grad is being used in an in-place operation.");
  }
  CTORCH_CHECK(grad_fn_of(self) != nullptr, Runtime,
               "a leaf Variable that requires grad is being used in an in-place operation.");
}

// The base's node after an in-place op `fn` on one of its views: the base's gradient flows on
// unchanged outside the view's region, and through `fn` inside it. Edges: the base's previous
// history, then fn's other inputs.
class CopySlices final : public Node {
 public:
  CopySlices(const Tensor& base, const Tensor& view, std::shared_ptr<FunctionNode> fn)
      : base_(Geometry::of(base)), view_(Geometry::of(view)), fn_(std::move(fn)) {
    next_edges_.push_back(gradient_edge(base));
    for (size_t i = 1; i < fn_->next_edges_.size(); ++i) next_edges_.push_back(fn_->next_edges_[i]);
    outputs_.resize(1);
    outputs_[0].shape = base.sizes();
    outputs_[0].dtype = base.dtype();
    outputs_[0].device = base.device();
  }
  std::string name() const override { return "torch::autograd::CopySlices"; }
  void release_saved() override { fn_->release_saved(); }

  GradList apply(GradList&& grads) override {
    const Tensor& g = grads.at(0);
    if (!g.defined()) return {};
    Tensor result = layout_buffer(base_, view_, TensorOptions(g.dtype()).device(g.device()), false);
    result.copy_(g);
    Tensor slice = as_strided(result, view_);
    GradList inner{slice.clone()};
    GradList res = fn_->apply(std::move(inner));
    GradList out{result};
    if (!res.empty() && res[0].defined()) {
      slice.copy_(sum_to(res[0], slice.sizes()));
    } else {
      slice.zero_();
    }
    for (size_t i = 1; i < res.size(); ++i) out.push_back(res[i]);
    out.resize(next_edges_.size());
    return out;
  }

 private:
  Geometry base_, view_;
  std::shared_ptr<FunctionNode> fn_;
};

}  // namespace

Tensor& apply_inplace(Tensor& self, const std::function<Tensor(const Tensor&)>& compute) {
  check_inplace(self);
  const Tensor before = history_alias(self);
  Tensor result = compute(before);
  auto node = std::dynamic_pointer_cast<FunctionNode>(grad_fn_of(result));
  if (node) {
    // The formula needs self as it was: keep a copy, the write below would change it (A3.9).
    for (SavedVariable& s : node->saved_) {
      if (!s.is_output() && s.data().defined() && s.data().is_same(before) && !before.is_same(self)) {
        s = SavedVariable(before.clone());
      }
    }
  }
  {
    NoGradGuard guard;
    self.copy_(result);  // bumps the version counter
  }
  if (!node) return self;
  node->outputs_[0].shape = self.sizes();
  node->outputs_[0].dtype = self.dtype();
  node->outputs_[0].device = self.device();
  AutogradMeta* m = meta(self);
  if (m && m->view) {
    const Tensor base = m->view->base;
    set_history(base, std::make_shared<CopySlices>(base, self, node), 0);
    self.impl()->requires_grad = true;
    m->view->version = std::numeric_limits<uint32_t>::max();  // rebuilt from the base on next use
  } else {
    set_history(self, node, 0);
  }
  for (SavedVariable& s : node->saved_) {
    if (s.is_output()) s = SavedVariable(plain_alias(self), node);
  }
  return self;
}

void apply_inplace_view(Tensor& self, const char* name, const std::function<void()>& change,
                        std::function<Tensor(const Tensor&)> formula) {
  if (!should_record(self)) return change();
  check_inplace(self);
  const Tensor before = history_alias(self);
  change();
  record(name, {&before}, {&self}, {}, [f = std::move(formula)](Ctx& c) { return grads{f(c.grad())}; });
}

void fail_out_with_grad(const char* op) {
  CTORCH_FAIL(Runtime, op,
              "(): functions with out=... arguments don't support automatic differentiation, but one of "
              "the arguments requires grad.");
}

}  // namespace ctorch::autograd
