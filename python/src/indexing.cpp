// python/src/indexing.cpp: t[...] and t[...] = v with ints, slices (with steps), None, ...,
// bools, index tensors, masks and lists; the indexing ops (index_select, gather, scatter, ...).
//
// The Python index is converted to ctorch::TensorIndex values and Tensor::index / index_put_
// do the rest (ctorch/indexing.h), so every rule and message is the C++ library's.
#include "common.h"

namespace ctorch::python {

namespace {

std::optional<int64_t> slice_part(PyObject* o) {
  if (o == Py_None) return std::nullopt;
  return to_int64(o, "slice indices");
}

void append_index(std::vector<TensorIndex>& out, nb::handle h) {
  PyObject* o = h.ptr();
  if (PyLong_CheckExact(o)) {
    out.emplace_back(to_int64(h, "index"));
  } else if (PySlice_Check(o)) {
    auto* s = reinterpret_cast<PySliceObject*>(o);
    out.emplace_back(Slice(slice_part(s->start), slice_part(s->stop), slice_part(s->step)));
  } else if (o == Py_None) {
    out.emplace_back(None);
  } else if (o == Py_Ellipsis) {
    out.emplace_back(Ellipsis);
  } else if (nb::isinstance<Tensor>(h)) {
    out.emplace_back(*nb::inst_ptr<Tensor>(h));
  } else if (PyBool_Check(o)) {  // a 0-dim mask: keeps (True) or empties (False) a new dim
    out.emplace_back(full({}, Scalar(o == Py_True), kBool));
  } else if (PyList_Check(o) || PyTuple_Check(o) || is_numpy_array(h)) {
    out.emplace_back(tensor_from_data(h, std::nullopt, std::nullopt, false));
  } else if (PyIndex_Check(o)) {  // NumPy integers, PyLong subclasses
    out.emplace_back(to_int64(h, "index"));
  } else {
    raise(PyExc_IndexError, "only integers, slices (`:`), ellipsis (`...`), None and long or byte "
                            "Variables are valid indices (got " + std::string(Py_TYPE(o)->tp_name) + ")");
  }
}

// PyTorch's treatSequenceAsTuple (python_variable_indexing.cpp): a short list holding slices,
// Ellipsis, None, tensors or sequences is read as a tuple of indices (t[[0, slice(None)]]).
bool list_is_tuple(PyObject* o) {
  const Py_ssize_t n = PyList_GET_SIZE(o);
  if (n >= 32) return false;
  for (Py_ssize_t i = 0; i < n; ++i) {
    PyObject* item = PyList_GET_ITEM(o, i);
    if (PySlice_Check(item) || item == Py_Ellipsis || item == Py_None || PyList_Check(item) ||
        PyTuple_Check(item) || nb::isinstance<Tensor>(item))
      return true;
  }
  return false;
}

std::vector<TensorIndex> to_indices(nb::handle index) {
  std::vector<TensorIndex> out;
  PyObject* o = index.ptr();
  const bool sequence = PyTuple_Check(o) || (PyList_Check(o) && list_is_tuple(o));
  if (sequence) {
    const Py_ssize_t n = PySequence_Fast_GET_SIZE(o);
    PyObject** items = PySequence_Fast_ITEMS(o);
    out.reserve(static_cast<size_t>(n));
    for (Py_ssize_t i = 0; i < n; ++i) append_index(out, items[i]);
  } else {
    append_index(out, index);
  }
  return out;
}

void setitem(Tensor& t, nb::handle index, nb::handle value) {
  std::vector<TensorIndex> indices = to_indices(index);
  if (nb::isinstance<Tensor>(value)) {
    t.index_put_(indices, *nb::inst_ptr<Tensor>(value));
  } else if (auto s = try_scalar(value)) {
    t.index_put_(indices, *s);
  } else {
    raise(PyExc_TypeError, std::string("can't assign a ") + Py_TYPE(value.ptr())->tp_name + " to a " +
                               std::string(tensor_type_name(t.dtype())));
  }
}

std::vector<TensorIndex> index_list(const nb::handle indices) {
  std::vector<TensorIndex> out;
  for (nb::handle h : indices) {
    if (h.is_none()) {
      out.emplace_back(Slice());
    } else if (nb::isinstance<Tensor>(h)) {
      out.emplace_back(*nb::inst_ptr<Tensor>(h));
    } else {
      raise(PyExc_TypeError, "index_put_(): indices must be a tuple of Tensors (or None)");
    }
  }
  return out;
}

nb::object scatter_dispatch(const Tensor& t, int64_t dim, const Tensor& index, nb::handle src) {
  if (nb::isinstance<Tensor>(src)) return nb::cast(t.scatter(dim, index, *nb::inst_ptr<Tensor>(src)));
  auto s = try_scalar(src);
  if (!s) raise(PyExc_TypeError, "scatter(): argument 'src' must be Tensor or Number");
  return nb::cast(t.scatter(dim, index, *s));
}

}  // namespace

void bind_indexing(nb::module_& m, TensorClass& cls) {
  cls.def("__getitem__", [](const Tensor& t, nb::handle index) { return t.index(to_indices(index)); },
          nb::arg("index").none());
  cls.def("__setitem__", &setitem, nb::arg("index").none(), nb::arg("value").none());
  cls.def("index_put_", [](Self self, nb::handle indices, const Tensor& values, bool accumulate) {
    self.p->index_put_(index_list(indices), values, accumulate);
    return nb::borrow(self.h);
  }, nb::arg("indices"), nb::arg("values"), nb::arg("accumulate") = false);
  def_both(cls, m, "index_put", [](const Tensor& t, nb::handle indices, const Tensor& values, bool accumulate) {
    Tensor out = t.clone();
    out.index_put_(index_list(indices), values, accumulate);
    return out;
  }, nb::arg("indices"), nb::arg("values"), nb::arg("accumulate") = false);

  def_both(cls, m, "index_select", [](const Tensor& t, int64_t dim, const Tensor& index) {
    return t.index_select(dim, index);
  }, nb::arg("dim"), nb::arg("index"));
  def_both(cls, m, "gather", [](const Tensor& t, int64_t dim, const Tensor& index) { return t.gather(dim, index); },
           nb::arg("dim"), nb::arg("index"));
  def_both(cls, m, "scatter", &scatter_dispatch, nb::arg("dim"), nb::arg("index"), nb::arg("src"));
  cls.def("scatter_", [](Self self, int64_t dim, const Tensor& index, nb::handle src) {
    if (nb::isinstance<Tensor>(src)) {
      self.p->scatter_(dim, index, *nb::inst_ptr<Tensor>(src));
    } else {
      auto s = try_scalar(src);
      if (!s) raise(PyExc_TypeError, "scatter_(): argument 'src' must be Tensor or Number");
      self.p->scatter_(dim, index, *s);
    }
    return nb::borrow(self.h);
  }, nb::arg("dim"), nb::arg("index"), nb::arg("src"));
  def_both(cls, m, "scatter_add", [](const Tensor& t, int64_t dim, const Tensor& index, const Tensor& src) {
    return t.scatter_add(dim, index, src);
  }, nb::arg("dim"), nb::arg("index"), nb::arg("src"));
  cls.def("scatter_add_", [](Self self, int64_t dim, const Tensor& index, const Tensor& src) {
    self.p->scatter_add_(dim, index, src);
    return nb::borrow(self.h);
  }, nb::arg("dim"), nb::arg("index"), nb::arg("src"));
  def_both(cls, m, "masked_select", [](const Tensor& t, const Tensor& mask) { return t.masked_select(mask); },
           nb::arg("mask"));
  def_both(cls, m, "nonzero", [](const Tensor& t, bool as_tuple) -> nb::object {
    if (!as_tuple) return nb::cast(t.nonzero());
    return tensor_tuple(nonzero_numpy(t));
  }, nb::kw_only(), nb::arg("as_tuple") = false);
  def_both(cls, m, "take", [](const Tensor& t, const Tensor& index) { return t.take(index); }, nb::arg("index"));
  def_both(cls, m, "flip", [](const Tensor& t, nb::handle dims) { return t.flip(int_list(dims, "dims")); },
           nb::arg("dims"));
  def_both(cls, m, "roll", [](const Tensor& t, nb::handle shifts, nb::handle dims) {
    return t.roll(int_list(shifts, "shifts"), dims.is_none() ? DimVector{} : int_list(dims, "dims"));
  }, nb::arg("shifts"), nb::arg("dims") = nb::none());
  cls.def("repeat", [](const Tensor& t, const nb::args& sizes) { return t.repeat(required_int_list_from_args(sizes, "repeat", "repeats")); });
  def_both(cls, m, "tile", [](const Tensor& t, nb::handle dims) { return t.tile(int_list(dims, "dims")); },
           nb::arg("dims"));
}

}  // namespace ctorch::python
