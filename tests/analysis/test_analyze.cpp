// orgflow::analyze as a whole (analyses.md, Output and Determinism): the
// spec's finding order, need rows by unit then artifact, unit metrics by id,
// and invariances: the thread count, shuffled arrays the spec never consults
// (units, artifacts, needs, symptoms) and an order-preserving renaming of ids
// change nothing. A hidden benchmark ([.bench]) times analyze() on a large
// random model: run `test_analysis "[.bench]"` (ORGFLOW_BENCH_SCALE=1 for the
// full 10,000-unit model of issue 3).
#include <rapidcheck/catch.h>

#include <chrono>
#include <cstdlib>
#include <iostream>
#include <random>

#include "orgflow/io.hpp"
#include "orgflow/number.hpp"
#include "support/shared_data.hpp"
#include "test_delivery_support.hpp"

using namespace delivery_test;

namespace {

std::string dump_value(const metric_value& v) {
  struct visitor {
    std::string operator()(std::monostate) const { return "null"; }
    std::string operator()(bool b) const { return b ? "true" : "false"; }
    std::string operator()(std::int64_t i) const { return std::to_string(i); }
    std::string operator()(double d) const { return format_number(d); }
    std::string operator()(hours_value h) const { return format_hours(h.ms) + "h"; }
    std::string operator()(const std::string& s) const { return '"' + s + '"'; }
    std::string operator()(const std::vector<std::string>& v) const {
      std::string out = "[";
      for (const auto& s : v) out += s + ",";
      return out + "]";
    }
    std::string operator()(const std::vector<std::vector<std::string>>& vv) const {
      std::string out = "[";
      for (const auto& v : vv) out += (*this)(v);
      return out + "]";
    }
    std::string operator()(const std::vector<std::int64_t>& v) const {
      std::string out = "[";
      for (auto i : v) out += std::to_string(i) + ",";
      return out + "]";
    }
  };
  return std::visit(visitor{}, v);
}

std::string opt(const std::optional<std::string>& s) { return s ? *s : "-"; }
std::string opt(const std::optional<double>& d) { return d ? format_number(*d) : "null"; }
std::string opt(const std::optional<millis>& ms) { return ms ? format_hours(*ms) : "null"; }

std::string join(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& s : v) out += s + " ";
  return out;
}

// Everything analyze() returns, as text, for comparisons.
std::string dump(const analysis_result& r) {
  std::string out = r.model_name + "\n";
  for (const finding& f : r.findings) {
    out += f.code + "|" + std::string(to_string(f.level)) + "|" + join(f.units) + "|" + opt(f.artifact) + "|" +
           opt(f.process) + "|" + opt(f.ref) + "|" + join(f.path) + "|" + f.title + "|" + f.recommendation + "\n";
    for (const auto& [k, v] : f.metrics) out += "  " + k + "=" + dump_value(v) + "\n";
  }
  for (const need_row& n : r.needs)
    out += "need " + n.unit + " " + n.artifact + " " + n.owner + " " + (n.implicit ? "i" : "d") + " " +
           opt(n.source_handoff) + " " + (n.own ? "own" : "-") + " " + (n.delivered ? "del" : "-") + " " +
           opt(n.expected_lag) + " " + opt(n.worst_lag) + " " + opt(n.reliability) + " " + opt(n.tolerance) + " " +
           opt(n.outdated_share) + " " + (n.hops ? std::to_string(*n.hops) : "null") + " " + join(n.path) + "/ " +
           join(n.flows) + "\n";
  for (const unit_metrics& u : r.units)
    out += "unit " + u.id + " " + std::to_string(u.flows_in) + " " + std::to_string(u.flows_out) + " " +
           format_number(u.betweenness) + " " + std::to_string(u.relays) + " " + opt(u.utilization) + " " +
           opt(u.wait_h) + "\n";
  for (const process_metrics& p : r.processes)
    out += "process " + p.name + " " + std::to_string(p.handoffs) + " " + join(p.units) + std::to_string(p.loops) +
           " " + (p.critical_path ? join(*p.critical_path) : "null") + " " + opt(p.critical_wait) + "\n";
  for (const group_metrics& g : r.groups)
    out += "group " + g.id + " " + join(g.members) + std::to_string(g.internal) + " " + std::to_string(g.external) +
           " " + opt(g.ei) + "\n";
  return out;
}

