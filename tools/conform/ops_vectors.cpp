// tools/conform/ops_vectors.cpp: running one ops vector (semantics.md §20): skip rules, inputs,
// "pre" views, the op, and the comparison of its result or error with "expect".
#include <string_view>

#include "compare.h"
#include "json_tensor.h"
#include "ops_table.h"
#include "vector_util.h"

namespace conform {

using ctorch::Tensor;

namespace {

// Does any part of the vector name a complex dtype or hold a complex scalar?
bool uses_complex(const json& j) {
  if (j.is_array()) {
    for (const json& item : j) {
      if (uses_complex(item)) return true;
    }
    return false;
  }
  if (!j.is_object()) return false;
  for (const auto& [key, value] : j.items()) {
    if (value.is_string()) {
      const std::string& s = value.get_ref<const std::string&>();
      const bool names_dtype = key == "dtype" || key == "dtype_name" || key == "out_dtype" ||
                               key == "scalar_kind";
      if (names_dtype && s.rfind("complex", 0) == 0) return true;
    } else if (uses_complex(value)) {
      return true;
    }
  }
  return false;
}

}  // namespace

Input parse_input(const json& spec) {
  if (spec.contains("list")) return json_nested_list(spec.at("list"));
  if (spec.contains("scalar")) return json_scalar(spec);
  if (spec.contains("dtype_name")) return parse_dtype(spec.at("dtype_name"));
  if (spec.contains("values")) return json_tensor(spec);
  throw BadVector("unrecognised input " + spec.dump());
}

const OpFn& find_op(const std::string& name) {
  const auto& table = op_table();
  const auto it = table.find(name);
  if (it == table.end()) throw Unsupported("op " + name + " not supported yet");
  return it->second;
}

// "pre": single-tensor view ops applied to input 0, each through the same op table.
void apply_pre(const json& pre, std::vector<Input>& inputs) {
  for (const json& step : pre) {
    const OpFn& fn = find_op(step.at("op").get<std::string>());
    const json args = step.value("args", json::object());
    const std::vector<Input> self{std::get<Tensor>(inputs.at(0))};
    Outcome out = fn(OpCall(self, args));
    if (!std::holds_alternative<Tensor>(out)) throw BadVector("a pre op must give a tensor");
    inputs[0] = std::get<Tensor>(out);
  }
}

namespace {

std::string error_type_name(ctorch::ErrorKind kind) {
  switch (kind) {
    case ctorch::ErrorKind::Runtime: return "RuntimeError";
    case ctorch::ErrorKind::Index: return "IndexError";
    case ctorch::ErrorKind::Value: return "ValueError";
    case ctorch::ErrorKind::Type: return "TypeError";
    case ctorch::ErrorKind::NotImplemented: return "NotImplementedError";
  }
  return "UnknownError";
}


}  // namespace

std::string first_line(std::string_view message) {
  return std::string(message.substr(0, message.find('\n')));
}

std::string describe_error(const ctorch::Error& e) {
  return error_type_name(e.kind()) + " \"" + first_line(e.what()) + "\"";
}

std::string describe_expected_error(const json& expect) {
  const std::string type = expect.value("error_type", "");
  if (expect.value("error_match", "") == "contains") {
    return type + " containing \"" + expect.value("error_contains", "") + "\"";
  }
  return type + " \"" + expect.at("error").get<std::string>() + "\"";
}

namespace {

std::string describe_outcome(const Outcome& out) {
  struct Describe {
    std::string operator()(const Tensor& t) const { return describe_tensor(t); }
    std::string operator()(const std::vector<Tensor>& ts) const {
      std::string s = std::to_string(ts.size()) + " outputs";
      for (const Tensor& t : ts) s += "; " + describe_tensor(t);
      return s;
    }
    std::string operator()(const ctorch::Scalar& s) const {
      return "value " + s.repr() + " (" + s.type_name() + ")";
    }
    std::string operator()(ctorch::ScalarType d) const { return "dtype " + dtype_str(d); }
    std::string operator()(const ctorch::Size& s) const { return "shape " + describe_ints(s); }
    std::string operator()(const json& facts) const { return facts.dump(); }
  };
  return std::visit(Describe{}, out);
}

}  // namespace

// A thrown ctorch::Error against {"error", "error_type", ["error_match", "error_contains"]}.
Verdict compare_error(const ctorch::Error& e, const json& expect) {
  const std::string line = first_line(e.what());
  bool message_ok;
  if (expect.value("error_match", "") == "contains") {
    message_ok = line.find(expect.at("error_contains").get<std::string>()) != std::string::npos;
  } else {
    message_ok = line == expect.at("error").get<std::string>();
  }
  const bool type_ok = error_type_name(e.kind()) == expect.value("error_type", "");
  if (message_ok && type_ok) return Verdict::pass();
  return Verdict::fail(describe_expected_error(expect), describe_error(e));
}

namespace {

// A produced result against a non-error expectation.
Verdict compare_outcome(const Outcome& out, const json& expect, const Tolerance& tol) {
  Mismatch m;
  if (const auto* t = std::get_if<Tensor>(&out)) {
    compare_tensor(*t, expect, tol, m);
  } else if (const auto* ts = std::get_if<std::vector<Tensor>>(&out)) {
    const json& want = expect.at("outputs");
    if (ts->size() != want.size()) {
      m.add(std::to_string(want.size()) + " outputs", describe_outcome(out));
    } else {
      for (size_t i = 0; i < ts->size(); ++i) {
        compare_tensor((*ts)[i], want[i], tol, m, "outputs[" + std::to_string(i) + "].");
      }
    }
  } else if (const auto* s = std::get_if<ctorch::Scalar>(&out)) {
    compare_value(*s, expect, tol, m);
  } else if (const auto* d = std::get_if<ctorch::ScalarType>(&out)) {
    const std::string want = expect.at("dtype").get<std::string>();
    if (dtype_str(*d) != want) m.add("dtype " + want, "dtype " + dtype_str(*d));
  } else if (const auto* shape = std::get_if<ctorch::Size>(&out)) {
    const std::vector<int64_t> want = json_ints(expect.at("shape"));
    if (*shape != want) m.add("shape " + describe_ints(want), "shape " + describe_ints(*shape));
  } else {
    const json& facts = std::get<json>(out);
    for (const auto& [key, want] : expect.items()) {
      const json got = facts.contains(key) ? facts.at(key) : json();
      if (got != want) m.add(key + "=" + want.dump(), key + "=" + got.dump());
    }
  }
  return m.verdict();
}

}  // namespace

Verdict run_ops_vector(const json& vector) {
  if (vector.contains("version_sensitive")) return Verdict::skip("version sensitive");
  if (uses_complex(vector)) return Verdict::skip("complex dtype or scalar");
  const std::string op = vector.at("op").get<std::string>();
  const json& expect = vector.at("expect");
  const json args = vector.value("args", json::object());
  const Tolerance tol = Tolerance::from_vector(vector);
  try {
    const OpFn& fn = find_op(op);
    std::vector<Input> inputs;
    for (const json& spec : vector.value("inputs", json::array())) {
      inputs.push_back(parse_input(spec));
    }
    Outcome out;
    try {
      if (vector.contains("pre")) apply_pre(vector.at("pre"), inputs);
      out = fn(OpCall(inputs, args));
    } catch (const ctorch::Error& e) {
      if (expect.contains("error")) return compare_error(e, expect);
      return Verdict::fail("a result", describe_error(e));
    }
    if (expect.contains("error")) {
      return Verdict::fail(describe_expected_error(expect), describe_outcome(out));
    }
    return compare_outcome(out, expect, tol);
  } catch (const Unsupported& e) {
    return Verdict::skip(e.what());
  } catch (const ctorch::Error& e) {  // building the inputs failed
    return Verdict::fail("inputs built", "while building inputs: " + describe_error(e));
  } catch (const BadVector& e) {
    return Verdict::fail("a well-formed vector", std::string("runner: ") + e.what());
  } catch (const std::exception& e) {
    return Verdict::fail("no unexpected exception", std::string("exception: ") + e.what());
  }
}

}  // namespace conform
