// python/src/errors.cpp: ctorch::Error becomes the Python exception PyTorch raises for the same
// failure (semantics.md R18.1): its kind picks IndexError, ValueError, TypeError, NotImplementedError or RuntimeError,
// and the message is the C++ library's (PyTorch's text). The library's warnings (reading .grad of a
// non-leaf) are Python UserWarnings.
#include "common.h"

namespace ctorch::python {

void bind_errors(nb::module_& m) {
  (void)m;
  nb::register_exception_translator([](const std::exception_ptr& p, void*) {
    try {
      std::rethrow_exception(p);
    } catch (const Error& e) {
      PyObject* type = PyExc_RuntimeError;
      switch (e.kind()) {
        case ErrorKind::Index: type = PyExc_IndexError; break;
        case ErrorKind::Value: type = PyExc_ValueError; break;
        case ErrorKind::Type: type = PyExc_TypeError; break;
        case ErrorKind::Runtime: type = PyExc_RuntimeError; break;
        case ErrorKind::NotImplemented: type = PyExc_NotImplementedError; break;
      }
      PyErr_SetString(type, e.what());
    }
  });
  set_warning_handler([](const std::string& message) {
    nb::gil_scoped_acquire gil;
    if (PyErr_WarnEx(PyExc_UserWarning, message.c_str(), 1) != 0) throw nb::python_error();  // -W error
  });
}

}  // namespace ctorch::python
