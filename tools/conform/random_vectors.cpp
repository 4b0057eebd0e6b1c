// tools/conform/random_vectors.cpp: running one random vector (random.md §15): seed the default
// generator, run each call through the public API, compare every result bit for bit.
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <optional>
#include <string>
#include <vector>

#include "conform.h"
#include "json_tensor.h"

namespace conform {

namespace {

using ctorch::Tensor;

const json& field(const json& call, const char* name) {
  if (!call.contains(name)) throw BadVector(std::string("call without \"") + name + "\"");
  return call.at(name);
}

// A JSON integer as the generator's 64-bit seed (negative values modulo 2^64, as PyTorch).
uint64_t json_seed(const json& s) {
  if (s.is_number_unsigned()) return s.get<uint64_t>();
  if (s.is_number_integer()) return static_cast<uint64_t>(s.get<int64_t>());
  throw BadVector("a seed that is not an integer: " + s.dump());
}

ctorch::ScalarType call_dtype(const json& call, ctorch::ScalarType fallback) {
  return call.contains("dtype") ? parse_dtype(call.at("dtype")) : fallback;
}

// §15's layouts: contiguous, "t" (empty(c, r).t()) and "slice" (empty(r, 2c)[:, ::2]).
Tensor make_output(const json& call, ctorch::ScalarType dtype) {
  const std::vector<int64_t> shape = json_ints(field(call, "shape"));
  if (!call.contains("layout")) return ctorch::empty(shape, dtype);
  const std::string layout = call.at("layout").get<std::string>();
  if (shape.size() != 2) throw BadVector("layout needs a 2-D shape");
  if (layout == "t") return ctorch::empty({shape[1], shape[0]}, dtype).t();
  if (layout == "slice") return ctorch::empty({shape[0], 2 * shape[1]}, dtype).slice(1, 0, std::nullopt, 2);
  throw BadVector("unknown layout " + layout);
}

Tensor tensor_of(const json& values, ctorch::ScalarType dtype) {
  std::vector<int64_t> shape;
  std::vector<Element> flat;
  if (!values.empty() && values.at(0).is_array()) {
    shape = {static_cast<int64_t>(values.size()), static_cast<int64_t>(values.at(0).size())};
    for (const json& row : values)
      for (const json& v : row) flat.push_back(json_element(v));
  } else {
    shape = {static_cast<int64_t>(values.size())};
    for (const json& v : values) flat.push_back(json_element(v));
  }
  return make_tensor(dtype, shape, flat);
}

std::string bytes_hex(const Tensor& state) {
  std::string out;
  const uint8_t* b = state.data_ptr<uint8_t>();
  char buf[3];
  for (int64_t i = 0; i < state.numel(); ++i) {
    std::snprintf(buf, sizeof buf, "%02x", b[i]);
    out += buf;
  }
  return out;
}

// What one call produced: a tensor, a seed, or nothing (manual_seed, set_state).
struct Result {
  std::optional<Tensor> tensor;
  std::optional<uint64_t> seed;
};

Result run_call(const json& call, const std::vector<Result>& earlier) {
  using namespace ctorch;
  const std::string fn = field(call, "fn").get<std::string>();
  auto num = [&](const char* name) { return field(call, name).get<double>(); };
  if (fn == "rand") return {rand(json_ints(field(call, "shape")), call_dtype(call, kFloat32)), {}};
  if (fn == "randn") return {randn(json_ints(field(call, "shape")), call_dtype(call, kFloat32)), {}};
  if (fn == "randint") {
    return {randint(field(call, "low").get<int64_t>(), field(call, "high").get<int64_t>(),
                    json_ints(field(call, "shape")), call_dtype(call, kInt64)), {}};
  }
  if (fn == "randperm") return {randperm(field(call, "n").get<int64_t>(), call_dtype(call, kInt64)), {}};
  if (fn == "uniform_") {
    Tensor t = make_output(call, call_dtype(call, kFloat32));
    return {t.uniform_(num("from"), num("to")), {}};
  }
  if (fn == "normal_") {
    Tensor t = make_output(call, call_dtype(call, kFloat32));
    return {t.normal_(num("mean"), num("std")), {}};
  }
  if (fn == "normal_tensors") {
    const ScalarType dtype = call_dtype(call, kFloat32);
    return {normal(tensor_of(field(call, "mean"), dtype), tensor_of(field(call, "std"), dtype)), {}};
  }
  if (fn == "bernoulli") {
    const json& p = field(call, "p");
    if (p.is_array()) return {bernoulli(tensor_of(p, call_dtype(call, kFloat32))), {}};
    Tensor t = make_output(call, call_dtype(call, kFloat32));
    return {t.bernoulli_(p.get<double>()), {}};
  }
  if (fn == "random_") {
    Tensor t = make_output(call, call_dtype(call, kInt64));
    if (!call.contains("from")) {
      if (call.contains("to")) return {t.random_(field(call, "to").get<int64_t>()), {}};
      return {t.random_(), {}};
    }
    const int64_t from = call.at("from").get<int64_t>();
    if (!call.contains("to")) return {t.random_(from), {}};  // Python's random_(to)
    const json& to = call.at("to");
    return {t.random_(from, to.is_null() ? std::nullopt : std::optional<int64_t>(to.get<int64_t>())), {}};
  }
  if (fn == "exponential_") {
    Tensor t = make_output(call, call_dtype(call, kFloat32));
    return {t.exponential_(num("lambd")), {}};
  }
  if (fn == "geometric_") {
    Tensor t = make_output(call, call_dtype(call, kFloat32));
    return {t.geometric_(num("p")), {}};
  }
  if (fn == "log_normal_") {
    Tensor t = make_output(call, call_dtype(call, kFloat32));
    return {t.log_normal_(num("mean"), num("std")), {}};
  }
  if (fn == "cauchy_") {
    Tensor t = make_output(call, call_dtype(call, kFloat32));
    return {t.cauchy_(num("median"), num("sigma")), {}};
  }
  if (fn == "multinomial") {
    const Tensor probs = tensor_of(field(call, "probs"), call_dtype(call, kFloat32));
    return {multinomial(probs, field(call, "num_samples").get<int64_t>(),
                        field(call, "replacement").get<bool>()), {}};
  }
  if (fn == "manual_seed") {
    manual_seed(json_seed(field(call, "seed")));
    return {};
  }
  if (fn == "initial_seed") return {{}, initial_seed()};
  if (fn == "get_state") return {get_rng_state(), {}};
  if (fn == "set_state") {
    const auto from = field(call, "state_from").get<size_t>();
    if (from >= earlier.size() || !earlier[from].tensor) throw BadVector("state_from names no state");
    set_rng_state(*earlier[from].tensor);
    return {};
  }
  throw Unsupported("random function " + fn + " not supported yet");
}

std::string show(const Element& e) {
  if (e.kind != Element::Kind::Float) return format_element(e);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%a", e.d);
  return buf;
}

// Compares one call's result with its expectation; appends a description of the first
// difference to `diff` when there is one.
bool matches(const json& call, const Result& got, const json& want, std::string& diff) {
  const std::string fn = call.at("fn").get<std::string>();
  if (got.seed) {
    const bool ok = want.size() == 1 && want.at(0).is_number_integer() &&
                    static_cast<uint64_t>(want.at(0).is_number_unsigned() ? want.at(0).get<uint64_t>()
                                                                          : want.at(0).get<int64_t>()) == *got.seed;
    if (!ok) diff = fn + " " + std::to_string(*got.seed);
    return ok;
  }
  if (!got.tensor) {
    if (!want.empty()) diff = fn + " gave nothing";
    return want.empty();
  }
  if (fn == "get_state") {
    const std::string hex = bytes_hex(*got.tensor);
    if (want.size() == 1 && want.at(0).is_string() && want.at(0).get<std::string>() == hex) return true;
    diff = "get_state bytes " + hex.substr(0, 64) + "...";
    return false;
  }
  const std::vector<Element> values = read_elements(*got.tensor);
  if (values.size() != want.size()) {
    diff = fn + " gave " + std::to_string(values.size()) + " values";
    return false;
  }
  for (size_t i = 0; i < values.size(); ++i) {
    const Element& e = values[i];
    const json& w = want.at(i);
    bool ok;
    if (w.is_string()) {  // float.hex() of the stored value, widened exactly to double
      const double d = std::strtod(w.get<std::string>().c_str(), nullptr);
      ok = e.kind == Element::Kind::Float &&
           (std::isnan(d) ? std::isnan(e.d) : std::memcmp(&d, &e.d, sizeof d) == 0);
    } else if (w.is_number_integer()) {
      const int64_t v = e.kind == Element::Kind::Bool ? e.b : e.i;
      ok = e.kind != Element::Kind::Float && w.get<int64_t>() == v;
    } else {
      throw BadVector("an expected value that is neither a hex string nor an integer");
    }
    if (!ok) {
      diff = fn + "[" + std::to_string(i) + "] = " + show(e) + " (wanted " + w.dump() + ")";
      return false;
    }
  }
  return true;
}

}  // namespace

Verdict run_random_vector(const json& vector) {
  if (vector.contains("version_sensitive")) {
    return Verdict::skip("version sensitive: " + vector.at("version_sensitive").dump());
  }
  const json& calls = vector.at("calls");
  const json& expect = vector.at("expect");
  if (!calls.is_array() || !expect.is_array() || calls.size() != expect.size()) {
    throw BadVector("calls and expect must be arrays of the same length");
  }
  try {
    ctorch::manual_seed(json_seed(vector.at("seed")));
    std::vector<Result> results;
    for (size_t i = 0; i < calls.size(); ++i) {
      results.push_back(run_call(calls.at(i), results));
      std::string diff;
      if (!matches(calls.at(i), results.back(), expect.at(i), diff)) {
        return Verdict::fail("call " + std::to_string(i) + " as the vector says",
                             "call " + std::to_string(i) + ": " + diff);
      }
    }
  } catch (const Unsupported& e) {
    return Verdict::skip(e.what());
  } catch (const ctorch::Error& e) {
    return Verdict::fail("results", std::string("ctorch::Error: ") + e.what());
  }
  return Verdict::pass();
}

}  // namespace conform
