// python/src/autograd.cpp: autograd's Python face: the Tensor attributes (requires_grad, is_leaf,
// grad, grad_fn, backward, retain_grad, detach, register_hook, data), the grad_fn objects (Node)
// and hook handles, grad mode (is_grad_enabled, _set_grad_enabled: the context managers no_grad,
// enable_grad and set_grad_enabled are ctorch/autograd.py's) and ctorch._C._autograd's grad and
// backward (ctorch.autograd.grad/backward). Every check and message is the C++ library's.
//
//   x = ctorch.tensor([3., 2., 1.], requires_grad=True)
//   y = (x * x).sum()                 # y.grad_fn: <SumBackward0 object at 0x...>
//   y.backward()                      # x.grad: tensor([6., 4., 2.])
#include <nanobind/stl/shared_ptr.h>

#include <cstdio>
#include <string>

#include "common.h"

namespace ctorch::python {

namespace {

using autograd::Node;

// One Tensor or a sequence of them (PyTorch's `_tensor_or_tensors`); with `none_ok`, None
// elements are undefined tensors (grad_outputs' "ones for this output").
std::vector<Tensor> tensor_list(nb::handle h, const char* what, bool none_ok) {
  std::vector<Tensor> out;
  if (nb::isinstance<Tensor>(h)) {
    out.push_back(*nb::inst_ptr<Tensor>(h));
    return out;
  }
  if (!PySequence_Check(h.ptr()) || PyUnicode_Check(h.ptr()))
    raise(PyExc_TypeError, std::string(what) + " must be a Tensor or a sequence of Tensors, not " +
                               Py_TYPE(h.ptr())->tp_name);
  for (nb::handle item : nb::iter(h)) {
    if (nb::isinstance<Tensor>(item)) {
      out.push_back(*nb::inst_ptr<Tensor>(item));
    } else if (none_ok && item.is_none()) {
      out.emplace_back();
    } else {
      raise(PyExc_TypeError, std::string(what) + " must contain Tensors" + (none_ok ? " or None" : "") +
                                 ", not " + Py_TYPE(item.ptr())->tp_name);
    }
  }
  return out;
}

std::vector<Tensor> optional_list(nb::handle h, const char* what, bool none_ok) {
  return h.is_none() ? std::vector<Tensor>() : tensor_list(h, what, none_ok);
}

std::optional<std::vector<Tensor>> inputs_arg(nb::handle h) {
  if (h.is_none()) return std::nullopt;
  return tensor_list(h, "inputs", false);
}

// An undefined tensor is Python's None.
nb::object tensor_or_none(const Tensor& t) { return t.defined() ? nb::cast(t) : nb::none(); }

// What register_hook returns: remove() takes the hook off again (torch.utils.hooks.RemovableHandle).
struct HookHandle {
  Tensor tensor;
  unsigned id;
  bool removed = false;
  void remove() {
    if (removed) return;
    removed = true;
    tensor.remove_hook(id);
  }
};

// A Python callable as a C++ hook: its Tensor replaces the gradient, None leaves it. The engine
// runs on the thread that called backward(), which holds the GIL.
Tensor::Hook python_hook(nb::object fn) {
  return [fn = std::move(fn)](const Tensor& grad) -> Tensor {
    nb::object result = fn(grad);
    if (result.is_none()) return Tensor();
    if (!nb::isinstance<Tensor>(result))
      raise(PyExc_TypeError, std::string("hook returned an object of type ") + Py_TYPE(result.ptr())->tp_name +
                                 ", expected a Tensor or None");
    return *nb::inst_ptr<Tensor>(result);
  };
}

std::string node_repr(nb::handle self, const Node& node) {
  char address[32];
  std::snprintf(address, sizeof address, "%p", static_cast<void*>(self.ptr()));
  return "<" + node.name() + " object at " + address + ">";
}

}  // namespace

void bind_autograd(nb::module_& m, TensorClass& cls) {
  nb::module_ ag = m.def_submodule("_autograd", "ctorch.autograd's functions and classes (import ctorch.autograd)");
  nb::class_<Node>(ag, "Node")
      .def("name", &Node::name)
      .def_prop_ro("next_functions", [](const Node& node) {
        nb::list out;
        for (const auto& edge : node.next_edges())
          out.append(nb::make_tuple(edge.function ? nb::cast(edge.function) : nb::none(), edge.input_nr));
        return nb::tuple(out);
      })
      .def("__repr__", [](nb::handle self) { return node_repr(self, nb::cast<const Node&>(self)); });

  nb::class_<HookHandle>(ag, "RemovableHandle")
      .def("remove", &HookHandle::remove)
      .def("__enter__", [](nb::handle self) { return nb::borrow(self); })
      .def("__exit__", [](HookHandle& h, nb::args) { h.remove(); });

  cls.def_prop_rw("requires_grad", [](const Tensor& t) { return t.requires_grad(); },
                  [](Tensor& t, bool r) { t.set_requires_grad(r); })
      .def("requires_grad_", [](Self self, bool r) {
        self.p->requires_grad_(r);
        return nb::borrow(self.h);
      }, nb::arg("requires_grad") = true)
      .def_prop_ro("is_leaf", [](const Tensor& t) { return t.is_leaf(); })
      .def_prop_ro("grad_fn", [](const Tensor& t) { return t.grad_fn(); })
      .def_prop_rw("grad", [](const Tensor& t) { return tensor_or_none(t.grad()); },
                   [](Tensor& t, nb::handle g) {
                     if (!g.is_none() && !nb::isinstance<Tensor>(g))
                       raise(PyExc_TypeError, std::string("assigned grad expected to be a Tensor or None but got grad of type ") +
                                                  Py_TYPE(g.ptr())->tp_name);
                     t.set_grad(g.is_none() ? Tensor() : *nb::inst_ptr<Tensor>(g));
                   }, nb::for_setter(nb::arg("value").none()))
      .def("backward", [](const Tensor& t, std::optional<Tensor> gradient, std::optional<bool> retain_graph,
                          bool create_graph, nb::handle inputs) {
        t.backward(gradient.value_or(Tensor()), retain_graph, create_graph, inputs_arg(inputs));
      }, nb::arg("gradient").none() = nb::none(), nb::arg("retain_graph").none() = nb::none(),
         nb::arg("create_graph") = false, nb::arg("inputs").none() = nb::none())
      .def("retain_grad", [](const Tensor& t) { t.retain_grad(); })
      .def_prop_ro("retains_grad", [](const Tensor& t) { return t.retains_grad(); })
      .def("detach", [](const Tensor& t) { return t.detach(); })
      .def("detach_", [](Self self) {
        self.p->detach_();
        return nb::borrow(self.h);
      })
      .def_prop_ro("data", [](const Tensor& t) { return t.detach(); })
      .def("register_hook", [](const Tensor& t, nb::object fn) {
        return HookHandle{t, t.register_hook(python_hook(std::move(fn)))};
      }, nb::arg("hook"))
      .def_prop_ro("_version", [](const Tensor& t) { return t._version(); });

  m.def("is_grad_enabled", &GradMode::is_enabled);
  m.def("_set_grad_enabled", &GradMode::set_enabled, nb::arg("mode"));

  ag.def("grad", [](nb::handle outputs, nb::handle inputs, nb::handle grad_outputs, std::optional<bool> retain_graph,
                    bool create_graph, std::optional<bool> allow_unused) {
    const std::vector<Tensor> grads =
        autograd::grad(tensor_list(outputs, "outputs", false), tensor_list(inputs, "inputs", false),
                       optional_list(grad_outputs, "grad_outputs", true), retain_graph, create_graph,
                       allow_unused.value_or(false));
    nb::list out;
    for (const Tensor& g : grads) out.append(tensor_or_none(g));
    return nb::tuple(out);
  }, nb::arg("outputs"), nb::arg("inputs"), nb::arg("grad_outputs").none() = nb::none(),
     nb::arg("retain_graph").none() = nb::none(), nb::arg("create_graph") = false,
     nb::arg("allow_unused").none() = nb::none());
  ag.def("backward", [](nb::handle tensors, nb::handle grad_tensors, std::optional<bool> retain_graph,
                        bool create_graph, nb::handle inputs) {
    autograd::backward(tensor_list(tensors, "tensors", false), optional_list(grad_tensors, "grad_tensors", true),
                       retain_graph, create_graph, inputs_arg(inputs));
  }, nb::arg("tensors"), nb::arg("grad_tensors").none() = nb::none(), nb::arg("retain_graph").none() = nb::none(),
     nb::arg("create_graph") = false, nb::arg("inputs").none() = nb::none());
}

}  // namespace ctorch::python