void replace_all(std::string& s, const std::string& from, const std::string& to) {
  for (std::size_t p = s.find(from); p != std::string::npos; p = s.find(from, p + to.size()))
    s.replace(p, from.size(), to);
}

// Needs without repeated (unit, artifact): with repeats, "the first wins"
// makes the order of needs meaningful.
model without_repeated_needs(model m) {
  std::vector<need> kept;
  for (const need& n : m.needs) {
    bool seen = false;
    for (const need& k : kept) seen = seen || (k.unit == n.unit && k.artifact == n.artifact);
    if (!seen) kept.push_back(n);
  }
  m.needs = kept;
  return m;
}

}  // namespace

TEST_CASE("analyze: severities, finding order and lookups", "[analyze]") {
  CHECK(to_string(severity::critical) == "critical");
  CHECK(to_string(severity::warning) == "warning");
  CHECK(to_string(severity::info) == "info");
  CHECK(parse_severity("warning") == severity::warning);
  CHECK_FALSE(parse_severity("Warning"));
  CHECK_FALSE(parse_severity("never"));

  finding a, b;
  a.code = b.code = "X.Y";
  a.level = severity::warning;
  b.level = severity::critical;
  CHECK(finding_less(b, a));
  b.level = severity::warning;
  a.units = {"a", "b"};
  b.units = {"a", "c"};
  CHECK(finding_less(a, b));
  b.units = a.units;
  b.artifact = "x";  // none first
  CHECK(finding_less(a, b));
  a.artifact = "x";
  a.process = "p";
  CHECK(finding_less(b, a));
  b.process = "p";
  b.ref = "f2";
  a.ref = "f10";
  CHECK(finding_less(a, b));  // byte order: "f10" < "f2"
  CHECK_FALSE(finding_less(a, a));

  a.metrics.emplace_back("k", std::int64_t{3});
  REQUIRE(a.metric("k"));
  CHECK(std::get<std::int64_t>(*a.metric("k")) == 3);
  CHECK(a.metric("missing") == nullptr);

  analysis_result r;
  r.findings = {a, b, a};
  CHECK(r.count(severity::warning) == 3);
  CHECK(r.count(severity::critical) == 0);
}

TEST_CASE("analyze: the example's delivery numbers, rows and order", "[analyze]") {
  builder b;
  b.m.name = "Acme lead pipeline";
  b.add_unit("product", "Product Development").group = "rnd";
  b.add_unit("rnd", "R&D division");
  b.add_unit("finance", "Finance");
  b.add_unit("marketing", "Marketing").accepts = std::vector<std::string>{"csv", "crm"};
  b.add_unit("sales", "Sales");
  b.add_artifact("features", "product", 14 * D, 7 * D, "Product feature list");
  b.add_artifact("prices", "finance", 30 * D, 3 * D, "Price list").format = "xlsx";
  b.add_flow("product", "sales", {"features"}, 91 * D);
  b.add_flow("sales", "marketing", {"features"}, 30 * D, 2 * D);
  auto& f3 = b.add_flow("finance", "sales", {"prices"});
  f3.format = "xlsx";
  f3.manual = true;
  b.add_handoff("marketing", "sales", {"features", "prices"}, "lead-to-cash").item = "lead";
  b.add_need("marketing", "features");
  b.add_need("marketing", "prices");
  const analysis_result r = analyze(b.m, analysis_options{1});
  CHECK(r.model_name == "Acme lead pipeline");
  // Needs by unit then artifact: marketing/features, marketing/prices;
  // sales/features and sales/prices are implicit (the handoff's context).
  REQUIRE(r.needs.size() == 4);
  CHECK(r.needs[0].unit == "marketing");
  CHECK(r.needs[0].artifact == "features");
  CHECK(r.needs[0].expected_lag == 1500 * H);
  CHECK(r.needs[0].worst_lag == 2952 * H);
  CHECK(r.needs[0].hops == 2);
  CHECK(r.needs[0].flows == std::vector<std::string>{"product->sales#1", "sales->marketing#1"});
  CHECK(r.needs[1].artifact == "prices");
  CHECK_FALSE(r.needs[1].delivered);
  CHECK(r.needs[2].unit == "sales");
  CHECK(r.needs[2].implicit);
  CHECK(r.needs[2].source_handoff == std::optional<std::string>("marketing->sales#1"));
  CHECK(r.needs[2].expected_lag == 1092 * H);  // 91d / 2
  CHECK(r.needs[3].expected_lag == 0);
  REQUIRE(r.units.size() == 5);
  CHECK(r.units[0].id == "finance");
  CHECK(r.units[4].id == "sales");
  CHECK(r.units[4].relays == 1);
  for (std::size_t i = 1; i < r.findings.size(); ++i) CHECK_FALSE(finding_less(r.findings[i], r.findings[i - 1]));
  // The critical findings lead: the missing price route and the stale routes.
  REQUIRE(!r.findings.empty());
  CHECK(r.findings[0].level == severity::critical);
  CHECK(r.findings[0].code == "GAP.NO_ROUTE");
  CHECK(r.findings[0].units == std::vector<std::string>{"finance", "marketing"});
  CHECK(r.findings[0].title.rfind("No route brings the Price list from Finance to Marketing", 0) == 0);
}

