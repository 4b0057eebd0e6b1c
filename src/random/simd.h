// Which vector code the random kernels may run, checked once. The library is built for baseline
// x86-64; the AVX2+FMA functions are compiled with target attributes and only called when the CPU
// has both. CTORCH_CPU_CAPABILITY=default turns them off (as for the other kernels), so the
// portable paths can be tested anywhere; both paths give the same bits.
#pragma once

#include "kernels/cpu/cpu_features.h"

#if defined(__x86_64__) && defined(__GNUC__)
#define CTORCH_RANDOM_X86 1
#else
#define CTORCH_RANDOM_X86 0
#endif

namespace ctorch::random {

inline bool has_avx2_fma() {
  return kernels::cpu::cpu_capability() >= kernels::cpu::CpuCapability::Avx2;
}

}  // namespace ctorch::random
