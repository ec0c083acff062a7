// Bounded cost in the model layer (docs/reliability.md): writing an object
// with tens of thousands of `x-` members is linear (it was quadratic: 62,000
// members took 10 s to export), and loading a model refuses nesting beyond
// 256 levels without recursing deeper.
#include <catch2/catch.hpp>

#include <chrono>
#include <string>

#include "orgflow/model.hpp"

using namespace orgflow;

TEST_CASE("save_model is linear in the x- members of one object", "[bounded]") {
  std::string text = R"({"orgflow": 1, "units": [{"id": "u")";
  for (int i = 0; i < 62000; ++i) text += ", \"x-m" + std::to_string(i) + "\": " + std::to_string(i);
  text += "}]}";
  const load_result r = load_model(text, "members.json");
  REQUIRE(r.ok());
  REQUIRE(r.value->units.front().extras.x_members.size() == 62000);
  const auto start = std::chrono::steady_clock::now();
  const std::string saved = save_model(*r.value);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  CHECK(saved.find("\"x-m61999\": 61999") != std::string::npos);
  // Linear: milliseconds in Release, well under a second with sanitizers;
  // the quadratic writer took 10 s in Release.
  CHECK(seconds < 3.0);
}

TEST_CASE("100,000 nested arrays are refused at 256 levels, without deep recursion", "[bounded]") {
  const std::string text = R"({"orgflow": 1, "units": [], "x-deep": )" + std::string(100000, '[') +
                           std::string(100000, ']') + "}";
  const load_result r = load_model(text, "deep.json");
  REQUIRE_FALSE(r.ok());
  REQUIRE(r.diagnostics.size() == 1);
  CHECK(r.diagnostics.front().message.find("more than 256 levels") != std::string::npos);
}
