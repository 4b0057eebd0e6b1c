// python/src/module.cpp: the extension module ctorch._C. The pure-Python package (python/ctorch)
// imports it, registers its dtype/Size/device objects and re-exports what PyTorch's namespace has.
#include "common.h"

NB_MODULE(_C, m) {
  using namespace ctorch::python;
  m.doc() = "ctorch: PyTorch's tensor in C++ (the extension; import ctorch instead)";
  // A hook is a Python callable held by a C++ tensor; when that tensor is a module global, the
  // cycle outlives the interpreter and nanobind would report it as a leak at every exit. The
  // reference counting itself is measured by tests/python (no growth over 1e5 conversions).
  nb::set_leak_warnings(false);
  bind_errors(m);
  bind_types(m);
  TensorClass cls(m, "Tensor", nb::type_slots(tensor_type_slots));
  bind_tensor(m, cls);
  bind_views(m, cls);
  bind_elementwise(m, cls);
  bind_reduce(m, cls);
  bind_indexing(m, cls);
  bind_factory(m, cls);
  bind_random(m, cls);
  bind_interop(m, cls);
  bind_autograd(m, cls);
  bind_misc(m);
}
