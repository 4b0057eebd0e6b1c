// The backward engine (autograd.md §5): from the roots' gradients, visit each node once, after
// all the gradients for its outputs have arrived (dependency counts), latest-recorded first;
// accumulate into leaves, or capture the gradients asked for by autograd::grad.
#include <queue>
#include <sstream>
#include <typeinfo>
#include <unordered_map>

#include "autograd/accumulate_grad.h"
#include "autograd/function.h"
#include "ctorch/factory.h"

namespace ctorch::autograd {

namespace {

struct Task {
  std::shared_ptr<Node> node;
  int dependencies = 0;
  bool reaches_target = false;  // some wanted gradient lies at or below this node
  GradList buffer;              // gradients per forward output, summed as they arrive
  size_t first_next = 0;        // the tasks of node's edges: GraphTask::next_[first_next, + edges)
};

std::string shape_str(IntArrayRef shape) {
  std::ostringstream out;
  out << "torch.Size(" << shape << ")";
  return out.str();
}

void accumulate(Tensor& slot, Tensor g) {
  slot = slot.defined() ? slot + g : std::move(g);
}

// PyTorch's validate_outputs: a gradient of another shape is summed to the input's shape when it
// broadcasts from it, else it is the node's bug; then it takes the input's dtype (A5.3).
Tensor validate(const Node& node, size_t i, Tensor g) {
  const Edge& e = node.next_edges_[i];
  if (IntArrayRef(g.sizes()) != IntArrayRef(e.shape)) {
    bool expandable = static_cast<int64_t>(e.shape.size()) <= g.dim();
    for (size_t k = 0; expandable && k < e.shape.size(); ++k) {
      const int64_t want = e.shape[e.shape.size() - 1 - k], got = g.size(g.dim() - 1 - static_cast<int64_t>(k));
      expandable = want == got || want == 1;
    }
    CTORCH_CHECK(expandable, Runtime, "Function ", node.name(), " returned an invalid gradient at index ", i,
                 " - got ", IntArrayRef(g.sizes()), " but expected shape compatible with ", IntArrayRef(e.shape));
    g = sum_to(g, e.shape);
  }
  if (g.dtype() != e.dtype || g.device() != e.device) g = g.to(e.device, e.dtype);
  return g;
}

class GraphTask {
 public:
  GraphTask(bool keep_graph, bool accumulate) : keep_graph_(keep_graph), accumulate_(accumulate) {}

  // The roots and their gradients.
  void add_root(const Edge& edge, Tensor grad) { roots_.emplace_back(edge, std::move(grad)); }
  // Accumulate into this leaf's AccumulateGrad only (backward with inputs=).
  void add_accumulate_target(const std::shared_ptr<Node>& acc) { exec_targets_.emplace(acc.get(), acc); }
  // Capture the gradient arriving at `edge` as result `index` (autograd::grad).
  void add_capture(const Edge& edge, size_t index) {
    captures_[edge.function.get()].emplace_back(edge.input_nr, index);
    keep_alive_.push_back(edge.function);
  }

  std::vector<Tensor> run(size_t n_captures);

 private:
  // node's task, and whether it is new. Tasks never move (map nodes), so pointers to them last.
  std::pair<Task*, bool> task_of(const std::shared_ptr<Node>& node) {
    auto [it, fresh] = tasks_.try_emplace(node.get());
    Task& t = it->second;
    if (fresh) {
      t.node = node;
      t.buffer.resize(node->outputs_.size());
    }
    return {&t, fresh};
  }
  // The task behind node's i-th edge (null for an edge that leads nowhere).
  Task* next_task(const Task& task, size_t i) const { return next_[task.first_next + i]; }
  bool is_exec_target(Node* n) const {
    if (exec_targets_.empty()) return accumulate_ && typeid(*n) == typeid(AccumulateGrad);  // final: no dynamic_cast
    return exec_targets_.count(n) != 0;
  }
  void discover();
  void execute(Task& task, std::vector<Tensor>& results);

