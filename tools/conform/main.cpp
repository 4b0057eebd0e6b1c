// tools/conform/main.cpp: ctorch-conform, the conformance runner (spec/README.md).
//
//   ctorch-conform [--list-skipped] FILE.jsonl...
//
// Reads every line of every file, recognises its format, runs what ctorch supports and prints one
// line per failing vector ("FAIL id: expected ...; got ...") and finally
// "N passed, N failed, N skipped". Exit status 0 only when nothing failed.
#include <cstdio>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "conform.h"

namespace {

using conform::json;
using conform::Status;
using conform::Verdict;

struct Counts {
  long passed = 0, failed = 0, skipped = 0;
};

// The runner contract's recognition order: printing ("expect" is a string), autograd
// ("grad_output" or "steps", checked before "op"), ops ("op"), random ("calls").
Verdict run_vector(const json& v) {
  if (!v.is_object()) return Verdict::fail("a JSON object", v.dump());
  if (v.contains("expect") && v.at("expect").is_string()) return conform::run_printing_vector(v);
  if (v.contains("grad_output") || v.contains("steps")) return conform::run_autograd_vector(v);
  if (v.contains("op")) return conform::run_ops_vector(v);
  if (v.contains("calls")) return conform::run_random_vector(v);
  return Verdict::fail("a recognised vector format", "a line with none of expect/op/calls/steps");
}

std::string vector_id(const json& v, const std::string& where) {
  if (v.is_object() && v.contains("id")) {
    const json& id = v.at("id");
    return id.is_string() ? id.get<std::string>() : id.dump();
  }
  return where;
}

void record(const std::string& id, const Verdict& verdict, bool list_skipped, Counts& counts) {
  switch (verdict.status) {
    case Status::Pass:
      ++counts.passed;
      break;
    case Status::Fail:
      ++counts.failed;
      std::cout << "FAIL " << id << ": expected " << verdict.expected << "; got " << verdict.got
                << '\n';
      break;
    case Status::Skip:
      ++counts.skipped;
      if (list_skipped) std::cout << "SKIP " << id << ": " << verdict.expected << '\n';
      break;
  }
}

void run_file(const std::string& path, bool list_skipped, Counts& counts) {
  std::ifstream in(path);
  if (!in) {
    record(path, Verdict::fail("a readable vector file", "cannot open it"), list_skipped, counts);
    return;
  }
  std::string line;
  for (long number = 1; std::getline(in, line); ++number) {
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;  // blank line
    const std::string where = path + ":" + std::to_string(number);
    json v;
    try {
      v = json::parse(line);
    } catch (const json::exception& e) {
      record(where, Verdict::fail("a JSON line", e.what()), list_skipped, counts);
      continue;
    }
    Verdict verdict;
    try {
      verdict = run_vector(v);
    } catch (const std::exception& e) {  // a malformed field the runners did not expect
      verdict = Verdict::fail("a well-formed vector", std::string("runner: ") + e.what());
    }
    record(vector_id(v, where), verdict, list_skipped, counts);
  }
}

}  // namespace

int main(int argc, char** argv) {
  bool list_skipped = false;
  std::vector<std::string> files;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--list-skipped") {
      list_skipped = true;
    } else {
      files.push_back(arg);
    }
  }
  if (files.empty()) {
    std::cerr << "usage: ctorch-conform [--list-skipped] FILE.jsonl...\n";
    return 2;
  }
  Counts counts;
  for (const std::string& file : files) run_file(file, list_skipped, counts);
  std::cout << counts.passed << " passed, " << counts.failed << " failed, " << counts.skipped
            << " skipped" << std::endl;
  return counts.failed == 0 ? 0 : 1;
}
