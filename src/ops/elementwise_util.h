// What every elementwise op does around its kernel: operands brought to the compute dtype and
// the broadcast shape, and results written into an out= or in-place destination (R9).
#pragma once

#include <functional>
#include <initializer_list>

#include "ctorch/operand.h"
#include "ctorch/tensor.h"

namespace ctorch {

// The shape an operand broadcasts from: a wrapped number has shape [].
Size operand_shape(const Operand& x);

// `x` as a tensor of dtype `compute` expanded to `shape`: a tensor is converted (a copy) only if
// its dtype differs; a number is converted by a plain C cast (R5.2) into a 0-dim tensor.
Tensor to_compute(const Operand& x, ScalarType compute, IntArrayRef shape);

// R9.1 / R9.3: the result dtype must be castable to dest's. In place, the shapes must agree; an
// out= tensor of another shape is resized to `shape` (PyTorch's resize_output).
void check_destination(Tensor& dest, ScalarType result, IntArrayRef shape, bool in_place);

// Runs compute(out) with out = dest itself when it has the result dtype and no input reads
// memory dest writes (other than the very same elements), else with a temporary then copied.
void write_result(Tensor& dest, ScalarType result, std::initializer_list<Tensor> inputs,
                  const std::function<void(const Tensor&)>& compute);

}  // namespace ctorch
