// The op vocabulary of autograd.md A8.3 beyond semantics.md §20: activations, norms, indexing
// ops, reorderings, bounds given as tensors, in-place forms.
#include <cmath>
#include <limits>

#include "json_tensor.h"
#include "ops_table.h"

namespace conform {

namespace {

using ctorch::Scalar;
using ctorch::Tensor;

Scalar number(const json& v) {
  if (v.is_boolean()) return v.get<bool>();
  if (v.is_number_integer()) return v.get<int64_t>();
  if (v.is_string()) {  // "inf", "-inf", "nan"
    const std::string s = v.get<std::string>();
    if (s == "inf") return std::numeric_limits<double>::infinity();
    if (s == "-inf") return -std::numeric_limits<double>::infinity();
    if (s == "nan") return std::numeric_limits<double>::quiet_NaN();
    throw BadVector("not a number: " + s);
  }
  return v.get<double>();
}

std::vector<int64_t> ints_or_int(const OpCall& c, const char* name) {
  const json& v = c.arg(name);
  return v.is_array() ? json_ints(v) : std::vector<int64_t>{v.get<int64_t>()};
}

std::vector<int64_t> dims_or_all(const OpCall& c, const char* name) {
  return c.has(name) ? ints_or_int(c, name) : std::vector<int64_t>{};
}

bool keepdim(const OpCall& c) { return c.has("keepdim") && c.arg("keepdim").get<bool>(); }

// An optional tensor input (null or absent: none).
std::optional<Tensor> opt_tensor(const OpCall& c, size_t i) {
  if (i >= c.input_count()) return std::nullopt;
  if (const auto* t = std::get_if<Tensor>(&c.input(i))) {
    if (t->defined()) return *t;
  }
  return std::nullopt;
}

Tensor self_of(const OpCall& c) { return c.tensor(0); }

}  // namespace

void add_autograd_ops(std::map<std::string, OpFn, std::less<>>& t) {
  t["clone"] = [](const OpCall& c) -> Outcome { return c.tensor(0).clone(); };
  t["detach"] = [](const OpCall& c) -> Outcome { return c.tensor(0).detach(); };
  t["softmax"] = [](const OpCall& c) -> Outcome { return ctorch::softmax(c.tensor(0), c.int_arg("dim")); };
  t["log_softmax"] = [](const OpCall& c) -> Outcome { return ctorch::log_softmax(c.tensor(0), c.int_arg("dim")); };
  t["logsumexp"] = [](const OpCall& c) -> Outcome {
    return ctorch::logsumexp(c.tensor(0), ints_or_int(c, "dim"), keepdim(c));
  };
  t["norm"] = [](const OpCall& c) -> Outcome {
    const double p = c.has("p") ? number(c.arg("p")).to<double>() : 2.0;
    return ctorch::norm(c.tensor(0), p, dims_or_all(c, "dim"), keepdim(c));
  };
  t["lerp"] = [](const OpCall& c) -> Outcome {
    if (const auto* w = std::get_if<Tensor>(&c.input(2))) return ctorch::lerp(c.tensor(0), c.tensor(1), *w);
    return ctorch::lerp(c.tensor(0), c.tensor(1), c.scalar(2));
  };
  t["masked_fill"] = [](const OpCall& c) -> Outcome {
    if (c.input_count() > 2) return ctorch::masked_fill(c.tensor(0), c.tensor(1), c.tensor(2));
    return ctorch::masked_fill(c.tensor(0), c.tensor(1), number(c.arg("value")));
  };
  t["masked_fill_"] = [](const OpCall& c) -> Outcome {
    Tensor self = self_of(c);
    if (c.input_count() > 2) return self.masked_fill_(c.tensor(1), c.tensor(2));
    return self.masked_fill_(c.tensor(1), number(c.arg("value")));
  };
  // Number bounds in args; tensor bounds as inputs [x, lo|null, hi|null].
  t["clamp"] = [](const OpCall& c) -> Outcome {
    if (c.input_count() > 1) return ctorch::clamp(c.tensor(0), opt_tensor(c, 1), opt_tensor(c, 2));
    std::optional<Scalar> lo, hi;
    if (c.has("min")) lo = number(c.arg("min"));
    if (c.has("max")) hi = number(c.arg("max"));
    return ctorch::clamp(c.tensor(0), lo, hi);
  };
  t["clamp_"] = [](const OpCall& c) -> Outcome {
    Tensor self = self_of(c);
    std::optional<Scalar> lo, hi;
    if (c.has("min")) lo = number(c.arg("min"));
    if (c.has("max")) hi = number(c.arg("max"));
    return self.clamp_(lo, hi);
  };
  t["clamp_min"] = [](const OpCall& c) -> Outcome {
    if (c.input_count() > 1) return ctorch::clamp_min(c.tensor(0), c.tensor(1));
    return ctorch::clamp_min(c.tensor(0), number(c.arg("min")));
  };
  t["clamp_max"] = [](const OpCall& c) -> Outcome {
    if (c.input_count() > 1) return ctorch::clamp_max(c.tensor(0), c.tensor(1));
    return ctorch::clamp_max(c.tensor(0), number(c.arg("max")));
  };
  t["round"] = [](const OpCall& c) -> Outcome {
    if (c.has("decimals")) return ctorch::round(c.tensor(0), c.int_arg("decimals"));
    return ctorch::round(c.tensor(0));
  };
  t["index_select"] = [](const OpCall& c) -> Outcome {
    return ctorch::index_select(c.tensor(0), c.int_arg("dim"), c.tensor(1));
  };
  t["gather"] = [](const OpCall& c) -> Outcome { return ctorch::gather(c.tensor(0), c.int_arg("dim"), c.tensor(1)); };
  t["scatter"] = [](const OpCall& c) -> Outcome {
    if (c.input_count() > 2) return ctorch::scatter(c.tensor(0), c.int_arg("dim"), c.tensor(1), c.tensor(2));
    return ctorch::scatter(c.tensor(0), c.int_arg("dim"), c.tensor(1), number(c.arg("value")));
  };
  t["scatter_add"] = [](const OpCall& c) -> Outcome {
    return ctorch::scatter_add(c.tensor(0), c.int_arg("dim"), c.tensor(1), c.tensor(2));
  };
  t["flip"] = [](const OpCall& c) -> Outcome { return ctorch::flip(c.tensor(0), ints_or_int(c, "dims")); };
  t["roll"] = [](const OpCall& c) -> Outcome {
    return ctorch::roll(c.tensor(0), ints_or_int(c, "shifts"), dims_or_all(c, "dims"));
  };
  t["repeat"] = [](const OpCall& c) -> Outcome { return ctorch::repeat(c.tensor(0), ints_or_int(c, "repeats")); };
  // In place: the result is self.
  t["copy_"] = [](const OpCall& c) -> Outcome { return self_of(c).copy_(c.tensor(1)); };
  t["fill_"] = [](const OpCall& c) -> Outcome { return self_of(c).fill_(number(c.arg("value"))); };
  t["zero_"] = [](const OpCall& c) -> Outcome { return self_of(c).zero_(); };
  t["t_"] = [](const OpCall& c) -> Outcome { return self_of(c).t_(); };
  t["transpose_"] = [](const OpCall& c) -> Outcome {
    return self_of(c).transpose_(c.int_arg("dim0"), c.int_arg("dim1"));
  };
  t["unsqueeze_"] = [](const OpCall& c) -> Outcome { return self_of(c).unsqueeze_(c.int_arg("dim")); };
  t["squeeze_"] = [](const OpCall& c) -> Outcome {
    Tensor self = self_of(c);
    return c.has("dim") ? self.squeeze_(c.int_arg("dim")) : self.squeeze_();
  };
}

}  // namespace conform
