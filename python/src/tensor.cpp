// python/src/tensor.cpp: the ctorch.Tensor class: construction, metadata, conversion to Python
// values (item, tolist, bool/int/float/index), to()/type(), repr and the Python protocols
// (len, iter, hash, contains, format).
//
// The autograd attributes (requires_grad, grad, grad_fn, backward, ...) are autograd.cpp's.
#include <string>

#include "common.h"

namespace ctorch::python {

namespace {

nb::object tolist_at(const Tensor& t, const char* base, int64_t dim) {
  const int64_t step = t.stride(dim) * static_cast<int64_t>(t.element_size());
  const int64_t n = t.size(dim);
  PyObject* list = PyList_New(static_cast<Py_ssize_t>(n));
  if (list == nullptr) throw nb::python_error();
  nb::object result = nb::steal(list);
  const bool last = dim + 1 == t.dim();
  for (int64_t i = 0; i < n; ++i) {
    const char* p = base + i * step;
    nb::object item;
    if (last) {
      item = dispatch(t.dtype(), [&]<typename T>() { return scalar_to_python(Scalar(*reinterpret_cast<const T*>(p))); });
    } else {
      item = tolist_at(t, p, dim + 1);
    }
    PyList_SET_ITEM(list, static_cast<Py_ssize_t>(i), item.release().ptr());
  }
  return result;
}

nb::object tolist(const Tensor& t) {
  if (t.dim() == 0) return scalar_to_python(t.item());
  return tolist_at(t, static_cast<const char*>(t.data_ptr()), 0);
}

// int(t), float(t): PyTorch's python_variable_methods.cpp checks the count first (a ValueError).
Scalar single_value(const Tensor& t) {
  if (t.numel() != 1) raise(PyExc_ValueError, "only one element tensors can be converted to Python scalars");
  return t.item();
}

// t.to(...) in each of PyTorch's forms: to(dtype), to(device, dtype), to(other), keywords
// dtype=, device=, copy=, non_blocking= (accepted, meaningless on the CPU).
Tensor to_tensor(const Tensor& self, const nb::args& args, const nb::kwargs& kwargs) {
  std::optional<ScalarType> dtype;
  std::optional<Device> device;
  bool copy = false;
  int bools = 0;  // positional bools: non_blocking, then copy
  for (nb::handle a : args) {
    if (nb::isinstance<Tensor>(a)) {
      const Tensor& other = *nb::inst_ptr<Tensor>(a);
      dtype = other.dtype();
      device = other.device();
    } else if (PyBool_Check(a.ptr())) {
      if (bools++ == 1) copy = a.ptr() == Py_True;
    } else if (PyUnicode_Check(a.ptr()) || PyObject_IsInstance(a.ptr(), registry().device_type.ptr()) == 1) {
      device = to_device(a);
    } else if (!a.is_none()) {
      dtype = to_dtype(a);
    }
  }
  for (auto [key, value] : kwargs) {
    const std::string name = nb::cast<std::string>(key);
    if (name == "dtype") {
      if (!value.is_none()) dtype = to_dtype(value);
    } else if (name == "device") {
      if (!value.is_none()) device = to_device(value);
    } else if (name == "copy") {
      copy = nb::cast<bool>(value);
    } else if (name != "non_blocking" && name != "memory_format") {
      raise(PyExc_TypeError, "to() got an unexpected keyword argument '" + name + "'");
    }
  }
  if (device && dtype) return self.to(*device, *dtype, copy);
  if (device) return self.to(*device, copy);
  if (dtype) return self.to(*dtype, copy);
  return copy ? self.clone() : self;
}

// t.type(): the legacy type name; t.type(dtype) or t.type('torch.DoubleTensor'): a conversion.
nb::object type(const Tensor& self, nb::handle dtype, bool /*non_blocking*/) {
  if (dtype.is_none()) return nb::str(std::string(tensor_type_name(self.dtype())).c_str());
  if (PyUnicode_Check(dtype.ptr())) {
    const std::string name = nb::cast<std::string>(dtype);
    for (int i = 0; i < kNumDtypes; ++i) {
      const auto t = static_cast<ScalarType>(i);
      if (tensor_type_name(t) == name) return nb::cast(self.to(t));
    }
    raise(PyExc_ValueError, "invalid type: '" + name + "'");
  }
  return nb::cast(self.to(to_dtype(dtype)));
}

void init(Tensor* self, const nb::args& args, const nb::kwargs& kwargs) {
  // torch.Tensor(2, 3): uninitialized float32; torch.Tensor([1, 2]): float32 from data.
  std::optional<Device> device;
  for (auto [key, value] : kwargs) {
    if (nb::cast<std::string>(key) != "device") raise(PyExc_TypeError, "Tensor(): unexpected keyword argument");
    device = to_device(value);
  }
  const TensorOptions options = TensorOptions(kFloat32).device(device);
  if (args.size() == 1 && !PyLong_Check(args[0].ptr()) && !nb::isinstance<Tensor>(args[0]) &&
      !PyObject_IsInstance(args[0].ptr(), registry().size_type.ptr())) {
    new (self) Tensor(tensor_from_data(args[0], kFloat32, device, false));
  } else if (args.size() == 1 && nb::isinstance<Tensor>(args[0])) {
    new (self) Tensor(*nb::inst_ptr<Tensor>(args[0]));
  } else {
    new (self) Tensor(empty(args.size() == 0 ? DimVector{0} : int_list_from_args(args, "size"), options));
  }
}

// Like PyTorch, a conversion that changes nothing gives back the same Python object.
nb::object same_or_new(const nb::pointer_and_handle<Tensor>& self, Tensor result) {
  if (result.is_same(*self.p)) return nb::borrow(self.h);
  return nb::cast(std::move(result));
}

nb::object to(nb::pointer_and_handle<Tensor> self, const nb::args& args, const nb::kwargs& kwargs) {
  return same_or_new(self, to_tensor(*self.p, args, kwargs));
}

template <ScalarType kType>
nb::object cast_to(nb::pointer_and_handle<Tensor> self) { return same_or_new(self, self.p->to(kType)); }

}  // namespace

nb::tuple tensor_tuple(const std::vector<Tensor>& tensors) {
  PyObject* out = PyTuple_New(static_cast<Py_ssize_t>(tensors.size()));
  if (out == nullptr) throw nb::python_error();
  nb::tuple result = nb::steal<nb::tuple>(out);
  for (size_t i = 0; i < tensors.size(); ++i)
    PyTuple_SET_ITEM(out, static_cast<Py_ssize_t>(i), nb::cast(tensors[i]).release().ptr());
  return result;
}

void bind_tensor(nb::module_& m, TensorClass& cls) {
  (void)m;
  cls.def("__init__", &init)
      // ---- metadata ----
      .def_prop_ro("ndim", [](const Tensor& t) { return t.dim(); })
      .def_prop_ro("shape", [](const Tensor& t) { return make_size(t.sizes()); })
      .def_prop_ro("dtype", [](const Tensor& t) { return t.dtype(); })
      .def_prop_ro("device", [](const Tensor& t) { return t.device(); })
      .def_prop_ro("is_cpu", [](const Tensor& t) { return t.is_cpu(); })
      .def_prop_ro("is_cuda", [](const Tensor& t) { return t.is_cuda(); })
      .def_prop_ro("itemsize", [](const Tensor& t) { return t.element_size(); })
      .def_prop_ro("nbytes", [](const Tensor& t) { return t.nbytes(); })
      .def("size", [](const Tensor& t, std::optional<int64_t> dim) -> nb::object {
        if (dim) return nb::cast(t.size(*dim));
        return make_size(t.sizes());
      }, nb::arg("dim") = nb::none())
      .def("dim", [](const Tensor& t) { return t.dim(); })
      .def("ndimension", [](const Tensor& t) { return t.dim(); })
      .def("numel", [](const Tensor& t) { return t.numel(); })
      .def("nelement", [](const Tensor& t) { return t.numel(); })
      .def("element_size", [](const Tensor& t) { return t.element_size(); })
      .def("stride", [](const Tensor& t, std::optional<int64_t> dim) -> nb::object {
        if (dim) return nb::cast(t.stride(*dim));
        nb::tuple out = nb::steal<nb::tuple>(PyTuple_New(t.dim()));
        for (int64_t i = 0; i < t.dim(); ++i)
          PyTuple_SET_ITEM(out.ptr(), i, PyLong_FromLongLong(t.strides()[static_cast<size_t>(i)]));
        return out;
      }, nb::arg("dim") = nb::none())
      .def("storage_offset", [](const Tensor& t) { return t.storage_offset(); })
      .def("is_contiguous", [](const Tensor& t) { return t.is_contiguous(); })
      .def("is_floating_point", [](const Tensor& t) { return t.is_floating_point(); })
      .def("is_signed", [](const Tensor& t) { return is_signed(t.dtype()); })
      .def("data_ptr", [](const Tensor& t) { return reinterpret_cast<uintptr_t>(t.data_ptr()); })
      // ---- Python values ----
      .def("item", [](const Tensor& t) { return scalar_to_python(t.item()); })
      .def("tolist", &tolist)
      .def("__bool__", [](const Tensor& t) { return t.is_nonzero(); })
      .def("__float__", [](const Tensor& t) { return single_value(t).to<double>(); })
      .def("__int__", [](const Tensor& t) {
        return nb::steal(PyNumber_Long(scalar_to_python(single_value(t)).ptr()));
      })
      .def("__index__", [](const Tensor& t) {
        // python_variable_methods.cpp's THPVariable_index.
        if (!is_integral(t.dtype(), true) || t.numel() != 1)
          raise(PyExc_TypeError, "only integer tensors of a single element can be converted to an index");
        return t.item<int64_t>();
      })
      .def("__len__", [](const Tensor& t) {
        if (t.dim() == 0) raise(PyExc_TypeError, "len() of a 0-d tensor");
        return t.size(0);
      })
      .def("__iter__", [](const Tensor& t) {
        if (t.dim() == 0) raise(PyExc_TypeError, "iteration over a 0-d tensor");
        return nb::iter(nb::cast(t.unbind(0)));
      })
      .def("__hash__", [](nb::handle self) { return reinterpret_cast<intptr_t>(self.ptr()); })
      .def("__contains__", [](const Tensor& t, nb::handle element) {
        // torch/_tensor.py: (element == self).any().item()
        if (!try_operand(element))
          raise(PyExc_RuntimeError, std::string("Tensor.__contains__ only supports Tensor or scalar, but you passed in a ") +
                                        Py_TYPE(element.ptr())->tp_name + ".");
        return ctorch::eq(t, to_operand(element, "__contains__")).any().item<bool>();
      }, nb::arg("element").none())
      .def("__repr__", [](const Tensor& t) { return repr(t); })
      .def("__str__", [](const Tensor& t) { return repr(t); })
      .def("__format__", [](const Tensor& t, nb::handle spec) {
        // torch/_tensor.py: a 0-dim tensor formats as its Python value (f'{t}' of tensor(7.) is 7.0).
        if (t.dim() == 0) return nb::steal<nb::str>(PyObject_Format(scalar_to_python(t.item()).ptr(), spec.ptr()));
        nb::str text(repr(t).c_str());
        return nb::steal<nb::str>(PyObject_Format(text.ptr(), spec.ptr()));
      })
      // ---- conversions ----
      .def("to", &to)
      .def("type", &type, nb::arg("dtype") = nb::none(), nb::arg("non_blocking") = false)
      .def("cpu", [](nb::pointer_and_handle<Tensor> self) { return same_or_new(self, self.p->cpu()); })
      .def("cuda", [](nb::pointer_and_handle<Tensor> self, nb::object device) {
        // PyTorch's Tensor.cuda(device=None): an index, a cuda device, or the current one.
        const Device target = device.is_none()                 ? Device(kCUDA)
                              : nb::isinstance<nb::int_>(device) ? Device(kCUDA, nb::cast<int>(device))
                                                                 : to_device(device);
        CTORCH_CHECK(target.is_cuda(), Runtime, "Invalid device, must be cuda device");
        return same_or_new(self, self.p->to(target));
      }, nb::arg("device") = nb::none())
      .def("bool", &cast_to<kBool>)
      .def("byte", &cast_to<kUInt8>)
      .def("char", &cast_to<kInt8>)
      .def("short", &cast_to<kInt16>)
      .def("int", &cast_to<kInt32>)
      .def("long", &cast_to<kInt64>)
      .def("half", &cast_to<kFloat16>)
      .def("bfloat16", &cast_to<kBFloat16>)
      .def("float", &cast_to<kFloat32>)
      .def("double", &cast_to<kFloat64>);
}

}  // namespace ctorch::python
