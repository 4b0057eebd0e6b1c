// What the CPU running us can do, checked once. The library is built for baseline x86-64; SIMD
// code paths ask here before running. CTORCH_CPU_CAPABILITY=default (or avx2) caps what is used,
// so the portable paths can be tested on any machine.
#pragma once

namespace ctorch::kernels::cpu {

// Ordered: each level includes the ones before it.
enum class CpuCapability { Default, Avx2, Avx512 };

// Avx2 means AVX2 + FMA; Avx512 means AVX-512 F, BW, VL and DQ.
CpuCapability cpu_capability();
bool cpu_has_avx();

}  // namespace ctorch::kernels::cpu
