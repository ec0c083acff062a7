// The leadership report (HTML and Markdown): sections in order, names as
// text never markup, no script and no external resource, diagrams inlined
// with unique ids, deterministic bytes.
#include <catch2/catch.hpp>

#include <regex>
#include <set>
#include <string>

#include "orgflow/analysis.hpp"
#include "orgflow/diagnosis.hpp"
#include "orgflow/document.hpp"
#include "orgflow/io.hpp"
#include "orgflow/report.hpp"
#include "support/shared_data.hpp"

using namespace orgflow;

namespace {

model load_file(const std::string& path) {
  auto r = load_model(read_file(path), path);
  REQUIRE(r.ok());
  return *r.value;
}

std::vector<diagnosis> diagnose_all(const model& m, const analysis_result& r) {
  std::vector<diagnosis> ds;
  for (std::size_t i = 0; i < m.symptoms.size(); ++i) ds.push_back(diagnose(m, r, query_for_symptom(m, i)));
  return ds;
}

// The HTML text of a plain sentence (the report escapes quotes and apostrophes).
std::string html_escaped(std::string s) {
  std::string out;
  for (char c : s) {
    if (c == '\'') out += "&#39;";
    else if (c == '"') out += "&quot;";
    else if (c == '&') out += "&amp;";
    else out += c;
  }
  return out;
}

std::size_t count(const std::string& s, const std::string& what) {
  std::size_t n = 0;
  for (std::size_t at = s.find(what); at != std::string::npos; at = s.find(what, at + 1)) ++n;
  return n;
}

}  // namespace

TEST_CASE("the HTML report has its sections in order and loads nothing", "[document]") {
  const model m = load_file(orgflow_test::source_dir() + "/models/lead-pipeline.json");
  const analysis_result r = analyze(m);
  const auto ds = diagnose_all(m, r);
  const std::string html = write_html_report(m, r, ds);
  CHECK(html.rfind("<!DOCTYPE html>", 0) == 0);
  CHECK(html.find("Content-Security-Policy\" content=\"default-src 'none'") != std::string::npos);
  CHECK(html.find("<script") == std::string::npos);
  // No external resource: nothing to fetch (the SVG namespace URIs are names,
  // never loaded).
  CHECK(html.find(" src=") == std::string::npos);
  CHECK(html.find("href=\"http") == std::string::npos);
  CHECK(html.find("url(http") == std::string::npos);
  CHECK(html.find("@import") == std::string::npos);
  const auto summary = html.find("What to fix first");
  const auto map = html.find("<h2>The map</h2>");
  const auto training = html.find("<h2>Will training fix it?</h2>");
  const auto findings = html.find("<h2>Findings</h2>");
  const auto needs = html.find("<h2>Who needs what");
  const auto load = html.find("<h2>Load</h2>");
  CHECK(summary < map);
  CHECK(map < training);
  CHECK(training < findings);
  CHECK(findings < needs);
  CHECK(needs < load);
  CHECK(load != std::string::npos);
  // The top findings have a card with a focus diagram; the others a row.
  const std::size_t top = std::min<std::size_t>(r.findings.size(), document_options{}.top);
  CHECK(count(html, "<div class=\"finding\"") == top);
  CHECK(count(html, "<svg") == 1 + top);
  CHECK(count(html, "id=\"finding-") == r.findings.size());
  // Ids are unique across the inlined diagrams.
  std::set<std::string> ids;
  const std::regex id_re(" id=\"([^\"]+)\"");
  for (auto it = std::sregex_iterator(html.begin(), html.end(), id_re); it != std::sregex_iterator(); ++it)
    CHECK(ids.insert((*it)[1]).second);
  // The same model gives the same bytes.
  CHECK(write_html_report(m, r, ds) == html);
}

TEST_CASE("names are text, never markup, in the HTML and Markdown reports", "[document]") {
  const model m = load_file(orgflow_test::source_dir() + "/tests/browser/hostile-names.json");
  const analysis_result r = analyze(m);
  const auto ds = diagnose_all(m, r);
  const std::string html = write_html_report(m, r, ds);
  CHECK(html.find("<img") == std::string::npos);
  CHECK(html.find("<marquee") == std::string::npos);
  CHECK(html.find("<svg onload") == std::string::npos);
  CHECK(html.find("</script><script>") == std::string::npos);
  CHECK(html.find("&lt;img src=x onerror=alert(1)&gt;") != std::string::npos);
  const auto files = write_markdown_report(m, r, ds, "report");
  REQUIRE_FALSE(files.empty());
  const std::string& md = files[0].content;
  CHECK(files[0].name == "report.md");
  CHECK(md.find("<img") == std::string::npos);
  CHECK(md.find("&lt;img src=x onerror=alert(1)&gt;") != std::string::npos);
}

TEST_CASE("the Markdown report links the diagrams it comes with", "[document]") {
  const model m = load_file(orgflow_test::source_dir() + "/models/hospital-discharge.json");
  const analysis_result r = analyze(m);
  const auto files = write_markdown_report(m, r, diagnose_all(m, r), "discharge");
  REQUIRE(files.size() >= 2);
  CHECK(files[1].name == "discharge-map.svg");
  for (std::size_t i = 1; i < files.size(); ++i) {
    CHECK(files[0].content.find("](" + files[i].name + ")") != std::string::npos);
    CHECK(files[i].content.find("<svg") != std::string::npos);
  }
}

