// python/src/factory.cpp: creating tensors: ctorch.tensor from Python data (nested lists,
// NumPy arrays, tensors), empty/zeros/ones/full, arange, linspace, eye and the *_like forms.
//
// A nested list is walked once: its shape from the first element at each depth, every length
// checked, the numbers gathered in row-major order; ctorch::tensor_from_leaves then infers the
// dtype and range-checks exactly as ctorch::tensor does (semantics.md R2).
#include <string>

#include "common.h"

namespace ctorch::python {

namespace {

bool is_sequence(PyObject* o) { return PyList_Check(o) || PyTuple_Check(o); }

struct LeafCollector {
  DimVector shape;
  std::vector<Scalar> leaves;

  void infer_shape(PyObject* o) {
    while (is_sequence(o)) {
      const Py_ssize_t n = PySequence_Fast_GET_SIZE(o);
      shape.push_back(n);
      if (n == 0) break;
      o = PySequence_Fast_ITEMS(o)[0];
    }
  }

  void leaf(PyObject* o) {
    if (PyFloat_CheckExact(o)) {  // the common case, first
      leaves.emplace_back(PyFloat_AS_DOUBLE(o));
      return;
    }
    if (nb::isinstance<Tensor>(o)) {
      const Tensor& t = *nb::inst_ptr<Tensor>(o);
      if (t.numel() != 1) raise(PyExc_ValueError, "only one element tensors can be converted to Python scalars");
      leaves.push_back(t.item());
      return;
    }
    auto s = try_scalar(o);
    if (!s) raise(PyExc_TypeError, std::string("new(): invalid data type '") + Py_TYPE(o)->tp_name + "'");
    leaves.push_back(*s);
  }

