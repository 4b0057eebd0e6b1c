// What autograd keeps on a tensor (TensorImpl::autograd), and the questions asked about it:
// its grad_fn (regenerated for views whose storage was modified), the edge a gradient for it
// follows, setting its history.
#pragma once

#include <memory>
#include <utility>
#include <vector>

#include "ctorch/autograd.h"
#include "ctorch/tensor.h"

namespace ctorch::autograd {

// Note [Differentiable views]: a view recorded while its input required grad remembers the
// tensor that owns its memory (`base`, never itself a view). An in-place op on the view then
// rewrites the base's history (CopySlices), and the view's own grad_fn is rebuilt from the base
// (AsStridedBackward0) whenever the storage version moved since it was last set.
struct ViewInfo {
  Tensor base;
  uint32_t version = 0;            // storage version when grad_fn was last set
  int multi_output_nr = -1;        // output of split/unbind/chunk: in-place ops are refused
  const char* creator = nullptr;   // that op's node name, for the message
};

// grad_fn and output_nr live on the TensorImpl itself.
struct AutogradMeta {
  std::shared_ptr<Node> grad_accumulator;  // a leaf's AccumulateGrad (it refers back weakly)
  Tensor grad;
  bool retains_grad = false;
  std::vector<std::pair<unsigned, Tensor::Hook>> hooks;  // a leaf's hooks (non-leaves: on grad_fn)
  std::unique_ptr<ViewInfo> view;
};

inline AutogradMeta* meta(const Tensor& t) { return t.impl()->autograd.get(); }
AutogradMeta& ensure_meta(const Tensor& t);

// t's grad_fn, rebuilt first for a differentiable view whose storage changed.
std::shared_ptr<Node> grad_fn_of(const Tensor& t);
// Where a gradient for t goes: (grad_fn, output_nr), a leaf's AccumulateGrad, or nowhere.
Edge gradient_edge(const Tensor& t);
void set_gradient_edge(Edge& e, const Tensor& t);  // the same, into an edge made in place
std::shared_ptr<Node> grad_accumulator(const Tensor& t);
// t becomes output `nr` of fn: requires grad, not a leaf.
void set_history(const Tensor& t, std::shared_ptr<Node> fn, uint32_t nr);

// A new TensorImpl over t's memory and geometry with the same history (grad_fn, output_nr,
// requires_grad) but no view info, hooks or grad.
Tensor history_alias(const Tensor& t);
// A TensorImpl over t's memory with nothing of autograd: what detach() returns.
Tensor plain_alias(const Tensor& t);

}  // namespace ctorch::autograd
