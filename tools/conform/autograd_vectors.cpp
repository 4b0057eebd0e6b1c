// tools/conform/autograd_vectors.cpp: running one autograd vector (autograd.md §8): op vectors
// (leaves, "pre", the op, backward, the leaves' gradients) and engine vectors (named steps).
#include <map>

#include "compare.h"
#include "json_tensor.h"
#include "ops_table.h"
#include "vector_util.h"

namespace conform {

using ctorch::Tensor;

namespace {

// A failure at a stage ("leaf", "op", "backward") of an op vector.
struct StageError {
  std::string stage;
  ctorch::Error error;
};

std::string name_or_null(const std::shared_ptr<ctorch::autograd::Node>& fn) {
  return fn ? fn->name() : "null";
}

// The node name a vector expects: the 2.x name where it gives one (A8.2).
json expected_grad_fn(const json& vector, const json& expect) {
  if (vector.contains("grad_fn_2x")) return vector.at("grad_fn_2x");
  return expect.value("grad_fn", json());
}

void compare_grad_fn(const Tensor& out, const json& want, Mismatch& m) {
  const std::string got = out.defined() ? name_or_null(out.grad_fn()) : "null";
  const std::string w = want.is_null() ? "null" : want.get<std::string>();
  if (got != w) m.add("grad_fn=" + w, "grad_fn=" + got);
}

// A tensor or null against a tensor spec or null.
void compare_optional(const Tensor& t, const json& want, const Tolerance& tol, Mismatch& m, const std::string& label) {
  if (want.is_null()) {
    if (t.defined()) m.add(label + "null", label + describe_tensor(t));
  } else if (!t.defined()) {
    m.add(label + "a tensor", label + "null");
  } else {
    compare_tensor(t, want, tol, m, label);
  }
}

Tensor pick_output(const Outcome& out, const json& vector) {
  if (const auto* t = std::get_if<Tensor>(&out)) return *t;
  if (const auto* ts = std::get_if<std::vector<Tensor>>(&out)) {
    return ts->at(vector.value("output_index", 0));
  }
  throw BadVector("the op did not produce a tensor");
}

Tensor optional_tensor_spec(const json& spec) { return spec.is_null() ? Tensor() : json_tensor(spec); }

// ---- op vectors (A8.2) ----------------------------------------------------------------------------

Verdict run_op_vector(const json& vector) {
  const json& expect = vector.at("expect");
  const Tolerance tol = Tolerance::from_vector(vector);
  const OpFn& fn = find_op(vector.at("op").get<std::string>());
  std::vector<Input> inputs;
  std::vector<Tensor> leaves;  // the tensors whose .grad is read (undefined: none)
  Tensor output;
  std::optional<StageError> failure;
  try {
    for (const json& spec : vector.at("inputs")) {
      Input in = parse_input(spec);
      Tensor leaf;
      if (spec.value("requires_grad", false)) {
        leaf = std::get<Tensor>(in);
        leaf.requires_grad_();
      }
      inputs.push_back(in);
      leaves.push_back(leaf);
    }
  } catch (const ctorch::Error& e) {
    failure = StageError{"leaf", e};
  }
  if (!failure) {
    try {
      if (vector.contains("pre")) apply_pre(vector.at("pre"), inputs);
      output = pick_output(fn(OpCall(inputs, vector.value("args", json::object()))), vector);
    } catch (const ctorch::Error& e) {
      failure = StageError{"op", e};
    }
  }
  if (!failure) {
    try {
      output.backward(optional_tensor_spec(vector.at("grad_output")));
    } catch (const ctorch::Error& e) {
      failure = StageError{"backward", e};
    }
  }

  Mismatch m;
  if (expect.contains("error")) {
    if (!failure) return Verdict::fail(describe_expected_error(expect), "no error");
    const std::string want_stage = expect.value("error_stage", failure->stage);
    if (failure->stage != want_stage) {
      return Verdict::fail(want_stage + " error " + describe_expected_error(expect),
                           failure->stage + " error " + describe_error(failure->error));
    }
    Verdict v = compare_error(failure->error, expect);
    if (v.status != Status::Pass) return v;
    if (expect.contains("grad_fn")) compare_grad_fn(output, expected_grad_fn(vector, expect), m);
    if (expect.contains("output")) compare_optional(output, expect.at("output"), tol, m, "output.");
    return m.verdict();
  }
  if (failure) return Verdict::fail("no error", failure->stage + " error " + describe_error(failure->error));
  compare_grad_fn(output, expected_grad_fn(vector, expect), m);
  compare_optional(output, expect.at("output"), tol, m, "output.");
  const json& want = expect.at("grads");
  for (size_t i = 0; i < want.size(); ++i) {
    const Tensor g = i < leaves.size() && leaves[i].defined() ? leaves[i].grad() : Tensor();
    compare_optional(g, want[i], tol, m, "grads[" + std::to_string(i) + "].");
  }
  return m.verdict();
}

// ---- engine vectors (A8.5) ------------------------------------------------------------------------

class EngineRun {
 public:
  EngineRun(const json& vector) : tol_(Tolerance::from_vector(vector)) {}

