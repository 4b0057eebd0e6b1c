// CPU sort, topk and unique kernels. Behaviour reproduced from PyTorch's
// aten/src/ATen/native/cpu/SortingKernel.cpp (sort: NaN is the largest value, composite
// comparators), aten/src/ATen/native/TopKImpl.h (topk's partial_sort / nth_element choice, whose
// tie order we keep by running the same standard algorithms on the same queue) and
// aten/src/ATen/native/Unique.cpp (sorted unique; every NaN is distinct).
#include "kernels/cpu/sort.h"

#include <algorithm>
#include <type_traits>
#include <utility>

#include "core/parallel.h"
#include "ctorch/convert.h"
#include "ctorch/dispatch.h"
#include "kernels/cpu/lines.h"

namespace ctorch::kernels::cpu {

namespace {

// What T compares as: float for float16/bfloat16, T otherwise.
template <typename T>
using key_t = std::conditional_t<is_reduced_float_v<T>, float, T>;

template <typename V>
bool is_nan(V v) {
  if constexpr (std::is_floating_point_v<V>) return v != v;
  else return false;
}

// Strict weak orders with NaN as the largest value.
template <typename V>
struct Ascending {
  bool operator()(const std::pair<V, int64_t>& a, const std::pair<V, int64_t>& b) const {
    return (!is_nan(a.first) && is_nan(b.first)) || a.first < b.first;
  }
};
template <typename V>
struct Descending {
  bool operator()(const std::pair<V, int64_t>& a, const std::pair<V, int64_t>& b) const {
    return (is_nan(a.first) && !is_nan(b.first)) || a.first > b.first;
  }
};

// Note [Sort order of equal elements]
// A sort with stable=False (PyTorch's default) is free to order equal elements as it likes, and
// users see that order in the indices, so ctorch orders them as PyTorch 2.x's CPU kernel does
// (aten/src/ATen/native/cpu/SortingKernel.cpp, in the x86-64 wheels):
//  - a line whose input stride is 0 (an expanded tensor) is left as it is: indices 0, 1, 2, ...;
//  - a 1-D integer tensor (not bool) of at least 32768 elements sorted ascending goes through
//    fbgemm's radix sort, which is stable;
//  - everything else runs std::sort (introsort), or std::stable_sort when stable=True, over
//    (value, index) pairs with the comparators above. The order std::sort leaves equal elements
//    in follows from its comparisons and moves alone, so the same libstdc++ algorithm on the same
//    sequence gives PyTorch's indices (it has been the same introsort for many GCC releases).
bool sorts_stably(const Tensor& in, int64_t dim, bool descending, bool stable) {
  if (stable) return true;
  if (in.dim() > 0 && in.strides()[dim] == 0) return true;  // all equal: the identity
  return in.dim() == 1 && !descending && is_integral(in.dtype(), /*include_bool=*/false) &&
         in.numel() >= kGrainSize;
}

}  // namespace

void sort(const Tensor& values, const Tensor& indices, const Tensor& in, int64_t dim,
          bool descending, bool stable_requested) {
  if (in.numel() == 0) return;
  const Lines<3> lines({&in, &values, &indices}, dim);
  const int64_t n = lines.length[0];
  const bool stable = sorts_stably(in, dim, descending, stable_requested);
  dispatch(in.dtype(), [&]<typename T>() {
    using V = key_t<T>;
    using Elem = std::pair<V, int64_t>;
    const T* src = in.data_ptr<T>();
    T* dst = values.data_ptr<T>();
    int64_t* idx = indices.data_ptr<int64_t>();
    const int64_t grain = std::max<int64_t>(1, kGrainSize / std::max<int64_t>(n, 1));
    parallel_for(0, lines.count, grain, [&](int64_t lo, int64_t hi) {
      std::vector<Elem> buf(static_cast<size_t>(n));
      for (int64_t q = lo; q < hi; ++q) {
        const auto off = lines.offsets(q);
        for (int64_t j = 0; j < n; ++j) buf[j] = {static_cast<V>(src[off[0] + j * lines.step[0]]), j};
        auto run = [&](auto comp) {
          if (stable) std::stable_sort(buf.begin(), buf.end(), comp);
          else std::sort(buf.begin(), buf.end(), comp);
        };
        if (descending) run(Descending<V>{});
        else run(Ascending<V>{});
        for (int64_t j = 0; j < n; ++j) {
          dst[off[1] + j * lines.step[1]] = static_cast<T>(buf[j].first);
          idx[off[2] + j * lines.step[2]] = buf[j].second;
        }
      }
    });
  });
}

void topk(const Tensor& values, const Tensor& indices, const Tensor& in, int64_t dim, int64_t k,
          bool largest, bool sorted) {
  if (values.numel() == 0 || k == 0) return;
  const Lines<3> lines({&in, &values, &indices}, dim);
  const int64_t n = lines.length[0];
  dispatch(in.dtype(), [&]<typename T>() {
    using V = key_t<T>;
    using Elem = std::pair<V, int64_t>;
    const T* src = in.data_ptr<T>();
    T* dst = values.data_ptr<T>();
    int64_t* idx = indices.data_ptr<int64_t>();
    const int64_t grain = std::max<int64_t>(1, kGrainSize / std::max<int64_t>(n, 1));
    parallel_for(0, lines.count, grain, [&](int64_t lo, int64_t hi) {
      std::vector<Elem> queue(static_cast<size_t>(n));
      auto run = [&](auto comp) {
        if (k * 64 <= n) {
          std::partial_sort(queue.begin(), queue.begin() + k, queue.end(), comp);
        } else {
          std::nth_element(queue.begin(), queue.begin() + k - 1, queue.end(), comp);
          if (sorted) std::sort(queue.begin(), queue.begin() + k - 1, comp);
        }
      };
      for (int64_t q = lo; q < hi; ++q) {
        const auto off = lines.offsets(q);
        for (int64_t j = 0; j < n; ++j) queue[j] = {static_cast<V>(src[off[0] + j * lines.step[0]]), j};
        if (largest) run(Descending<V>{});
        else run(Ascending<V>{});
        for (int64_t j = 0; j < k; ++j) {
          dst[off[1] + j * lines.step[1]] = static_cast<T>(queue[j].first);
          idx[off[2] + j * lines.step[2]] = queue[j].second;
        }
      }
    });
  });
}

std::vector<int64_t> run_starts(const Tensor& sorted) {
  std::vector<int64_t> starts;
  const int64_t n = sorted.numel();
  if (n == 0) return starts;
  dispatch(sorted.dtype(), [&]<typename T>() {
    using V = key_t<T>;
    const T* p = sorted.data_ptr<T>();
    const int64_t s = sorted.dim() == 0 ? 0 : sorted.strides()[0];
    starts.push_back(0);
    for (int64_t i = 1; i < n; ++i) {
      if (!(static_cast<V>(p[i * s]) == static_cast<V>(p[(i - 1) * s]))) starts.push_back(i);
    }
  });
  return starts;
}

void unique_write(const Tensor& values, const Tensor& inverse, const Tensor& counts,
                  const Tensor& sorted, const Tensor& perm, const std::vector<int64_t>& starts) {
  const int64_t n = sorted.numel();
  const int64_t groups = static_cast<int64_t>(starts.size());
  dispatch(sorted.dtype(), [&]<typename T>() {
    const T* p = sorted.data_ptr<T>();
    const int64_t s = sorted.dim() == 0 ? 0 : sorted.strides()[0];
    T* v = values.data_ptr<T>();
    for (int64_t g = 0; g < groups; ++g) v[g] = p[starts[g] * s];
  });
  if (counts.defined()) {
    int64_t* c = counts.data_ptr<int64_t>();
    for (int64_t g = 0; g < groups; ++g) c[g] = (g + 1 < groups ? starts[g + 1] : n) - starts[g];
  }
  if (inverse.defined()) {
    int64_t* inv = inverse.data_ptr<int64_t>();
    const int64_t* pm = perm.data_ptr<int64_t>();
    const int64_t ps = perm.dim() == 0 ? 0 : perm.strides()[0];
    for (int64_t g = 0; g < groups; ++g) {
      const int64_t end = g + 1 < groups ? starts[g + 1] : n;
      for (int64_t i = starts[g]; i < end; ++i) inv[pm[i * ps]] = g;
    }
  }
}

}  // namespace ctorch::kernels::cpu
