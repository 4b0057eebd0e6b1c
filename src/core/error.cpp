#include "ctorch/error.h"

namespace ctorch::detail {

void throw_error(ErrorKind kind, const std::string& message) {
  switch (kind) {
    case ErrorKind::Index:
      throw IndexError(message);
    case ErrorKind::Value:
      throw ValueError(message);
    case ErrorKind::Type:
      throw TypeError(message);
    case ErrorKind::Runtime:
      break;
  }
  throw Error(ErrorKind::Runtime, message);
}

void internal_assert_fail(const char* expr, const char* file, int line) {
  throw Error(ErrorKind::Runtime, str_cat("ctorch internal assertion failed: ", expr, " at ", file,
                                          ":", line, " (this is a bug in ctorch, please report it)"));
}

}  // namespace ctorch::detail
