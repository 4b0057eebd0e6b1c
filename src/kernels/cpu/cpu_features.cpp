#include "kernels/cpu/cpu_features.h"

#include <algorithm>
#include <cstdlib>
#include <string_view>

namespace ctorch::kernels::cpu {

namespace {

#if defined(__x86_64__) && defined(__GNUC__)
CpuCapability detected() {
  if (__builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw") &&
      __builtin_cpu_supports("avx512vl") && __builtin_cpu_supports("avx512dq")) {
    return CpuCapability::Avx512;
  }
  if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) return CpuCapability::Avx2;
  return CpuCapability::Default;
}
#else
CpuCapability detected() { return CpuCapability::Default; }
#endif

// The environment can only lower the level, never claim what the CPU lacks.
CpuCapability requested() {
  const char* env = std::getenv("CTORCH_CPU_CAPABILITY");
  const std::string_view capability = env ? env : "";
  if (capability == "default") return CpuCapability::Default;
  if (capability == "avx2") return CpuCapability::Avx2;
  return CpuCapability::Avx512;
}

}  // namespace

CpuCapability cpu_capability() {
  static const CpuCapability capability = std::min(detected(), requested());
  return capability;
}

bool cpu_has_avx() {
#if defined(__x86_64__) && defined(__GNUC__)
  static const bool has = requested() != CpuCapability::Default && __builtin_cpu_supports("avx");
  return has;
#else
  return false;
#endif
}

}  // namespace ctorch::kernels::cpu
