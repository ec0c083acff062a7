// Tests of the writers of orgflow/report.hpp on hand-made analysis results
// (no analysis runs here): the exact bytes of the JSON of cli.md (member
// order, nulls, hours, 6-decimal half-to-even numbers, empty arrays), escaping
// of hostile names in JSON, text and Markdown, the text report with and
// without colour, and determinism.
//
// The small model, drawn:
//
//   product --features (quarterly)--> sales --features (monthly, 2 days delay)--> marketing
//   finance --prices (on change, manual)--> sales
//   marketing ==lead (lead-to-cash, waits 3d)==> sales
#include <catch2/catch.hpp>

#include <cmath>
#include <string>

#include <nlohmann/json.hpp>
#include <rapidcheck/catch.h>

#include "orgflow/report.hpp"

using namespace orgflow;

namespace {

constexpr millis hours(std::int64_t h) { return h * ms_per_hour; }

unit make_unit(std::string id, std::optional<std::string> name) {
  unit u;
  u.id = std::move(id);
  u.name = std::move(name);
  return u;
}

flow make_flow(std::string id, std::string from, std::string to, std::string artifact, millis cadence,
               millis latency) {
  flow f;
  f.id = std::move(id);
  f.id_generated = true;
  f.from = std::move(from);
  f.to = std::move(to);
  f.carries = std::vector<std::string>{std::move(artifact)};
  f.cadence = cadence_value{cadence, ""};
  if (latency) f.latency = duration_value{latency, ""};
  return f;
}

model small_model() {
  model m;
  m.name = "Acme lead pipeline";
  m.units = {make_unit("product", "Product Development"), make_unit("rnd", "R&D division"),
             make_unit("finance", "Finance"), make_unit("marketing", "Marketing"), make_unit("sales", "Sales")};
  m.units[0].group = "rnd";
  artifact features;
  features.id = "features";
  features.name = "Product feature list";
  features.owner = "product";
  artifact prices;
  prices.id = "prices";
  prices.name = "Price list";
  prices.owner = "finance";
  m.artifacts = {features, prices};
  m.flows = {make_flow("product->sales#1", "product", "sales", "features", 91 * ms_per_day, 0),
             make_flow("sales->marketing#1", "sales", "marketing", "features", 30 * ms_per_day, 2 * ms_per_day),
             make_flow("finance->sales#1", "finance", "sales", "prices", 0, 0)};
  m.flows[2].manual = true;
  handoff h;
  h.id = "marketing->sales#1";
  h.id_generated = true;
  h.from = "marketing";
  h.to = "sales";
  h.process = "lead-to-cash";
  h.item = "lead";
  h.wait = duration_value{3 * ms_per_day, "3d"};
  m.handoffs = {h};
  return m;
}

analysis_result small_result() {
  analysis_result r;
  r.model_name = "Acme lead pipeline";

  finding stale;
  stale.code = "STALE.ROUTE";
  stale.level = severity::critical;
  stale.units = {"marketing", "product", "sales"};
  stale.artifact = "features";
  stale.path = {"product", "sales", "marketing"};
  stale.metrics = {{"owner", std::string("product")},
                   {"consumer", std::string("marketing")},
                   {"implicit", false},
                   {"source_handoff", std::monostate{}},
                   {"expected_lag_h", hours_value{hours(1500)}},
                   {"worst_lag_h", hours_value{hours(2952)}},
                   {"tolerance_h", hours_value{hours(168)}},
                   {"outdated_share", 1 - std::exp(-1500.0 / 336.0)},
                   {"slowest_hop", std::vector<std::string>{"product", "sales"}},
                   {"slowest_flow", std::string("product->sales#1")},
                   {"slowest_w_h", hours_value{hours(2184)}}};
  stale.path_flows = {"product->sales#1", "sales->marketing#1"};
  stale.title = "Marketing works from an outdated Product feature list";
  stale.recommendation = "Send the Product feature list from Product Development to Marketing as it changes.";

  finding no_route;
  no_route.code = "GAP.NO_ROUTE";
  no_route.level = severity::critical;
  no_route.units = {"finance", "marketing"};
  no_route.artifact = "prices";
  no_route.metrics = {{"owner", std::string("finance")},
                      {"consumer", std::string("marketing")},
                      {"implicit", false},
                      {"source_handoff", std::monostate{}},
                      {"reachable_in_G", true}};
  no_route.title = "Marketing never receives the Price list";
  no_route.recommendation = "Send the Price list from Finance to Marketing as it changes.";

  finding manual;
  manual.code = "FRICTION.MANUAL";
  manual.level = severity::warning;
  manual.units = {"finance", "sales"};
  manual.ref = "finance->sales#1";
  manual.ref_type = ref_kind::flow;
  manual.metrics = {{"flow", std::string("finance->sales#1")}, {"on_delivery_path", true}};
  manual.title = "Finance re-keys the Price list by hand for Sales";
  manual.recommendation = "Connect the systems so the Price list reaches Sales without re-keying.";

  // Numbers at the rounding boundary: 1/128 = 0.0078125 and 3/128 =
  // 0.0234375 are exact binary ties at the 7th decimal (half to even gives
  // ...12 and ...38); 27 ms = 0.0000075 h exactly rounds to 0.000008 and
  // 9 ms = 0.0000025 h to 0.000002.
  finding split;
  split.code = "GAP.SPLIT";
  split.level = severity::info;
  split.units = {"rnd"};
  split.metrics = {{"components", std::vector<std::vector<std::string>>{{"finance", "marketing", "product", "sales"},
                                                                        {"rnd"}}},
                   {"sizes", std::vector<std::int64_t>{4, 1}},
                   {"tie_down", 1.0 / 128},
                   {"tie_up", 3.0 / 128},
                   {"odd_h", hours_value{27}},
                   {"even_h", hours_value{9}},
                   {"negative", -0.0000001},
                   {"empty", std::vector<std::string>{}}};
  split.title = "The organization falls apart into 2 groups that never talk";
  split.recommendation = "Connect R&D division with the rest.";
  r.findings = {stale, no_route, manual, split};

  need_row a;
  a.unit = "marketing";
  a.artifact = "features";
  a.owner = "product";
  a.delivered = true;
  a.expected_lag = hours(1500);
  a.worst_lag = hours(2952);
  a.reliability = 1.0;
  a.tolerance = hours(168);
  a.outdated_share = 1 - std::exp(-1500.0 / 336.0);
  a.hops = 2;
  a.path = {"product", "sales", "marketing"};
  a.flows = {"product->sales#1", "sales->marketing#1"};
  need_row b;
  b.unit = "marketing";
  b.artifact = "prices";
  b.owner = "finance";
  need_row c;
  c.unit = "product";
  c.artifact = "features";
  c.owner = "product";
  c.own = true;
  c.delivered = true;
  c.expected_lag = 0;
  c.worst_lag = 0;
  c.reliability = 1.0;
  c.hops = 0;
  c.path = {"product"};
  need_row d;
  d.unit = "sales";
  d.artifact = "prices";
  d.owner = "finance";
  d.implicit = true;
  d.source_handoff = "marketing->sales#1";
  d.delivered = true;
  d.expected_lag = 0;
  d.worst_lag = 0;
  d.reliability = 0.95;
  d.hops = 1;
  d.path = {"finance", "sales"};
  d.flows = {"finance->sales#1"};
  r.needs = {a, b, c, d};

  unit_metrics sales;
  sales.id = "sales";
  sales.flows_in = 2;
  sales.flows_out = 1;
  sales.betweenness = 1.0 / 6;
  sales.relays = 1;
  sales.utilization = 17.0 / 12;
  unit_metrics marketing;
  marketing.id = "marketing";
  marketing.flows_in = 1;
  marketing.utilization = 0.5;
  marketing.wait_h = 0.25;
  r.units = {sales, marketing};  // deliberately out of order: the writer sorts keys

  process_metrics ltc;
  ltc.name = "lead-to-cash";
  ltc.handoffs = 1;
  ltc.units = {"marketing", "sales"};
  ltc.critical_path = std::vector<std::string>{"marketing", "sales"};
  ltc.critical_wait = hours(72);
  process_metrics rework;
  rework.name = "rework";
  rework.handoffs = 2;
  rework.units = {"marketing", "sales"};
  rework.loops = 1;
  r.processes = {ltc, rework};

  group_metrics rnd;
  rnd.id = "rnd";
  rnd.members = {"product", "rnd"};
  rnd.external = 1;
  rnd.ei = 1.0;
  group_metrics quiet;
  quiet.id = "quiet";
  quiet.members = {"quiet"};
  r.groups = {rnd, quiet};
  r.coverage = {3, 1, 4, 2};
  return r;
}

const char* const expected_small_json = R"({
  "orgflow_report": 2,
  "model": "Acme lead pipeline",
  "summary": {"critical": 2, "warning": 1, "info": 1},
  "coverage": {"flows": 3, "handoffs": 1, "needs": 4, "capacities": 2},
  "findings": [
    {
      "code": "STALE.ROUTE",
      "severity": "critical",
      "title": "Marketing works from an outdated Product feature list",
      "units": ["marketing", "product", "sales"],
      "artifact": "features",
      "process": null,
      "ref": null,
      "path": ["product", "sales", "marketing"],
      "metrics": {"owner": "product", "consumer": "marketing", "implicit": false, "source_handoff": null, "expected_lag_h": 1500, "worst_lag_h": 2952, "tolerance_h": 168, "outdated_share": 0.988487, "slowest_hop": ["product", "sales"], "slowest_flow": "product->sales#1", "slowest_w_h": 2184},
      "recommendation": "Send the Product feature list from Product Development to Marketing as it changes."
    },
    {
      "code": "GAP.NO_ROUTE",
      "severity": "critical",
      "title": "Marketing never receives the Price list",
      "units": ["finance", "marketing"],
      "artifact": "prices",
      "process": null,
      "ref": null,
      "path": null,
      "metrics": {"owner": "finance", "consumer": "marketing", "implicit": false, "source_handoff": null, "reachable_in_G": true},
      "recommendation": "Send the Price list from Finance to Marketing as it changes."
    },
    {
      "code": "FRICTION.MANUAL",
      "severity": "warning",
      "title": "Finance re-keys the Price list by hand for Sales",
      "units": ["finance", "sales"],
      "artifact": null,
      "process": null,
      "ref": "finance->sales#1",
      "path": null,
      "metrics": {"flow": "finance->sales#1", "on_delivery_path": true},
      "recommendation": "Connect the systems so the Price list reaches Sales without re-keying."
    },
    {
      "code": "GAP.SPLIT",
      "severity": "info",
      "title": "The organization falls apart into 2 groups that never talk",
      "units": ["rnd"],
      "artifact": null,
      "process": null,
      "ref": null,
      "path": null,
      "metrics": {"components": [["finance", "marketing", "product", "sales"], ["rnd"]], "sizes": [4, 1], "tie_down": 0.007812, "tie_up": 0.023438, "odd_h": 0.000008, "even_h": 0.000002, "negative": 0, "empty": []},
      "recommendation": "Connect R&D division with the rest."
    }
  ],
  "needs": [
    {"unit": "marketing", "artifact": "features", "owner": "product", "implicit": false, "source_handoff": null, "own": false, "delivered": true, "expected_lag_h": 1500, "worst_lag_h": 2952, "reliability": 1, "tolerance_h": 168, "outdated_share": 0.988487, "hops": 2, "path": ["product", "sales", "marketing"], "flows": ["product->sales#1", "sales->marketing#1"]},
    {"unit": "marketing", "artifact": "prices", "owner": "finance", "implicit": false, "source_handoff": null, "own": false, "delivered": false, "expected_lag_h": null, "worst_lag_h": null, "reliability": null, "tolerance_h": null, "outdated_share": null, "hops": null, "path": null, "flows": null},
    {"unit": "product", "artifact": "features", "owner": "product", "implicit": false, "source_handoff": null, "own": true, "delivered": true, "expected_lag_h": 0, "worst_lag_h": 0, "reliability": 1, "tolerance_h": null, "outdated_share": null, "hops": 0, "path": ["product"], "flows": []},
    {"unit": "sales", "artifact": "prices", "owner": "finance", "implicit": true, "source_handoff": "marketing->sales#1", "own": false, "delivered": true, "expected_lag_h": 0, "worst_lag_h": 0, "reliability": 0.95, "tolerance_h": null, "outdated_share": null, "hops": 1, "path": ["finance", "sales"], "flows": ["finance->sales#1"]}
  ],
  "units": {
    "marketing": {"flows_in": 1, "flows_out": 0, "betweenness": 0, "relays": 0, "utilization": 0.5, "wait_h": 0.25},
    "sales": {"flows_in": 2, "flows_out": 1, "betweenness": 0.166667, "relays": 1, "utilization": 1.416667, "wait_h": null}
  },
  "processes": {
    "lead-to-cash": {"handoffs": 1, "units": ["marketing", "sales"], "loops": 0, "critical_path": ["marketing", "sales"], "critical_wait_h": 72},
    "rework": {"handoffs": 2, "units": ["marketing", "sales"], "loops": 1, "critical_path": null, "critical_wait_h": null}
  },
  "groups": {
    "quiet": {"members": ["quiet"], "internal": 0, "external": 0, "ei": null},
    "rnd": {"members": ["product", "rnd"], "internal": 0, "external": 1, "ei": 1}
  }
}
)";

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

}  // namespace

