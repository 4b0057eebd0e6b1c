#include "ctorch/error.h"

namespace ctorch::detail {

void throw_error(ErrorKind kind, const std::string& message) { throw Error(kind, message); }

void internal_assert_fail(const char* expr, const char* file, int line) {
  throw Error(ErrorKind::Runtime, str_cat("ctorch internal assertion failed: ", expr, " at ", file,
                                          ":", line, " (this is a bug in ctorch, please report it)"));
}

}  // namespace ctorch::detail
