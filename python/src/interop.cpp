// python/src/interop.cpp: memory shared with NumPy and any DLPack producer or consumer, without
// copies.
//
//   ctorch.from_numpy(a)      a view of the array's memory; the array stays alive while the tensor
//                             (or any view of it) does. Negative strides (a[::-1]), which a
//                             ctorch tensor cannot express, are copied: the only copying case.
//   t.numpy()                 an ndarray over the tensor's storage (through the buffer protocol)
//   memoryview(t), np.asarray(t)   the buffer protocol (every dtype but bfloat16)
//   t.__dlpack__(), ctorch.from_dlpack(x)   DLPack both ways (legacy and versioned capsules)
#include <cstring>

#include "common.h"
#include "dlpack.h"

namespace ctorch::python {

namespace {

// ---- helpers ------------------------------------------------------------------------------------

// Runs `release` with the GIL held, when the interpreter still runs (a tensor may outlive it).
template <typename F>
void with_gil(F&& release) {
  if (!Py_IsInitialized()) return;
  PyGILState_STATE state = PyGILState_Ensure();
  release();
  PyGILState_Release(state);
}

// Memory whose strides (in elements) may be negative: a view when none is, else the view over the
// same elements with every stride made positive, flipped back into order as a copy.
Tensor wrap_strided(char* data, const DimVector& sizes, const DimVector& strides, ScalarType dtype,
                    Storage::Deleter deleter) {
  DimVector positive = strides;
  DimVector flipped;
  char* lowest = data;
  bool empty_tensor = false;
  for (size_t d = 0; d < sizes.size(); ++d) {
    if (sizes[d] == 0) empty_tensor = true;
    if (strides[d] < 0) {
      positive[d] = -strides[d];
      flipped.push_back(static_cast<int64_t>(d));
      if (sizes[d] > 0) lowest += (sizes[d] - 1) * strides[d] * static_cast<int64_t>(element_size(dtype));
    }
  }
  if (empty_tensor) {
    deleter(data);
    return empty(sizes, dtype);
  }
  Tensor view = from_blob(lowest, sizes, positive, std::move(deleter), dtype);
  if (flipped.empty()) return view;
  return view.flip(flipped);  // a contiguous copy; the memory is released with `view`
}

// ---- NumPy --------------------------------------------------------------------------------------

std::optional<ScalarType> numpy_dtype(const std::string& name) {
  static const std::pair<const char*, ScalarType> kNames[] = {
      {"float64", kFloat64}, {"float32", kFloat32}, {"float16", kFloat16}, {"int64", kInt64},
      {"int32", kInt32},     {"int16", kInt16},     {"int8", kInt8},       {"uint8", kUInt8},
      {"bool", kBool}};
  for (const auto& [n, t] : kNames)
    if (name == n) return t;
  return std::nullopt;
}

struct HeldBuffer {
  Py_buffer view;
};

// numpy.asarray, imported on first use (importing ctorch does not import NumPy).
nb::handle numpy_asarray() {
  static nb::object* asarray = new nb::object(nb::module_::import_("numpy").attr("asarray"));
  return *asarray;
}

// ---- buffer protocol ----------------------------------------------------------------------------

struct BufferInfo {
  Storage storage;  // keeps the memory even if the tensor is resized meanwhile
  std::vector<Py_ssize_t> dims;  // the shape, then the strides in bytes
  char format[2];
};

const char* buffer_format(ScalarType t) {
  switch (t) {
    case kBool: return "?";
    case kUInt8: return "B";
    case kInt8: return "b";
    case kInt16: return "h";
    case kInt32: return "i";
    case kInt64: return "q";
    case kFloat16: return "e";
    case kFloat32: return "f";
    case kFloat64: return "d";
    default: return nullptr;
  }
}

int tensor_getbuffer(PyObject* self, Py_buffer* view, int flags) {
  try {
    const Tensor& t = *nb::inst_ptr<Tensor>(self);
    const char* format = buffer_format(t.dtype());
    if (format == nullptr) {
      PyErr_Format(PyExc_BufferError, "ctorch: a %s tensor has no buffer format", std::string(dtype_name(t.dtype())).c_str());
      return -1;
    }
    if (!t.is_cpu()) {
      PyErr_SetString(PyExc_BufferError, "ctorch: only CPU tensors export their memory");
      return -1;
    }
    const bool contiguous = t.is_contiguous();
    if (!contiguous && ((flags & PyBUF_STRIDES) != PyBUF_STRIDES ||
                        (flags & PyBUF_C_CONTIGUOUS) == PyBUF_C_CONTIGUOUS ||
                        (flags & PyBUF_F_CONTIGUOUS) == PyBUF_F_CONTIGUOUS ||
                        (flags & PyBUF_ANY_CONTIGUOUS) == PyBUF_ANY_CONTIGUOUS)) {
      PyErr_SetString(PyExc_BufferError, "ctorch: the tensor is not contiguous (call .contiguous() first)");
      return -1;
    }
    const auto ndim = static_cast<size_t>(t.dim());
    auto* info = new BufferInfo{t.storage(), std::vector<Py_ssize_t>(2 * ndim), {format[0], 0}};
    const auto itemsize = static_cast<Py_ssize_t>(t.element_size());
    for (size_t d = 0; d < ndim; ++d) {
      info->dims[d] = t.sizes()[d];
      info->dims[ndim + d] = t.strides()[d] * itemsize;
    }
    static char empty_buffer[1];
    view->buf = t.data_ptr() != nullptr ? t.data_ptr() : empty_buffer;
    view->obj = Py_NewRef(self);
    view->len = t.numel() * itemsize;
    view->readonly = 0;
    view->itemsize = itemsize;
    view->format = (flags & PyBUF_FORMAT) ? info->format : nullptr;
    view->ndim = static_cast<int>(t.dim());
    view->shape = (flags & PyBUF_ND) ? info->dims.data() : nullptr;
    view->strides = (flags & PyBUF_STRIDES) == PyBUF_STRIDES ? info->dims.data() + ndim : nullptr;
    view->suboffsets = nullptr;
    view->internal = info;
    return 0;
  } catch (const std::exception& e) {
    PyErr_SetString(PyExc_BufferError, e.what());
    return -1;
  }
}

void tensor_releasebuffer(PyObject*, Py_buffer* view) { delete static_cast<BufferInfo*>(view->internal); }

nb::object numpy(const Self& s, bool force) {
  const Tensor& t = *s.p;
  const nb::handle self = s.h;
  // PyTorch's checks and messages (torch/csrc/utils/tensor_numpy.cpp).
  if (!t.is_cpu())
    raise(PyExc_TypeError, "can't convert " + t.device().str() +
                               " device type tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.");
  if (t.requires_grad() && !force)
    raise(PyExc_RuntimeError, "Can't call numpy() on Tensor that requires grad. Use tensor.detach().numpy() instead.");
  if (t.dtype() == kBFloat16) raise(PyExc_TypeError, "Got unsupported ScalarType BFloat16");
  nb::object source = force ? nb::cast(t.clone()) : nb::borrow(self);
  nb::object view = nb::steal(PyMemoryView_FromObject(source.ptr()));
  if (!view.is_valid()) throw nb::python_error();
  return nb::steal(PyObject_CallOneArg(numpy_asarray().ptr(), view.ptr()));
}

// ---- DLPack export ------------------------------------------------------------------------------

dlpack::DLDataType dl_dtype(ScalarType t) {
  using namespace dlpack;
  const auto bits = static_cast<uint8_t>(element_size(t) * 8);
  switch (t) {
    case kBool: return {kDLBool, 8, 1};
    case kUInt8: return {kDLUInt, 8, 1};
    case kBFloat16: return {kDLBfloat, 16, 1};
    case kFloat16:
    case kFloat32:
    case kFloat64: return {kDLFloat, bits, 1};
    default: return {kDLInt, bits, 1};
  }
}

std::optional<ScalarType> from_dl_dtype(dlpack::DLDataType d) {
  using namespace dlpack;
  if (d.lanes != 1) return std::nullopt;
  switch (d.code) {
    case kDLBool: return d.bits == 8 ? std::optional(kBool) : std::nullopt;
    case kDLUInt: return d.bits == 8 ? std::optional(kUInt8) : std::nullopt;
    case kDLInt:
      if (d.bits == 8) return kInt8;
      if (d.bits == 16) return kInt16;
      if (d.bits == 32) return kInt32;
      if (d.bits == 64) return kInt64;
      return std::nullopt;
    case kDLFloat:
      if (d.bits == 16) return kFloat16;
      if (d.bits == 32) return kFloat32;
      if (d.bits == 64) return kFloat64;
      return std::nullopt;
    case kDLBfloat: return d.bits == 16 ? std::optional(kBFloat16) : std::nullopt;
    default: return std::nullopt;
  }
}

// What an exported capsule owns: the storage (through an alias of the tensor) and the arrays.
template <typename Managed>
struct Export {
  Tensor tensor;
  std::vector<int64_t> shape, strides;
  Managed managed{};
};

template <typename Managed>
void fill(Export<Managed>* e) {
  const Tensor& t = e->tensor;
  for (int64_t d = 0; d < t.dim(); ++d) {
    e->shape.push_back(t.size(d));
    e->strides.push_back(t.stride(d));
  }
  dlpack::DLTensor& dl = e->managed.dl_tensor;
  dl.data = t.data_ptr();
  dl.device = {dlpack::kDLCPU, 0};
  dl.ndim = static_cast<int32_t>(t.dim());
  dl.dtype = dl_dtype(t.dtype());
  dl.shape = e->shape.data();
  dl.strides = e->strides.data();
  dl.byte_offset = 0;
  e->managed.manager_ctx = e;
  e->managed.deleter = [](Managed* self) { delete static_cast<Export<Managed>*>(self->manager_ctx); };
}

nb::object dlpack_export(const Tensor& self, nb::handle stream, nb::handle max_version, nb::handle dl_device,
                         nb::handle copy) {
  (void)stream;  // CPU memory: no stream to synchronize with
  if (!self.is_cpu()) raise(PyExc_BufferError, "__dlpack__: only CPU tensors are exported");
  if (!dl_device.is_none()) {
    nb::tuple dev = nb::cast<nb::tuple>(dl_device);
    if (nb::cast<int>(dev[0]) != dlpack::kDLCPU) raise(PyExc_BufferError, "__dlpack__: ctorch exports to the CPU only");
  }
  // An alias with its own metadata: resizing `self` later does not change what was exported.
  Tensor alias = copy.ptr() == Py_True
                     ? self.clone()
                     : Tensor(TensorImpl::make(self.storage(), self.storage_offset(), self.sizes(),
                                               DimVector(self.strides().begin(), self.strides().end()),
                                               self.dtype()));
  bool versioned = false;
  if (!max_version.is_none()) versioned = nb::cast<int>(nb::cast<nb::tuple>(max_version)[0]) >= 1;
  if (versioned) {
    auto* e = new Export<dlpack::DLManagedTensorVersioned>{std::move(alias), {}, {}, {}};
    fill(e);
    e->managed.version = {1, 0};
    e->managed.flags = 0;
    PyObject* capsule = PyCapsule_New(&e->managed, "dltensor_versioned", [](PyObject* cap) {
      if (PyCapsule_IsValid(cap, "dltensor_versioned")) {
        auto* m = static_cast<dlpack::DLManagedTensorVersioned*>(PyCapsule_GetPointer(cap, "dltensor_versioned"));
        m->deleter(m);
      }
    });
    if (capsule == nullptr) {
      delete e;
      throw nb::python_error();
    }
    return nb::steal(capsule);
  }
  auto* e = new Export<dlpack::DLManagedTensor>{std::move(alias), {}, {}, {}};
  fill(e);
  PyObject* capsule = PyCapsule_New(&e->managed, "dltensor", [](PyObject* cap) {
    if (PyCapsule_IsValid(cap, "dltensor")) {
      auto* m = static_cast<dlpack::DLManagedTensor*>(PyCapsule_GetPointer(cap, "dltensor"));
      m->deleter(m);
    }
  });
  if (capsule == nullptr) {
    delete e;
    throw nb::python_error();
  }
  return nb::steal(capsule);
}

// ---- DLPack import ------------------------------------------------------------------------------

Tensor from_dl_tensor(const dlpack::DLTensor& dl, Storage::Deleter deleter) {
  if (dl.device.device_type != dlpack::kDLCPU && dl.device.device_type != dlpack::kDLCUDAHost) {
    deleter(nullptr);
    raise(PyExc_RuntimeError, "from_dlpack: ctorch computes on the CPU; the tensor is on DLPack device type " +
                                  std::to_string(dl.device.device_type));
  }
  const std::optional<ScalarType> dtype = from_dl_dtype(dl.dtype);
  if (!dtype) {
    deleter(nullptr);
    raise(PyExc_TypeError, "from_dlpack: unsupported DLPack dtype (code " + std::to_string(dl.dtype.code) + ", " +
                               std::to_string(dl.dtype.bits) + " bits, " + std::to_string(dl.dtype.lanes) + " lanes)");
  }
  DimVector sizes(dl.shape, dl.shape + dl.ndim);
  DimVector strides = dl.strides != nullptr ? DimVector(dl.strides, dl.strides + dl.ndim) : contiguous_strides(sizes);
  char* data = static_cast<char*>(dl.data) + dl.byte_offset;
  return wrap_strided(data, sizes, strides, *dtype, std::move(deleter));
}

Tensor from_dlpack(nb::handle obj) {
  nb::object capsule;
  if (PyCapsule_CheckExact(obj.ptr())) {
    capsule = nb::borrow(obj);
  } else {
    if (!nb::hasattr(obj, "__dlpack__"))
      raise(PyExc_TypeError, std::string("from_dlpack: expected an object with __dlpack__, not ") + Py_TYPE(obj.ptr())->tp_name);
    if (nb::hasattr(obj, "__dlpack_device__")) {
      nb::tuple device = nb::cast<nb::tuple>(obj.attr("__dlpack_device__")());
      const int type = nb::cast<int>(device[0]);
      if (type != dlpack::kDLCPU && type != dlpack::kDLCUDAHost)
        raise(PyExc_RuntimeError, "from_dlpack: ctorch computes on the CPU; the tensor is on DLPack device type " +
                                      std::to_string(type));
    }
    try {
      capsule = obj.attr("__dlpack__")(nb::arg("max_version") = nb::make_tuple(1, 0));
    } catch (nb::python_error& e) {
      if (!e.matches(PyExc_TypeError)) throw;
      capsule = obj.attr("__dlpack__")();  // a producer that predates versioned capsules
    }
  }
  if (PyCapsule_IsValid(capsule.ptr(), "dltensor_versioned")) {
    auto* m = static_cast<dlpack::DLManagedTensorVersioned*>(PyCapsule_GetPointer(capsule.ptr(), "dltensor_versioned"));
    if (m->version.major > 1) raise(PyExc_BufferError, "from_dlpack: DLPack version above 1.x is not supported");
    PyCapsule_SetName(capsule.ptr(), "used_dltensor_versioned");
    return from_dl_tensor(m->dl_tensor, [m](void*) {
      with_gil([m] { if (m->deleter != nullptr) m->deleter(m); });
    });
  }
  if (PyCapsule_IsValid(capsule.ptr(), "dltensor")) {
    auto* m = static_cast<dlpack::DLManagedTensor*>(PyCapsule_GetPointer(capsule.ptr(), "dltensor"));
    PyCapsule_SetName(capsule.ptr(), "used_dltensor");
    return from_dl_tensor(m->dl_tensor, [m](void*) {
      with_gil([m] { if (m->deleter != nullptr) m->deleter(m); });
    });
  }
  raise(PyExc_ValueError, "from_dlpack: expected a DLPack capsule that was not consumed yet");
}

// The dtype of a native-order buffer format ("d", "<f", "=q", ...); nullopt otherwise.
std::optional<ScalarType> buffer_dtype(const char* format, Py_ssize_t itemsize) {
  if (format == nullptr) return std::nullopt;
  if (*format == '@' || *format == '=' || *format == '<') ++format;  // '<' is native on x86-64
  if (format[0] == 0 || format[1] != 0) return std::nullopt;
  std::optional<ScalarType> t;
  switch (format[0]) {
    case '?': t = kBool; break;
    case 'B': t = kUInt8; break;
    case 'b': t = kInt8; break;
    case 'h': t = kInt16; break;
    case 'i': t = kInt32; break;
    case 'l':
    case 'q': t = kInt64; break;
    case 'e': t = kFloat16; break;
    case 'f': t = kFloat32; break;
    case 'd': t = kFloat64; break;
    default: return std::nullopt;
  }
  if (static_cast<Py_ssize_t>(element_size(*t)) != itemsize) return std::nullopt;
  return t;
}

// Why an array cannot be viewed, in PyTorch's words (torch/csrc/utils/tensor_numpy.cpp).
[[noreturn]] void refuse_array(nb::handle array) {
  nb::object dtype = array.attr("dtype");
  const std::string name = nb::cast<std::string>(dtype.attr("name"));
  if (numpy_dtype(name) && !nb::cast<bool>(dtype.attr("isnative")))
    raise(PyExc_ValueError, "given numpy array has byte order different from the native byte order. "
                            "Conversion between byte orders is currently not supported.");
  raise(PyExc_TypeError, "can't convert np.ndarray of type numpy." + name +
                             ". The only supported types are: float64, float32, float16, int64, int32, int16, "
                             "int8, uint8, and bool.");
}

}  // namespace

bool is_numpy_array(nb::handle h) {
  for (PyTypeObject* type = Py_TYPE(h.ptr()); type != nullptr; type = type->tp_base)
    if (std::strcmp(type->tp_name, "numpy.ndarray") == 0) return true;
  return false;
}

Tensor from_numpy(nb::handle array) {
  if (!is_numpy_array(array))
    raise(PyExc_TypeError, std::string("expected np.ndarray (got ") + Py_TYPE(array.ptr())->tp_name + ")");
  auto* held = new HeldBuffer();
  if (PyObject_GetBuffer(array.ptr(), &held->view, PyBUF_RECORDS_RO) != 0) {  // strides and format
    delete held;
    PyErr_Clear();  // e.g. datetime64, which has no buffer format
    refuse_array(array);
  }
  const std::optional<ScalarType> t = buffer_dtype(held->view.format, held->view.itemsize);
  if (!t) {
    PyBuffer_Release(&held->view);
    delete held;
    refuse_array(array);
  }
  const Py_buffer& v = held->view;
  const auto itemsize = static_cast<Py_ssize_t>(element_size(*t));
  DimVector sizes, strides;
  for (int d = 0; d < v.ndim; ++d) {
    sizes.push_back(v.shape[d]);
    if (v.strides[d] % itemsize != 0) {
      PyBuffer_Release(&held->view);
      delete held;
      raise(PyExc_ValueError, "given numpy array strides not a multiple of the element byte size. "
                              "Copy the numpy array to reallocate the memory.");
    }
    strides.push_back(v.strides[d] / itemsize);
  }
  if (v.readonly) {
    // PyTorch shares read-only arrays too, and says so once.
    static bool warned = false;
    if (!warned) {
      warned = true;
      if (PyErr_WarnEx(PyExc_UserWarning,
                       "The given NumPy array is not writable, and ctorch does not support non-writable tensors. "
                       "This means writing to this tensor will result in undefined behavior. You may want to copy "
                       "the array to protect its data or make it writable before converting it to a tensor.",
                       1) != 0)
        PyErr_Clear();
    }
  }
  return wrap_strided(static_cast<char*>(v.buf), sizes, strides, *t, [held](void*) {
    with_gil([held] {
      PyBuffer_Release(&held->view);
      delete held;
    });
  });
}

PyType_Slot tensor_type_slots[] = {
    {Py_bf_getbuffer, reinterpret_cast<void*>(tensor_getbuffer)},
    {Py_bf_releasebuffer, reinterpret_cast<void*>(tensor_releasebuffer)},
    {0, nullptr}};

void bind_interop(nb::module_& m, TensorClass& cls) {
  m.def("from_numpy", &from_numpy, nb::arg("ndarray"));
  m.def("from_dlpack", &from_dlpack, nb::arg("ext_tensor"));
  cls.def("numpy", [](Self self, bool force) { return numpy(self, force); }, nb::kw_only(),
          nb::arg("force") = false);
  cls.def("__dlpack__", &dlpack_export, nb::kw_only(), nb::arg("stream") = nb::none(),
          nb::arg("max_version") = nb::none(), nb::arg("dl_device") = nb::none(), nb::arg("copy") = nb::none());
  cls.def("__dlpack_device__", [](const Tensor& t) {
    return t.is_cuda() ? nb::make_tuple(int(dlpack::kDLCUDA), t.device().index())
                       : nb::make_tuple(int(dlpack::kDLCPU), 0);
  });
}

}  // namespace ctorch::python