TEST_CASE("JSON report of a small result, byte for byte", "[report][json]") {
  const auto m = small_model();
  const auto r = small_result();
  const std::string json = write_analysis_json(m, r);
  CHECK(json == expected_small_json);
  // It is JSON, and numbers survive a parse as the rounded values.
  const auto doc = nlohmann::json::parse(json);
  CHECK(doc["findings"][0]["metrics"]["outdated_share"].get<double>() == Approx(0.988487).margin(1e-12));
  CHECK(doc["units"]["sales"]["wait_h"].is_null());
}

TEST_CASE("JSON report of an empty result has every member", "[report][json]") {
  model m;  // no name: `model` is null
  const analysis_result r;
  CHECK(write_analysis_json(m, r) == R"({
  "orgflow_report": 2,
  "model": null,
  "summary": {"critical": 0, "warning": 0, "info": 0},
  "coverage": {"flows": 0, "handoffs": 0, "needs": 0, "capacities": 0},
  "findings": [],
  "needs": [],
  "units": {},
  "processes": {},
  "groups": {}
}
)");
}

TEST_CASE("JSON escapes hostile and broken strings and stays valid", "[report][json][escape]") {
  model m;
  m.name = std::string("quote\" back\\slash \x01 tab\t nl\n <img src=x onerror=alert(1)> \xe2\x80\xa8 bad\xff\xc3");
  analysis_result r;
  finding f;
  f.code = "GAP.ISOLATED";
  f.level = severity::warning;
  f.units = {"u"};
  f.title = "caf\xc3\xa9 \xf0\x9f\x98\x80 \xed\xa0\x80 \xc0\xaf";  // valid 2- and 4-byte; a surrogate and an overlong form
  f.metrics = {{"kind", std::string("unit")}};
  r.findings = {f};
  const std::string json = write_analysis_json(m, r);
  CHECK(contains(json, R"("model": "quote\" back\\slash \u0001 tab\t nl\n <img src=x onerror=alert(1)> \u2028 bad\ufffd\ufffd",)"));
  CHECK(contains(json, "\"title\": \"caf\xc3\xa9 \xf0\x9f\x98\x80 \\ufffd\\ufffd\\ufffd \\ufffd\\ufffd\","));
  const auto doc = nlohmann::json::parse(json);  // throws on invalid UTF-8 or a raw control character
  CHECK(doc["findings"][0]["title"].get<std::string>().find("\xf0\x9f\x98\x80") != std::string::npos);
}

TEST_CASE("An empty model's coverage notes never contradict each other", "[report][coverage]") {
  model_coverage none;
  const auto notes = coverage_notes(none);
  REQUIRE(notes.size() == 3);
  CHECK(notes[0].find("neither how information moves nor how work does") != std::string::npos);
  model_coverage flows_only;
  flows_only.flows = 3;
  CHECK(coverage_notes(flows_only)[0].find("shows how information moves, not how work does") != std::string::npos);
  model_coverage handoffs_only;
  handoffs_only.handoffs = 2;
  CHECK(coverage_notes(handoffs_only)[0].find("shows how work moves, not how information does") != std::string::npos);
}

TEST_CASE("Diagnoses of a model without symptoms say so in Markdown", "[report][markdown]") {
  model m;
  m.name = "Lead *pipeline*";
  const analysis_result r;
  CHECK(write_diagnoses_markdown(m, r, {}) == "Lead \\*pipeline\\* declares no symptom to diagnose.\n");
}

TEST_CASE("Markdown shows hostile names as text", "[report][markdown][escape]") {
  auto m = small_model();
  m.name = "<script>alert(1)</script>";
  m.units[3].name = "<img src=x onerror=alert(1)>";  // marketing
  m.units[4].name = "Sales | *bold* _em_ `code` [link](http://x) # \\";
  const auto r = small_result();
  const std::string md = write_analysis_markdown(m, r);
  CHECK(!contains(md, "<img"));
  CHECK(!contains(md, "<script"));
  CHECK(contains(md, "# Analysis of &lt;script&gt;alert(1)&lt;/script&gt;\n"));
  CHECK(contains(md, "&lt;img src=x onerror=alert(1)&gt;"));
  CHECK(contains(md, "Sales \\| \\*bold\\* \\_em\\_ \\`code\\` \\[link\\](http://x) \\# \\\\"));
  // Every row of the needs table has exactly as many unescaped pipes as the
  // header, so no name splits a cell.
  std::size_t header_pipes = 0, row_pipes = 0;
  std::size_t at = md.find("| Unit | Artifact");
  REQUIRE(at != std::string::npos);
  const std::string header = md.substr(at, md.find('\n', at) - at);
  for (char c : header) header_pipes += c == '|';
  std::size_t row_start = md.find("\n| &lt;img", at);
  REQUIRE(row_start != std::string::npos);
  const std::string row = md.substr(row_start + 1, md.find('\n', row_start + 1) - row_start - 1);
  for (std::size_t i = 0; i < row.size(); ++i) row_pipes += row[i] == '|' && (i == 0 || row[i - 1] != '\\');
  CHECK(row_pipes == header_pipes);
}

TEST_CASE("Markdown report: summary, findings by severity, tables", "[report][markdown]") {
  const auto m = small_model();
  const auto r = small_result();
  const std::string md = write_analysis_markdown(m, r);
  CHECK(md.rfind("# Analysis of Acme lead pipeline\n\n4 findings (2 critical, 1 warning, 1 info).\n", 0) == 0);
  CHECK(contains(md, "| Critical | 2 |\n| Warning | 1 |\n| Info | 1 |\n"));
  CHECK(contains(md, "### Critical\n\n1. **Marketing works from an outdated Product feature list** (`STALE.ROUTE`)  \n"
                     "   Path: Product Development \u2192 Sales (quarterly) \u2192 Marketing (monthly, 2 days delay)  \n"
                     "   *What to do:* Send the Product feature list from Product Development to Marketing as it "
                     "changes.\n"));
  CHECK(contains(md, "### Warning\n\n3. **Finance re-keys the Price list by hand for Sales** (`FRICTION.MANUAL`)  \n"
                     "   Flow: Finance \u2192 Sales (on change)  \n"));
  // Lags in days, shares in percent, an undelivered need said plainly.
  CHECK(contains(md, "| Marketing | Product feature list | Product Development | 62.5 days | 123 days | 7 days | 99% | "
                     "100% | Product Development \u2192 Sales \u2192 Marketing |\n"));
  CHECK(contains(md, "| Marketing | Price list | Finance | \u2013 | \u2013 | \u2013 | \u2013 | \u2013 | **no route** |\n"));
  CHECK(contains(md, "| Sales | 142% | grows without bound | 1 | 2 | 1 |\n"));
  CHECK(contains(md, "| Marketing | 50% | 15 minutes | 0 | 1 | 0 |\n"));  // 0.25 h
  CHECK(contains(md, "| lead-to-cash | 1 | 2 | 0 | Marketing \u21d2 Sales | 3 days |\n"));
  // What the model covers, in numbers.
  CHECK(contains(md, "Coverage: 3 information flows, 1 handoff of work, 4 needs, 2 units with a capacity.\n"));
}

TEST_CASE("Text report without colour: verdict, groups, paths in names", "[report][text]") {
  const auto m = small_model();
  const auto r = small_result();
  const std::string text = write_analysis_text(m, r, text_options{false});
  CHECK(text.rfind("Acme lead pipeline: 4 findings (2 critical, 1 warning, 1 info).\n"
                   "Coverage: 3 information flows, 1 handoff of work, 4 needs, 2 units with a capacity.\n",
                   0) == 0);
  CHECK(!contains(text, "\x1b"));
  CHECK(contains(text, "\nCRITICAL (2)\n\n  1. Marketing works from an outdated Product feature list\n"
                       "     STALE.ROUTE\n"
                       "     Path: Product Development \u2192 Sales (quarterly) \u2192 Marketing (monthly, 2 days delay)\n"
                       "     Do: Send the Product feature list from Product Development to Marketing as it changes.\n"));
  CHECK(contains(text, "  2. Marketing never receives the Price list\n     GAP.NO_ROUTE\n     Units: Finance, Marketing\n"));
  CHECK(contains(text, "\nWARNING (1)\n"));
  CHECK(contains(text, "     Flow: Finance \u2192 Sales (on change)\n"));
  CHECK(contains(text, "\nINFO (1)\n"));
  CHECK(contains(text, "Needs: 4 (3 declared, 1 implied by handoffs); 2 delivered, 1 with no route, 1 held by their owner.\n"));
  // Critical before warning before info.
  CHECK(text.find("CRITICAL") < text.find("WARNING"));
  CHECK(text.find("WARNING") < text.find("INFO"));
}

TEST_CASE("Text report with colour uses ANSI only around text", "[report][text]") {
  const auto m = small_model();
  const auto r = small_result();
  const std::string plain = write_analysis_text(m, r, text_options{false});
  const std::string colour = write_analysis_text(m, r, text_options{true});
  CHECK(contains(colour, "\x1b[1;31mCRITICAL (2)\x1b[0m"));
  CHECK(contains(colour, "\x1b[1;33mWARNING (1)\x1b[0m"));
  CHECK(contains(colour, "\x1b[1;36mINFO (1)\x1b[0m"));
  // Removing the escape sequences gives the plain report.
  std::string stripped;
  for (std::size_t i = 0; i < colour.size(); ++i) {
    if (colour[i] == '\x1b') {
      while (i < colour.size() && colour[i] != 'm') ++i;
      continue;
    }
    stripped += colour[i];
  }
  CHECK(stripped == plain);
}

TEST_CASE("Text report wraps at 100 columns without cutting words and strips control characters",
          "[report][text][escape]") {
  auto m = small_model();
  m.units[3].name = "Mar\x1b[31mketing\n";  // an escape sequence and a line break in a name
  auto r = small_result();
  std::string long_title;
  for (int i = 0; i < 40; ++i) long_title += "word" + std::to_string(i) + " ";
  long_title += "Supercalifragilisticexpialidocious" + std::string(120, 'x');
  r.findings[3].title = long_title;
  const std::string text = write_analysis_text(m, r, text_options{false});
  CHECK(!contains(text, "\x1b"));
  // Control characters become spaces; wrapping joins words with one space.
  CHECK(contains(text, "Mar [31mketing (monthly, 2 days delay)"));
  std::size_t start = 0;
  while (start < text.size()) {
    const std::size_t end = text.find('\n', start);
    const std::string line = text.substr(start, end - start);
    std::size_t width = 0;
    for (unsigned char c : line) width += (c & 0xC0) != 0x80;
    if (line.find("Supercali") == std::string::npos) CHECK(width <= 100);
    start = end + 1;
  }
  // Every word of the title survives whole.
  for (int i = 0; i < 40; ++i) {
    const std::string w = "word" + std::to_string(i);
    CHECK((contains(text, " " + w + " ") || contains(text, " " + w + "\n")));
  }
  CHECK(contains(text, "\n     Supercalifragilisticexpialidocious" + std::string(120, 'x') + "\n"));
}

TEST_CASE("A handoff ref is shown as the handoff even when a flow has the same id", "[report][text]") {
  auto m = small_model();
  // Flow and handoff ids are separate namespaces: give a flow the handoff's id.
  m.flows[1].id = "marketing->sales#1";
  auto r = small_result();
  finding slow;
  slow.code = "PROCESS.SLOW_HANDOFF";
  slow.level = severity::info;
  slow.units = {"marketing", "sales"};
  slow.process = "lead-to-cash";
  slow.ref = "marketing->sales#1";
  slow.ref_type = ref_kind::handoff;
  slow.metrics = {{"process", std::string("lead-to-cash")},
                  {"handoff", std::string("marketing->sales#1")},
                  {"wait_h", hours_value{hours(72)}}};
  slow.title = "In lead-to-cash, lead waits longest between Marketing and Sales";
  slow.recommendation = "Shorten the wait.";
  r.findings.push_back(slow);
  const std::string text = write_analysis_text(m, r);
  CHECK(contains(text, "     Handoff: Marketing \u21d2 Sales (lead-to-cash, lead, waits 3 days)\n"));
  const std::string md = write_analysis_markdown(m, r);
  CHECK(contains(md, "   Handoff: Marketing \u21d2 Sales (lead-to-cash)  \n"));
  CHECK(contains(write_analysis_json(m, r), R"("process": "lead-to-cash",
      "ref": "marketing->sales#1",
      "path": null,
      "metrics": {"process": "lead-to-cash", "handoff": "marketing->sales#1", "wait_h": 72},)"));
}

TEST_CASE("Writers are deterministic", "[report][determinism]") {
  const auto m = small_model();
  const auto r = small_result();
  CHECK(write_analysis_json(m, r) == write_analysis_json(m, r));
  CHECK(write_analysis_text(m, r) == write_analysis_text(m, r));
  CHECK(write_analysis_markdown(m, r) == write_analysis_markdown(m, r));
  // The order of the keyed metrics in the result does not matter.
  auto shuffled = r;
  std::swap(shuffled.groups[0], shuffled.groups[1]);
  std::swap(shuffled.processes[0], shuffled.processes[1]);
  std::swap(shuffled.units[0], shuffled.units[1]);
  CHECK(write_analysis_json(m, shuffled) == write_analysis_json(m, r));
}

TEST_CASE("Any bytes in names give valid JSON and valid UTF-8 survives unchanged", "[report][json][escape][prop]") {
  rc::prop("json_string of arbitrary bytes", [](const std::string& bytes) {
    model m;
    m.name = bytes;
    analysis_result r;
    finding f;
    f.code = "GAP.ISOLATED";
    f.units = {"u"};
    f.title = bytes;
    r.findings = {f};
    const std::string json = write_analysis_json(m, r);
    nlohmann::json doc;
    RC_ASSERT_FALSE(json.empty());
    doc = nlohmann::json::parse(json);  // throws (fails the property) on invalid JSON or UTF-8
    const std::string back = doc["model"].get<std::string>();
    // Bytes that are valid UTF-8 come back unchanged; anything else comes
    // back with U+FFFD in place of each invalid byte.
    bool valid = true;
    try {
      (void)nlohmann::json(bytes).dump();
    } catch (const nlohmann::json::exception&) {
      valid = false;
    }
    RC_CLASSIFY(!valid, "invalid UTF-8");
    if (valid) RC_ASSERT(back == bytes);
    else RC_ASSERT(back.find("\xef\xbf\xbd") != std::string::npos);
    RC_ASSERT(doc["findings"][0]["title"].get<std::string>() == back);
    // Text and Markdown never fail either, and never pass a control byte on.
    const std::string text = write_analysis_text(m, r);
    for (unsigned char c : text) RC_ASSERT(c >= 0x20 || c == '\n');
    const std::string md = write_analysis_markdown(m, r);
    RC_ASSERT(md.find('<') == std::string::npos);
  });
}
