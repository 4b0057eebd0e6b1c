#include "kernels/cpu/transpose.h"

#include "core/parallel.h"
#include "kernels/cpu/cpu_features.h"

#include <algorithm>
#include <cstring>

#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
#define CTORCH_HAVE_AVX_KERNELS 1
#endif

namespace ctorch::kernels::cpu {

namespace {

// Block edges and CPUs without AVX: element by element, in 8x8 tiles (see strided_loop.h).
template <typename T>
void transpose_scalar(char* out, const char* in, int64_t r0, int64_t r1, int64_t c0, int64_t c1,
                      int64_t out_row_stride, int64_t in_col_stride) {
  for (int64_t r = r0; r < r1; ++r) {
    T* o = reinterpret_cast<T*>(out + r * out_row_stride);
    for (int64_t c = c0; c < c1; ++c) {
      std::memcpy(&o[c], in + c * in_col_stride + r * static_cast<int64_t>(sizeof(T)), sizeof(T));
    }
  }
}

// Output rows [r0, r1) of a transpose.
template <typename T>
void transpose_tiled_scalar(char* out, const char* in, int64_t r0, int64_t r1, int64_t cols,
                            int64_t out_row_stride, int64_t in_col_stride) {
  constexpr int64_t kTile = 8;
  for (int64_t rt = r0; rt < r1; rt += kTile)
    for (int64_t ct = 0; ct < cols; ct += kTile)
      transpose_scalar<T>(out, in, rt, std::min(r1, rt + kTile), ct, std::min(cols, ct + kTile),
                          out_row_stride, in_col_stride);
}

#ifdef CTORCH_HAVE_AVX_KERNELS
// 8x8 block of 4-byte elements: 8 loads, the classic unpack/shuffle/permute network, 8 stores.
__attribute__((target("avx"))) inline void block8x8(char* out, const char* in, int64_t out_row_stride,
                                                     int64_t in_col_stride) {
  __m256 r[8], t[8], s[8];
  for (int i = 0; i < 8; ++i) r[i] = _mm256_loadu_ps(reinterpret_cast<const float*>(in + i * in_col_stride));
  for (int i = 0; i < 8; i += 2) {
    t[i] = _mm256_unpacklo_ps(r[i], r[i + 1]);
    t[i + 1] = _mm256_unpackhi_ps(r[i], r[i + 1]);
  }
  for (int i = 0; i < 8; i += 4) {
    s[i] = _mm256_shuffle_ps(t[i], t[i + 2], _MM_SHUFFLE(1, 0, 1, 0));
    s[i + 1] = _mm256_shuffle_ps(t[i], t[i + 2], _MM_SHUFFLE(3, 2, 3, 2));
    s[i + 2] = _mm256_shuffle_ps(t[i + 1], t[i + 3], _MM_SHUFFLE(1, 0, 1, 0));
    s[i + 3] = _mm256_shuffle_ps(t[i + 1], t[i + 3], _MM_SHUFFLE(3, 2, 3, 2));
  }
  for (int i = 0; i < 4; ++i) {
    _mm256_storeu_ps(reinterpret_cast<float*>(out + i * out_row_stride), _mm256_permute2f128_ps(s[i], s[i + 4], 0x20));
    _mm256_storeu_ps(reinterpret_cast<float*>(out + (i + 4) * out_row_stride), _mm256_permute2f128_ps(s[i], s[i + 4], 0x31));
  }
}

// 4x4 block of 8-byte elements.
__attribute__((target("avx"))) inline void block4x4(char* out, const char* in, int64_t out_row_stride,
                                                     int64_t in_col_stride) {
  __m256d r[4];
  for (int i = 0; i < 4; ++i) r[i] = _mm256_loadu_pd(reinterpret_cast<const double*>(in + i * in_col_stride));
  const __m256d t0 = _mm256_unpacklo_pd(r[0], r[1]), t1 = _mm256_unpackhi_pd(r[0], r[1]);
  const __m256d t2 = _mm256_unpacklo_pd(r[2], r[3]), t3 = _mm256_unpackhi_pd(r[2], r[3]);
  auto row = [&](int i) { return reinterpret_cast<double*>(out + i * out_row_stride); };
  _mm256_storeu_pd(row(0), _mm256_permute2f128_pd(t0, t2, 0x20));
  _mm256_storeu_pd(row(1), _mm256_permute2f128_pd(t1, t3, 0x20));
  _mm256_storeu_pd(row(2), _mm256_permute2f128_pd(t0, t2, 0x31));
  _mm256_storeu_pd(row(3), _mm256_permute2f128_pd(t1, t3, 0x31));
}

// Output rows [r0, r1) in blocks of B x B, two block rows at a time so that each input cache
// line is used whole.
template <typename T, int B, void (*Block)(char*, const char*, int64_t, int64_t)>
__attribute__((target("avx"))) void transpose_avx(char* out, const char* in, int64_t r0, int64_t r1,
                                                  int64_t cols, int64_t out_row_stride, int64_t in_col_stride) {
  constexpr int64_t e = sizeof(T);
  const int64_t full_rows = r0 + (r1 - r0) / B * B, full_cols = cols / B * B;
  for (int64_t rs = r0; rs < full_rows; rs += 2 * B) {
    const int64_t strip = std::min<int64_t>(2 * B, full_rows - rs);
    for (int64_t c0 = 0; c0 < full_cols; c0 += B) {
      for (int64_t r = rs; r < rs + strip; r += B)
        Block(out + r * out_row_stride + c0 * e, in + c0 * in_col_stride + r * e, out_row_stride, in_col_stride);
    }
  }
  transpose_scalar<T>(out, in, r0, full_rows, full_cols, cols, out_row_stride, in_col_stride);
  transpose_scalar<T>(out, in, full_rows, r1, 0, cols, out_row_stride, in_col_stride);
}

#endif

}  // namespace

bool transpose_copy(char* out, const char* in, int64_t rows, int64_t cols, int64_t out_row_stride,
                    int64_t in_col_stride, size_t element_size) {
  if (element_size != 4 && element_size != 8) return false;
  auto rows_from = [&](int64_t r0, int64_t r1) {
#ifdef CTORCH_HAVE_AVX_KERNELS
    if (cpu_has_avx()) {
      if (element_size == 4) return transpose_avx<uint32_t, 8, block8x8>(out, in, r0, r1, cols, out_row_stride, in_col_stride);
      return transpose_avx<uint64_t, 4, block4x4>(out, in, r0, r1, cols, out_row_stride, in_col_stride);
    }
#endif
    if (element_size == 4) return transpose_tiled_scalar<uint32_t>(out, in, r0, r1, cols, out_row_stride, in_col_stride);
    transpose_tiled_scalar<uint64_t>(out, in, r0, r1, cols, out_row_stride, in_col_stride);
  };
  // Threads take strips of 16 output rows (a 64-byte input line of 4-byte elements).
  constexpr int64_t kStrip = 16;
  const int64_t strips = (rows + kStrip - 1) / kStrip;
  parallel_for(0, strips, std::max<int64_t>(1, kGrainSize / (kStrip * std::max<int64_t>(cols, 1))),
               [&](int64_t lo, int64_t hi) { rows_from(lo * kStrip, std::min(rows, hi * kStrip)); });
  return true;
}

}  // namespace ctorch::kernels::cpu