TEST_CASE("analyze: invariant under thread count, shuffles and order-preserving renaming",
          "[analyze][property]") {
  rc::prop("thread count", [] {
    const model m = *small_model();
    RC_ASSERT(dump(analyze(m, analysis_options{1})) == dump(analyze(m, analysis_options{3})));
  });
  rc::prop("shuffled units, artifacts, needs, symptoms", [] {
    const model m = without_repeated_needs(*small_model());
    model s = m;
    std::mt19937 rng(*rc::gen::arbitrary<unsigned>());
    std::shuffle(s.units.begin(), s.units.end(), rng);
    std::shuffle(s.artifacts.begin(), s.artifacts.end(), rng);
    std::shuffle(s.needs.begin(), s.needs.end(), rng);
    std::shuffle(s.symptoms.begin(), s.symptoms.end(), rng);
    RC_ASSERT(dump(analyze(m, analysis_options{1})) == dump(analyze(s, analysis_options{1})));
  });
  rc::prop("renaming ids by an order-preserving map", [] {
    const model m = *small_model();
    model r = m;
    const std::string p = "Q_";
    for (auto& u : r.units) u.id = p + u.id;
    for (auto& a : r.artifacts) {
      a.id = p + a.id;
      a.owner = p + a.owner;
    }
    for (auto& f : r.flows) {
      f.from = p + f.from;
      f.to = p + f.to;
      if (f.carries && !f.carries_all())
        for (auto& c : *f.carries) c = p + c;
    }
    builder renamed;
    for (auto& f : r.flows) {
      renamed.add_flow(f.from, f.to, {});
      f.id = renamed.m.flows.back().id;
    }
    for (auto& h : r.handoffs) {
      h.from = p + h.from;
      h.to = p + h.to;
      if (h.context)
        for (auto& c : *h.context) c = p + c;
      renamed.add_handoff(h.from, h.to);
      h.id = renamed.m.handoffs.back().id;
    }
    for (auto& n : r.needs) {
      n.unit = p + n.unit;
      n.artifact = p + n.artifact;
    }
    std::string got = dump(analyze(r, analysis_options{1}));
    replace_all(got, p, "");
    RC_ASSERT(got == dump(analyze(m, analysis_options{1})));
  });
}

