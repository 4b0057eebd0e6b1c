// random.md §5.4: the float32 fill-path transform, scalar and AVX2+FMA. The two must give the
// same bits; tests/cpp/test_random.cpp checks the spec's worked values and compares both paths.
#include <bit>
#include <cmath>

#include "random/normal_kernels.h"
#include "random/simd.h"

#if CTORCH_RANDOM_X86
#include <immintrin.h>
#endif

namespace ctorch::random {

namespace {
constexpr float kSqrtHalf = 0.707106781186547524f;
constexpr float kLogP[9] = {7.0376836292E-2f, -1.1514610310E-1f, 1.1676998740E-1f,
                            -1.2420140846E-1f, 1.4249322787E-1f, -1.6668057665E-1f,
                            2.0000714765E-1f, -2.4999993993E-1f, 3.3333331174E-1f};
constexpr float kQ1 = -2.12194440e-4f, kQ2 = 0.693359375f;
constexpr float kFourOverPi = 1.27323954473516f;
constexpr float kDP1 = -0.78515625f, kDP2 = -2.4187564849853515625e-4f,
                kDP3 = -3.77489497744594108e-8f;
constexpr float kS0 = -1.9515295891E-4f, kS1 = 8.3321608736E-3f, kS2 = -1.6666654611E-1f;
constexpr float kC0 = 2.443315711809948E-005f, kC1 = -1.388731625493765E-003f,
                kC2 = 4.166664568298827E-002f;
constexpr float kTwoPi = 6.2831854820251465f;  // f32(2*pi), bits 0x40C90FDB
}  // namespace

float cephes_logf(float a) {
  a = std::fmax(a, 0x1p-126f);
  const uint32_t b = std::bit_cast<uint32_t>(a);
  float e = static_cast<float>(static_cast<int32_t>(b >> 23) - 127) + 1.0f;
  const float m = std::bit_cast<float>((b & 0x807FFFFFu) | 0x3F000000u);
  float x;
  if (m < kSqrtHalf) {
    e = e - 1.0f;
    x = (m - 1.0f) + m;
  } else {
    x = m - 1.0f;
  }
  const float z = x * x;
  float y = kLogP[0];
  for (int k = 1; k < 9; ++k) y = std::fma(y, x, kLogP[k]);
  y = y * x;
  y = std::fma(y, z, e * kQ1);
  y = y - z * 0.5f;
  x = x + y;
  return std::fma(e, kQ2, x);
}

void cephes_sincosf(float v, float* sin_out, float* cos_out) {
  int32_t j = static_cast<int32_t>(v * kFourOverPi);
  j = (j + 1) & ~1;
  const float y = static_cast<float>(j);
  float x = std::fma(y, kDP1, v);
  x = std::fma(y, kDP2, x);
  x = std::fma(y, kDP3, x);
  const float z = x * x;
  float c = std::fma(kC0, z, kC1);
  c = std::fma(c, z, kC2);
  c = c * z;
  c = std::fma(c, z, -(z * 0.5f));
  c = c + 1.0f;
  float s = std::fma(kS0, z, kS1);
  s = std::fma(s, z, kS2);
  s = s * z;
  s = std::fma(s, x, x);
  float sn = (j & 2) == 0 ? s : c;
  float cs = (j & 2) == 0 ? c : s;
  if ((j & 4) != 0) sn = -sn;
  if (((j - 2) & 4) == 0) cs = -cs;
  *sin_out = sn;
  *cos_out = cs;
}

void box_muller_float(float a, float b, float mean, float std, float* out1, float* out2) {
  const float u1 = 1.0f - a;
  const float radius = std::sqrt(-2.0f * cephes_logf(u1));
  const float theta = kTwoPi * b;
  float sn, cs;
  cephes_sincosf(theta, &sn, &cs);
  *out1 = std::fma(radius * cs, std, mean);
  *out2 = std::fma(radius * sn, std, mean);
}

namespace {

void blocks_scalar(float* data, int64_t n, float mean, float std) {
  for (int64_t o = 0; o + 16 <= n; o += 16)
    for (int j = 0; j < 8; ++j)
      box_muller_float(data[o + j], data[o + j + 8], mean, std, &data[o + j], &data[o + j + 8]);
}

#if CTORCH_RANDOM_X86
// The same steps as cephes_logf / cephes_sincosf / box_muller_float, eight lanes at a time.
[[gnu::target("avx2,fma")]] void blocks_avx2(float* data, int64_t n, float mean, float std) {
  const __m256 one = _mm256_set1_ps(1.0f), half = _mm256_set1_ps(0.5f);
  const __m256 vmean = _mm256_set1_ps(mean), vstd = _mm256_set1_ps(std);
  const __m256i sign = _mm256_set1_epi32(static_cast<int>(0x80000000u));
  for (int64_t o = 0; o + 16 <= n; o += 16) {
    const __m256 u1 = _mm256_sub_ps(one, _mm256_loadu_ps(data + o));
    const __m256 u2 = _mm256_loadu_ps(data + o + 8);
    // LOG(u1)
    __m256 a = _mm256_max_ps(u1, _mm256_set1_ps(0x1p-126f));
    __m256i b = _mm256_castps_si256(a);
    __m256 e = _mm256_add_ps(
        _mm256_cvtepi32_ps(_mm256_sub_epi32(_mm256_srli_epi32(b, 23), _mm256_set1_epi32(127))), one);
    const __m256 m = _mm256_castsi256_ps(_mm256_or_si256(
        _mm256_and_si256(b, _mm256_set1_epi32(static_cast<int>(0x807FFFFFu))),
        _mm256_set1_epi32(0x3F000000)));
    const __m256 small = _mm256_cmp_ps(m, _mm256_set1_ps(kSqrtHalf), _CMP_LT_OS);
    __m256 x = _mm256_add_ps(_mm256_sub_ps(m, one), _mm256_and_ps(m, small));
    e = _mm256_sub_ps(e, _mm256_and_ps(one, small));
    const __m256 z = _mm256_mul_ps(x, x);
    __m256 y = _mm256_set1_ps(kLogP[0]);
    for (int k = 1; k < 9; ++k) y = _mm256_fmadd_ps(y, x, _mm256_set1_ps(kLogP[k]));
    y = _mm256_mul_ps(y, x);
    y = _mm256_fmadd_ps(y, z, _mm256_mul_ps(e, _mm256_set1_ps(kQ1)));
    y = _mm256_sub_ps(y, _mm256_mul_ps(z, half));
    x = _mm256_add_ps(x, y);
    const __m256 log = _mm256_fmadd_ps(e, _mm256_set1_ps(kQ2), x);
    const __m256 radius = _mm256_sqrt_ps(_mm256_mul_ps(_mm256_set1_ps(-2.0f), log));
    // SINCOS(2*pi*u2)
    const __m256 v = _mm256_mul_ps(_mm256_set1_ps(kTwoPi), u2);
    __m256i j = _mm256_cvttps_epi32(_mm256_mul_ps(v, _mm256_set1_ps(kFourOverPi)));
    j = _mm256_and_si256(_mm256_add_epi32(j, _mm256_set1_epi32(1)), _mm256_set1_epi32(~1));
    const __m256 yj = _mm256_cvtepi32_ps(j);
    __m256 r = _mm256_fmadd_ps(yj, _mm256_set1_ps(kDP1), v);
    r = _mm256_fmadd_ps(yj, _mm256_set1_ps(kDP2), r);
    r = _mm256_fmadd_ps(yj, _mm256_set1_ps(kDP3), r);
    const __m256 zz = _mm256_mul_ps(r, r);
    __m256 c = _mm256_fmadd_ps(_mm256_set1_ps(kC0), zz, _mm256_set1_ps(kC1));
    c = _mm256_fmadd_ps(c, zz, _mm256_set1_ps(kC2));
    c = _mm256_mul_ps(c, zz);
    c = _mm256_fmadd_ps(c, zz, _mm256_xor_ps(_mm256_mul_ps(zz, half), _mm256_castsi256_ps(sign)));
    c = _mm256_add_ps(c, one);
    __m256 s = _mm256_fmadd_ps(_mm256_set1_ps(kS0), zz, _mm256_set1_ps(kS1));
    s = _mm256_fmadd_ps(s, zz, _mm256_set1_ps(kS2));
    s = _mm256_mul_ps(s, zz);
    s = _mm256_fmadd_ps(s, r, r);
    const __m256 swap = _mm256_castsi256_ps(
        _mm256_cmpeq_epi32(_mm256_and_si256(j, _mm256_set1_epi32(2)), _mm256_set1_epi32(2)));
    __m256 sn = _mm256_blendv_ps(s, c, swap);
    __m256 cs = _mm256_blendv_ps(c, s, swap);
    const __m256i sin_sign = _mm256_slli_epi32(_mm256_and_si256(j, _mm256_set1_epi32(4)), 29);
    const __m256i cos_sign = _mm256_slli_epi32(
        _mm256_andnot_si256(_mm256_sub_epi32(j, _mm256_set1_epi32(2)), _mm256_set1_epi32(4)), 29);
    sn = _mm256_xor_ps(sn, _mm256_castsi256_ps(sin_sign));
    cs = _mm256_xor_ps(cs, _mm256_castsi256_ps(cos_sign));
    _mm256_storeu_ps(data + o, _mm256_fmadd_ps(_mm256_mul_ps(radius, cs), vstd, vmean));
    _mm256_storeu_ps(data + o + 8, _mm256_fmadd_ps(_mm256_mul_ps(radius, sn), vstd, vmean));
  }
}
#endif

}  // namespace

void normal_blocks_float(float* data, int64_t n, float mean, float std) {
#if CTORCH_RANDOM_X86
  if (has_avx2_fma()) return blocks_avx2(data, n, mean, std);
#endif
  blocks_scalar(data, n, mean, std);
}

}  // namespace ctorch::random
