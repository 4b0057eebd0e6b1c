// ctorch/parallel.h: how many threads large kernels use.
//
//   ctorch::set_num_threads(2);   ctorch::get_num_threads();
//
// Kernels split work over large inputs (at least kGrainSize elements per thread, like PyTorch's
// 32768) and run small ones on the calling thread. Results never depend on the thread count.
#pragma once

namespace ctorch {

// Any value >= 1, at any time (also while other threads use ctorch). Default: the number of
// hardware threads.
void set_num_threads(int n);
int get_num_threads();

}  // namespace ctorch
