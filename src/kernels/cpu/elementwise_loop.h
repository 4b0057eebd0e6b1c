// The typed loops elementwise kernels run inside the strided loop: a plain indexed loop the
// compiler vectorizes when every operand is contiguous, a variant for one operand held constant
// (a broadcast scalar), and a generic strided one.
#pragma once

#include <cstring>
#include <type_traits>

#include "ctorch/convert.h"
#include "ctorch/tensor.h"
#include "kernels/cpu/elementwise_ops.h"
#include "kernels/cpu/isa.h"
#include "kernels/strided_loop.h"

namespace ctorch::kernels::cpu {

// The type arithmetic runs in: float for the 16-bit floats (rounded once on the way out).
template <typename T>
using opmath_t = std::conditional_t<is_reduced_float_v<T>, float, T>;

template <typename T>
inline T load(const char* p) {
  T v;
  std::memcpy(&v, p, sizeof(T));
  return v;
}

// out[i] = f(a[i], b[i]) with f on opmath values; Out is T or bool.
// The operands of a binary loop: three tensors walked by their strides, or the flat form.
struct BinaryOperands {
  const Tensor* out = nullptr;
  const Tensor* a = nullptr;
  const Tensor* b = nullptr;
  const FlatBinary* flat = nullptr;
};

template <typename T, typename Out, typename F>
void flat_binary_loop(const FlatBinary& args, F f) {
  using A = opmath_t<T>;
  Out* o = static_cast<Out*>(args.out);
  const T* x = static_cast<const T*>(args.x.data);
  const T* y = static_cast<const T*>(args.y.data);
  auto run = [&](int64_t begin, int64_t end) {
    if (args.y.number) {
      const A yv = A(args.y.number->to<T>());
      vector_loop<T>([&]() CTORCH_INLINE_LOOP {
        for (int64_t i = begin; i < end; ++i) o[i] = static_cast<Out>(f(A(x[i]), yv));
      }, end - begin);
    } else if (args.x.number) {
      const A xv = A(args.x.number->to<T>());
      vector_loop<T>([&]() CTORCH_INLINE_LOOP {
        for (int64_t i = begin; i < end; ++i) o[i] = static_cast<Out>(f(xv, A(y[i])));
      }, end - begin);
    } else {
      vector_loop<T>([&]() CTORCH_INLINE_LOOP {
        for (int64_t i = begin; i < end; ++i) o[i] = static_cast<Out>(f(A(x[i]), A(y[i])));
      }, end - begin);
    }
  };
  if (args.n < kGrainSize) return run(0, args.n);
  parallel_for(0, args.n, kGrainSize, run);
}

template <typename T, typename Out, typename F>
void binary_loop(const BinaryOperands& operands, F f) {
  using A = opmath_t<T>;
  if (operands.flat) return flat_binary_loop<T, Out>(*operands.flat, f);
  const Tensor& out = *operands.out;
  const Tensor& a = *operands.a;
  const Tensor& b = *operands.b;
  // Everything contiguous and the same shape: one flat loop, no iterator set-up.
  if (out.is_contiguous() && a.is_contiguous() && b.is_contiguous() && a.sizes() == out.sizes() &&
      b.sizes() == out.sizes()) {
    Out* o = static_cast<Out*>(out.data_ptr());
    const T* x = static_cast<const T*>(a.data_ptr());
    const T* y = static_cast<const T*>(b.data_ptr());
    auto run = [&](int64_t begin, int64_t end) {
      vector_loop<T>([&]() CTORCH_INLINE_LOOP {
        for (int64_t i = begin; i < end; ++i) o[i] = static_cast<Out>(f(A(x[i]), A(y[i])));
      });
    };
    if (out.numel() < kGrainSize) return run(0, out.numel());
    return parallel_for(0, out.numel(), kGrainSize, run);
  }
  const auto so = byte_strides(out), sa = byte_strides(a), sb = byte_strides(b);
  const StridedOperand ops[3] = {{static_cast<char*>(out.data_ptr()), so.data()},
                                 {static_cast<char*>(a.data_ptr()), sa.data()},
                                 {static_cast<char*>(b.data_ptr()), sb.data()}};
  for_each_strided<3>(out.sizes(), ops, [&](char* const* p, const int64_t* s, int64_t n) {
    Out* o = reinterpret_cast<Out*>(p[0]);
    const T* x = reinterpret_cast<const T*>(p[1]);
    const T* y = reinterpret_cast<const T*>(p[2]);
    if (s[0] == sizeof(Out) && s[1] == sizeof(T) && s[2] == sizeof(T)) {
      vector_loop<T>([&]() CTORCH_INLINE_LOOP {
        for (int64_t i = 0; i < n; ++i) o[i] = static_cast<Out>(f(A(x[i]), A(y[i])));
      });
    } else if (s[0] == sizeof(Out) && s[1] == sizeof(T) && s[2] == 0) {
      const A yv = A(y[0]);
      vector_loop<T>([&]() CTORCH_INLINE_LOOP {
        for (int64_t i = 0; i < n; ++i) o[i] = static_cast<Out>(f(A(x[i]), yv));
      });
    } else if (s[0] == sizeof(Out) && s[1] == 0 && s[2] == sizeof(T)) {
      const A xv = A(x[0]);
      vector_loop<T>([&]() CTORCH_INLINE_LOOP {
        for (int64_t i = 0; i < n; ++i) o[i] = static_cast<Out>(f(xv, A(y[i])));
      });
    } else {
      for (int64_t i = 0; i < n; ++i) {
        const Out v = static_cast<Out>(f(A(load<T>(p[1] + i * s[1])), A(load<T>(p[2] + i * s[2]))));
        std::memcpy(p[0] + i * s[0], &v, sizeof(Out));
      }
    }
  });
}

// out[i] = f(a[i]); Out is T or bool.
template <typename T, typename Out, typename F>
void unary_loop(const Tensor& out, const Tensor& a, F f) {
  using A = opmath_t<T>;
  if (out.is_contiguous() && a.is_contiguous()) {  // one shape: a flat loop, no strided walk
    Out* o = static_cast<Out*>(out.data_ptr());
    const T* x = static_cast<const T*>(a.data_ptr());
    auto run = [&](int64_t begin, int64_t end) {
      vector_loop<T>([&]() CTORCH_INLINE_LOOP {
        for (int64_t i = begin; i < end; ++i) o[i] = static_cast<Out>(f(A(x[i])));
      }, end - begin);
    };
    if (out.numel() < kGrainSize) return run(0, out.numel());
    return parallel_for(0, out.numel(), kGrainSize, run);
  }
  const auto so = byte_strides(out), sa = byte_strides(a);
  const StridedOperand ops[2] = {{static_cast<char*>(out.data_ptr()), so.data()},
                                 {static_cast<char*>(a.data_ptr()), sa.data()}};
  for_each_strided<2>(out.sizes(), ops, [&](char* const* p, const int64_t* s, int64_t n) {
    if (s[0] == sizeof(Out) && s[1] == sizeof(T)) {
      Out* o = reinterpret_cast<Out*>(p[0]);
      const T* x = reinterpret_cast<const T*>(p[1]);
      vector_loop<T>([&]() CTORCH_INLINE_LOOP {
        for (int64_t i = 0; i < n; ++i) o[i] = static_cast<Out>(f(A(x[i])));
      });
    } else {
      for (int64_t i = 0; i < n; ++i) {
        const Out v = static_cast<Out>(f(A(load<T>(p[1] + i * s[1]))));
        std::memcpy(p[0] + i * s[0], &v, sizeof(Out));
      }
    }
  });
}

}  // namespace ctorch::kernels::cpu
