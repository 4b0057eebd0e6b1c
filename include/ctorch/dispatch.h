// ctorch/dispatch.h: the one switch over dtypes. Everything that needs the C++ element type of a
// runtime dtype goes through here.
//
//   ctorch::dispatch(t.dtype(), [&]<typename T>() { fill(t.data_ptr<T>(), ...); });
#pragma once

#include <utility>

#include "ctorch/dtype.h"
#include "ctorch/error.h"

namespace ctorch {

template <typename F>
decltype(auto) dispatch(ScalarType t, F&& f) {
  switch (t) {
#define CTORCH_DISPATCH_CASE(cpp, name, ...) \
  case ScalarType::name:                     \
    return std::forward<F>(f).template operator()<cpp>();
    CTORCH_FORALL_DTYPES(CTORCH_DISPATCH_CASE)
#undef CTORCH_DISPATCH_CASE
  }
  CTORCH_INTERNAL_ASSERT(false);
  return std::forward<F>(f).template operator()<float>();  // unreachable
}

}  // namespace ctorch
