// ctorch/autograd.h: reverse-mode automatic differentiation, as PyTorch's autograd
// (autograd.md). Ops record a graph of Nodes when grad mode is on and an input requires grad;
// backward() walks it from the outputs and accumulates into the leaves' grad().
//
//   auto x = ctorch::tensor({3., 2., 1.}, ctorch::requires_grad());
//   auto y = x.sum();              // tensor(6., grad_fn=<SumBackward0>)
//   y.backward();                  // x.grad(): tensor([1., 1., 1.])
//   { ctorch::NoGradGuard guard; /* nothing recorded here */ }
//   auto [g] = ctorch::autograd::grad({(x * x).sum()}, {x});   // 2 * x, without touching x.grad()
//
// Tensor methods (tensor.h): requires_grad_(), is_leaf(), grad(), grad_fn(), backward(),
// retain_grad(), detach(), register_hook().
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "ctorch/inline_vector.h"
#include "ctorch/tensor.h"

namespace ctorch {

// ---- grad mode: thread-local, on by default (A1.7) -----------------------------------------------
class GradMode {
 public:
  static bool is_enabled();
  static void set_enabled(bool enabled);
};

// Sets grad mode for a scope and restores the previous mode when it ends.
class AutoGradMode {
 public:
  explicit AutoGradMode(bool enabled) : previous_(GradMode::is_enabled()) { GradMode::set_enabled(enabled); }
  ~AutoGradMode() { GradMode::set_enabled(previous_); }
  AutoGradMode(const AutoGradMode&) = delete;
  AutoGradMode& operator=(const AutoGradMode&) = delete;

 private:
  bool previous_;
};

// `with torch.no_grad():` and `with torch.enable_grad():`.
struct NoGradGuard : AutoGradMode {
  NoGradGuard() : AutoGradMode(false) {}
};
struct EnableGradGuard : AutoGradMode {
  EnableGradGuard() : AutoGradMode(true) {}
};

namespace autograd {

inline void set_grad_enabled(bool enabled) { GradMode::set_enabled(enabled); }
inline bool is_grad_enabled() { return GradMode::is_enabled(); }

class Node;

namespace detail {
// Node storage comes from the library's per-thread caches of small blocks (no malloc per op).
void* pooled_allocate(size_t nbytes);
void pooled_release(void* p, size_t nbytes);
template <typename T>
struct PooledAllocator {
  using value_type = T;
  PooledAllocator() = default;
  template <typename U>
  PooledAllocator(const PooledAllocator<U>&) {}  // NOLINT: rebinding
  T* allocate(size_t n) { return static_cast<T*>(pooled_allocate(n * sizeof(T))); }
  void deallocate(T* p, size_t n) { pooled_release(p, n * sizeof(T)); }
  template <typename U>
  bool operator==(const PooledAllocator<U>&) const { return true; }
};
template <typename T>
using PooledVector = std::vector<T, PooledAllocator<T>>;
}  // namespace detail

// The gradients a node receives (one per output of the forward op) and returns (one per input);
// from the per-thread block caches, like the nodes, since a backward makes two per node.
using GradList = detail::PooledVector<Tensor>;

// Where a gradient goes: input `input_nr` of `function` (an output of the forward op), together
// with the shape and dtype the gradient must have there.
struct Edge {
  std::shared_ptr<Node> function;
  uint32_t input_nr = 0;
  Size shape;
  ScalarType dtype = ScalarType::Float32;
  Device device = Device(kCPU);  // gradients arriving here are moved to it
  bool is_valid() const { return function != nullptr; }
};

// A recorded backward function: the grad_fn of the tensors an op produced. It receives one
// gradient per output of the forward op and returns one per input (next_edges()).
class Node {
 public:
  Node();
  virtual ~Node();
  Node(const Node&) = delete;
  Node& operator=(const Node&) = delete;

  // PyTorch's name: "AddBackward0", "torch::autograd::AccumulateGrad", ...
  virtual std::string name() const = 0;
  using Edges = ctorch::detail::InlineVector<Edge, 2>;  // most ops have one or two inputs
  const Edges& next_edges() const { return next_edges_; }
  uint64_t sequence_nr() const { return sequence_nr_; }

  // ---- engine interface (src/autograd/) ----
  // Gradients per forward output in, gradients per forward input out (undefined: none).
  virtual GradList apply(GradList&& grads) = 0;
  // Frees saved tensors after a backward without retain_graph (A5.6).
  virtual void release_saved() {}

  struct Output {  // one forward output: its metadata and the hooks registered on it
    Size shape;
    ScalarType dtype = ScalarType::Float32;
    Device device = Device(kCPU);
    std::vector<std::pair<unsigned, Tensor::Hook>> hooks;
    ctorch::detail::WeakIntrusivePtr<TensorImpl> retained;  // retain_grad(): where the gradient is also stored
  };
  Edges next_edges_;
  ctorch::detail::InlineVector<Output, 1> outputs_;

 protected:
  uint64_t sequence_nr_;
};

// Computes the gradients of `tensors` with respect to the leaves of their graph and
// accumulates them into those leaves' grad() (A5.1). grad_tensors[i] may be undefined for a
// one-element tensor (ones). inputs: accumulate into these only (an empty list is an error).
void backward(const std::vector<Tensor>& tensors, const std::vector<Tensor>& grad_tensors = {},
              std::optional<bool> retain_graph = std::nullopt, bool create_graph = false,
              const std::optional<std::vector<Tensor>>& inputs = std::nullopt);

// The gradients of `outputs` with respect to `inputs`, returned instead of accumulated (A5.11).
// An input the outputs do not depend on is an error, or an undefined Tensor with allow_unused.
std::vector<Tensor> grad(const std::vector<Tensor>& outputs, const std::vector<Tensor>& inputs,
                         const std::vector<Tensor>& grad_outputs = {},
                         std::optional<bool> retain_graph = std::nullopt, bool create_graph = false,
                         bool allow_unused = false);

}  // namespace autograd
}  // namespace ctorch
