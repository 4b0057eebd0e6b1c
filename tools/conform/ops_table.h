// tools/conform/ops_table.h: the ops an ops vector may name (semantics.md §20) that ctorch
// supports, each as a function from the vector's inputs and args to a result.
//
// THE table of supported ops is op_table() in ops_table.cpp: an op missing from it is skipped, so
// adding an op to ctorch means adding one entry there.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include <ctorch/ctorch.h>

#include "conform.h"

namespace conform {

// One input of an ops vector: a tensor, a Python number, a dtype name or a {"list": ...}.
using Input = std::variant<ctorch::Tensor, ctorch::Scalar, ctorch::ScalarType, ctorch::NestedList>;

// What an op produced: a tensor, several tensors ("outputs"), a Python value ("value"), a dtype
// ("dtype"), a shape ("shape"), or named facts compared key by key (metadata, dtype_info).
using Outcome = std::variant<ctorch::Tensor, std::vector<ctorch::Tensor>, ctorch::Scalar,
                             ctorch::ScalarType, ctorch::Size, json>;

// The arguments of one op call, with typed accessors (a wrong or missing one throws BadVector).
class OpCall {
 public:
  OpCall(const std::vector<Input>& inputs, const json& args) : inputs_(inputs), args_(args) {}

  size_t input_count() const { return inputs_.size(); }
  const Input& input(size_t i) const;
  const ctorch::Tensor& tensor(size_t i) const;
  std::vector<ctorch::Tensor> tensors() const;  // every input, all tensors
  const ctorch::Scalar& scalar(size_t i) const;
  ctorch::ScalarType dtype_input(size_t i) const;
  const ctorch::NestedList& list(size_t i) const;

  bool has(const char* name) const;  // present and not null
  const json& arg(const char* name) const;
  int64_t int_arg(const char* name) const;
  int64_t int_arg(const char* name, int64_t fallback) const;
  std::optional<int64_t> opt_int_arg(const char* name) const;
  std::vector<int64_t> ints_arg(const char* name) const;
  std::optional<ctorch::ScalarType> dtype_arg(const char* name) const;

 private:
  const std::vector<Input>& inputs_;
  const json& args_;
};

using OpFn = std::function<Outcome(const OpCall&)>;

// Supported op name -> implementation.
const std::map<std::string, OpFn, std::less<>>& op_table();

// The elementwise ops' entries of the table (elementwise_table.cpp).
void add_elementwise_ops(std::map<std::string, OpFn, std::less<>>& table);
// The ops the autograd vectors use beyond those (autograd.md A8.3; autograd_table.cpp).
void add_autograd_ops(std::map<std::string, OpFn, std::less<>>& table);

}  // namespace conform
