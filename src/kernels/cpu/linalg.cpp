// Matrix-product kernels: BLAS for float32/float64, a blocked portable kernel for the rest.
//
// Like PyTorch's addmm_impl_cpu_ / addmv_out_cpu (aten/src/ATen/native/LinearAlgebra.cpp and
// Blas.cpp), an operand that is row-major or a transposed view goes to the BLAS as it lies (its
// strides become lda/ldb with CblasNoTrans/CblasTrans); only an operand that fits neither layout
// is copied to a contiguous one first.
#include "kernels/cpu/linalg.h"

#include <cblas.h>

#include <algorithm>
#include <atomic>
#include <climits>
#include <cstring>
#include <type_traits>
#include <vector>

#include "core/parallel.h"
#include "ctorch/parallel.h"
#include "ctorch/convert.h"
#include "ctorch/dispatch.h"

namespace ctorch::kernels::cpu {

namespace {

// ---- element arithmetic: the accumulator type of each dtype -----------------------------------
// Integers accumulate in uint64 (wrap-around is then exact for every width: the result is the
// true sum modulo 2^64, truncated once); float16/bfloat16 in float; float/double in themselves.
template <typename T>
using acc_t = std::conditional_t<std::is_integral_v<T>, uint64_t,
                                 std::conditional_t<is_reduced_float_v<T>, float, T>>;

template <typename T>
acc_t<T> to_acc(T v) {
  if constexpr (std::is_integral_v<T>) {
    return static_cast<uint64_t>(static_cast<int64_t>(v));
  } else {
    return static_cast<acc_t<T>>(v);
  }
}

template <typename T>
T from_acc(acc_t<T> v) {
  if constexpr (is_reduced_float_v<T>) {
    return T(v);  // the one rounding
  } else {
    return static_cast<T>(v);  // integers: modular (C++20), floats: exact
  }
}

template <typename T>
acc_t<T> scalar_to_acc(const Scalar& s) {
  if constexpr (std::is_integral_v<T>) {
    return static_cast<uint64_t>(s.to<int64_t>());
  } else {
    return s.to<acc_t<T>>();
  }
}

bool is_zero(const Scalar& s) { return s.to<double>() == 0.0; }

// ---- portable blocked kernel ------------------------------------------------------------------
constexpr int64_t kColBlock = 256;  // accumulators per row block: R x 256 stays in L1

// Rows [i, i + R) of one batch, columns [j0, j0 + nb): R rows share every load of the packed B.
template <typename T, int R>
void gemm_rows(T* c, const T* a, int64_t sa_row, int64_t sa_col, const acc_t<T>* packed,
               int64_t N, int64_t K, int64_t i, int64_t j0, int64_t nb, acc_t<T> alpha,
               acc_t<T> beta, bool use_beta) {
  using A = acc_t<T>;
  A acc[R][kColBlock] = {};
  for (int64_t k = 0; k < K; ++k) {
    A av[R];
    for (int r = 0; r < R; ++r) av[r] = to_acc(a[(i + r) * sa_row + k * sa_col]);
    const A* brow = packed + k * N + j0;
    for (int r = 0; r < R; ++r)
      for (int64_t j = 0; j < nb; ++j) acc[r][j] += av[r] * brow[j];
  }
  for (int r = 0; r < R; ++r) {
    T* crow = c + (i + r) * N + j0;
    for (int64_t j = 0; j < nb; ++j) {
      A v = alpha * acc[r][j];
      if (use_beta) v += beta * to_acc(crow[j]);
      crow[j] = from_acc<T>(v);
    }
  }
}

template <typename T>
void generic_gemm(const Tensor& out, const Tensor& a, const Tensor& b, const Scalar& alpha_s,
                  const Scalar& beta_s) {
  using A = acc_t<T>;
  const int64_t B = out.size(0), M = out.size(1), N = out.size(2), K = a.size(2);
  const A alpha = scalar_to_acc<T>(alpha_s), beta = scalar_to_acc<T>(beta_s);
  const bool use_beta = !is_zero(beta_s);
  std::vector<A> packed(static_cast<size_t>(K * N));
  for (int64_t batch = 0; batch < B; ++batch) {
    const T* ap = a.data_ptr<T>() + batch * a.stride(0);
    const T* bp = b.data_ptr<T>() + batch * b.stride(0);
    T* cp = out.data_ptr<T>() + batch * M * N;
    // B converted to the accumulator type once, row-major, so the inner loop is unit-stride.
    for (int64_t k = 0; k < K; ++k)
      for (int64_t j = 0; j < N; ++j) packed[k * N + j] = to_acc(bp[k * b.stride(1) + j * b.stride(2)]);
    const int64_t grain = std::max<int64_t>(1, kGrainSize / std::max<int64_t>(1, K * N));
    parallel_for(0, M, grain, [&](int64_t r0, int64_t r1) {
      for (int64_t j0 = 0; j0 < N; j0 += kColBlock) {
        const int64_t nb = std::min(kColBlock, N - j0);
        int64_t i = r0;
        for (; i + 4 <= r1; i += 4)
          gemm_rows<T, 4>(cp, ap, a.stride(1), a.stride(2), packed.data(), N, K, i, j0, nb, alpha, beta, use_beta);
        for (; i < r1; ++i)
          gemm_rows<T, 1>(cp, ap, a.stride(1), a.stride(2), packed.data(), N, K, i, j0, nb, alpha, beta, use_beta);
      }
    });
  }
}

// ---- BLAS -------------------------------------------------------------------------------------
template <typename T>
struct Blas;
template <>
struct Blas<float> {
  static constexpr auto gemm = cblas_sgemm;
  static constexpr auto gemv = cblas_sgemv;
  static constexpr auto dot = cblas_sdot;
};
template <>
struct Blas<double> {
  static constexpr auto gemm = cblas_dgemm;
  static constexpr auto gemv = cblas_dgemv;
  static constexpr auto dot = cblas_ddot;
};

// How a [rows, cols] matrix with element strides (rs, cs) reads as a row-major BLAS operand:
// as itself (NoTrans, ld = rs), as the transpose of a row-major [cols, rows] one (Trans,
// ld = cs), or not at all (fits = false: copy it).
struct Layout {
  bool fits = false;
  bool trans = false;
  int64_t ld = 0;
};

Layout blas_layout(int64_t rows, int64_t cols, int64_t rs, int64_t cs) {
  if (cs == 1 && (rows == 1 || rs >= std::max<int64_t>(1, cols)))
    return {true, false, rows == 1 ? std::max<int64_t>(1, cols) : rs};
  if (rs == 1 && (cols == 1 || cs >= std::max<int64_t>(1, rows)))
    return {true, true, cols == 1 ? std::max<int64_t>(1, rows) : cs};
  return {};
}

// The matrices of a [B, rows, cols] operand as a BLAS reads them (copied when they must be).
Layout fit_for_blas(Tensor& t) {
  Layout l = blas_layout(t.size(1), t.size(2), t.stride(1), t.stride(2));
  if (!l.fits) {
    t = t.contiguous();
    l = blas_layout(t.size(1), t.size(2), t.stride(1), t.stride(2));
  }
  return l;
}

bool fits_blas_int(std::initializer_list<int64_t> values) {
  return std::all_of(values.begin(), values.end(), [](int64_t v) { return v >= 0 && v <= INT_MAX; });
}

// OpenBLAS runs its own threads: keep their number at ctorch's (set_num_threads governs both).
void match_blas_threads() {
  static std::atomic<int> blas_threads{0};
  const int wanted = get_num_threads();
  if (blas_threads.exchange(wanted) != wanted) openblas_set_num_threads(wanted);
}

template <typename T>
bool blas_gemm(const Tensor& out, Tensor a, Tensor b, const Scalar& alpha_s, const Scalar& beta_s) {
  const int64_t B = out.size(0), M = out.size(1), N = out.size(2), K = a.size(2);
  const Layout la = fit_for_blas(a), lb = fit_for_blas(b);
  if (!fits_blas_int({M, N, K, la.ld, lb.ld, a.stride(2), b.stride(1)})) return false;
  const T alpha = alpha_s.to<T>(), beta = beta_s.to<T>();
  T* cp = out.data_ptr<T>();
  // beta == 0 must not read out (fresh memory may hold NaN patterns). gemm never reads C then,
  // but some OpenBLAS releases scale y by beta in gemv (0 * NaN): give the gemv cases zeros.
  const bool gemv_case = (N == 1 && b.stride(1) > 0) || (M == 1 && a.stride(2) > 0);
  if (beta == T(0) && gemv_case) std::memset(cp, 0, out.nbytes());
  match_blas_threads();
  const auto op = [](const Layout& l) { return l.trans ? CblasTrans : CblasNoTrans; };
  const auto flip = [](const Layout& l) { return l.trans ? CblasNoTrans : CblasTrans; };
  const auto m = static_cast<int>(M), n = static_cast<int>(N), k = static_cast<int>(K);
  const auto lda = static_cast<int>(la.ld), ldb = static_cast<int>(lb.ld);
  for (int64_t batch = 0; batch < B; ++batch) {
    const T* ap = a.data_ptr<T>() + batch * a.stride(0);
    const T* bp = b.data_ptr<T>() + batch * b.stride(0);
    T* c = cp + batch * M * N;
    if (N == 1 && b.stride(1) > 0) {  // matrix @ vector: y = A x
      const auto incx = static_cast<int>(b.stride(1));
      Blas<T>::gemv(CblasRowMajor, op(la), la.trans ? k : m, la.trans ? m : k, alpha, ap, lda, bp,
                    incx, beta, c, 1);
    } else if (M == 1 && a.stride(2) > 0) {  // vector @ matrix: y = B^T x
      const auto incx = static_cast<int>(a.stride(2));
      Blas<T>::gemv(CblasRowMajor, flip(lb), lb.trans ? n : k, lb.trans ? k : n, alpha, bp, ldb,
                    ap, incx, beta, c, 1);
    } else {
      Blas<T>::gemm(CblasRowMajor, op(la), op(lb), m, n, k, alpha, ap, lda, bp, ldb, beta, c,
                    std::max(n, 1));
    }
  }
  return true;
}

// Multiplication as PyTorch's mul does it in one dtype.
template <typename T>
T multiply(T x, T y) {
  if constexpr (std::is_same_v<T, bool>) {
    return x && y;
  } else {
    return from_acc<T>(to_acc(x) * to_acc(y));
  }
}

}  // namespace

void gemm_batched(const Tensor& out, const Tensor& a, const Tensor& b, const Scalar& alpha,
                  const Scalar& beta) {
  if (out.numel() == 0) return;
  dispatch(out.dtype(), [&]<typename T>() {
    if constexpr (std::is_same_v<T, bool>) {
      CTORCH_INTERNAL_ASSERT(false);
    } else {
      if constexpr (std::is_same_v<T, float> || std::is_same_v<T, double>) {
        if (blas_gemm<T>(out, a, b, alpha, beta)) return;
      }
      generic_gemm<T>(out, a, b, alpha, beta);
    }
  });
}

void dot(const Tensor& out, const Tensor& a, const Tensor& b) {
  dispatch(out.dtype(), [&]<typename T>() {
    if constexpr (std::is_same_v<T, bool>) {
      CTORCH_INTERNAL_ASSERT(false);
    } else {
      const int64_t n = a.numel(), sa = a.stride(0), sb = b.stride(0);
      const T* ap = a.data_ptr<T>();
      const T* bp = b.data_ptr<T>();
      if constexpr (std::is_same_v<T, float> || std::is_same_v<T, double>) {
        if (n > 0 && sa > 0 && sb > 0 && fits_blas_int({n, sa, sb})) {
          *out.data_ptr<T>() = Blas<T>::dot(static_cast<int>(n), ap, static_cast<int>(sa), bp,
                                            static_cast<int>(sb));
          return;
        }
      }
      acc_t<T> acc{};
      for (int64_t i = 0; i < n; ++i) acc += to_acc(ap[i * sa]) * to_acc(bp[i * sb]);
      *out.data_ptr<T>() = from_acc<T>(acc);
    }
  });
}

void outer(const Tensor& out, const Tensor& a, const Tensor& b) {
  const int64_t n = out.size(0), m = out.size(1);
  if (n == 0 || m == 0) return;
  dispatch(out.dtype(), [&]<typename T>() {
    const T* ap = a.data_ptr<T>();
    const T* bp = b.data_ptr<T>();
    T* cp = out.data_ptr<T>();
    const int64_t sa = a.stride(0), sb = b.stride(0);
    parallel_for(0, n, std::max<int64_t>(1, kGrainSize / m), [&](int64_t r0, int64_t r1) {
      for (int64_t i = r0; i < r1; ++i)
        for (int64_t j = 0; j < m; ++j) cp[i * m + j] = multiply(ap[i * sa], bp[j * sb]);
    });
  });
}

void scale(const Tensor& t, const Scalar& s) {
  dispatch(t.dtype(), [&]<typename T>() {
    T* p = t.data_ptr<T>();
    if constexpr (std::is_same_v<T, bool>) {
      const bool keep = s.to<bool>();
      for (int64_t i = 0; i < t.numel(); ++i) p[i] = p[i] && keep;
    } else {
      const acc_t<T> factor = scalar_to_acc<T>(s);
      for (int64_t i = 0; i < t.numel(); ++i) p[i] = from_acc<T>(to_acc(p[i]) * factor);
    }
  });
}

}  // namespace ctorch::kernels::cpu
