// Grad mode: one thread-local flag, on by default (autograd.md A1.7).
#include "core/fast_tls.h"
#include "ctorch/autograd.h"

namespace ctorch {

namespace {
CTORCH_FAST_TLS bool grad_enabled = true;
}  // namespace

bool GradMode::is_enabled() { return grad_enabled; }
void GradMode::set_enabled(bool enabled) { grad_enabled = enabled; }

}  // namespace ctorch
