// python/src/common.h: what every binding file of ctorch._C shares: the conversions between
// Python objects and ctorch's argument types, and the Python objects the pure-Python package
// hands to the extension (dtype objects, the Size and device classes).
//
//   m.def("zeros_like", [](const Tensor& t, std::optional<ScalarType> dtype) {...});
//     // dtype: a ctorch.float32-style object (or Python's float/int/bool), converted here
//   Operand o = to_operand(h);        // a Tensor or a Python number, as ops take them
//   nb::object s = make_size(t.sizes());   // ctorch.Size([2, 3])
//
// The module is thin (DESIGN.md): these functions convert and never decide what an op does;
// every check whose message a user can see lives in the C++ library.
#pragma once

#include <Python.h>
#include <nanobind/nanobind.h>
#include <nanobind/stl/optional.h>
#include <nanobind/stl/string.h>
#include <nanobind/stl/string_view.h>
#include <nanobind/stl/vector.h>

#include <ctorch/ctorch.h>

#include <optional>
#include <vector>

namespace nb = nanobind;

namespace ctorch::python {

// ---- objects from the pure-Python package (registered once by ctorch/__init__.py) -------------
struct Registry {
  nb::object dtypes[kNumDtypes];  // ctorch.float32, ... in ScalarType order
  nb::object size_type;           // ctorch.Size
  nb::object device_type;         // ctorch.device
  nb::object cpu_device;          // ctorch.device('cpu'), returned by every CPU tensor's .device
  nb::object return_types;        // the module ctorch.return_types
};
Registry& registry();

// ---- exceptions --------------------------------------------------------------------------------
// Raises the Python exception `type` with `message` from C++ code (a nanobind python_error).
[[noreturn]] void raise(PyObject* type, const std::string& message);

// ---- numbers -----------------------------------------------------------------------------------
// A Python bool, int or float (NumPy's scalars too) as a Scalar; nullopt for anything else. An
// int outside int64 raises RuntimeError "Overflow when unpacking long" (semantics.md R2.3).
// With `tensors`, a one-element Tensor counts as its value (PyTorch's Scalar arguments).
std::optional<Scalar> try_scalar(nb::handle h, bool tensors = false);
// A Scalar as a Python bool, int or float.
nb::object scalar_to_python(const Scalar& s);

// An elementwise operand: the Tensor (borrowed from `h`, which outlives the call) or a number.
std::optional<Operand> try_operand(nb::handle h);
Operand to_operand(nb::handle h, const char* what);  // TypeError naming `what` otherwise

// An operator's other side: a Tensor, a number, or a NumPy array (viewed as a tensor, as PyTorch
// does, so that `array + t` is a tensor); ok() is false for anything else (NotImplemented).
class OperatorOperand {
 public:
  explicit OperatorOperand(nb::handle h);
  OperatorOperand(const OperatorOperand&) = delete;
  OperatorOperand& operator=(const OperatorOperand&) = delete;
  bool ok() const { return op_.has_value(); }
  const Operand& operator*() const { return *op_; }

