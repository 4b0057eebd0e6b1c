// Vectorized transcendental functions for contiguous float32/float64 data, from SLEEF (1-ulp
// accuracy variants; SLEEF itself picks AVX or AVX2+FMA code), used when the CPU has AVX; the rest
// of the library stays baseline x86-64.
#pragma once

#include <cstdint>

#include "kernels/cpu/cpu_features.h"
#include "kernels/cpu/elementwise_ops.h"

namespace ctorch::kernels::cpu {

// The AVX implementations (vector_math_avx.cpp, the one file built with -mavx): call only when
// cpu_has_avx(). They return false, doing nothing, for ops without a vector form.
bool has_vector_math_avx(UnaryOp op);
bool vector_math_avx(UnaryOp op, float* out, const float* in, int64_t n);
bool vector_math_avx(UnaryOp op, double* out, const double* in, int64_t n);

// Whether op has a vector form the CPU can run. Layouts other than contiguous go through small
// contiguous buffers, so that a result never depends on the memory layout.
inline bool has_vector_math(UnaryOp op) { return cpu_has_avx() && has_vector_math_avx(op); }

}  // namespace ctorch::kernels::cpu