  // The step's observation (null for steps that only act); throws ctorch::Error on failure.
  json step(const json& s, Mismatch& m, const json& want);

 private:
  Tensor& named(const json& name) {
    auto it = table_.find(name.get<std::string>());
    if (it == table_.end()) throw BadVector("no tensor named " + name.dump());
    return it->second;
  }
  // An input: a name, or a literal tensor / number spec.
  Input input(const json& spec) {
    if (spec.is_string()) return named(spec);
    return parse_input(spec);
  }
  void leaf(const json& s);
  void check(const json& s, Mismatch& m, const json& want);

  Tolerance tol_;
  std::map<std::string, Tensor> table_;
  std::vector<std::pair<std::string, Tensor>> hook_log_;
};

void EngineRun::leaf(const json& s) {
  Tensor t = json_tensor(s.at("value"));
  const std::string via = s.value("via", "method");
  if (s.value("requires_grad", false)) {
    if (via == "attribute") {
      t.set_requires_grad(true);
    } else if (via == "factory") {  // tensor(data, dtype=..., requires_grad=True)
      Tensor made = ctorch::zeros(t.sizes(), ctorch::TensorOptions(t.dtype()).requires_grad(true));
      ctorch::NoGradGuard guard;
      made.copy_(t);
      t = made;
    } else {
      t.requires_grad_();
    }
  }
  table_[s.at("name").get<std::string>()] = t;
}

json EngineRun::step(const json& s, Mismatch& m, const json& want) {
  const std::string what = s.at("do").get<std::string>();
  if (what == "leaf") {
    leaf(s);
  } else if (what == "op") {
    std::vector<Input> inputs;
    for (const json& in : s.at("inputs")) inputs.push_back(input(in));
    const Outcome out = find_op(s.at("op").get<std::string>())(OpCall(inputs, s.value("args", json::object())));
    table_[s.at("name").get<std::string>()] = pick_output(out, s);
  } else if (what == "backward") {
    std::optional<bool> retain;
    if (s.contains("retain_graph") && !s.at("retain_graph").is_null()) retain = s.at("retain_graph").get<bool>();
    std::optional<std::vector<Tensor>> only;
    if (s.contains("inputs") && !s.at("inputs").is_null()) {
      only.emplace();
      for (const json& n : s.at("inputs")) only->push_back(named(n));
    }
    const Tensor g = s.contains("grad") ? optional_tensor_spec(s.at("grad")) : Tensor();
    named(s.at("tensor")).backward(g, retain, s.value("create_graph", false), only);
  } else if (what == "grad") {
    std::vector<Tensor> outputs, inputs, grad_outputs;
    for (const json& n : s.at("outputs")) outputs.push_back(named(n));
    for (const json& n : s.at("inputs")) inputs.push_back(named(n));
    if (s.contains("grad_outputs") && !s.at("grad_outputs").is_null()) {
      for (const json& g : s.at("grad_outputs")) grad_outputs.push_back(optional_tensor_spec(g));
    }
    std::optional<bool> retain;
    if (s.contains("retain_graph") && !s.at("retain_graph").is_null()) retain = s.at("retain_graph").get<bool>();
    const auto results = ctorch::autograd::grad(outputs, inputs, grad_outputs, retain, s.value("create_graph", false),
                                                s.value("allow_unused", false));
    const json& names = s.at("names");
    for (size_t i = 0; i < names.size(); ++i) table_[names[i].get<std::string>()] = results.at(i);
  } else if (what == "retain_grad") {
    named(s.at("tensor")).retain_grad();
  } else if (what == "detach") {
    table_[s.at("name").get<std::string>()] = named(s.at("tensor")).detach();
  } else if (what == "zero_grad") {
    named(s.at("tensor")).set_grad(Tensor());
  } else if (what == "set_requires_grad") {
    const bool value = s.at("value").get<bool>();
    if (s.value("via", "method") == "attribute") {
      named(s.at("tensor")).set_requires_grad(value);
    } else {
      named(s.at("tensor")).requires_grad_(value);
    }
  } else if (what == "setitem") {
    Tensor& t = named(s.at("tensor"));
    std::vector<Input> one{input(s.at("value"))};
    // The index through the op table's "index" parser: rebuild it as a one-item index op.
    const json& index = s.at("index");
    std::vector<ctorch::TensorIndex> items;
    for (const json& item : index.is_array() ? index : json::array({index})) {
      if (item.is_number_integer()) items.emplace_back(item.get<int64_t>());
      else if (item.is_null()) items.emplace_back(ctorch::None);
      else if (item.is_object() && item.contains("values")) items.emplace_back(json_tensor(item));
      else throw Unsupported("setitem index " + item.dump());
    }
    if (items.size() != 1) throw Unsupported("setitem with several index items");
    if (const auto* v = std::get_if<Tensor>(&one[0])) {
      t.index_put_({items[0]}, *v);
    } else {
      t.index_put_({items[0]}, std::get<ctorch::Scalar>(one[0]));
    }
  } else if (what == "no_grad" || what == "enable_grad") {
    ctorch::AutoGradMode mode(what == "enable_grad");
    Mismatch ignored;
    for (const json& inner : s.at("steps")) step(inner, ignored, json());
  } else if (what == "register_hook") {
    const json& h = s.at("hook");
    const std::string label = h.at("label").get<std::string>(), kind = h.at("kind").get<std::string>();
    const double factor = h.value("factor", 1.0), value = h.value("value", 0.0);
    auto* log = &hook_log_;
    named(s.at("tensor")).register_hook([log, label, kind, factor, value](const Tensor& g) -> Tensor {
      log->emplace_back(label, g.clone());
      if (kind == "scale") return g * factor;
      if (kind == "add") return g + value;
      return Tensor();
    });
  } else if (what == "check") {
    check(s, m, want);
  } else {
    throw Unsupported("engine step " + what);
  }
  return json();
}

void EngineRun::check(const json& s, Mismatch& m, const json& want) {
  const std::string what = s.at("what").get<std::string>();
  const std::string label = what + ": ";
  if (what == "hook_log") {
    if (!want.is_array() || want.size() != hook_log_.size()) {
      m.add(label + std::to_string(want.size()) + " entries", label + std::to_string(hook_log_.size()) + " entries");
      return;
    }
    for (size_t i = 0; i < want.size(); ++i) {
      const std::string l = want[i][0].get<std::string>();
      if (hook_log_[i].first != l) m.add(label + l, label + hook_log_[i].first);
      compare_tensor(hook_log_[i].second, want[i][1], tol_, m, label + l + ".");
    }
    return;
  }
  const Tensor& t = named(s.at("tensor"));
  if (what == "grad") {
    std::string warning;
    auto previous = ctorch::set_warning_handler([&](const std::string& w) { warning = w; });
    const Tensor g = t.grad();
    ctorch::set_warning_handler(previous);
    compare_optional(g, want.at("value"), tol_, m, label);
    if (want.contains("warning")) {
      const std::string prefix = want.at("warning").get<std::string>();
      if (warning.rfind(prefix, 0) != 0) m.add(label + "warning \"" + prefix + "...\"", label + "warning \"" + warning + "\"");
    } else if (!warning.empty()) {
      m.add(label + "no warning", label + "warning \"" + warning + "\"");
    }
  } else if (what == "value") {
    compare_optional(t, want, tol_, m, label);
  } else if (what == "grad_fn") {
    const std::string got = name_or_null(t.grad_fn());
    const std::string w = want.is_null() ? "null" : want.get<std::string>();
    if (got != w) m.add(label + w, label + got);
  } else if (what == "requires_grad" || what == "is_leaf" || what == "retains_grad") {
    const bool got = what == "requires_grad" ? t.requires_grad() : what == "is_leaf" ? t.is_leaf() : t.retains_grad();
    if (got != want.get<bool>()) m.add(label + want.dump(), label + (got ? "true" : "false"));
  } else if (what == "version") {
    if (t._version() != want.get<int64_t>()) m.add(label + want.dump(), label + std::to_string(t._version()));
  } else {
    throw Unsupported("check " + what);
  }
}

Verdict run_engine_vector(const json& vector) {
  const json& steps = vector.at("steps");
  const json& expect = vector.at("expect");
  EngineRun run(vector);
  Mismatch m;
  for (size_t i = 0; i < steps.size(); ++i) {
    const json& want = i < expect.size() ? expect[i] : json();
    const bool must_fail = want.is_object() && want.contains("error");
    try {
      run.step(steps[i], m, want);
    } catch (const ctorch::Error& e) {
      if (!must_fail) return Verdict::fail("step " + std::to_string(i) + " to succeed", describe_error(e));
      Verdict v = compare_error(e, want);
      if (v.status != Status::Pass) return v;
      return m.verdict();
    }
    if (must_fail) return Verdict::fail("step " + std::to_string(i) + ": " + describe_expected_error(want), "no error");
  }
  return m.verdict();
}

}  // namespace

Verdict run_autograd_vector(const json& vector) {
  if (vector.contains("version_sensitive")) return Verdict::skip("version sensitive");
  try {
    return vector.contains("steps") ? run_engine_vector(vector) : run_op_vector(vector);
  } catch (const Unsupported& e) {
    return Verdict::skip(e.what());
  } catch (const BadVector& e) {
    return Verdict::fail("a well-formed vector", std::string("runner: ") + e.what());
  } catch (const ctorch::Error& e) {
    return Verdict::fail("no unexpected error", describe_error(e));
  } catch (const std::exception& e) {
    return Verdict::fail("no unexpected exception", std::string("exception: ") + e.what());
  }
}

}  // namespace conform
