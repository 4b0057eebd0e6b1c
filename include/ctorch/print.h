// ctorch/print.h: PyTorch-exact printing (printing.md) and print options.
//
//   std::cout << t;                                   // tensor([[7, 8],\n        [8, 9]])
//   ctorch::set_printoptions({.precision = 2});       // like torch.set_printoptions(precision=2)
//   ctorch::set_printoptions({.profile = "full"});
//   std::cout << ctorch::explain(t.t());              // how the view maps onto its storage
#pragma once

#include <limits>
#include <optional>
#include <string>

#include "ctorch/tensor.h"

namespace ctorch {

struct PrintOptions {
  int precision = 4;
  double threshold = 1000;  // may be infinity
  int edgeitems = 3;
  int linewidth = 80;
  std::optional<bool> sci_mode;  // nullopt = automatic
};

// The arguments of torch.set_printoptions, in its order. As in PyTorch, `profile` applies first,
// then each given field, and `sci_mode` is always assigned (omitting it resets it to automatic).
// (The `{}` initializers keep -Wextra quiet about fields a designated initializer leaves out.)
struct PrintOptionsUpdate {
  std::optional<int> precision{};
  std::optional<double> threshold{};
  std::optional<int> edgeitems{};
  std::optional<int> linewidth{};
  std::optional<std::string> profile{};  // "default", "short" or "full"
  std::optional<bool> sci_mode{};
};

void set_printoptions(const PrintOptionsUpdate& update);
PrintOptions get_printoptions();

// repr(t): "tensor(...)" with PyTorch's suffixes.
std::string repr(const Tensor& t);

// A short text showing the metadata of `t` and which cells of its storage it covers, in which
// logical order (the tutorial's "tensors in memory" picture, for any tensor).
std::string explain(const Tensor& t);

}  // namespace ctorch