  bool keep_graph_, accumulate_;
  std::vector<std::pair<Edge, Tensor>> roots_;
  std::unordered_map<Node*, std::shared_ptr<Node>> exec_targets_;
  std::vector<std::shared_ptr<Node>> keep_alive_;  // capture nodes outside any graph
  std::unordered_map<Node*, std::vector<std::pair<uint32_t, size_t>>> captures_;
  // Its entries come from the per-thread block caches (a graph of tiny ops has as many tasks as ops).
  std::unordered_map<Node*, Task, std::hash<Node*>, std::equal_to<Node*>,
                     detail::PooledAllocator<std::pair<Node* const, Task>>>
      tasks_;
  // Every task's edge targets, found once by discover(), so no walk looks a node up again.
  detail::PooledVector<Task*> next_;
};

// Counts every node's dependencies and marks the nodes on a path to a wanted gradient.
void GraphTask::discover() {
  detail::PooledVector<Task*> order;  // discovery order; reversed, children come before parents
  detail::PooledVector<Task*> stack;
  for (auto& [edge, grad] : roots_) {
    if (auto [task, fresh] = task_of(edge.function); fresh) stack.push_back(task);
  }
  while (!stack.empty()) {
    Task* t = stack.back();
    stack.pop_back();
    order.push_back(t);
    t->first_next = next_.size();
    for (const Edge& e : t->node->next_edges_) {
      Task* next = nullptr;
      if (e.is_valid()) {
        auto [task, fresh] = task_of(e.function);
        ++task->dependencies;
        if (fresh) stack.push_back(task);
        next = task;
      }
      next_.push_back(next);
    }
  }
  // A plain backward() wants every leaf: each node leads to one (a recorded op has an input that
  // requires grad), so all run. Else: reachability to a target, in reverse topological order
  // (a DAG; iterate to a fixed point).
  if (accumulate_ && exec_targets_.empty() && captures_.empty()) {
    for (auto& [node, task] : tasks_) task.reaches_target = true;
    return;
  }
  bool changed = true;
  while (changed) {
    changed = false;
    for (auto it = order.rbegin(); it != order.rend(); ++it) {
      Task& t = **it;
      if (t.reaches_target) continue;
      Node* n = t.node.get();
      bool reach = is_exec_target(n) || captures_.count(n);
      for (size_t i = 0; !reach && i < n->next_edges_.size(); ++i) {
        const Task* next = next_task(t, i);
        reach = next && next->reaches_target;
      }
      if (reach) t.reaches_target = changed = true;
    }
  }
}

void GraphTask::execute(Task& task, std::vector<Tensor>& results) {
  Node& node = *task.node;
  GradList buffer = std::move(task.buffer);
  // Hooks on the tensors this node produced, then retain_grad's copy (after all hooks, 2.x).
  for (size_t i = 0; i < buffer.size(); ++i) {
    if (!buffer[i].defined()) continue;
    for (const auto& [handle, hook] : node.outputs_[i].hooks) {
      Tensor replaced = hook(buffer[i]);
      if (replaced.defined()) buffer[i] = std::move(replaced);
    }
    if (auto impl = node.outputs_[i].retained.lock()) {
      AutogradMeta& m = ensure_meta(Tensor(impl));
      m.grad = m.grad.defined() ? m.grad + buffer[i] : buffer[i].clone();
    }
  }
  if (auto it = captures_.find(&node); it != captures_.end()) {
    auto* acc = dynamic_cast<AccumulateGrad*>(&node);
    for (auto [slot, index] : it->second) {
      results[index] = acc && buffer[slot].defined() ? acc->run_hooks(buffer[slot]) : buffer[slot];
    }
  }
  bool run = is_exec_target(&node);
  for (size_t i = 0; !run && i < node.next_edges_.size(); ++i) {
    const Task* next = next_task(task, i);
    run = next && next->reaches_target;
  }
  bool any = false;
  for (const Tensor& g : buffer) any |= g.defined();
  GradList out;
  if (run && any) {
    out = node.apply(std::move(buffer));
    if (!keep_graph_) node.release_saved();
    CTORCH_INTERNAL_ASSERT(out.empty() || out.size() == node.next_edges_.size());
  }
  // Hand the gradients on; every edge counts down its node's dependencies, gradient or not.
  for (size_t i = 0; i < node.next_edges_.size(); ++i) {
    Task* next = next_task(task, i);
    if (!next) continue;
    if (i < out.size() && out[i].defined()) {
      accumulate(next->buffer[node.next_edges_[i].input_nr], validate(node, i, std::move(out[i])));
    }
    --next->dependencies;
  }
}

std::vector<Tensor> GraphTask::run(size_t n_captures) {
  std::vector<Tensor> results(n_captures);
  discover();
  for (auto& [edge, grad] : roots_) accumulate(tasks_[edge.function.get()].buffer[edge.input_nr], grad);

  auto later_first = [](const Task* a, const Task* b) { return a->node->sequence_nr() < b->node->sequence_nr(); };
  std::priority_queue<Task*, detail::PooledVector<Task*>, decltype(later_first)> ready(later_first);
  for (auto& [node, task] : tasks_) {
    if (task.dependencies == 0) {
      ready.push(&task);
      task.dependencies = -1;
    }
  }
  while (!ready.empty()) {
    Task& task = *ready.top();
    ready.pop();
    if (task.reaches_target) execute(task, results);
    else task.buffer.clear();
    for (size_t i = 0; i < task.node->next_edges_.size(); ++i) {
      Task* next = next_task(task, i);
      if (!next) continue;
      if (!task.reaches_target) --next->dependencies;
      if (next->dependencies == 0) {
        ready.push(next);
        next->dependencies = -1;  // queued once
      }
    }
  }
  return results;
}

// The roots with their gradients (A5.1's checks and messages).
void add_roots(GraphTask& task, const std::vector<Tensor>& outputs, const std::vector<Tensor>& grad_outputs) {
  CTORCH_CHECK(grad_outputs.empty() || grad_outputs.size() == outputs.size(), Runtime,
               "grad requires one gradient per output: got ", grad_outputs.size(), " gradients for ",
               outputs.size(), " outputs");
  for (size_t i = 0; i < outputs.size(); ++i) {
    const Tensor& out = outputs[i];
    CTORCH_CHECK(out.defined() && out.requires_grad(), Runtime, "element ", i,
                 " of tensors does not require grad and does not have a grad_fn");
    Tensor g = i < grad_outputs.size() ? grad_outputs[i] : Tensor();
    if (!g.defined()) {
      CTORCH_CHECK(out.numel() == 1, Runtime, "grad can be implicitly created only for scalar outputs");
      g = ones(out.sizes(), TensorOptions(out.dtype()).device(out.device()));
    } else {
      CTORCH_CHECK(IntArrayRef(g.sizes()) == IntArrayRef(out.sizes()), Runtime, "Mismatch in shape: grad_output[", i,
                   "] has a shape of ", shape_str(g.sizes()), " and output[", i, "] has a shape of ",
                   shape_str(out.sizes()), ".");
      if (g.dtype() != out.dtype()) g = g.to(out.dtype());
    }
    task.add_root(gradient_edge(out), std::move(g));
  }
}

}  // namespace

void backward(const std::vector<Tensor>& tensors, const std::vector<Tensor>& grad_tensors,
              std::optional<bool> retain_graph, bool create_graph,
              const std::optional<std::vector<Tensor>>& inputs) {
  CTORCH_CHECK(!inputs || !inputs->empty(), Runtime, "'inputs' argument to backward() cannot be empty.");
  GraphTask task(retain_graph.value_or(create_graph), /*accumulate=*/true);
  add_roots(task, tensors, grad_tensors);
  std::vector<Tensor> non_leaves;  // inputs with a grad_fn: their .grad gets what arrives
  if (inputs) {
    for (const Tensor& in : *inputs) {
      CTORCH_CHECK(in.requires_grad(), Runtime, "One of the differentiated Tensors does not require grad");
      const Edge e = gradient_edge(in);
      if (grad_fn_of(in)) {
        task.add_capture(e, non_leaves.size());
        non_leaves.push_back(in);
      } else {
        task.add_accumulate_target(e.function);
      }
    }
    // Without this, add_accumulate_target's absence would mean "every leaf".
    if (non_leaves.size() == inputs->size()) task.add_accumulate_target(nullptr);
  }
  AutoGradMode mode(create_graph);
  std::vector<Tensor> captured = task.run(non_leaves.size());
  for (size_t i = 0; i < non_leaves.size(); ++i) {
    if (!captured[i].defined()) continue;
    AutogradMeta& m = ensure_meta(non_leaves[i]);
    m.grad = m.grad.defined() ? m.grad + captured[i] : captured[i].clone();
  }
}

std::vector<Tensor> grad(const std::vector<Tensor>& outputs, const std::vector<Tensor>& inputs,
                         const std::vector<Tensor>& grad_outputs, std::optional<bool> retain_graph,
                         bool create_graph, bool allow_unused) {
  GraphTask task(retain_graph.value_or(create_graph), /*accumulate=*/false);
  add_roots(task, outputs, grad_outputs);
  for (size_t i = 0; i < inputs.size(); ++i) {
    CTORCH_CHECK(inputs[i].defined() && inputs[i].requires_grad(), Runtime,
                 "One of the differentiated Tensors does not require grad");
    task.add_capture(gradient_edge(inputs[i]), i);
  }
  std::vector<Tensor> results;
  {
    AutoGradMode mode(create_graph);
    results = task.run(inputs.size());
  }
  for (size_t i = 0; i < results.size(); ++i) {
    CTORCH_CHECK(results[i].defined() || allow_unused, Runtime, "The differentiated Tensor at index ", i,
                 " appears to not have been used in the graph. Set allow_unused=True if this is the "
                 "desired behavior.");
  }
  return results;
}

}  // namespace ctorch::autograd
