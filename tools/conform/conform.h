// tools/conform/conform.h: what the parts of the conformance runner share: the verdict of one
// vector, the two runner-side exceptions, and the runner of each supported vector format.
#pragma once

#include <stdexcept>
#include <string>

#include <nlohmann/json.hpp>

namespace conform {

using json = nlohmann::json;

// The vector needs something ctorch does not have yet (an op, a dtype, a value it cannot hold):
// the vector is counted as skipped, never as passed.
struct Unsupported : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// The vector itself is malformed (a missing field, a wrong type): counted as failed.
struct BadVector : std::runtime_error {
  using std::runtime_error::runtime_error;
};

enum class Status { Pass, Fail, Skip };

struct Verdict {
  Status status = Status::Pass;
  std::string expected;  // Fail: what the vector wanted; Skip: the reason
  std::string got;       // Fail: what the library produced

  static Verdict pass() { return {}; }
  static Verdict fail(std::string expected, std::string got) {
    return {Status::Fail, std::move(expected), std::move(got)};
  }
  static Verdict skip(std::string reason) { return {Status::Skip, std::move(reason), {}}; }
};

// One runner per vector format (semantics.md §20, printing.md R15).
Verdict run_ops_vector(const json& vector);
Verdict run_printing_vector(const json& vector);
// random.md §15: seed the default generator, run the calls, compare bit for bit.
Verdict run_random_vector(const json& vector);
// autograd.md §8: op vectors (gradients of one op) and engine vectors (steps).
Verdict run_autograd_vector(const json& vector);

}  // namespace conform
