// python/src/types.cpp: dtype objects, Size, device and Python numbers, converted both ways; the
// dtype rules (promote_types, result_type, can_cast, default dtype) and device parsing.
#include <cstring>

#include "common.h"

namespace ctorch::python {

Registry& registry() {
  // Never destroyed: the objects must not be released after the interpreter has finalized.
  static Registry* r = new Registry();
  return *r;
}

void raise(PyObject* type, const std::string& message) {
  PyErr_SetString(type, message.c_str());
  throw nb::python_error();
}

namespace {

// NumPy's scalar types are recognized by their type names, so that the module never imports NumPy.
bool is_numpy_type(PyTypeObject* type) { return std::strncmp(type->tp_name, "numpy.", 6) == 0; }

}  // namespace

std::optional<Scalar> try_scalar(nb::handle h, bool tensors) {
  PyObject* o = h.ptr();
  if (PyFloat_CheckExact(o)) return Scalar(PyFloat_AS_DOUBLE(o));
  if (PyBool_Check(o)) return Scalar(o == Py_True);
  if (PyLong_Check(o)) {
    int overflow = 0;
    const long long v = PyLong_AsLongLongAndOverflow(o, &overflow);
    if (overflow != 0) raise(PyExc_RuntimeError, "Overflow when unpacking long");
    return Scalar(static_cast<int64_t>(v));
  }
  if (PyFloat_Check(o)) return Scalar(PyFloat_AsDouble(o));  // np.float64 is a float
  if (tensors && nb::isinstance<Tensor>(h)) return nb::inst_ptr<Tensor>(h)->item();
  PyTypeObject* type = Py_TYPE(o);
  if (is_numpy_type(type) && !is_numpy_array(h)) {
    if (std::strcmp(type->tp_name, "numpy.bool_") == 0 || std::strcmp(type->tp_name, "numpy.bool") == 0)
      return Scalar(PyObject_IsTrue(o) == 1);
    if (PyIndex_Check(o)) {  // NumPy's integers
      nb::object i = nb::steal(PyNumber_Index(o));
      if (!i.is_valid()) throw nb::python_error();
      return try_scalar(i);
    }
    if (type->tp_as_number != nullptr && type->tp_as_number->nb_float != nullptr) {
      const double d = PyFloat_AsDouble(o);
      if (d == -1.0 && PyErr_Occurred()) throw nb::python_error();
      return Scalar(d);
    }
  }
  return std::nullopt;
}

nb::object scalar_to_python(const Scalar& s) {
  switch (s.kind()) {
    case Scalar::Kind::Bool:
      return nb::borrow(s.to<bool>() ? Py_True : Py_False);
    case Scalar::Kind::Int:
      return nb::steal(PyLong_FromLongLong(s.to<int64_t>()));
    case Scalar::Kind::Float:
      return nb::steal(PyFloat_FromDouble(s.to<double>()));
  }
  return nb::none();
}

std::optional<Operand> try_operand(nb::handle h) {
  if (nb::isinstance<Tensor>(h)) return Operand(*nb::inst_ptr<Tensor>(h));
  if (auto s = try_scalar(h)) return Operand(*s);
  return std::nullopt;
}

OperatorOperand::OperatorOperand(nb::handle h) {
  if (nb::isinstance<Tensor>(h)) {
    op_.emplace(*nb::inst_ptr<Tensor>(h));
  } else if (is_numpy_array(h)) {
    owned_ = from_numpy(h);
    op_.emplace(owned_);
  } else if (auto s = try_scalar(h)) {
    op_.emplace(*s);
  }
}

Operand to_operand(nb::handle h, const char* what) {
  if (auto op = try_operand(h)) return *op;
  raise(PyExc_TypeError, std::string(what) + "(): argument 'other' must be Tensor or Number, not " +
                             Py_TYPE(h.ptr())->tp_name);
}

nb::object make_size(IntArrayRef sizes) {
  // A tuple subclass without a __dict__: allocated as a tuple and filled in place.
  PyTypeObject* type = reinterpret_cast<PyTypeObject*>(registry().size_type.ptr());
  PyObject* size = type->tp_alloc(type, static_cast<Py_ssize_t>(sizes.size()));
  if (size == nullptr) throw nb::python_error();
  for (size_t i = 0; i < sizes.size(); ++i) {
    PyObject* v = PyLong_FromLongLong(sizes[i]);
    if (v == nullptr) {
      Py_DECREF(size);
      throw nb::python_error();
    }
    PyTuple_SET_ITEM(size, static_cast<Py_ssize_t>(i), v);
  }
  return nb::steal(size);
}

int64_t to_int64(nb::handle h, const char* what) {
  PyObject* o = h.ptr();
  if (PyLong_Check(o) && !PyBool_Check(o)) {
    int overflow = 0;
    const long long v = PyLong_AsLongLongAndOverflow(o, &overflow);
    if (overflow != 0) raise(PyExc_RuntimeError, "Overflow when unpacking long");
    return v;
  }
  if (nb::isinstance<Tensor>(h)) {
    const Tensor& t = *nb::inst_ptr<Tensor>(h);
    if (t.numel() == 1 && is_integral(t.dtype(), false)) return t.item<int64_t>();
  } else if (!PyBool_Check(o) && PyIndex_Check(o)) {
    nb::object i = nb::steal(PyNumber_Index(o));
    if (!i.is_valid()) throw nb::python_error();
    return to_int64(i, what);
  }
  raise(PyExc_TypeError, std::string(what) + " must be int, not " + Py_TYPE(o)->tp_name);
}

DimVector int_list(nb::handle h, const char* what) {
  DimVector out;
  PyObject* o = h.ptr();
  if (PyTuple_Check(o) || PyList_Check(o)) {  // Size is a tuple
    const Py_ssize_t n = PySequence_Fast_GET_SIZE(o);
    PyObject** items = PySequence_Fast_ITEMS(o);
    for (Py_ssize_t i = 0; i < n; ++i) out.push_back(to_int64(items[i], what));
    return out;
  }
  out.push_back(to_int64(h, what));
  return out;
}

DimVector int_list_from_args(const nb::args& args, const char* what) {
  if (args.size() == 1 && (PyTuple_Check(args[0].ptr()) || PyList_Check(args[0].ptr())))
    return int_list(args[0], what);
  DimVector out;
  for (nb::handle h : args) out.push_back(to_int64(h, what));
  return out;
}

DimVector required_int_list_from_args(const nb::args& args, const char* method, const char* arg_name) {
  if (args.size() == 0) {
    raise(PyExc_TypeError, std::string(method) + "() missing 1 required positional arguments: \"" + arg_name + "\"");
  }
  return int_list_from_args(args, method);
}

namespace {
std::string device_str(nb::handle h) { return nb::cast<std::string>(nb::str(h)); }
}  // namespace

Device to_device(nb::handle h) {
  if (h.ptr() == registry().cpu_device.ptr()) return Device(kCPU);
  if (PyUnicode_Check(h.ptr())) return Device(nb::cast<std::string_view>(h));
  if (PyObject_IsInstance(h.ptr(), registry().device_type.ptr()) == 1) return Device(device_str(h));
  if (PyLong_Check(h.ptr()) && !PyBool_Check(h.ptr())) return Device(kCUDA, static_cast<int>(to_int64(h, "device")));
  raise(PyExc_TypeError, std::string("expected a device (str or ctorch.device), not ") + Py_TYPE(h.ptr())->tp_name);
}

ScalarType to_dtype(nb::handle h) {
  nb::detail::type_caster<ScalarType> caster;
  if (caster.from_python(h, 0, nullptr)) return caster.value;
  raise(PyExc_TypeError, std::string("expected a dtype (ctorch.float32, ...), not ") + Py_TYPE(h.ptr())->tp_name);
}

namespace {

void bind_dtype_rules(nb::module_& m) {
  m.def("promote_types", [](ScalarType a, ScalarType b) { return promote_types(a, b); },
        nb::arg("type1"), nb::arg("type2"));
  m.def("can_cast", [](ScalarType from, ScalarType to) { return can_cast(from, to); },
        nb::arg("from_"), nb::arg("to"));
  m.def("result_type", [](nb::handle a, nb::handle b) {
        return result_type(to_operand(a, "result_type"), to_operand(b, "result_type"));
      }, nb::arg("tensor1"), nb::arg("tensor2"));
  m.def("set_default_dtype", [](ScalarType t) { set_default_dtype(t); }, nb::arg("d"));
  m.def("get_default_dtype", [] { return get_default_dtype(); });
}

}  // namespace

void bind_types(nb::module_& m) {
  // Called once by ctorch/__init__.py with the package's objects.
  m.def("_register_types", [](nb::sequence dtypes, nb::object size_type, nb::object device_type,
                              nb::object return_types) {
    Registry& r = registry();
    if (nb::len(dtypes) != static_cast<size_t>(kNumDtypes))
      raise(PyExc_RuntimeError, "_register_types: expected one dtype object per ctorch dtype");
    for (int i = 0; i < kNumDtypes; ++i) r.dtypes[i] = dtypes[i];
    r.size_type = size_type;
    r.device_type = device_type;
    r.return_types = return_types;
    r.cpu_device = device_type(nb::str("cpu"));
  });
  // The facts each dtype object carries, from the C++ library's one list of dtypes.
  m.def("_dtype_info", [] {
    nb::list out;
    for (int i = 0; i < kNumDtypes; ++i) {
      const auto t = static_cast<ScalarType>(i);
      out.append(nb::make_tuple(std::string(dtype_name(t)), is_floating_point(t), is_signed(t),
                                element_size(t)));
    }
    return out;
  });
  // ctorch.device's constructor: the C++ parser decides what a device string may be.
  m.def("_parse_device", [](std::string_view spec) {
    Device d(spec);
    return nb::make_tuple(std::string(device_type_name(d.type())),
                          d.has_index() ? nb::cast(d.index()) : nb::none());
  });
  m.def("_device_with_index", [](std::string_view type, int index) {
    Device d(Device(type).type(), index);
    return nb::make_tuple(std::string(device_type_name(d.type())), d.index());
  });
  bind_dtype_rules(m);
}

}  // namespace ctorch::python

