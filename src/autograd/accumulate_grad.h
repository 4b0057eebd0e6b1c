// The node at a leaf that requires grad: runs the leaf's hooks and adds the gradient into its
// grad() (A5.4). Seen as torch::autograd::AccumulateGrad.
#pragma once

#include "ctorch/autograd.h"

namespace ctorch::autograd {

class AccumulateGrad final : public Node {
 public:
  explicit AccumulateGrad(Tensor variable);
  std::string name() const override { return "torch::autograd::AccumulateGrad"; }
  std::vector<Tensor> apply(std::vector<Tensor>&& grads) override;
  const Tensor& variable() const { return variable_; }
  // The leaf's hooks applied to `grad` (also for autograd::grad, which captures instead).
  Tensor run_hooks(Tensor grad) const;

 private:
  Tensor variable_;
};

}  // namespace ctorch::autograd
