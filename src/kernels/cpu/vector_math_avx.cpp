#include "kernels/cpu/vector_math.h"

#include "core/parallel.h"
#include "kernels/cpu/exp_avx2.h"

// This file alone is compiled with -mavx (CMakeLists.txt) and entered only when cpu_has_avx().
#if defined(CTORCH_HAVE_SLEEF) && defined(__AVX__)
#include <immintrin.h>
#include <sleef.h>
#define CTORCH_VECTOR_MATH 1
#endif

namespace ctorch::kernels::cpu {

#ifdef CTORCH_VECTOR_MATH
namespace {

using Float8 = decltype(&Sleef_expf8_u10);  // SLEEF declares these with a const return type
using Double4 = decltype(&Sleef_expd4_u10);

struct VectorFunction {
  Float8 f32;
  Double4 f64;
};

// SLEEF's dispatching entry points pick AVX or AVX2+FMA code at run time.
bool lookup(UnaryOp op, VectorFunction& fn) {
  switch (op) {
    case UnaryOp::Exp: fn = {Sleef_expf8_u10, Sleef_expd4_u10}; return true;
    case UnaryOp::Exp2: fn = {Sleef_exp2f8_u10, Sleef_exp2d4_u10}; return true;
    case UnaryOp::Expm1: fn = {Sleef_expm1f8_u10, Sleef_expm1d4_u10}; return true;
    case UnaryOp::Log: fn = {Sleef_logf8_u10, Sleef_logd4_u10}; return true;
    case UnaryOp::Log2: fn = {Sleef_log2f8_u10, Sleef_log2d4_u10}; return true;
    case UnaryOp::Log10: fn = {Sleef_log10f8_u10, Sleef_log10d4_u10}; return true;
    case UnaryOp::Log1p: fn = {Sleef_log1pf8_u10, Sleef_log1pd4_u10}; return true;
    case UnaryOp::Sin: fn = {Sleef_sinf8_u10, Sleef_sind4_u10}; return true;
    case UnaryOp::Cos: fn = {Sleef_cosf8_u10, Sleef_cosd4_u10}; return true;
    case UnaryOp::Tan: fn = {Sleef_tanf8_u10, Sleef_tand4_u10}; return true;
    case UnaryOp::Asin: fn = {Sleef_asinf8_u10, Sleef_asind4_u10}; return true;
    case UnaryOp::Acos: fn = {Sleef_acosf8_u10, Sleef_acosd4_u10}; return true;
    case UnaryOp::Atan: fn = {Sleef_atanf8_u10, Sleef_atand4_u10}; return true;
    case UnaryOp::Sinh: fn = {Sleef_sinhf8_u10, Sleef_sinhd4_u10}; return true;
    case UnaryOp::Cosh: fn = {Sleef_coshf8_u10, Sleef_coshd4_u10}; return true;
    case UnaryOp::Tanh: fn = {Sleef_tanhf8_u10, Sleef_tanhd4_u10}; return true;
    case UnaryOp::Erf: fn = {Sleef_erff8_u10, Sleef_erfd4_u10}; return true;
    default: return false;
  }
}

void run_f32(Float8 f, float* out, const float* in, int64_t begin, int64_t end) {
  int64_t i = begin;
  for (; i + 8 <= end; i += 8) _mm256_storeu_ps(out + i, f(_mm256_loadu_ps(in + i)));
  if (i < end) {  // the tail through one padded vector
    alignas(32) float buffer[8] = {};
    for (int64_t k = i; k < end; ++k) buffer[k - i] = in[k];
    _mm256_store_ps(buffer, f(_mm256_load_ps(buffer)));
    for (int64_t k = i; k < end; ++k) out[k] = buffer[k - i];
  }
}

void run_f64(Double4 f, double* out, const double* in, int64_t begin, int64_t end) {
  int64_t i = begin;
  for (; i + 4 <= end; i += 4) _mm256_storeu_pd(out + i, f(_mm256_loadu_pd(in + i)));
  if (i < end) {
    alignas(32) double buffer[4] = {};
    for (int64_t k = i; k < end; ++k) buffer[k - i] = in[k];
    _mm256_store_pd(buffer, f(_mm256_load_pd(buffer)));
    for (int64_t k = i; k < end; ++k) out[k] = buffer[k - i];
  }
}

}  // namespace

bool has_vector_math_avx(UnaryOp op) {
  VectorFunction fn;
  return lookup(op, fn);
}

bool vector_math_avx(UnaryOp op, float* out, const float* in, int64_t n) {
  if (op == UnaryOp::Exp && cpu_capability() >= CpuCapability::Avx2) {  // the inlined kernel: ~2x SLEEF
    parallel_for(0, n, kGrainSize, [&](int64_t b, int64_t e) { exp_avx2(out + b, in + b, e - b); });
    return true;
  }
  VectorFunction fn;
  if (!lookup(op, fn)) return false;
  parallel_for(0, n, kGrainSize, [&](int64_t b, int64_t e) { run_f32(fn.f32, out, in, b, e); });
  return true;
}

bool vector_math_avx(UnaryOp op, double* out, const double* in, int64_t n) {
  VectorFunction fn;
  if (!lookup(op, fn)) return false;
  parallel_for(0, n, kGrainSize, [&](int64_t b, int64_t e) { run_f64(fn.f64, out, in, b, e); });
  return true;
}
#else
bool has_vector_math_avx(UnaryOp) { return false; }
bool vector_math_avx(UnaryOp, float*, const float*, int64_t) { return false; }
bool vector_math_avx(UnaryOp, double*, const double*, int64_t) { return false; }
#endif

}  // namespace ctorch::kernels::cpu
