#include "kernels/cpu/exp_avx2.h"

#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>

namespace ctorch::kernels::cpu {

namespace {

#define CTORCH_AVX2 __attribute__((target("avx2,fma"), always_inline)) inline

// exp(x) = 2^n exp(r) with n = round(x / ln 2) and r = x - n ln 2 in [-ln2/2, ln2/2]; ln 2 is split
// in two (the high part exact in 9 bits) so that r is exact. exp(r) is Cephes' degree-7 polynomial.
// 2^n is applied as 2^(n/2) 2^(n - n/2), two normal powers of two, so that n from -159 to 128 scales
// without overflowing the exponent field: results near FLT_MAX and subnormal results are right.
// The clamp keeps NaN (max/min return their second operand when one is NaN), and NaN then runs
// through every step to the result.
CTORCH_AVX2 __m256 exp8(__m256 x) {
  const __m256 clamped = _mm256_min_ps(_mm256_set1_ps(89.0f), _mm256_max_ps(_mm256_set1_ps(-110.0f), x));
  const __m256 n = _mm256_round_ps(_mm256_mul_ps(clamped, _mm256_set1_ps(1.44269504088896341f)),
                                   _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC);
  __m256 r = _mm256_fnmadd_ps(n, _mm256_set1_ps(0.693359375f), clamped);
  r = _mm256_fnmadd_ps(n, _mm256_set1_ps(-2.12194440e-4f), r);
  __m256 p = _mm256_set1_ps(1.9875691500e-4f);
  p = _mm256_fmadd_ps(p, r, _mm256_set1_ps(1.3981999507e-3f));
  p = _mm256_fmadd_ps(p, r, _mm256_set1_ps(8.3334519073e-3f));
  p = _mm256_fmadd_ps(p, r, _mm256_set1_ps(4.1665795894e-2f));
  p = _mm256_fmadd_ps(p, r, _mm256_set1_ps(1.6666665459e-1f));
  p = _mm256_fmadd_ps(p, r, _mm256_set1_ps(5.0000001201e-1f));
  p = _mm256_fmadd_ps(p, _mm256_mul_ps(r, r), _mm256_add_ps(r, _mm256_set1_ps(1.0f)));
  const __m256i ni = _mm256_cvtps_epi32(n);
  const __m256i half = _mm256_srai_epi32(ni, 1);
  const __m256i bias = _mm256_set1_epi32(127);
  const __m256 scale1 = _mm256_castsi256_ps(_mm256_slli_epi32(_mm256_add_epi32(half, bias), 23));
  const __m256 scale2 =
      _mm256_castsi256_ps(_mm256_slli_epi32(_mm256_add_epi32(_mm256_sub_epi32(ni, half), bias), 23));
  return _mm256_mul_ps(_mm256_mul_ps(p, scale1), scale2);
}

}  // namespace

__attribute__((target("avx2,fma"))) void exp_avx2(float* out, const float* in, int64_t n) {
  int64_t i = 0;
  for (; i + 8 <= n; i += 8) _mm256_storeu_ps(out + i, exp8(_mm256_loadu_ps(in + i)));
  if (i < n) {  // the tail through one padded vector
    alignas(32) float buffer[8] = {};
    for (int64_t k = i; k < n; ++k) buffer[k - i] = in[k];
    _mm256_store_ps(buffer, exp8(_mm256_load_ps(buffer)));
    for (int64_t k = i; k < n; ++k) out[k] = buffer[k - i];
  }
}

}  // namespace ctorch::kernels::cpu

#else
#include "ctorch/error.h"

namespace ctorch::kernels::cpu {
void exp_avx2(float*, const float*, int64_t) { CTORCH_INTERNAL_ASSERT(false); }
}  // namespace ctorch::kernels::cpu
#endif
