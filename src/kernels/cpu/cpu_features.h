// What the CPU running us can do, checked once. The library is built for baseline x86-64; SIMD
// code paths ask here before running. CTORCH_CPU_CAPABILITY=default turns them all off, so the
// portable paths can be tested on any machine.
#pragma once

namespace ctorch::kernels::cpu {

bool cpu_has_avx();

}  // namespace ctorch::kernels::cpu
