// ctorch/error.h: the one exception type of the library and the two check macros.
//
//   CTORCH_CHECK(dim >= 0, Index, "Dimension out of range (got ", dim, ")");
//   CTORCH_INTERNAL_ASSERT(ptr != nullptr);   // our own bug, never the user's
//
// Every user-facing failure throws a ctorch::Error. Its kind says which Python exception PyTorch
// raises (semantics.md R18.1), and so does its class: IndexError, ValueError, TypeError and
// RuntimeError derive from Error, and NotImplementedError (PyTorch 2.x's error for a dtype a kernel
// has no code for, "... not implemented for 'Bool'") derives from RuntimeError, as in Python. The
// message is PyTorch's text where PyTorch has one.
//
//   try { t[5]; } catch (const ctorch::IndexError& e) { e.what(); }
//   try { ctorch::arange(3, kBool); } catch (const ctorch::RuntimeError& e) { /* also NotImplemented */ }
#pragma once

#include <functional>
#include <sstream>
#include <stdexcept>
#include <string>

namespace ctorch {

enum class ErrorKind { Runtime, Index, Value, Type, NotImplemented };

class Error : public std::runtime_error {
 public:
  Error(ErrorKind kind, const std::string& message) : std::runtime_error(message), kind_(kind) {}
  ErrorKind kind() const noexcept { return kind_; }

 private:
  ErrorKind kind_;
};

// One class per kind, so that C++ callers can catch what Python would.
class RuntimeError : public Error {
 public:
  explicit RuntimeError(const std::string& message) : Error(ErrorKind::Runtime, message) {}

 protected:
  RuntimeError(ErrorKind kind, const std::string& message) : Error(kind, message) {}
};
class NotImplementedError : public RuntimeError {
 public:
  explicit NotImplementedError(const std::string& message)
      : RuntimeError(ErrorKind::NotImplemented, message) {}
};
class IndexError : public Error {
 public:
  explicit IndexError(const std::string& message) : Error(ErrorKind::Index, message) {}
};
class ValueError : public Error {
 public:
  explicit ValueError(const std::string& message) : Error(ErrorKind::Value, message) {}
};
class TypeError : public Error {
 public:
  explicit TypeError(const std::string& message) : Error(ErrorKind::Type, message) {}
};

// Warnings (Python's UserWarning, e.g. reading .grad of a non-leaf): written to stderr as
// "UserWarning: <text>" unless a handler is installed. Returns the previous handler.
using WarningHandler = std::function<void(const std::string&)>;
WarningHandler set_warning_handler(WarningHandler handler);

namespace detail {
void warn(const std::string& message);
template <typename... Args>
std::string str_cat(const Args&... args) {
  std::ostringstream out;
  (out << ... << args);
  return out.str();
}
[[noreturn]] void throw_error(ErrorKind kind, const std::string& message);
[[noreturn]] void internal_assert_fail(const char* expr, const char* file, int line);
}  // namespace detail

}  // namespace ctorch

// User-facing check: throws ctorch::Error of kind ErrorKind::KIND with the streamed message.
#define CTORCH_CHECK(cond, KIND, ...)                                                      \
  do {                                                                                     \
    if (!(cond)) [[unlikely]]                                                              \
      ::ctorch::detail::throw_error(::ctorch::ErrorKind::KIND,                             \
                                    ::ctorch::detail::str_cat(__VA_ARGS__));               \
  } while (0)

// Unconditional user-facing failure.
#define CTORCH_FAIL(KIND, ...) \
  ::ctorch::detail::throw_error(::ctorch::ErrorKind::KIND, ::ctorch::detail::str_cat(__VA_ARGS__))

// Internal invariant: a failure is a ctorch bug, reported as a Runtime error naming the place.
#define CTORCH_INTERNAL_ASSERT(cond)                                                 \
  do {                                                                               \
    if (!(cond)) [[unlikely]]                                                        \
      ::ctorch::detail::internal_assert_fail(#cond, __FILE__, __LINE__);             \
  } while (0)
