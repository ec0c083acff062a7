// The example models of docs/findings.md (docs/examples/<CODE>.json) run
// through the real load_model and analyze(): each must produce the finding it
// illustrates, with the severity and units the page describes, and the page
// must show the model exactly as the file holds it and the title orgflow
// really prints for it, so the documentation cannot drift from the program.
// The three writers must also run on each example and give byte-identical
// output on a second run.
#include <catch2/catch.hpp>

#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "orgflow/finding_codes.hpp"
#include "orgflow/io.hpp"
#include "orgflow/report.hpp"

using namespace orgflow;

namespace {

std::string source_dir() {
  const char* env = std::getenv("ORGFLOW_SOURCE_DIR");
  return env && *env ? env : ORGFLOW_SOURCE_DIR;
}

struct example {
  std::string code;
  severity level;
  std::vector<std::string> units;
};

// Every finding code of analyses.md, with what its example must show.
const std::vector<example> examples = {
    {"GAP.NO_ROUTE", severity::critical, {"finance", "marketing"}},
    {"STALE.ROUTE", severity::critical, {"marketing", "product", "sales"}},
    {"LOSSY.ROUTE", severity::warning, {"ops", "shop", "warehouse"}},
    {"FRICTION.FORMAT", severity::warning, {"crm", "finance"}},
    {"FRICTION.MANUAL", severity::warning, {"finance", "sales"}},
    {"GAP.NO_FEEDBACK", severity::warning, {"marketing", "sales"}},
    {"GAP.ISOLATED", severity::warning, {"research"}},
    {"GAP.SPLIT", severity::warning, {"success", "support"}},
    {"WASTE.UNUSED_FLOW", severity::info, {"finance", "ops"}},
    {"RISK.SINGLE_ROUTE", severity::warning, {"hub", "north", "south"}},
    {"RISK.CUT_UNIT", severity::warning, {"coordinator"}},
    {"LOAD.OVER", severity::critical, {"support"}},
    {"LOAD.RELAY", severity::warning, {"assistant"}},
    {"PROCESS.LOOP", severity::warning, {"author", "editor"}},
    {"PROCESS.SLOW_HANDOFF", severity::info, {"hr", "it"}},
};

model load_example(const std::string& code) {
  const std::string path = source_dir() + "/docs/examples/" + code + ".json";
  auto loaded = load_model(read_file(path), path);
  for (const auto& d : loaded.diagnostics) UNSCOPED_INFO(d.to_string());
  REQUIRE(loaded.ok());
  return std::move(*loaded.value);
}

const finding* find_code(const analysis_result& r, const std::string& code) {
  for (const auto& f : r.findings)
    if (f.code == code) return &f;
  return nullptr;
}

// The finding's metrics as the JSON report prints them.
nlohmann::json metrics_in_json(const model& m, const analysis_result& r, const std::string& code) {
  const auto doc = nlohmann::json::parse(write_analysis_json(m, r));
  for (const auto& f : doc["findings"])
    if (f["code"] == code) return f["metrics"];
  return nullptr;
}

}  // namespace

TEST_CASE("Each example of docs/findings.md produces its finding", "[report][examples]") {
  const std::string page = read_file(source_dir() + "/docs/findings.md");
  for (const auto& ex : examples) {
    INFO("example " << ex.code);
    const model m = load_example(ex.code);
    const analysis_result r = analyze(m);
    const finding* f = find_code(r, ex.code);
    REQUIRE(f != nullptr);
    CHECK(f->level == ex.level);
    CHECK(f->units == ex.units);
    // The page shows the model verbatim and the title orgflow prints for it.
    const std::string text = read_file(source_dir() + "/docs/examples/" + ex.code + ".json");
    CHECK(page.find("```json\n" + text + "```\n") != std::string::npos);
    CHECK(page.find("> " + f->title + "\n") != std::string::npos);
    // ... and its metrics as the JSON report prints them (one line).
    const std::string json = write_analysis_json(m, r);
    const std::size_t at = json.find("\"code\": \"" + ex.code + "\"");
    REQUIRE(at != std::string::npos);
    const std::size_t from = json.find("\"metrics\": ", at);
    std::string line = json.substr(from, json.find('\n', from) - from);
    if (!line.empty() && line.back() == ',') line.pop_back();
    CHECK(page.find("```json\n" + line + "\n```\n") != std::string::npos);
    // Every writer runs and is deterministic on it.
    CHECK(json == write_analysis_json(m, analyze(m)));
    CHECK(write_analysis_text(m, r) == write_analysis_text(m, r));
    CHECK(write_analysis_markdown(m, r) == write_analysis_markdown(m, r));
  }
}

