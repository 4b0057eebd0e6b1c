// CPU softmax / log_softmax and nan_to_num. Behaviour reproduced from PyTorch's
// aten/src/ATen/native/cpu/SoftMaxKernel.cpp (max, exp(x - max), sum, then multiply by the
// reciprocal or subtract the log, in the op math type) and UnaryOpsKernel.cpp (nan_to_num).
#include "kernels/cpu/activation.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <type_traits>
#include <vector>

#include "core/parallel.h"
#include "ctorch/convert.h"
#include "ctorch/dispatch.h"
#include "kernels/cpu/lines.h"

namespace ctorch::kernels::cpu {

void softmax(const Tensor& out, const Tensor& in, int64_t dim, bool log) {
  if (in.numel() == 0) return;
  const Lines<2> lines({&in, &out}, dim);
  const int64_t n = lines.length[0];
  const bool last_dim = in.dim() > 0 && dim == in.dim() - 1;
  dispatch(in.dtype(), [&]<typename T>() {
    if constexpr (std::is_floating_point_v<T> || is_reduced_float_v<T>) {
      using A = std::conditional_t<std::is_same_v<T, double>, double, float>;
      const T* src = in.data_ptr<T>();
      T* dst = out.data_ptr<T>();
      const int64_t grain = std::max<int64_t>(1, kGrainSize / n);
      parallel_for(0, lines.count, grain, [&](int64_t lo, int64_t hi) {
        std::vector<A> buf(static_cast<size_t>(n));
        for (int64_t q = lo; q < hi; ++q) {
          const auto off = lines.offsets(q);
          const T* x = src + off[0];
          T* y = dst + off[1];
          const int64_t sx = lines.step[0], sy = lines.step[1];
          A m = static_cast<A>(x[0]);
          for (int64_t j = 0; j < n; ++j) {
            const A v = static_cast<A>(x[j * sx]);
            buf[j] = v;
            if (v != v || m != m) m = (m != m) ? m : v;
            else if (v > m) m = v;
          }
          A sum = 0;
          if (log) {
            for (int64_t j = 0; j < n; ++j) {
              buf[j] -= m;
              sum += std::exp(buf[j]);
            }
            A log_sum = std::log(sum);
            if constexpr (is_reduced_float_v<T>) {
              // Along the last dim, PyTorch keeps the sum of exps and its log in buffers of the
              // input's dtype (_vec_log_softmax_lastdim), so both are rounded to it.
              if (last_dim) log_sum = static_cast<A>(static_cast<T>(std::log(static_cast<A>(static_cast<T>(sum)))));
            }
            for (int64_t j = 0; j < n; ++j) y[j * sy] = static_cast<T>(buf[j] - log_sum);
          } else {
            for (int64_t j = 0; j < n; ++j) {
              buf[j] = std::exp(buf[j] - m);
              sum += buf[j];
            }
            const A r = A(1) / sum;
            for (int64_t j = 0; j < n; ++j) y[j * sy] = static_cast<T>(buf[j] * r);
          }
        }
      });
    } else {
      CTORCH_INTERNAL_ASSERT(false);
    }
  });
}

namespace {

// The largest finite value of a floating T (std::numeric_limits knows no float16/bfloat16).
template <typename T>
T largest() {
  if constexpr (std::is_same_v<T, Half>) return Half(0x7bff, detail::FromBits{});
  else if constexpr (std::is_same_v<T, BFloat16>) return BFloat16(0x7f7f, detail::FromBits{});
  else return std::numeric_limits<T>::max();
}

}  // namespace

void nan_to_num(const Tensor& out, const Tensor& in, double nan, std::optional<double> posinf,
                std::optional<double> neginf) {
  dispatch(in.dtype(), [&]<typename T>() {
    if constexpr (std::is_floating_point_v<T> || is_reduced_float_v<T>) {
      const Tensor src_t = in.contiguous();
      const T* src = src_t.data_ptr<T>();
      T* dst = out.data_ptr<T>();
      const T big = largest<T>();
      const T rn = convert<T>(nan);
      const T rp = posinf ? convert<T>(*posinf) : big;
      const T rm = neginf ? convert<T>(*neginf) : static_cast<T>(-static_cast<double>(big));
      parallel_for(0, in.numel(), kGrainSize, [&](int64_t lo, int64_t hi) {
        for (int64_t i = lo; i < hi; ++i) {
          using V = std::conditional_t<is_reduced_float_v<T>, float, T>;
          const V v = static_cast<V>(src[i]);
          dst[i] = v != v ? rn : v == std::numeric_limits<V>::infinity() ? rp
                 : v == -std::numeric_limits<V>::infinity() ? rm : src[i];
        }
      });
    } else {
      CTORCH_INTERNAL_ASSERT(false);
    }
  });
}

}  // namespace ctorch::kernels::cpu
