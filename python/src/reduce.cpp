// python/src/reduce.cpp: reductions and scans, sorting, softmax and friends, matrix products.
// Functions that return (values, indices) give ctorch.return_types objects, like PyTorch.
#include <cmath>

#include "common.h"

namespace ctorch::python {

namespace {

nb::object values_indices(const char* name, ValuesIndices vi) {
  return registry().return_types.attr(name)(nb::cast(std::move(vi.values)), nb::cast(std::move(vi.indices)));
}

// dim=None (every dim), an int or a tuple.
DimVector dims(nb::handle dim) { return dim.is_none() ? DimVector{} : int_list(dim, "dim"); }

Tensor sum(const Tensor& t, nb::handle dim, bool keepdim, std::optional<ScalarType> dtype) {
  if (dim.is_none() && !keepdim) return ctorch::sum(t, dtype);
  return ctorch::sum(t, dims(dim), keepdim, dtype);
}

Tensor mean(const Tensor& t, nb::handle dim, bool keepdim, std::optional<ScalarType> dtype) {
  if (dim.is_none() && !keepdim) return ctorch::mean(t, dtype);
  return ctorch::mean(t, dims(dim), keepdim, dtype);
}

Tensor prod(const Tensor& t, std::optional<int64_t> dim, bool keepdim, std::optional<ScalarType> dtype) {
  if (dim) return ctorch::prod(t, *dim, keepdim, dtype);
  return ctorch::prod(t, dtype);
}

// var/std: var(dim=None, unbiased=True, keepdim=False, *, correction=None); a bool first
// argument is the old var(unbiased) form.
template <bool kStd>
Tensor spread(const Tensor& t, nb::handle dim, std::optional<bool> unbiased, bool keepdim,
              std::optional<double> correction) {
  if (PyBool_Check(dim.ptr())) {
    unbiased = dim.ptr() == Py_True;
    dim = nb::none();
  }
  const Correction c{correction ? *correction : (unbiased.value_or(true) ? 1.0 : 0.0)};
  if constexpr (kStd) {
    return ctorch::std(t, dims(dim), c, keepdim);
  } else {
    return ctorch::var(t, dims(dim), c, keepdim);
  }
}

// max() / max(dim, keepdim) / max(other): the whole tensor, values and indices, or maximum.
template <bool kMax>
nb::object extreme(const Tensor& t, nb::handle dim, bool keepdim) {
  if (dim.is_none()) return nb::cast(kMax ? ctorch::max(t) : ctorch::min(t));
  if (nb::isinstance<Tensor>(dim)) {
    const Tensor& other = *nb::inst_ptr<Tensor>(dim);
    return nb::cast(kMax ? ctorch::maximum(t, other) : ctorch::minimum(t, other));
  }
  const int64_t d = to_int64(dim, "dim");
  return values_indices(kMax ? "max" : "min", kMax ? ctorch::max(t, d, keepdim) : ctorch::min(t, d, keepdim));
}

template <bool kAll>
Tensor all_any(const Tensor& t, nb::handle dim, bool keepdim) {
  if (dim.is_none() && !keepdim) return kAll ? ctorch::all(t) : ctorch::any(t);
  return kAll ? ctorch::all(t, dims(dim), keepdim) : ctorch::any(t, dims(dim), keepdim);
}

double norm_p(nb::handle p) {
  if (PyUnicode_Check(p.ptr())) {
    if (nb::cast<std::string>(p) == "fro") return 2;
    raise(PyExc_RuntimeError, "norm(): only p='fro' is supported among the string norms");
  }
  return nb::cast<double>(p);
}

Tensor lerp(const Tensor& start, const Tensor& end, nb::handle weight) {
  if (nb::isinstance<Tensor>(weight)) return ctorch::lerp(start, end, *nb::inst_ptr<Tensor>(weight));
  auto w = try_scalar(weight);
  if (!w) raise(PyExc_TypeError, "lerp(): argument 'weight' must be Tensor or Number");
  return ctorch::lerp(start, end, *w);
}

nb::object unique(const Tensor& t, bool sorted, bool return_inverse, bool return_counts, nb::handle dim) {
  if (!dim.is_none()) raise(PyExc_RuntimeError, "unique(): dim is not supported by ctorch yet");
  UniqueResult u = ctorch::unique(t, sorted, return_inverse, return_counts);
  if (!return_inverse && !return_counts) return nb::cast(std::move(u.values));
  nb::list out;
  out.append(nb::cast(std::move(u.values)));
  if (return_inverse) out.append(nb::cast(std::move(u.inverse_indices)));
  if (return_counts) out.append(nb::cast(std::move(u.counts)));
  return nb::tuple(out);
}

void bind_reductions(nb::module_& m, TensorClass& cls) {
  def_both(cls, m, "sum", &sum, nb::arg("dim") = nb::none(), nb::arg("keepdim") = false, nb::kw_only(),
           nb::arg("dtype") = nb::none());
  def_both(cls, m, "mean", &mean, nb::arg("dim") = nb::none(), nb::arg("keepdim") = false, nb::kw_only(),
           nb::arg("dtype") = nb::none());
  def_both(cls, m, "prod", &prod, nb::arg("dim") = nb::none(), nb::arg("keepdim") = false, nb::kw_only(),
           nb::arg("dtype") = nb::none());
  def_both(cls, m, "var", &spread<false>, nb::arg("dim") = nb::none(), nb::arg("unbiased") = nb::none(),
           nb::arg("keepdim") = false, nb::kw_only(), nb::arg("correction") = nb::none());
  def_both(cls, m, "std", &spread<true>, nb::arg("dim") = nb::none(), nb::arg("unbiased") = nb::none(),
           nb::arg("keepdim") = false, nb::kw_only(), nb::arg("correction") = nb::none());
  def_both(cls, m, "max", &extreme<true>, nb::arg("dim") = nb::none(), nb::arg("keepdim") = false);
  def_both(cls, m, "min", &extreme<false>, nb::arg("dim") = nb::none(), nb::arg("keepdim") = false);
  def_both(cls, m, "argmax", [](const Tensor& t, std::optional<int64_t> dim, bool keepdim) {
    return ctorch::argmax(t, dim, keepdim);
  }, nb::arg("dim") = nb::none(), nb::arg("keepdim") = false);
  def_both(cls, m, "argmin", [](const Tensor& t, std::optional<int64_t> dim, bool keepdim) {
    return ctorch::argmin(t, dim, keepdim);
  }, nb::arg("dim") = nb::none(), nb::arg("keepdim") = false);
  def_both(cls, m, "amax", [](const Tensor& t, nb::handle dim, bool keepdim) { return ctorch::amax(t, dims(dim), keepdim); },
           nb::arg("dim") = nb::make_tuple(), nb::arg("keepdim") = false);
  def_both(cls, m, "amin", [](const Tensor& t, nb::handle dim, bool keepdim) { return ctorch::amin(t, dims(dim), keepdim); },
           nb::arg("dim") = nb::make_tuple(), nb::arg("keepdim") = false);
  def_both(cls, m, "all", &all_any<true>, nb::arg("dim") = nb::none(), nb::arg("keepdim") = false);
  def_both(cls, m, "any", &all_any<false>, nb::arg("dim") = nb::none(), nb::arg("keepdim") = false);
  def_both(cls, m, "cumsum", [](const Tensor& t, int64_t dim, std::optional<ScalarType> dtype) {
    return ctorch::cumsum(t, dim, dtype);
  }, nb::arg("dim"), nb::kw_only(), nb::arg("dtype") = nb::none());
  def_both(cls, m, "cumprod", [](const Tensor& t, int64_t dim, std::optional<ScalarType> dtype) {
    return ctorch::cumprod(t, dim, dtype);
  }, nb::arg("dim"), nb::kw_only(), nb::arg("dtype") = nb::none());
}

void bind_sorting_and_activations(nb::module_& m, TensorClass& cls) {
  // PyTorch's two overloads: (dim=-1, descending=False), and (*, stable, dim=-1, descending=False),
  // so that t.sort(0, stable=True) is a TypeError there and here.
  def_both(cls, m, "sort", [](const Tensor& t, int64_t dim, bool descending) {
    return values_indices("sort", ctorch::sort(t, dim, descending));
  }, nb::arg("dim") = -1, nb::arg("descending") = false);
  def_both(cls, m, "sort", [](const Tensor& t, std::optional<bool> stable, int64_t dim, bool descending) {
    return values_indices("sort", ctorch::sort(t, dim, descending, stable.value_or(false)));
  }, nb::kw_only(), nb::arg("stable").none(), nb::arg("dim") = -1, nb::arg("descending") = false);
  def_both(cls, m, "argsort", [](const Tensor& t, int64_t dim, bool descending) {
    return ctorch::argsort(t, dim, descending);
  }, nb::arg("dim") = -1, nb::arg("descending") = false);
  def_both(cls, m, "argsort", [](const Tensor& t, std::optional<bool> stable, int64_t dim, bool descending) {
    return ctorch::argsort(t, dim, descending, stable.value_or(false));
  }, nb::kw_only(), nb::arg("stable").none(), nb::arg("dim") = -1, nb::arg("descending") = false);
  def_both(cls, m, "topk", [](const Tensor& t, int64_t k, int64_t dim, bool largest, bool sorted) {
    return values_indices("topk", ctorch::topk(t, k, dim, largest, sorted));
  }, nb::arg("k"), nb::arg("dim") = -1, nb::arg("largest") = true, nb::arg("sorted") = true);
  def_both(cls, m, "unique", &unique, nb::arg("sorted") = true, nb::arg("return_inverse") = false,
           nb::arg("return_counts") = false, nb::arg("dim") = nb::none());

  def_both(cls, m, "softmax", [](const Tensor& t, int64_t dim, std::optional<ScalarType> dtype) {
    return ctorch::softmax(t, dim, dtype);
  }, nb::arg("dim"), nb::arg("dtype") = nb::none());
  def_both(cls, m, "log_softmax", [](const Tensor& t, int64_t dim, std::optional<ScalarType> dtype) {
    return ctorch::log_softmax(t, dim, dtype);
  }, nb::arg("dim"), nb::arg("dtype") = nb::none());
  def_both(cls, m, "logsumexp", [](const Tensor& t, nb::handle dim, bool keepdim) {
    return ctorch::logsumexp(t, dims(dim), keepdim);
  }, nb::arg("dim"), nb::arg("keepdim") = false);
  def_both(cls, m, "norm", [](const Tensor& t, nb::handle p, nb::handle dim, bool keepdim) {
    return ctorch::norm(t, norm_p(p), dims(dim), keepdim);
  }, nb::arg("p") = "fro", nb::arg("dim") = nb::none(), nb::arg("keepdim") = false);
  def_both(cls, m, "lerp", &lerp, nb::arg("end"), nb::arg("weight"));
  def_both(cls, m, "nan_to_num", [](const Tensor& t, std::optional<double> nan, std::optional<double> posinf,
                                     std::optional<double> neginf) {
    return ctorch::nan_to_num(t, nan.value_or(0.0), posinf, neginf);
  }, nb::arg("nan") = 0.0, nb::arg("posinf") = nb::none(), nb::arg("neginf") = nb::none());
}

void bind_linalg(nb::module_& m, TensorClass& cls) {
  def_both(cls, m, "matmul", [](const Tensor& a, const Tensor& b) { return ctorch::matmul(a, b); }, nb::arg("other"));
  def_both(cls, m, "mm", [](const Tensor& a, const Tensor& b) { return ctorch::mm(a, b); }, nb::arg("mat2"));
  def_both(cls, m, "bmm", [](const Tensor& a, const Tensor& b) { return ctorch::bmm(a, b); }, nb::arg("mat2"));
  def_both(cls, m, "mv", [](const Tensor& a, const Tensor& v) { return ctorch::mv(a, v); }, nb::arg("vec"));
  def_both(cls, m, "dot", [](const Tensor& a, const Tensor& b) { return ctorch::dot(a, b); }, nb::arg("other"));
  def_both(cls, m, "outer", [](const Tensor& a, const Tensor& b) { return ctorch::outer(a, b); }, nb::arg("vec2"));
  def_both(cls, m, "ger", [](const Tensor& a, const Tensor& b) { return ctorch::outer(a, b); }, nb::arg("vec2"));
  def_both(cls, m, "addmm", [](const Tensor& input, const Tensor& m1, const Tensor& m2, const Scalar& beta,
                               const Scalar& alpha) { return ctorch::addmm(input, m1, m2, beta, alpha); },
           nb::arg("mat1"), nb::arg("mat2"), nb::kw_only(), nb::arg("beta") = 1, nb::arg("alpha") = 1);
  cls.def("__matmul__", [](const Tensor& a, nb::handle b) -> nb::object {
    if (!nb::isinstance<Tensor>(b)) return nb::borrow(Py_NotImplemented);
    return nb::cast(ctorch::matmul(a, *nb::inst_ptr<Tensor>(b)));
  }, nb::arg("other").none());
  cls.def("__rmatmul__", [](const Tensor& b, nb::handle a) -> nb::object {
    if (!nb::isinstance<Tensor>(a)) return nb::borrow(Py_NotImplemented);
    return nb::cast(ctorch::matmul(*nb::inst_ptr<Tensor>(a), b));
  }, nb::arg("other").none());
}

}  // namespace

void bind_reduce(nb::module_& m, TensorClass& cls) {
  bind_reductions(m, cls);
  bind_sorting_and_activations(m, cls);
  bind_linalg(m, cls);
}

}  // namespace ctorch::python
