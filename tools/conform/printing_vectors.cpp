// tools/conform/printing_vectors.cpp: running one printing vector (printing.md R15): build the
// tensor (or Size / dtype / device), apply the print options, compare the text byte for byte.
#include <limits>

#include "compare.h"
#include "json_tensor.h"

namespace conform {

namespace {

// Restores the default print options when a vector is done, whatever happened.
struct DefaultPrintOptionsGuard {
  ~DefaultPrintOptionsGuard() {
    try {
      ctorch::PrintOptionsUpdate defaults;
      defaults.profile = "default";
      ctorch::set_printoptions(defaults);
    } catch (...) {  // the failure already shows up in the vector's result
    }
  }
};

int int_option(const json& v, const std::string& key) {
  if (!v.is_number_integer()) throw BadVector("print option " + key + " is not an integer");
  return v.get<int>();
}

// The "options" object as one set_printoptions call (profile applies first, inside the library).
ctorch::PrintOptionsUpdate parse_options(const json& options) {
  ctorch::PrintOptionsUpdate update;
  for (const auto& [key, v] : options.items()) {
    if (v.is_null()) continue;  // None: not given
    if (key == "precision") {
      update.precision = int_option(v, key);
    } else if (key == "threshold") {
      const bool is_inf = v.is_string() && (v.get<std::string>() == "inf");
      if (!is_inf && !v.is_number()) throw BadVector("print option threshold: " + v.dump());
      update.threshold = is_inf ? std::numeric_limits<double>::infinity() : v.get<double>();
    } else if (key == "edgeitems") {
      update.edgeitems = int_option(v, key);
    } else if (key == "linewidth") {
      update.linewidth = int_option(v, key);
    } else if (key == "profile") {
      update.profile = v.get<std::string>();
    } else if (key == "sci_mode") {
      update.sci_mode = v.get<bool>();
    } else {
      throw Unsupported("print option " + key);
    }
  }
  return update;
}

ctorch::Tensor build_tensor(const json& vector) {
  const ctorch::ScalarType dtype = parse_dtype(vector.at("dtype"));
  const std::vector<int64_t> shape = json_ints(vector.at("shape"));
  if (vector.contains("values")) {
    std::vector<Element> values;
    for (const json& v : vector.at("values")) values.push_back(json_element(v));
    return make_tensor(dtype, shape, values);
  }
  std::vector<std::pair<int64_t, Element>> overrides;
  for (const json& entry : vector.value("set", json::array())) {
    overrides.emplace_back(entry.at(0).get<int64_t>(), json_element(entry.at(1)));
  }
  return make_filled_tensor(dtype, shape, json_element(vector.at("fill")), overrides);
}

Verdict compare_text(const json& want, const std::string& got, const char* label = "") {
  const std::string w = want.get<std::string>();
  if (w == got) return Verdict::pass();
  return Verdict::fail(label + json(w).dump(), label + json(got).dump());  // JSON-quoted: one line
}

Verdict run_device(const json& vector) {
  const ctorch::Device device(vector.at("device").get<std::string>());
  Verdict v = compare_text(vector.at("expect"), device.repr(), "repr ");
  if (v.status == Status::Pass && vector.contains("expect_str")) {
    v = compare_text(vector.at("expect_str"), device.str(), "str ");
  }
  return v;
}

Verdict run_tensor(const json& vector) {
  ctorch::Tensor t = build_tensor(vector);
  if (vector.value("requires_grad", false)) t.requires_grad_();
  DefaultPrintOptionsGuard restore;
  ctorch::set_printoptions(parse_options(vector.value("options", json::object())));
  return compare_text(vector.at("expect"), ctorch::repr(t));
}

}  // namespace

Verdict run_printing_vector(const json& vector) {
  if (vector.contains("version_sensitive")) return Verdict::skip("version sensitive");
  const std::string kind = vector.value("kind", "tensor");
  try {
    if (kind == "size") {
      return compare_text(vector.at("expect"), ctorch::Size(json_ints(vector.at("shape"))).repr());
    }
    if (kind == "dtype") {
      return compare_text(vector.at("expect"), ctorch::to_string(parse_dtype(vector.at("dtype"))));
    }
    if (kind == "device") return run_device(vector);
    if (kind == "tensor") return run_tensor(vector);
    return Verdict::skip("printing kind " + kind);
  } catch (const Unsupported& e) {
    return Verdict::skip(e.what());
  } catch (const ctorch::Error& e) {
    return Verdict::fail(json(vector.at("expect")).dump(), std::string("error: ") + e.what());
  } catch (const BadVector& e) {
    return Verdict::fail("a well-formed vector", std::string("runner: ") + e.what());
  } catch (const std::exception& e) {
    return Verdict::fail(json(vector.at("expect")).dump(), std::string("exception: ") + e.what());
  }
}

}  // namespace conform
