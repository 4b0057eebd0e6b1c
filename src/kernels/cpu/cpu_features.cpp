#include "kernels/cpu/cpu_features.h"

#include <cstdlib>
#include <string_view>

namespace ctorch::kernels::cpu {

namespace {
bool simd_disabled() {
  const char* capability = std::getenv("CTORCH_CPU_CAPABILITY");
  return capability && std::string_view(capability) == "default";
}
}  // namespace

bool cpu_has_avx() {
#if defined(__x86_64__) && defined(__GNUC__)
  static const bool has = !simd_disabled() && __builtin_cpu_supports("avx");
  return has;
#else
  return false;
#endif
}

}  // namespace ctorch::kernels::cpu
