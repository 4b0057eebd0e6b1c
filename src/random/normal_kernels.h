// The Box-Muller transforms of the normal samplers (random.md §5.3-§5.5), and the polynomial
// log/sin/cos they use. Every operation and every fused multiply-add is the spec's: the library
// is compiled with -ffp-contract=off, and each fma below is written out.
#pragma once

#include <cstdint>

#include "ctorch/half.h"

namespace ctorch::random {

// §5.4's LOG and SINCOS in float32 (PyTorch's AVX2 Cephes polynomials), one value at a time.
float cephes_logf(float a);
void cephes_sincosf(float v, float* sin_out, float* cos_out);

// One lane pair of §5.4: u from data[o+j] and data[o+j+8], results written back there.
void box_muller_float(float a, float b, float mean, float std, float* out1, float* out2);

// Transforms every complete 16-value block of data[0, n) in place (n a multiple of 16):
// AVX2+FMA when the CPU has it, else the scalar lanes above; both give the same bits.
void normal_blocks_float(float* data, int64_t n, float mean, float std);

// Device-independent double versions for the Philox normal (docs/random.md): only + - * /, fma
// and sqrt, in a fixed order, so any IEEE-754 machine gives the same bits.
double philox_log(double a);
void philox_sincos(double v, double* sin_out, double* cos_out);

}  // namespace ctorch::random