TEST_CASE("Example numbers of docs/findings.md", "[report][examples]") {
  SECTION("STALE.ROUTE: E = 45.5 d + 17 d, W = 91 d + 32 d, T = 7 d") {
    const model m = load_example("STALE.ROUTE");
    const auto x = metrics_in_json(m, analyze(m), "STALE.ROUTE");
    CHECK(x["expected_lag_h"].dump() == "1500");
    CHECK(x["worst_lag_h"].dump() == "2952");
    CHECK(x["tolerance_h"].dump() == "168");
    CHECK(x["outdated_share"].get<double>() == Approx(0.988487).margin(1e-9));  // 1 - exp(-62.5/14)
    CHECK(x["slowest_flow"] == "product->sales#1");
  }
  SECTION("LOSSY.ROUTE: R = 0.9 x 0.85") {
    const model m = load_example("LOSSY.ROUTE");
    const auto x = metrics_in_json(m, analyze(m), "LOSSY.ROUTE");
    CHECK(x["reliability"].get<double>() == Approx(0.765).margin(1e-9));
  }
  SECTION("LOAD.OVER: rho = 120 / 100, target capacity 120 / 0.85 a week") {
    const model m = load_example("LOAD.OVER");
    const auto x = metrics_in_json(m, analyze(m), "LOAD.OVER");
    CHECK(x["rho"].get<double>() == Approx(1.2).margin(1e-9));
    CHECK(x["Wq_h"].is_null());
    CHECK(x["capacity_for_rho_085_per_h"].get<double>() == Approx(120.0 / 0.85 / 168.0).margin(1e-6));
  }
  SECTION("LOAD.RELAY: 3 of 3 delivered needs") {
    const model m = load_example("LOAD.RELAY");
    const auto x = metrics_in_json(m, analyze(m), "LOAD.RELAY");
    CHECK(x["relays"] == 3);
    CHECK(x["delivered_needs"] == 3);
  }
  SECTION("GAP.SPLIT: both components listed, the one with the smallest id first") {
    const model m = load_example("GAP.SPLIT");
    const auto x = metrics_in_json(m, analyze(m), "GAP.SPLIT");
    CHECK(x["components"].dump() == R"([["billing","collections"],["success","support"]])");
    CHECK(x["sizes"].dump() == "[2,2]");
  }
}

TEST_CASE("The registry of finding codes: every code has its section in docs/findings.md and an example",
          "[report][registry]") {
  const std::string page = read_file(source_dir() + "/docs/findings.md");
  std::set<std::string> registered;
  for (const finding_code_info& info : finding_codes()) {
    INFO("code " << info.code);
    registered.insert(std::string(info.code));
    CHECK(page.find("## `" + std::string(info.code) + "`") != std::string::npos);
    CHECK(page.find("| [`" + std::string(info.code) + "`]") != std::string::npos);  // the table of codes
    CHECK(find_finding_code(info.code) == &info);
  }
  std::set<std::string> with_example;
  for (const auto& ex : examples) with_example.insert(ex.code);
  CHECK(registered == with_example);
  CHECK(find_finding_code("NOT.A_CODE") == nullptr);
  // Every code an example emits is registered, with the ref kind the
  // finding carries.
  for (const auto& ex : examples) {
    const model m = load_example(ex.code);
    for (const finding& f : analyze(m).findings) {
      const finding_code_info* info = find_finding_code(f.code);
      REQUIRE(info != nullptr);
      CHECK(f.ref_type == info->ref);
      CHECK(f.ref.has_value() == (info->ref != ref_kind::none));
    }
  }
}