TEST_CASE("analyze: a large random model ([.bench])", "[.bench]") {
  const char* scale_env = std::getenv("ORGFLOW_BENCH_SCALE");
  const double scale = scale_env ? std::atof(scale_env) : 0.1;
  const int n = static_cast<int>(10000 * scale), nf = static_cast<int>(100000 * scale),
            na = static_cast<int>(2000 * scale), nn = static_cast<int>(50000 * scale);
  std::mt19937_64 rng(7);
  auto pick = [&rng](int k) { return static_cast<int>(rng() % static_cast<std::uint64_t>(k)); };
  builder b;
  for (int i = 0; i < n; ++i) b.add_unit("u" + std::to_string(i));
  for (int i = 0; i < na; ++i) b.add_artifact("a" + std::to_string(i), "u" + std::to_string(pick(n)), 14 * D, 7 * D);
  const millis cadences[] = {0, D, 7 * D, 30 * D, 91 * D};
  b.m.flows.reserve(static_cast<std::size_t>(nf));
  for (int i = 0; i < nf; ++i) {
    const int x = pick(n);
    int y = pick(n - 1);
    y += y >= x;
    std::vector<std::string> carries;
    const int k = pick(10);
    if (k == 0) {
      carries = {"*"};
    } else if (k < 8) {
      for (int c = 0, cn = 1 + pick(3); c < cn; ++c) carries.push_back("a" + std::to_string(pick(na)));
    }
    flow f;
    f.from = "u" + std::to_string(x);
    f.to = "u" + std::to_string(y);
    f.id = "f" + std::to_string(i);
    if (!carries.empty()) f.carries = carries;
    f.cadence = cadence_value{cadences[pick(5)], ""};
    f.latency = dur(pick(48) * H);
    if (pick(10) == 0) f.reliability = 0.9;
    b.m.flows.push_back(std::move(f));
  }
  for (int i = 0; i < nn; ++i) b.add_need("u" + std::to_string(pick(n)), "a" + std::to_string(pick(na)));
  for (int i = 0; i < n / 10; ++i) {
    const int x = pick(n);
    int y = pick(n - 1);
    y += y >= x;
    handoff h;
    h.from = "u" + std::to_string(x);
    h.to = "u" + std::to_string(y);
    h.id = "h" + std::to_string(i);
    h.process = "p" + std::to_string(pick(20));
    h.context = std::vector<std::string>{"a" + std::to_string(pick(na))};
    b.m.handoffs.push_back(std::move(h));
  }
  for (unsigned threads : {1u, 2u}) {
    const auto t0 = std::chrono::steady_clock::now();
    const graph::views v(b.m);
    const analysis::delivery d(b.m, v, threads);
    const auto t1 = std::chrono::steady_clock::now();
    const auto nf1 = analysis::need_findings(d).size() + analysis::friction_findings(d).size() +
                     analysis::single_route_findings(d).size();
    const auto t2 = std::chrono::steady_clock::now();
    const analysis_result r = analyze(b.m, analysis_options{threads});
    const auto t3 = std::chrono::steady_clock::now();
    auto ms = [](auto a, auto z) { return std::chrono::duration_cast<std::chrono::milliseconds>(z - a).count(); };
    std::cout << "threads " << threads << ": delivery " << ms(t0, t1) << " ms, delivery findings " << ms(t1, t2)
              << " ms (" << nf1 << "), analyze " << ms(t2, t3) << " ms, " << r.findings.size() << " findings, "
              << r.needs.size() << " needs\n";
    CHECK(r.needs.size() > 0);
  }
}

TEST_CASE("analyze: degenerate models (no units, units only, an artifact nobody needs)", "[analyze]") {
  {
    const analysis_result r = analyze(model{}, analysis_options{2});
    CHECK(r.findings.empty());
    CHECK(r.needs.empty());
    CHECK(r.units.empty());
  }
  {
    builder b;
    b.add_unit("a");
    b.add_artifact("x", "a", D);
    b.add_need("a", "x");  // only the owner's own need
    const analysis_result r = analyze(b.m, analysis_options{2});
    REQUIRE(r.needs.size() == 1);
    CHECK(r.needs[0].own);
    CHECK(r.needs[0].delivered);
    CHECK(r.needs[0].expected_lag == 0);
    CHECK(r.needs[0].outdated_share == 0.0);
    CHECK(r.needs[0].path == std::vector<std::string>{"a"});
    for (const finding& f : r.findings) CHECK(f.code != "GAP.NO_ROUTE");
    REQUIRE(r.units.size() == 1);
    CHECK(r.units[0].relays == 0);
  }
}

