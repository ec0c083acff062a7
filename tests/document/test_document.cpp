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
