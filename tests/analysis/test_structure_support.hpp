// Helpers shared by the tests of the structure, load, process and metric
// families (test_structure*.cpp): load a model from JSON text, run one
// family, pick findings by code, read metrics.
#pragma once

#include <catch2/catch.hpp>

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include "analysis/families.hpp"
#include "graph/views.hpp"
#include "orgflow/analysis.hpp"
#include "orgflow/model.hpp"

namespace structure_test {

/// A loaded model with its views (the views point into the model, so both
/// live on the heap together).
struct fixture {
  std::unique_ptr<orgflow::model> m;
  std::unique_ptr<orgflow::graph::views> v;
};

inline fixture load(const std::string& text) {
  auto r = orgflow::load_model(text, "test.json");
  if (!r.ok()) {
    for (const auto& d : r.diagnostics) UNSCOPED_INFO(d.to_string());
    FAIL("model does not load");
  }
  fixture f;
  f.m = std::make_unique<orgflow::model>(std::move(*r.value));
  f.v = std::make_unique<orgflow::graph::views>(*f.m);
  return f;
}

/// A model with the given units (ids, in this order) and JSON arrays.
inline std::string model_json(const std::string& units, const std::string& flows, const std::string& handoffs = "[]",
                              const std::string& needs = "[]") {
  return R"({"orgflow": 1, "name": "t", "units": )" + units + R"(, "flows": )" + flows +
         R"(, "handoffs": )" + handoffs + R"(, "needs": )" + needs + "}";
}

inline std::vector<orgflow::finding> with_code(const std::vector<orgflow::finding>& all, const std::string& code) {
  std::vector<orgflow::finding> out;
  std::copy_if(all.begin(), all.end(), std::back_inserter(out),
               [&](const orgflow::finding& f) { return f.code == code; });
  return out;
}

template <class T>
T metric(const orgflow::finding& f, const std::string& key) {
  const orgflow::metric_value* v = nullptr;
  for (const auto& kv : f.metrics)
    if (kv.first == key) v = &kv.second;
  REQUIRE(v != nullptr);
  REQUIRE(std::holds_alternative<T>(*v));
  return std::get<T>(*v);
}

inline bool metric_is_null(const orgflow::finding& f, const std::string& key) {
  for (const auto& kv : f.metrics)
    if (kv.first == key) return std::holds_alternative<std::monostate>(kv.second);
  FAIL("no metric " << key);
  return false;
}

inline std::vector<std::string> metric_keys(const orgflow::finding& f) {
  std::vector<std::string> keys;
  for (const auto& kv : f.metrics) keys.push_back(kv.first);
  return keys;
}

using strings = std::vector<std::string>;

}  // namespace structure_test
