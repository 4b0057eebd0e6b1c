// Note [Host fallback]: an op without a CUDA kernel yet runs its CPU kernel on host copies of its
// cuda tensors: inputs are copied to the host, outputs too (a kernel may read or only partly write
// them), the CPU kernel runs, and the outputs are copied back to their device. Results are exactly
// the CPU's; the cost is two transfers. The README lists which ops go this way.
//
//   HostRoundTrip host;
//   kernels::cpu::softmax(host.out(out), host.in(in), dim, log);
//   host.finish();
#pragma once

#include <utility>
#include <vector>

#include "ctorch/tensor.h"

namespace ctorch {

class HostRoundTrip {
 public:
  // `t` on the CPU: itself when it is there (or undefined), else a contiguous host copy.
  Tensor in(const Tensor& t);
  // Like in(), and remembered: finish() copies the host tensor back into `t`.
  Tensor out(const Tensor& t);
  // Copies every out() back to its device.
  void finish();

 private:
  std::vector<std::pair<Tensor, Tensor>> outputs_;  // (device tensor, host copy)
};

}  // namespace ctorch
