// python/src/misc.cpp: print options, threads, what devices this build has, and small functions
// of the torch namespace (is_tensor, numel, explain).

#include "common.h"

namespace ctorch::python {

void bind_misc(nb::module_& m) {
  m.def("set_printoptions", [](std::optional<int> precision, std::optional<double> threshold,
                               std::optional<int> edgeitems, std::optional<int> linewidth,
                               std::optional<std::string> profile, std::optional<bool> sci_mode) {
    set_printoptions({.precision = precision, .threshold = threshold, .edgeitems = edgeitems,
                      .linewidth = linewidth, .profile = profile, .sci_mode = sci_mode});
  }, nb::arg("precision") = nb::none(), nb::arg("threshold") = nb::none(), nb::arg("edgeitems") = nb::none(),
     nb::arg("linewidth") = nb::none(), nb::arg("profile") = nb::none(), nb::arg("sci_mode") = nb::none());
  m.def("get_printoptions", [] {
    const PrintOptions o = get_printoptions();
    nb::dict d;
    d["precision"] = o.precision;
    d["threshold"] = o.threshold;  // a float (inf with profile="full")
    d["edgeitems"] = o.edgeitems;
    d["linewidth"] = o.linewidth;
    d["sci_mode"] = o.sci_mode ? nb::cast(*o.sci_mode) : nb::none();
    return d;
  });
  m.def("set_num_threads", [](int n) { set_num_threads(n); }, nb::arg("int"));
  m.def("get_num_threads", [] { return get_num_threads(); });
  m.def("_cuda_is_available", [] { return cuda::is_available(); });
  m.def("_cuda_device_count", [] { return cuda::device_count(); });
  m.def("_cuda_is_built", [] { return cuda::is_built(); });
  m.def("_cuda_synchronize", [] { cuda::synchronize(); });
  m.def("_cuda_current_device", [] { return cuda::current_device(); });
  m.def("_cuda_set_device", [](int index) { cuda::set_device(index); });
  m.def("_cuda_memory_allocated", [](int device) { return cuda::memory_allocated(device); });
  m.def("_cuda_max_memory_allocated", [](int device) { return cuda::max_memory_allocated(device); });
  m.def("_cuda_memory_reserved", [](int device) { return cuda::memory_reserved(device); });
  m.def("_cuda_reset_peak_memory_stats", [](int device) { cuda::reset_peak_memory_stats(device); });
  m.def("_cuda_empty_cache", [] { cuda::empty_cache(); });
  m.def("_mps_is_available", [] { return mps::is_available(); });
  m.def("_mps_is_built", [] { return mps::is_built(); });
  m.def("is_tensor", [](nb::handle obj) { return nb::isinstance<Tensor>(obj); }, nb::arg("obj"));
  m.def("numel", [](const Tensor& t) { return t.numel(); }, nb::arg("input"));
  m.def("is_floating_point", [](const Tensor& t) { return t.is_floating_point(); }, nb::arg("input"));
  m.def("explain", [](const Tensor& t) { return explain(t); }, nb::arg("input"),
        "How the tensor's sizes, strides and offset read its storage (ctorch's own).");
  m.def("_empty_cache", [] { cpu::empty_cache(); });
}

}  // namespace ctorch::python
