// Unary elementwise kernels: the functors of kernels/unary_functors.h run by unary_loop, or SLEEF's
// vector functions for the transcendental ones in float32/float64.
#include <algorithm>
#include <cmath>

#include "ctorch/dispatch.h"
#include "kernels/cpu/elementwise_loop.h"
#include "kernels/cpu/elementwise_ops.h"
#include "kernels/cpu/vector_math.h"
#include "kernels/unary_functors.h"

namespace ctorch::kernels::cpu {

namespace {

// Runs a SLEEF vector function: directly on contiguous data, else through stack buffers.
template <typename T>
void vector_unary(UnaryOp op, const Tensor& out, const Tensor& x) {
  if (out.is_contiguous() && x.is_contiguous()) {
    vector_math_avx(op, static_cast<T*>(out.data_ptr()), static_cast<const T*>(x.data_ptr()), x.numel());
    return;
  }
  const auto so = byte_strides(out), sx = byte_strides(x);
  const StridedOperand ops[2] = {{static_cast<char*>(out.data_ptr()), so.data()},
                                 {static_cast<char*>(x.data_ptr()), sx.data()}};
  for_each_strided<2>(out.sizes(), ops, [op](char* const* p, const int64_t* s, int64_t n) {
    constexpr int64_t kBuffer = 256;
    alignas(32) T in[kBuffer], result[kBuffer];
    for (int64_t start = 0; start < n; start += kBuffer) {
      const int64_t m = std::min(kBuffer, n - start);
      for (int64_t i = 0; i < m; ++i) in[i] = load<T>(p[1] + (start + i) * s[1]);
      vector_math_avx(op, result, in, m);
      for (int64_t i = 0; i < m; ++i) std::memcpy(p[0] + (start + i) * s[0], &result[i], sizeof(T));
    }
  });
}

template <typename T>
void unary_typed(UnaryOp op, const Tensor& out, const Tensor& x) {
  if constexpr (std::is_same_v<T, float> || std::is_same_v<T, double>) {
    if (has_vector_math(op)) return vector_unary<T>(op, out, x);
  }
  auto run = [&](auto f) { unary_loop<T, T>(out, x, f); return true; };
  auto test = [&](auto f) { unary_loop<T, bool>(out, x, f); return true; };
  const bool done = unary_functor<opmath_t<T>>(op, run, test);
  CTORCH_INTERNAL_ASSERT(done);  // the op function let through a dtype this op does not take
}

}  // namespace

void unary(UnaryOp op, const Tensor& out, const Tensor& a) {
  dispatch(a.dtype(), [&]<typename T>() { unary_typed<T>(op, out, a); });
}

}  // namespace ctorch::kernels::cpu
