// Nodes and what formulas see: sequence numbers, saved tensors with their version check
// (A5.5, A5.6), the Ctx of a formula, connect() which wires a recorded op into the graph.
#include <sstream>

#include "autograd/function.h"
#include "core/cpu_allocator.h"
#include "core/fast_tls.h"
#include "ctorch/factory.h"
#include "ctorch/reduce.h"

namespace ctorch::autograd {

namespace {
// Later nodes run first when several are ready (as PyTorch's sequence_nr), per thread.
CTORCH_FAST_TLS uint64_t next_sequence_nr = 0;
}  // namespace

Node::Node() : sequence_nr_(next_sequence_nr++) {}
Node::~Node() = default;

void* detail::pooled_allocate(size_t nbytes) { return cpu_allocator::allocate(nbytes).data; }
void detail::pooled_release(void* p, size_t nbytes) { cpu_allocator::release({p, cpu_allocator::block_size(nbytes)}); }

bool should_record(const std::vector<Tensor>& ts) {
  for (const Tensor& t : ts)
    if (any_requires_grad(t)) return GradMode::is_enabled();
  return false;
}

// ---- SavedVariable ----------------------------------------------------------------------------------

SavedVariable::SavedVariable(const Tensor& t) {
  if (!t.defined()) return;
  data_ = t;
  version_ = t.storage().version();
  output_nr_ = t.impl()->output_nr;
  producer_ = grad_fn_of(t);
}

SavedVariable::SavedVariable(const Tensor& t, const std::shared_ptr<Node>& owner) : is_output_(true), owner_(owner) {
  if (!t.defined()) return;
  data_ = plain_alias(t);
  version_ = t.storage().version();
  output_nr_ = t.impl()->output_nr;
}

Tensor SavedVariable::unpack() const {
  CTORCH_CHECK(!freed_, Runtime,
               "Trying to backward through the graph a second time (or directly access saved tensors "
               "after they have already been freed). Saved intermediate values of the graph are freed "
               "when you call .backward() or autograd.grad(). Specify retain_graph=True if you need to "
               "backward through the graph a second time or if you need to access saved tensors after "
               "calling backward.");
  if (!data_.defined()) return data_;
  const uint32_t current = data_.storage().version();
  if (current != version_) {
    std::ostringstream msg;
    msg << "one of the variables needed for gradient computation has been modified by an inplace "
           "operation: ["
        << tensor_type_name(data_.dtype()) << " " << IntArrayRef(data_.sizes()) << "]";
    const std::shared_ptr<Node> producer = is_output_ ? owner_.lock() : producer_;
    if (producer) msg << ", which is output " << output_nr_ << " of " << producer->name() << ",";
    msg << " is at version " << current << "; expected version " << version_
        << " instead. Hint: enable anomaly detection to find the operation that failed to compute "
           "its gradient, with torch.autograd.set_detect_anomaly(True).";
    CTORCH_FAIL(Runtime, msg.str());
  }
  // With create_graph the output must lead back to its node, so that it is differentiable again.
  if (is_output_ && GradMode::is_enabled()) {
    if (const std::shared_ptr<Node> owner = owner_.lock()) {
      Tensor t = plain_alias(data_);
      set_history(t, owner, output_nr_);
      return t;
    }
  }
  return data_;
}

// ---- Ctx ------------------------------------------------------------------------------------------

const Tensor& Ctx::grad(size_t i) {
  Tensor& g = grads_[i];
  if (!g.defined()) {
    g = zeros(node_.outputs_[i].shape, TensorOptions(node_.outputs_[i].dtype).device(node_.outputs_[i].device));
  }
  return g;
}

Tensor Ctx::saved(size_t i) const {
  CTORCH_INTERNAL_ASSERT(i < node_.saved_.size());
  return node_.saved_[i].unpack();
}

bool Ctx::needs(size_t input) const { return node_.next_edges_[input].is_valid(); }
const Size& Ctx::input_shape(size_t input) const { return node_.next_edges_[input].shape; }
ScalarType Ctx::input_dtype(size_t input) const { return node_.next_edges_[input].dtype; }

// ---- connect ----------------------------------------------------------------------------------------

void connect(const std::shared_ptr<FunctionNode>& node, std::span<const Tensor* const> inputs,
             std::span<const Tensor* const> outputs, std::span<const Save> saves) {
  node->next_edges_.reserve(inputs.size());
  for (const Tensor* in : inputs) {
    Edge& e = node->next_edges_.emplace_back();
    if (in && in->defined()) set_gradient_edge(e, *in);
  }
  // Saved inputs first: an input may also be an output (never in practice, but keep it sound).
  node->saved_.reserve(saves.size());
  for (const Save& s : saves) {
    if (s.output >= 0) {
      node->saved_.emplace_back();  // filled below, once the outputs have their history
    } else {
      node->saved_.emplace_back(s.tensor ? *s.tensor : Tensor());
    }
  }
  node->outputs_.resize(outputs.size());
  for (size_t k = 0; k < outputs.size(); ++k) {
    const Tensor* out = outputs[k];
    if (!out || !out->defined()) continue;
    node->outputs_[k].shape = out->sizes();
    node->outputs_[k].dtype = out->dtype();
    node->outputs_[k].device = out->device();
    if (out->is_floating_point()) set_history(*out, node, static_cast<uint32_t>(k));
  }
  for (size_t i = 0; i < saves.size(); ++i) {
    if (saves[i].output >= 0) node->saved_[i] = SavedVariable(*outputs[static_cast<size_t>(saves[i].output)], node);
  }
}

// ---- helpers for formulas -----------------------------------------------------------------------------

Tensor sum_to(const Tensor& g, IntArrayRef shape) {
  if (IntArrayRef(g.sizes()) == shape) return g;
  const int64_t lead = g.dim() - static_cast<int64_t>(shape.size());
  std::vector<int64_t> dims;
  for (int64_t d = 0; d < g.dim(); ++d) {
    if (d < lead || (shape[static_cast<size_t>(d - lead)] == 1 && g.size(d) != 1)) dims.push_back(d);
  }
  Tensor r = dims.empty() ? g : sum(g, dims, /*keepdim=*/true);
  return lead > 0 || IntArrayRef(r.sizes()) != shape ? r.reshape(shape) : r;
}

Tensor unsqueeze_dims(const Tensor& g, IntArrayRef dims, int64_t ndim, bool keepdim) {
  if (keepdim || ndim == 0) return g;
  std::vector<bool> reduced(static_cast<size_t>(ndim), dims.empty());
  for (int64_t d : dims) reduced[static_cast<size_t>(d < 0 ? d + ndim : d)] = true;
  Tensor r = g;
  for (int64_t d = 0; d < ndim; ++d)
    if (reduced[static_cast<size_t>(d)]) r = r.unsqueeze(d);
  return r;
}

}  // namespace ctorch::autograd