namespace nanobind::detail {

using ctorch::python::registry;

bool type_caster<ctorch::ScalarType>::from_python(handle src, uint32_t, cleanup_list*) noexcept {
  auto& r = registry();
  for (int i = 0; i < ctorch::kNumDtypes; ++i) {
    if (r.dtypes[i].ptr() == src.ptr()) {
      value = static_cast<ctorch::ScalarType>(i);
      return true;
    }
  }
  // Python's own types, as PyTorch accepts them: float -> float64, int -> int64, bool -> bool.
  if (src.ptr() == reinterpret_cast<PyObject*>(&PyFloat_Type)) {
    value = ctorch::kFloat64;
    return true;
  }
  if (src.ptr() == reinterpret_cast<PyObject*>(&PyLong_Type)) {
    value = ctorch::kInt64;
    return true;
  }
  if (src.ptr() == reinterpret_cast<PyObject*>(&PyBool_Type)) {
    value = ctorch::kBool;
    return true;
  }
  return false;
}

handle type_caster<ctorch::ScalarType>::from_cpp(ctorch::ScalarType t, rv_policy, cleanup_list*) noexcept {
  return registry().dtypes[static_cast<int>(t)].inc_ref();
}

bool type_caster<ctorch::Device>::from_python(handle src, uint32_t, cleanup_list*) noexcept {
  try {
    if (PyUnicode_Check(src.ptr())) {
      value = ctorch::Device(std::string_view(nb::cast<std::string_view>(src)));
      return true;
    }
    if (src.ptr() == registry().cpu_device.ptr()) {
      value = ctorch::Device(ctorch::kCPU);
      return true;
    }
    if (PyObject_IsInstance(src.ptr(), registry().device_type.ptr()) == 1) {
      value = ctorch::Device(std::string_view(ctorch::python::device_str(src)));
      return true;
    }
  } catch (...) {
    PyErr_Clear();
  }
  return false;
}

handle type_caster<ctorch::Device>::from_cpp(const ctorch::Device& d, rv_policy, cleanup_list*) noexcept {
  auto& r = registry();
  if (d.is_cpu() && !d.has_index()) return r.cpu_device.inc_ref();
  PyObject* result = PyObject_CallOneArg(r.device_type.ptr(), nb::str(d.str().c_str()).ptr());
  return result;
}

bool type_caster<ctorch::Scalar>::from_python(handle src, uint32_t, cleanup_list*) noexcept {
  try {
    if (auto s = ctorch::python::try_scalar(src, /*tensors=*/true)) {
      value = *s;
      return true;
    }
  } catch (...) {
    PyErr_Clear();
  }
  return false;
}

handle type_caster<ctorch::Scalar>::from_cpp(const ctorch::Scalar& s, rv_policy, cleanup_list*) noexcept {
  return ctorch::python::scalar_to_python(s).release();
}

}  // namespace nanobind::detail
