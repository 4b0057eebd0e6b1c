// Broadcasting two shapes (semantics.md R12), with the message tensor ops give on failure.
#pragma once

#include "ctorch/size.h"

namespace ctorch {

// `a` is the shape accumulated so far, `b` the next operand's (R12.2).
Size broadcast_pair(IntArrayRef a, IntArrayRef b);

}  // namespace ctorch
