// tools/conform/vector_util.h: what the ops and autograd runners share: building inputs, finding
// ops, "pre" steps and comparing errors (definitions in ops_vectors.cpp).
#pragma once

#include <string>
#include <vector>

#include "conform.h"
#include "ops_table.h"

namespace conform {

// One input spec: a tensor, {"scalar"}, {"dtype_name"} or {"list"}.
Input parse_input(const json& spec);
// The op table's entry, or Unsupported.
const OpFn& find_op(const std::string& name);
// "pre": single-tensor ops applied to input 0 in order.
void apply_pre(const json& pre, std::vector<Input>& inputs);
std::string first_line(std::string_view message);
std::string describe_error(const ctorch::Error& e);
std::string describe_expected_error(const json& expect);
// A thrown ctorch::Error against {"error", "error_type", ["error_match", "error_contains"]}.
Verdict compare_error(const ctorch::Error& e, const json& expect);

}  // namespace conform