TEST_CASE("the executive summary names at most five things, one per code and artifact", "[document]") {
  const model m = load_file(orgflow_test::source_dir() + "/models/software-release.json");
  const analysis_result r = analyze(m);
  const std::string html = write_html_report(m, r, {});
  const auto start = html.find("<ol>"), end = html.find("</ol>");
  if (r.count(severity::critical) + r.count(severity::warning) == 0) {
    CHECK(start == std::string::npos);
    return;
  }
  REQUIRE(start != std::string::npos);
  const std::string list = html.substr(start, end - start);
  CHECK(count(list, "<li>") >= 1);
  CHECK(count(list, "<li>") <= 5);
}

TEST_CASE("the report's diagnoses are those of version 2: verdict, causes with their link, risks apart", "[document]") {
  const model m = load_file(orgflow_test::source_dir() + "/models/software-release.json");
  const analysis_result r = analyze(m);
  const auto ds = diagnose_all(m, r);
  REQUIRE_FALSE(ds.empty());
  const std::string html = write_html_report(m, r, ds);
  const auto training = html.find("<h2>Will training fix it?</h2>"), findings = html.find("<h2>Findings</h2>");
  REQUIRE(training != std::string::npos);
  const std::string section = html.substr(training, findings - training);
  for (const diagnosis& d : ds) {
    CHECK(section.find("Verdict: " + std::string(to_string(d.result))) != std::string::npos);
    for (std::size_t i = 0; i < d.causes.size() && i < 15; ++i)
      CHECK(section.find("(finding " + std::to_string(d.causes[i].finding_index + 1)) != std::string::npos);
    if (!d.context.empty()) CHECK(section.find("that are not causes:") != std::string::npos);
  }
  // The version-1 columns are gone.
  CHECK(section.find("<th>Score</th>") == std::string::npos);
  CHECK(section.find("steps upstream") == std::string::npos);
  const auto md = write_markdown_report(m, r, ds, "r");
  CHECK(md[0].content.find("| # | Cause | Category | Link | What to do |") != std::string::npos);
}

namespace {

// Three units in a line, no handoff, need or capacity; the cut unit accepted.
const char* const accepted_model = R"({"orgflow": 2, "units": [{"id": "a"}, {"id": "b"}, {"id": "p", "name": "Front desk"}],
 "flows": [{"from": "a", "to": "p"}, {"from": "p", "to": "b"}],
 "accepted": [{"code": "RISK.CUT_UNIT", "units": ["p"], "reason": "one desk until the 2027 move"}]})";

}  // namespace

TEST_CASE("accepted findings are listed apart, with their reason, never as a thing to fix", "[document]") {
  auto loaded = load_model(accepted_model, "m.json");
  REQUIRE(loaded.ok());
  const model& m = *loaded.value;
  const analysis_result r = analyze(m);
  REQUIRE(r.accepted == 1);
  const std::string html = write_html_report(m, r, {});
  CHECK(html.find("What to fix first") == std::string::npos);
  CHECK(count(html, "<div class=\"finding\"") == 0);
  const auto accepted = html.find("<h3>Accepted findings</h3>");
  REQUIRE(accepted != std::string::npos);
  CHECK(html.find("one desk until the 2027 move", accepted) != std::string::npos);
  CHECK(html.find("No findings: as far as the model goes") != std::string::npos);
  const std::string md = write_markdown_report(m, r, {}, "r")[0].content;
  CHECK(md.find("### Accepted findings") != std::string::npos);
  CHECK(md.find("| one desk until the 2027 move |") != std::string::npos);
}

TEST_CASE("what the model covers is on the first screen when a layer is missing", "[document]") {
  auto loaded = load_model(accepted_model, "m.json");
  REQUIRE(loaded.ok());
  const analysis_result r = analyze(*loaded.value);
  const std::string html = write_html_report(*loaded.value, r, {});
  const auto covers = html.find("<section class=\"covers\">");
  REQUIRE(covers != std::string::npos);
  CHECK(covers < html.find("<h2>The map</h2>"));
  CHECK(html.find("2 information flows, 0 handoffs of work, 0 needs, 0 units with a capacity.") != std::string::npos);
  for (const std::string& note : coverage_notes(r.coverage)) CHECK(html.find(html_escaped(note)) != std::string::npos);
  CHECK(coverage_notes(r.coverage).size() == 3);
  // A model with every layer states its counts in one line, without the box.
  const model full = load_file(orgflow_test::source_dir() + "/models/software-release.json");
  const analysis_result rf = analyze(full);
  REQUIRE(coverage_notes(rf.coverage).empty());
  const std::string full_html = write_html_report(full, rf, {});
  CHECK(full_html.find("class=\"covers\"") == std::string::npos);
  CHECK(full_html.find("What this model covers: ") < full_html.find("<h2>The map</h2>"));
}

TEST_CASE("the top N findings are detailed, the others one line each", "[document]") {
  const model m = load_file(orgflow_test::source_dir() + "/models/software-release.json");
  const analysis_result r = analyze(m);
  REQUIRE(r.findings.size() > 2);
  document_options o;
  o.top = 2;
  const std::string html = write_html_report(m, r, {}, o);
  CHECK(count(html, "<div class=\"finding\"") == 2);
  CHECK(count(html, "<svg") == 3);
  CHECK(html.find("The 2 most serious of " + std::to_string(r.findings.size()) + " findings") != std::string::npos);
  CHECK(count(html, "id=\"finding-") == r.findings.size());
}
