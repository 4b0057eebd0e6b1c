// Hot loops compiled three times, for baseline x86-64, AVX2 and AVX-512, and run in the best
// version the CPU supports (cpu_features.h):
//
//   with_best_isa([&]() CTORCH_INLINE_LOOP { for (int64_t i = 0; i < n; ++i) o[i] = a[i] + b[i]; });
//
// The body is inlined into each of three functions carrying a target attribute, so the compiler
// vectorizes it for that instruction set. No -march flag is needed and nothing else is built for
// a newer CPU. Floating-point results do not depend on the version: the library forbids
// contraction into FMAs and reassociation, so only the vector width changes.
#pragma once

#include <cstdint>
#include <type_traits>

#include "kernels/cpu/cpu_features.h"

#define CTORCH_INLINE_LOOP __attribute__((always_inline))

namespace ctorch::kernels::cpu {

#if defined(__x86_64__) && defined(__GNUC__)
namespace isa_detail {
template <typename Body>
__attribute__((target("avx2,fma"))) void run_avx2(const Body& body) {
  body();
}
template <typename Body>
__attribute__((target("avx512f,avx512bw,avx512vl,avx512dq,prefer-vector-width=512"))) void run_avx512(
    const Body& body) {
  body();
}
}  // namespace isa_detail

template <typename Body>
void with_best_isa(const Body& body) {
  switch (cpu_capability()) {
    case CpuCapability::Avx512: return isa_detail::run_avx512(body);
    case CpuCapability::Avx2: return isa_detail::run_avx2(body);
    case CpuCapability::Default: return body();
  }
}
#else
template <typename Body>
void with_best_isa(const Body& body) {
  body();
}
#endif

// vector_loop<T>(body): with_best_isa for the dtypes whose loops are built three times, the common
// float ones. Building all ten three times would triple the compile time for little use.
template <typename T>
constexpr bool kMultiIsa = std::is_same_v<T, float> || std::is_same_v<T, double>;

template <typename T, typename Body>
void vector_loop(const Body& body) {
  if constexpr (kMultiIsa<T>) {
    with_best_isa(body);
  } else {
    body();
  }
}

// The same for a loop of `n` iterations: a short one runs the portable version, since picking a
// version costs more than a wider vector saves there (the results are the same either way).
template <typename T, typename Body>
void vector_loop(const Body& body, int64_t n) {
  if (n < 16) {
    body();
  } else {
    vector_loop<T>(body);
  }
}

}  // namespace ctorch::kernels::cpu
