// The node at a leaf that requires grad: runs the leaf's hooks and adds the gradient into its
// grad() (A5.4). Seen as torch::autograd::AccumulateGrad. The leaf owns it (so it is made once,
// not per op) and it refers back to the leaf weakly: no cycle, and a leaf nobody can see any more
// takes no gradient.
#pragma once

#include "ctorch/autograd.h"

namespace ctorch::autograd {

class AccumulateGrad final : public Node {
 public:
  explicit AccumulateGrad(const Tensor& variable);
  std::string name() const override { return "torch::autograd::AccumulateGrad"; }
  GradList apply(GradList&& grads) override;
  Tensor variable() const;  // undefined once the leaf is gone
  // The leaf's hooks applied to `grad` (also for autograd::grad, which captures instead).
  Tensor run_hooks(Tensor grad) const;

 private:
  ctorch::detail::WeakIntrusivePtr<TensorImpl> variable_;
};

}  // namespace ctorch::autograd
