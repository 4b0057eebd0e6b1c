// Indexed element moves: one odometer over the result's shape that carries an offset per operand.
#include "kernels/cpu/index.h"

#include <cstring>

#include "ctorch/dispatch.h"
#include "kernels/cpu/elementwise_loop.h"

namespace ctorch::kernels::cpu {

namespace {

// Calls f(offsets) for every multi-index of `shape` in row-major order; offsets[k] is
// sum_d e[d] * strides[k][d] (elements).
template <typename F>
void walk(IntArrayRef shape, const std::vector<std::vector<int64_t>>& strides, F&& f) {
  for (int64_t s : shape)
    if (s == 0) return;
  const size_t nd = shape.size(), nk = strides.size();
  std::vector<int64_t> counter(nd, 0), off(nk, 0);
  while (true) {
    f(off.data());
    size_t d = nd;
    while (d > 0) {
      --d;
      if (++counter[d] < shape[d]) {
        for (size_t k = 0; k < nk; ++k) off[k] += strides[k][d];
        break;
      }
      for (size_t k = 0; k < nk; ++k) off[k] -= (shape[d] - 1) * strides[k][d];
      counter[d] = 0;
      if (d == 0) return;
    }
    if (nd == 0) return;
  }
}

// Operand strides for walk(): [0] the plain operand, [1] the indexed tensor's direct strides,
// [2 + j] index tensor j.
std::vector<std::vector<int64_t>> operand_strides(const Tensor& plain, const IndexGeometry& g) {
  std::vector<std::vector<int64_t>> s;
  s.push_back(plain.strides().vec());
  s.push_back(g.strides);
  for (const auto& idx : g.indices) s.push_back(idx.strides().vec());
  return s;
}

template <typename F>
void walk_indexed(const Tensor& plain, const IndexGeometry& g, F&& f) {
  const auto strides = operand_strides(plain, g);
  std::vector<const int64_t*> idx;
  for (const auto& t : g.indices) idx.push_back(static_cast<const int64_t*>(t.data_ptr()));
  const size_t n = idx.size();
  walk(plain.sizes(), strides, [&](const int64_t* off) {
    int64_t where = off[1];
    for (size_t j = 0; j < n; ++j) where += idx[j][off[2 + j]] * g.index_strides[j];
    f(off[0], where);
  });
}

}  // namespace

void index_gather(const Tensor& out, const Tensor& src, const IndexGeometry& g) {
  const size_t es = src.element_size();
  char* o = static_cast<char*>(out.data_ptr());
  const char* s = static_cast<const char*>(src.data_ptr());
  walk_indexed(out, g, [&](int64_t po, int64_t ps) {
    std::memcpy(o + po * static_cast<int64_t>(es), s + ps * static_cast<int64_t>(es), es);
  });
}

void index_put(const Tensor& dst, const Tensor& value, const IndexGeometry& g, bool accumulate) {
  dispatch(dst.dtype(), [&]<typename T>() {
    T* d = static_cast<T*>(dst.data_ptr());
    const T* v = static_cast<const T*>(value.data_ptr());
    walk_indexed(value, g, [&](int64_t pv, int64_t pd) {
      if (!accumulate) {
        d[pd] = v[pv];
      } else if constexpr (std::is_same_v<T, bool>) {
        d[pd] = d[pd] || v[pv];
      } else {
        using A = opmath_t<T>;
        d[pd] = static_cast<T>(A(d[pd]) + A(v[pv]));
      }
    });
  });
}

namespace {
template <typename F>
void for_each_nonzero(const Tensor& t, F&& f) {
  dispatch(t.dtype(), [&]<typename T>() {
    const T* p = static_cast<const T*>(t.data_ptr());
    walk(t.sizes(), {t.strides().vec()}, [&](const int64_t* off) {
      using A = opmath_t<T>;
      if (A(p[off[0]]) != A(0)) f();
    });
  });
}
}  // namespace

int64_t count_nonzero(const Tensor& t) {
  int64_t n = 0;
  for_each_nonzero(t, [&] { ++n; });
  return n;
}

void nonzero(const Tensor& out, const Tensor& t) {
  // Walk again with a counter of our own so that the multi-index is known at each hit.
  const size_t nd = static_cast<size_t>(t.dim());
  std::vector<int64_t> counter(nd, 0);
  int64_t* o = static_cast<int64_t*>(out.data_ptr());
  const int64_t so0 = out.stride(0), so1 = nd > 0 ? out.stride(1) : 0;
  int64_t row = 0;
  dispatch(t.dtype(), [&]<typename T>() {
    using A = opmath_t<T>;
    const T* p = static_cast<const T*>(t.data_ptr());
    walk(t.sizes(), {t.strides().vec()}, [&](const int64_t* off) {
      if (A(p[off[0]]) != A(0)) {
        for (size_t d = 0; d < nd; ++d) o[row * so0 + static_cast<int64_t>(d) * so1] = counter[d];
        ++row;
      }
      for (size_t d = nd; d-- > 0;) {
        if (++counter[d] < t.sizes()[d]) break;
        counter[d] = 0;
      }
    });
  });
}

}  // namespace ctorch::kernels::cpu
