// python/src/views.cpp: views (metadata only, the storage shared), copies and joins.
#include "common.h"

namespace ctorch::python {

namespace {

// Python's argument conventions: shapes as varargs or one sequence, dims as int or tuple.
Tensor view(const Tensor& t, const nb::args& shape) {
  if (shape.size() == 0) {  // PyTorch's overload resolution (view also takes a dtype)
    raise(PyExc_TypeError, "view() received an invalid combination of arguments - got (), but expected one of:\n"
                           " * (torch.dtype dtype)\n * (tuple of ints size)\n");
  }
  return t.view(int_list_from_args(shape, "view"));
}
Tensor reshape(const Tensor& t, const nb::args& shape) {
  return t.reshape(required_int_list_from_args(shape, "reshape", "shape"));
}
Tensor permute(const Tensor& t, const nb::args& dims) {
  return t.permute(required_int_list_from_args(dims, "permute", "dims"));
}
Tensor expand(const Tensor& t, const nb::args& sizes) {
  return t.expand(required_int_list_from_args(sizes, "expand", "size"));
}

Tensor movedim(const Tensor& t, nb::handle source, nb::handle destination) {
  return t.movedim(int_list(source, "source"), int_list(destination, "destination"));
}

Tensor squeeze(const Tensor& t, nb::handle dim) {
  if (dim.is_none()) return t.squeeze();
  return t.squeeze(to_int64(dim, "dim"));
}

nb::tuple split(const Tensor& t, nb::handle split_size_or_sections, int64_t dim) {
  if (PyTuple_Check(split_size_or_sections.ptr()) || PyList_Check(split_size_or_sections.ptr())) {
    const DimVector sizes = int_list(split_size_or_sections, "split_size_or_sections");
    return tensor_tuple(t.split(std::vector<int64_t>(sizes.begin(), sizes.end()), dim));
  }
  return tensor_tuple(t.split(to_int64(split_size_or_sections, "split_size"), dim));
}

// .T: every dim reversed (PyTorch's numpy-like T).
Tensor reversed_dims(const Tensor& t) {
  DimVector dims;
  for (int64_t d = t.dim() - 1; d >= 0; --d) dims.push_back(d);
  return t.permute(dims);
}

}  // namespace

void bind_views(nb::module_& m, TensorClass& cls) {
  cls.def("view", &view)
      .def("view_as", [](const Tensor& t, const Tensor& other) { return t.view(other.sizes()); }, nb::arg("other"))
      .def("reshape", &reshape)
      .def("reshape_as", [](const Tensor& t, const Tensor& other) { return t.reshape(other.sizes()); }, nb::arg("other"))
      .def("permute", &permute)
      .def("expand", &expand)
      .def("expand_as", [](const Tensor& t, const Tensor& other) { return t.expand_as(other); }, nb::arg("other"))
      .def_prop_ro("T", &reversed_dims)
      .def_prop_ro("mT", [](const Tensor& t) { return t.transpose(-2, -1); })
      .def("contiguous", [](Self self) -> nb::object {
        Tensor c = self.p->contiguous();
        if (c.is_same(*self.p)) return nb::borrow(self.h);
        return nb::cast(std::move(c));
      })
      .def("copy_", [](Self self, const Tensor& src, bool) {
        self.p->copy_(src);
        return nb::borrow(self.h);
      }, nb::arg("src"), nb::arg("non_blocking") = false)
      .def("fill_", [](Self self, const Scalar& value) {
        self.p->fill_(value);
        return nb::borrow(self.h);
      }, nb::arg("value"))
      .def("zero_", [](Self self) {
        self.p->zero_();
        return nb::borrow(self.h);
      })
      .def("resize_", [](Self self, const nb::args& sizes) {
        self.p->resize_(required_int_list_from_args(sizes, "resize_", "size"));
        return nb::borrow(self.h);
      });

  m.def("reshape", [](const Tensor& t, nb::handle shape) { return t.reshape(int_list(shape, "shape")); },
        nb::arg("input"), nb::arg("shape"));
  m.def("permute", [](const Tensor& t, nb::handle dims) { return t.permute(int_list(dims, "dims")); },
        nb::arg("input"), nb::arg("dims"));
  m.def("broadcast_shapes", [](const nb::args& shapes) {
    std::vector<Size> sizes;
    for (nb::handle s : shapes) sizes.emplace_back(Size(int_list(s, "shape")));
    return make_size(broadcast_shapes(sizes));
  });

  auto transpose = [](const Tensor& t, int64_t dim0, int64_t dim1) { return t.transpose(dim0, dim1); };
  def_both(cls, m, "transpose", transpose, nb::arg("dim0"), nb::arg("dim1"));
  def_both(cls, m, "swapaxes", transpose, nb::arg("axis0"), nb::arg("axis1"));
  def_both(cls, m, "swapdims", transpose, nb::arg("dim0"), nb::arg("dim1"));
  def_both(cls, m, "t", [](const Tensor& t) { return t.t(); });
  def_both(cls, m, "movedim", &movedim, nb::arg("source"), nb::arg("destination"));
  def_both(cls, m, "moveaxis", &movedim, nb::arg("source"), nb::arg("destination"));
  def_both(cls, m, "squeeze", &squeeze, nb::arg("dim") = nb::none());
  def_both(cls, m, "unsqueeze", [](const Tensor& t, int64_t dim) { return t.unsqueeze(dim); }, nb::arg("dim"));
  def_both(cls, m, "flatten", [](const Tensor& t, int64_t start, int64_t end) { return t.flatten(start, end); },
           nb::arg("start_dim") = 0, nb::arg("end_dim") = -1);
  def_both(cls, m, "unflatten", [](const Tensor& t, int64_t dim, nb::handle sizes) {
    return t.unflatten(dim, int_list(sizes, "sizes"));
  }, nb::arg("dim"), nb::arg("sizes"));
  def_both(cls, m, "broadcast_to", [](const Tensor& t, nb::handle size) { return t.broadcast_to(int_list(size, "size")); },
           nb::arg("size"));
  def_both(cls, m, "narrow", [](const Tensor& t, int64_t dim, int64_t start, int64_t length) {
    return t.narrow(dim, start, length);
  }, nb::arg("dim"), nb::arg("start"), nb::arg("length"));
  def_both(cls, m, "select", [](const Tensor& t, int64_t dim, int64_t index) { return t.select(dim, index); },
           nb::arg("dim"), nb::arg("index"));
  def_both(cls, m, "diagonal", [](const Tensor& t, int64_t offset, int64_t dim1, int64_t dim2) {
    return t.diagonal(offset, dim1, dim2);
  }, nb::arg("offset") = 0, nb::arg("dim1") = 0, nb::arg("dim2") = 1);
  def_both(cls, m, "unbind", [](const Tensor& t, int64_t dim) { return tensor_tuple(t.unbind(dim)); },
           nb::arg("dim") = 0);
  def_both(cls, m, "chunk", [](const Tensor& t, int64_t chunks, int64_t dim) { return tensor_tuple(t.chunk(chunks, dim)); },
           nb::arg("chunks"), nb::arg("dim") = 0);
  def_both(cls, m, "split", &split, nb::arg("split_size_or_sections"), nb::arg("dim") = 0);
  def_both(cls, m, "split_with_sizes", [](const Tensor& t, nb::handle sizes, int64_t dim) {
    return tensor_tuple(t.split_with_sizes(int_list(sizes, "split_sizes"), dim));
  }, nb::arg("split_sizes"), nb::arg("dim") = 0);
  def_both(cls, m, "clone", [](const Tensor& t) { return t.clone(); });

  // ---- joins ----
  auto cat_fn = [](const std::vector<Tensor>& tensors, int64_t dim) { return cat(tensors, dim); };
  m.def("cat", cat_fn, nb::arg("tensors"), nb::arg("dim") = 0);
  m.def("concat", cat_fn, nb::arg("tensors"), nb::arg("dim") = 0);
  m.def("concatenate", cat_fn, nb::arg("tensors"), nb::arg("dim") = 0);
  m.def("stack", [](const std::vector<Tensor>& tensors, int64_t dim) { return stack(tensors, dim); },
        nb::arg("tensors"), nb::arg("dim") = 0);
  m.def("vstack", [](const std::vector<Tensor>& tensors) { return vstack(tensors); }, nb::arg("tensors"));
  m.def("row_stack", [](const std::vector<Tensor>& tensors) { return vstack(tensors); }, nb::arg("tensors"));
  m.def("hstack", [](const std::vector<Tensor>& tensors) { return hstack(tensors); }, nb::arg("tensors"));
}

}  // namespace ctorch::python
