// Grad mode: one thread-local flag, on by default (autograd.md A1.7).
#include "ctorch/autograd.h"

namespace ctorch {

namespace {
thread_local bool grad_enabled = true;
}  // namespace

bool GradMode::is_enabled() { return grad_enabled; }
void GradMode::set_enabled(bool enabled) { grad_enabled = enabled; }

}  // namespace ctorch
