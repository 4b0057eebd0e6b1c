#include "ctorch/error.h"

#include <iostream>
#include <mutex>

namespace ctorch::detail {

void throw_error(ErrorKind kind, const std::string& message) {
  switch (kind) {
    case ErrorKind::Index:
      throw IndexError(message);
    case ErrorKind::Value:
      throw ValueError(message);
    case ErrorKind::Type:
      throw TypeError(message);
    case ErrorKind::NotImplemented:
      throw NotImplementedError(message);
    case ErrorKind::Runtime:
      break;
  }
  throw RuntimeError(message);
}

void internal_assert_fail(const char* expr, const char* file, int line) {
  throw RuntimeError(str_cat("ctorch internal assertion failed: ", expr, " at ", file,
                                          ":", line, " (this is a bug in ctorch, please report it)"));
}

}  // namespace ctorch::detail

namespace ctorch {

namespace {
// One handler for the process; warnings are rare, so a mutex keeps it simple and thread-safe.
std::mutex& handler_mutex() {
  static std::mutex m;
  return m;
}
WarningHandler& handler() {
  static WarningHandler h;
  return h;
}
}  // namespace

WarningHandler set_warning_handler(WarningHandler h) {
  std::lock_guard<std::mutex> lock(handler_mutex());
  std::swap(handler(), h);
  return h;
}

void detail::warn(const std::string& message) {
  WarningHandler h;
  {
    std::lock_guard<std::mutex> lock(handler_mutex());
    h = handler();
  }
  if (h) {
    h(message);
  } else {
    std::cerr << "UserWarning: " << message << '\n';
  }
}

}  // namespace ctorch
