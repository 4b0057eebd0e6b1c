// The double log and sin/cos of the Philox normal (docs/random.md, "Philox normal"): written with
// + - * /, fma and sqrt only, in a fixed order, so that every IEEE-754 machine (a GPU included)
// computes the same bits. Accuracy is a few ulp; exactness of the definition is what matters.
#include <bit>
#include <cmath>
#include <cstdint>

#include "random/normal_kernels.h"

namespace ctorch::random {

namespace {
// 1/(2k+1), k = 1..11, each the double nearest the exact fraction.
constexpr double kAtanh[11] = {1.0 / 3, 1.0 / 5, 1.0 / 7, 1.0 / 9, 1.0 / 11, 1.0 / 13,
                               1.0 / 15, 1.0 / 17, 1.0 / 19, 1.0 / 21, 1.0 / 23};
constexpr double kLn2Hi = 0x1.62e42fee00000p-1, kLn2Lo = 0x1.a39ef35793c76p-33;
constexpr double kSqrt2 = 0x1.6a09e667f3bcdp+0;
// Taylor coefficients (-1)^k / (2k+1)!, k = 1..8, and (-1)^k / (2k)!, k = 1..8.
constexpr double kSin[8] = {-0x1.5555555555555p-3, 0x1.1111111111111p-7, -0x1.a01a01a01a01ap-13,
                            0x1.71de3a556c734p-19, -0x1.ae64567f544e4p-26, 0x1.6124613a86d09p-33,
                            -0x1.ae7f3e733b81fp-41, 0x1.952c77030ad4ap-49};
constexpr double kCos[8] = {-0x1.0000000000000p-1, 0x1.5555555555555p-5, -0x1.6c16c16c16c17p-10,
                            0x1.a01a01a01a01ap-16, -0x1.27e4fb7789f5cp-22, 0x1.1eed8eff8d898p-29,
                            -0x1.93974a8c07c9dp-37, 0x1.ae7f3e733b81fp-45};
constexpr double kTwoOverPi = 0x1.45f306dc9c883p-1;
constexpr double kPiO2_1 = 0x1.921fb54400000p+0, kPiO2_2 = 0x1.0b4611a600000p-34,
                 kPiO2_3 = 0x1.3198a2e037073p-69;
}  // namespace

// a in [2^-1022, 1]: a = m * 2^e with m in [sqrt(2)/2, sqrt(2)); log(m) = 2 atanh(s),
// s = (m - 1) / (m + 1), as the odd series to s^23.
double philox_log(double a) {
  const uint64_t bits = std::bit_cast<uint64_t>(a);
  int e = static_cast<int>((bits >> 52) & 0x7FF) - 1023;
  double m = std::bit_cast<double>((bits & 0x000FFFFFFFFFFFFFull) | 0x3FF0000000000000ull);
  if (m > kSqrt2) {
    m = m * 0.5;
    e = e + 1;
  }
  const double s = (m - 1.0) / (m + 1.0);
  const double t = s * s;
  double p = kAtanh[10];
  for (int k = 9; k >= 0; --k) p = std::fma(p, t, kAtanh[k]);
  const double r = 2.0 * s;
  const double log_m = std::fma(r, t * p, r);
  const double de = static_cast<double>(e);
  return std::fma(de, kLn2Hi, std::fma(de, kLn2Lo, log_m));
}

// v in [0, 2*pi): v = j*pi/2 + x with |x| <= pi/4 (Cody-Waite, three parts of pi/2), then the
// Taylor polynomials of sin and cos on x and the quadrant j mod 4.
void philox_sincos(double v, double* sin_out, double* cos_out) {
  const int j = static_cast<int>(v * kTwoOverPi + 0.5);
  const double y = static_cast<double>(j);
  double x = std::fma(-y, kPiO2_1, v);
  x = std::fma(-y, kPiO2_2, x);
  x = std::fma(-y, kPiO2_3, x);
  const double z = x * x;
  double ps = kSin[7], pc = kCos[7];
  for (int k = 6; k >= 0; --k) {
    ps = std::fma(ps, z, kSin[k]);
    pc = std::fma(pc, z, kCos[k]);
  }
  const double s = std::fma(x * z, ps, x);
  const double c = std::fma(z, pc, 1.0);
  switch (j & 3) {
    case 0: *sin_out = s; *cos_out = c; break;
    case 1: *sin_out = c; *cos_out = -s; break;
    case 2: *sin_out = -s; *cos_out = -c; break;
    default: *sin_out = -c; *cos_out = s; break;
  }
}

}  // namespace ctorch::random