  void walk(PyObject* o, size_t depth) {
    if (depth == shape.size()) {
      if (is_sequence(o)) raise(PyExc_ValueError, "expected a number at dim " + std::to_string(depth) + " but got a sequence");
      leaf(o);
      return;
    }
    if (!is_sequence(o)) raise(PyExc_TypeError, std::string("not a sequence (got '") + Py_TYPE(o)->tp_name + "')");
    const Py_ssize_t n = PySequence_Fast_GET_SIZE(o);
    if (n != shape[depth])
      raise(PyExc_ValueError, "expected sequence of length " + std::to_string(shape[depth]) + " at dim " +
                                  std::to_string(depth) + " (got " + std::to_string(n) + ")");
    PyObject** items = PySequence_Fast_ITEMS(o);
    if (depth + 1 == shape.size()) {
      for (Py_ssize_t i = 0; i < n; ++i) {
        if (is_sequence(items[i]))
          raise(PyExc_ValueError, "expected a number at dim " + std::to_string(depth + 1) + " but got a sequence");
        leaf(items[i]);
      }
    } else {
      for (Py_ssize_t i = 0; i < n; ++i) walk(items[i], depth + 1);
    }
  }
};

Generator* as_generator(nb::handle h) {
  if (h.is_none()) return nullptr;
  if (!nb::isinstance<Generator>(h)) raise(PyExc_TypeError, "generator must be a ctorch.Generator");
  return nb::inst_ptr<Generator>(h);
}

}  // namespace

TensorOptions parse_options(const char* fn, const nb::kwargs& kwargs, Generator** generator) {
  TensorOptions options;
  for (auto [key, value] : kwargs) {
    const std::string name = nb::cast<std::string>(key);
    if (name == "dtype") {
      if (!value.is_none()) options = options.dtype(to_dtype(value));
    } else if (name == "device") {
      if (!value.is_none()) options = options.device(to_device(value));
    } else if (name == "requires_grad") {
      options = options.requires_grad(nb::cast<bool>(value));
    } else if (name == "generator" && generator != nullptr) {
      *generator = as_generator(value);
    } else if (name == "layout" || name == "pin_memory" || name == "memory_format") {
      // PyTorch's defaults (strided, unpinned, preserve) are the only choice here.
    } else {
      raise(PyExc_TypeError, std::string(fn) + "() got an unexpected keyword argument '" + name + "'");
    }
  }
  return options;
}

FactoryArgs parse_factory(const char* fn, const nb::args& args, const nb::kwargs& kwargs, bool sized,
                          bool generator) {
  FactoryArgs out;
  nb::kwargs rest;
  bool have_size = false;
  for (auto [key, value] : kwargs) {
    if (sized && nb::cast<std::string_view>(key) == "size") {
      out.size = int_list(value, "size");
      have_size = true;
    } else {
      rest[key] = value;
    }
  }
  if (sized && !have_size) out.size = int_list_from_args(args, "size");
  out.options = parse_options(fn, rest, generator ? &out.generator : nullptr);
  return out;
}

Tensor tensor_from_data(nb::handle data, std::optional<ScalarType> dtype, std::optional<Device> device,
                        bool requires_grad) {
  const TensorOptions options = TensorOptions().dtype(dtype).device(device).requires_grad(requires_grad);
  const bool numpy = is_numpy_array(data);
  if (numpy || nb::isinstance<Tensor>(data)) {
    // A copy, as PyTorch (torch.tensor never shares memory with its argument).
    Tensor source = numpy ? from_numpy(data) : *nb::inst_ptr<Tensor>(data);
    Tensor out = source.to(options.device_or_cpu(), dtype.value_or(source.dtype()), /*copy=*/true);
    if (requires_grad) out.requires_grad_(true);
    return out;
  }
  LeafCollector c;
  c.infer_shape(data.ptr());
  int64_t numel = 1;
  for (int64_t s : c.shape) numel *= s;
  c.leaves.reserve(static_cast<size_t>(numel));
  c.walk(data.ptr(), 0);
  return tensor_from_leaves(c.shape, c.leaves, options);
}

void bind_factory(nb::module_& m, TensorClass& cls) {
  (void)cls;
  m.def("tensor", [](nb::handle data, nb::handle dtype, nb::handle device, bool requires_grad, bool /*pin_memory*/) {
    return tensor_from_data(data, dtype.is_none() ? std::nullopt : std::optional(to_dtype(dtype)),
                            device.is_none() ? std::nullopt : std::optional(to_device(device)), requires_grad);
  }, nb::arg("data"), nb::kw_only(), nb::arg("dtype") = nb::none(), nb::arg("device") = nb::none(),
     nb::arg("requires_grad") = false, nb::arg("pin_memory") = false);
  // as_tensor shares memory where it can: a tensor or array of the asked dtype comes back as is.
  m.def("as_tensor", [](nb::handle data, nb::handle dtype, nb::handle device) {
    std::optional<ScalarType> d = dtype.is_none() ? std::nullopt : std::optional(to_dtype(dtype));
    std::optional<Device> dev = device.is_none() ? std::nullopt : std::optional(to_device(device));
    if (nb::isinstance<Tensor>(data) || is_numpy_array(data)) {
      Tensor t = nb::isinstance<Tensor>(data) ? *nb::inst_ptr<Tensor>(data) : from_numpy(data);
      return t.to(dev.value_or(t.device()), d.value_or(t.dtype()));
    }
    return tensor_from_data(data, d, dev, false);
  }, nb::arg("data"), nb::arg("dtype") = nb::none(), nb::arg("device") = nb::none());

  m.def("empty", [](const nb::args& a, const nb::kwargs& k) {
    auto f = parse_factory("empty", a, k);
    return empty(f.size, f.options);
  });
  m.def("zeros", [](const nb::args& a, const nb::kwargs& k) {
    auto f = parse_factory("zeros", a, k);
    return zeros(f.size, f.options);
  });
  m.def("ones", [](const nb::args& a, const nb::kwargs& k) {
    auto f = parse_factory("ones", a, k);
    return ones(f.size, f.options);
  });
  m.def("full", [](nb::handle size, const Scalar& fill_value, const nb::kwargs& k) {
    return full(int_list(size, "size"), fill_value, parse_options("full", k));
  }, nb::arg("size"), nb::arg("fill_value"), nb::arg("kwargs"));
  m.def("arange", [](const nb::args& a, const nb::kwargs& k) {
    // arange(end) / arange(start, end, step=1), each also by keyword.
    std::vector<Scalar> numbers;
    for (nb::handle h : a) {
      auto s = try_scalar(h, true);
      if (!s) raise(PyExc_TypeError, std::string("arange(): argument must be a number, not ") + Py_TYPE(h.ptr())->tp_name);
      numbers.push_back(*s);
    }
    std::optional<Scalar> start, end, step;
    if (numbers.size() == 1) end = numbers[0];
    if (numbers.size() >= 2) start = numbers[0], end = numbers[1];
    if (numbers.size() >= 3) step = numbers[2];
    if (numbers.size() > 3) raise(PyExc_TypeError, "arange() takes at most 3 positional arguments");
    nb::kwargs rest;
    for (auto [key, value] : k) {
      const std::string name = nb::cast<std::string>(key);
      auto number = [&] {
        auto s = try_scalar(value, true);
        if (!s) raise(PyExc_TypeError, "arange(): argument '" + name + "' must be a number");
        return *s;
      };
      if (name == "start") {
        start = number();
      } else if (name == "end") {
        end = number();
      } else if (name == "step") {
        step = number();
      } else {
        rest[key] = value;
      }
    }
    if (!end) raise(PyExc_TypeError, "arange() missing required argument 'end'");
    return arange(start.value_or(Scalar(int64_t{0})), *end, step.value_or(Scalar(int64_t{1})),
                  parse_options("arange", rest));
  });
  m.def("linspace", [](const Scalar& start, const Scalar& end, int64_t steps, const nb::kwargs& k) {
    return linspace(start, end, steps, parse_options("linspace", k));
  }, nb::arg("start"), nb::arg("end"), nb::arg("steps"), nb::arg("kwargs"));
  m.def("eye", [](int64_t n, std::optional<int64_t> mcols, const nb::kwargs& k) {
    return eye(n, mcols.value_or(n), parse_options("eye", k));
  }, nb::arg("n"), nb::arg("m") = nb::none(), nb::arg("kwargs"));

  m.def("empty_like", [](const Tensor& t, const nb::kwargs& k) { return empty_like(t, parse_options("empty_like", k)); },
        nb::arg("input"), nb::arg("kwargs"));
  m.def("zeros_like", [](const Tensor& t, const nb::kwargs& k) { return zeros_like(t, parse_options("zeros_like", k)); },
        nb::arg("input"), nb::arg("kwargs"));
  m.def("ones_like", [](const Tensor& t, const nb::kwargs& k) { return ones_like(t, parse_options("ones_like", k)); },
        nb::arg("input"), nb::arg("kwargs"));
  m.def("full_like", [](const Tensor& t, const Scalar& value, const nb::kwargs& k) {
    return full_like(t, value, parse_options("full_like", k));
  }, nb::arg("input"), nb::arg("fill_value"), nb::arg("kwargs"));

  // Tensor.new_* : the new tensor takes self's dtype and device unless given.
  auto with_self = [](const Tensor& t, TensorOptions o) {
    return o.dtype(o.dtype().value_or(t.dtype())).device(o.device().value_or(t.device()));
  };
  cls.def("new_zeros", [with_self](const Tensor& t, const nb::args& a, const nb::kwargs& k) {
    auto f = parse_factory("new_zeros", a, k);
    return zeros(f.size, with_self(t, f.options));
  });
  cls.def("new_ones", [with_self](const Tensor& t, const nb::args& a, const nb::kwargs& k) {
    auto f = parse_factory("new_ones", a, k);
    return ones(f.size, with_self(t, f.options));
  });
  cls.def("new_empty", [with_self](const Tensor& t, const nb::args& a, const nb::kwargs& k) {
    auto f = parse_factory("new_empty", a, k);
    return empty(f.size, with_self(t, f.options));
  });
  cls.def("new_full", [with_self](const Tensor& t, nb::handle size, const Scalar& value, const nb::kwargs& k) {
    return full(int_list(size, "size"), value, with_self(t, parse_options("new_full", k)));
  }, nb::arg("size"), nb::arg("fill_value"), nb::arg("kwargs"));
  cls.def("new_tensor", [with_self](const Tensor& t, nb::handle data, const nb::kwargs& k) {
    TensorOptions o = with_self(t, parse_options("new_tensor", k));
    return tensor_from_data(data, o.dtype(), o.device(), o.requires_grad());
  }, nb::arg("data"), nb::arg("kwargs"));
}

}  // namespace ctorch::python
