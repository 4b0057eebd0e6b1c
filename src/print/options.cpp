// Print options: the global state read by repr() (printing.md R1).
#include <limits>

#include "ctorch/print.h"

namespace ctorch {

namespace {
PrintOptions& options() {
  static PrintOptions global;
  return global;
}
}  // namespace

// torch.set_printoptions: the profile first, then each given field; `sci_mode` is always assigned,
// so a call that omits it resets it to automatic (R1.2). An unknown profile is ignored, as in
// PyTorch.
void set_printoptions(const PrintOptionsUpdate& update) {
  PrintOptions& o = options();
  if (update.profile) {
    const std::string& p = *update.profile;
    if (p == "default") {
      o.precision = 4, o.threshold = 1000, o.edgeitems = 3, o.linewidth = 80;
    } else if (p == "short") {
      o.precision = 2, o.threshold = 1000, o.edgeitems = 2, o.linewidth = 80;
    } else if (p == "full") {
      o.precision = 4, o.threshold = std::numeric_limits<double>::infinity(), o.edgeitems = 3,
      o.linewidth = 80;
    }
  }
  if (update.precision) o.precision = *update.precision;
  if (update.threshold) o.threshold = *update.threshold;
  if (update.edgeitems) o.edgeitems = *update.edgeitems;
  if (update.linewidth) o.linewidth = *update.linewidth;
  o.sci_mode = update.sci_mode;
}

PrintOptions get_printoptions() { return options(); }

}  // namespace ctorch