TEST_CASE("accepted findings: matched by code and the members an entry gives, counted apart", "[analyze][accepted]") {
  //   a -> p -> b : p is a cut unit; a and b are cut units of nothing
  auto loaded = load_model(R"({"orgflow": 2, "units": [{"id": "a"}, {"id": "b"}, {"id": "p"}],
    "flows": [{"from": "a", "to": "p"}, {"from": "p", "to": "b"}],
    "handoffs": [{"from": "a", "to": "b"}],
    "accepted": [{"code": "RISK.CUT_UNIT", "units": ["p"], "reason": "one desk"},
                 {"code": "GAP.NO_FEEDBACK", "units": ["b", "a"], "from": "b", "to": "a", "reason": "wrong way"},
                 {"code": "GAP.NO_FEEDBACK", "units": ["b", "a"], "from": "a", "reason": "fine"},
                 {"code": "LOAD.OVER", "units": ["ghost"], "reason": "old"}]})", "m.json");
  REQUIRE(loaded.ok());
  const analysis_result r = analyze(*loaded.value);
  REQUIRE(r.findings.size() == 2);
  CHECK(r.has_accepted);
  CHECK(r.accepted == 2);
  for (const finding& f : r.findings) {
    if (f.code == "RISK.CUT_UNIT") CHECK(f.accepted == std::optional<std::string>("one desk"));
    if (f.code == "GAP.NO_FEEDBACK") CHECK(f.accepted == std::optional<std::string>("fine"));  // from a: matches
  }
  CHECK(r.count(severity::warning) == 0);
  // Entry 1 matches nothing (from b); entry 3 names a unit the model lacks and matches nothing.
  CHECK(r.accepted_warnings == std::vector<std::string>{
                                   "/accepted/1: matches no finding (GAP.NO_FEEDBACK of b and 1 more): it may have been "
                                   "resolved; remove it from the model",
                                   "/accepted/3: names unit \"ghost\", which the model does not have",
                                   "/accepted/3: matches no finding (LOAD.OVER of ghost): it may have been resolved; "
                                   "remove it from the model"});
}

TEST_CASE("filters: codes by glob, a minimum severity, units, numbers stay", "[analyze][filter]") {
  CHECK(code_matches("RISK.*", "RISK.CUT_UNIT"));
  CHECK(code_matches("*.ROUTE", "STALE.ROUTE"));
  CHECK(code_matches("*", "GAP.SPLIT"));
  CHECK(code_matches("GAP.SPLIT", "GAP.SPLIT"));
  CHECK_FALSE(code_matches("GAP", "GAP.SPLIT"));
  CHECK_FALSE(code_matches("*.ROUTE", "STALE.ROUTES"));
  CHECK(code_matches("G*P*T", "GAP.SPLIT"));
  auto loaded = load_model(orgflow::read_file(orgflow_test::source_dir() + "/models/lead-pipeline.json"), "m.json");
  REQUIRE(loaded.ok());
  analysis_result r = analyze(*loaded.value);
  const std::size_t all = r.findings.size();
  finding_filter f;
  f.codes = {"*.ROUTE"};
  f.min_severity = severity::warning;
  f.units = {"marketing"};
  apply_filter(r, f);
  REQUIRE(r.findings.size() == all);  // nothing removed: hidden, in place
  std::int64_t shown = 0;
  for (const finding& x : r.findings)
    if (!x.hidden) {
      ++shown;
      CHECK(x.code.find(".ROUTE") != std::string::npos);
      CHECK(x.level != severity::info);
      CHECK(std::find(x.units.begin(), x.units.end(), "marketing") != x.units.end());
    }
  CHECK(shown == 2);  // STALE.ROUTE and LOSSY.ROUTE of the Product feature list at Marketing
  CHECK(r.filtered == std::optional<std::int64_t>(static_cast<std::int64_t>(all) - 2));
}

// Betweenness is only printed by the JSON report: without it, everything
// else analyze() returns is the same (the findings, their titles and
// metrics, the need rows, the other unit metrics).
TEST_CASE("analyze: leaving out betweenness changes nothing else", "[analyze]") {
  for (const char* name : {"lead-pipeline", "software-release", "hospital-discharge"}) {
    const auto loaded = load_model(orgflow::read_file(orgflow_test::source_dir() + "/models/" + name + ".json"), name);
    REQUIRE(loaded.ok());
    analysis_options lean;
    lean.betweenness = false;
    const analysis_result full = analyze(*loaded.value), without = analyze(*loaded.value, lean);
    REQUIRE(full.units.size() == without.units.size());
    bool some = false;
    for (std::size_t i = 0; i < full.units.size(); ++i) {
      some = some || full.units[i].betweenness > 0;
      CHECK(without.units[i].betweenness == 0);
      CHECK(without.units[i].relays == full.units[i].relays);
      CHECK(without.units[i].utilization == full.units[i].utilization);
    }
    CHECK(some);  // the examples have units on shortest paths: the full analysis does compute it
    REQUIRE(full.findings.size() == without.findings.size());
    for (std::size_t i = 0; i < full.findings.size(); ++i) {
      CHECK(full.findings[i].code == without.findings[i].code);
      CHECK(full.findings[i].title == without.findings[i].title);
      CHECK(full.findings[i].units == without.findings[i].units);
    }
    CHECK(full.needs.size() == without.needs.size());
  }
}
