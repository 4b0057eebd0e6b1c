// Internal to src/print: the repr number formatting, shared with explain().
#pragma once

#include <string>
#include <vector>

#include "ctorch/tensor.h"

namespace ctorch::print_detail {

// Every element of `t` in row-major order, as repr() would write it with one formatter built
// over all of them (R4), without the padding to the common width.
std::vector<std::string> format_elements(const Tensor& t);

}  // namespace ctorch::print_detail