 private:
  Tensor owned_;  // the view of a NumPy array
  std::optional<Operand> op_;
};

// A device argument: a string ("cpu", "cuda:0") or a ctorch.device; the C++ parser's errors.
Device to_device(nb::handle h);
// A dtype argument (the caster's rules), TypeError otherwise.
ScalarType to_dtype(nb::handle h);

// ---- shapes --------------------------------------------------------------------------------
nb::object make_size(IntArrayRef sizes);
// Integers given either as varargs (`t.view(2, 3)`) or as one sequence (`t.view((2, 3))`).
DimVector int_list_from_args(const nb::args& args, const char* what);
// The same for a method whose list is required (t.permute(), no dims, is PyTorch's TypeError
// `permute() missing 1 required positional arguments: "dims"`).
DimVector required_int_list_from_args(const nb::args& args, const char* method, const char* arg_name);
// One int or a sequence of ints (`dim=1` or `dim=(0, 1)`).
DimVector int_list(nb::handle h, const char* what);
int64_t to_int64(nb::handle h, const char* what);  // int, NumPy int or 0-dim integer Tensor

// ---- factory keywords (factory.cpp) ------------------------------------------------------------
// The size (varargs, one sequence or size=) and the keywords dtype, device, requires_grad (and
// generator where `generator` is given) of a factory call; layout/pin_memory are accepted as
// PyTorch's defaults. Unknown keywords are a TypeError naming the function.
struct FactoryArgs {
  DimVector size;
  TensorOptions options;
  Generator* generator = nullptr;
};
FactoryArgs parse_factory(const char* fn, const nb::args& args, const nb::kwargs& kwargs,
                          bool sized = true, bool generator = false);
// Only the keywords, for functions whose positional arguments are bound by name.
TensorOptions parse_options(const char* fn, const nb::kwargs& kwargs, Generator** generator = nullptr);

// ---- tensors from Python data (factory.cpp) ---------------------------------------------------
// torch.tensor(data, dtype=...): nested lists/tuples of numbers, a NumPy array, a Tensor.
Tensor tensor_from_data(nb::handle data, std::optional<ScalarType> dtype, std::optional<Device> device,
                        bool requires_grad);
// NumPy: a view of the array (interop.cpp); a copy only where strides forbid a view.
Tensor from_numpy(nb::handle array);
bool is_numpy_array(nb::handle h);

// ---- defining ------------------------------------------------------------------------------
using TensorClass = nb::class_<Tensor>;
using Self = nb::pointer_and_handle<Tensor>;  // an in-place method returns its own Python object

// `name` as a Tensor method and as a function of the module whose first argument is `input`
// (t.sum(1) and ctorch.sum(t, 1)); `extra` names the arguments after the tensor.
template <typename F, typename... Extra>
void def_both(TensorClass& cls, nb::module_& m, const char* name, F&& f, const Extra&... extra) {
  cls.def(name, f, extra...);
  m.def(name, std::forward<F>(f), nb::arg("input"), extra...);
}

// A list of tensors as Python's tuple (what unbind, chunk, split return).
nb::tuple tensor_tuple(const std::vector<Tensor>& tensors);

// ---- the families, each in its own file -------------------------------------------------------
void bind_errors(nb::module_& m);
void bind_types(nb::module_& m);                        // types.cpp: dtype/Size/device, dtype rules
void bind_tensor(nb::module_& m, TensorClass& cls);       // tensor.cpp: metadata, conversions
void bind_views(nb::module_& m, TensorClass& cls);        // views.cpp: views, copies, joins
void bind_elementwise(nb::module_& m, TensorClass& cls);  // elementwise.cpp: math, operators
void bind_reduce(nb::module_& m, TensorClass& cls);       // reduce.cpp: reductions, sorting, linalg
void bind_indexing(nb::module_& m, TensorClass& cls);     // indexing.cpp: t[...], indexing ops
void bind_factory(nb::module_& m, TensorClass& cls);      // factory.cpp: tensor, zeros, arange, ...
void bind_random(nb::module_& m, TensorClass& cls);       // random.cpp: generators and samplers
void bind_interop(nb::module_& m, TensorClass& cls);      // interop.cpp: NumPy, buffers, DLPack
void bind_misc(nb::module_& m);                         // misc.cpp: print options, threads, devices
void bind_autograd(nb::module_& m, TensorClass& cls);     // autograd.cpp: grad, backward, grad mode

// The Tensor type's buffer-protocol slots (interop.cpp), given to nb::class_ in tensor.cpp.
extern PyType_Slot tensor_type_slots[];

}  // namespace ctorch::python

// ---- type casters: dtype, device, Scalar ---------------------------------------------------------
namespace nanobind::detail {

template <>
struct type_caster<ctorch::ScalarType> {
  NB_TYPE_CASTER(ctorch::ScalarType, const_name("ctorch.dtype"))
  bool from_python(handle src, uint32_t, cleanup_list*) noexcept;
  static handle from_cpp(ctorch::ScalarType t, rv_policy, cleanup_list*) noexcept;
};

template <>
struct type_caster<ctorch::Device> {
  NB_TYPE_CASTER(ctorch::Device, const_name("ctorch.device | str"))
  type_caster() : value(ctorch::kCPU) {}
  bool from_python(handle src, uint32_t, cleanup_list*) noexcept;
  static handle from_cpp(const ctorch::Device& d, rv_policy, cleanup_list*) noexcept;
};

template <>
struct type_caster<ctorch::Scalar> {
  NB_TYPE_CASTER(ctorch::Scalar, const_name("bool | int | float"))
  bool from_python(handle src, uint32_t, cleanup_list*) noexcept;
  static handle from_cpp(const ctorch::Scalar& s, rv_policy, cleanup_list*) noexcept;
};

}  // namespace nanobind::detail
