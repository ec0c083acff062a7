// Diagnosis (will training fix it?), what-if changes and the comparison of
// two analyses: hand-worked examples for each verdict and each change kind,
// and properties over random models.
#include <catch2/catch.hpp>
#include <rapidcheck/catch.h>

#include <algorithm>

#include "orgflow/analysis.hpp"
#include "orgflow/diagnosis.hpp"
#include "orgflow/model.hpp"
#include "orgflow/whatif.hpp"
#include "orgflow/io.hpp"
#include "support/random_model.hpp"
#include "support/shared_data.hpp"

using namespace orgflow;

namespace {

model load(const std::string& text) {
  auto r = load_model(text, "test.json");
  if (!r.ok()) {
    for (const auto& d : r.diagnostics) UNSCOPED_INFO(d.to_string());
    FAIL("model does not load");
  }
  return *r.value;
}

// The example of model-format.md (tests/data/spec-example.json):
//
//   rnd[ product ] --features, quarterly--> sales --features, monthly 2d--> marketing
//   finance --prices, on-change, manual, xlsx--> sales
//   marketing ==lead==> sales            symptom "lead-quality" at sales
const std::string acme = orgflow::read_file(orgflow_test::source_dir() + "/tests/data/spec-example.json");

const cause* find_cause(const diagnosis& d, const std::string& code, const std::vector<std::string>& units) {
  for (const cause& c : d.causes)
    if (c.source->code == code && c.source->units == units) return &c;
  return nullptr;
}

}  // namespace

TEST_CASE("diagnosis of the cli.md example is structural with LOAD.OVER first", "[diagnosis]") {
  const model m = load(acme);
  const analysis_result r = analyze(m);
  const diagnosis d = diagnose(m, r, query_for_symptom(m, 0));
  CHECK(d.result == verdict::structural);
  // Scope: sales and everything with a path to it through flows and the
  // lead-to-cash handoffs. rnd is a group unit with no flow: not in scope.
  CHECK(d.scope == std::vector<std::string>{"finance", "marketing", "product", "sales"});
  REQUIRE(d.causes.size() == 8);  // cli.md: "the example model has eight causes"
  CHECK(d.causes[0].source->code == "LOAD.OVER");
  CHECK(d.causes[0].source->units == std::vector<std::string>{"sales"});
  CHECK(d.causes[0].distance == 0);
  CHECK(d.causes[0].score == 3.0);
  const cause* no_route = find_cause(d, "GAP.NO_ROUTE", {"finance", "marketing"});
  REQUIRE(no_route);
  CHECK(no_route->distance == 1);
  CHECK(no_route->score == 1.5);
  CHECK(d.unknowns == std::vector<std::string>{"no needs declared"});
  CHECK(d.summary.rfind("Training alone will not fix 'Leads from marketing are poor quality' at Sales", 0) == 0);
  // Ranked by score, descending.
  for (std::size_t i = 1; i < d.causes.size(); ++i) CHECK(d.causes[i - 1].score >= d.causes[i].score);
}

TEST_CASE("a unit that receives everything fresh and has spare capacity has no structural cause", "[diagnosis]") {
  //   product --features, on-change--> sales --talk--> product
  const model m = load(R"({"orgflow": 1, "name": "fresh",
    "units": [{"id": "product"}, {"id": "sales", "capacity": "100/w", "demand": "10/w"}],
    "artifacts": [{"id": "features", "owner": "product", "changes": "14d", "max_age": "7d"}],
    "flows": [{"from": "product", "to": "sales", "carries": ["features"]},
              {"from": "sales", "to": "product"}],
    "needs": [{"unit": "sales", "artifact": "features"}],
    "symptoms": [{"id": "s", "unit": "sales", "description": "Sales pitches are weak"}]})");
  const analysis_result r = analyze(m);
  const diagnosis d = diagnose(m, r, query_for_symptom(m, 0));
  CHECK(d.result == verdict::no_structural_cause);
  CHECK(d.causes.empty());
  CHECK(d.unknowns.empty());
  CHECK(d.summary ==
        "The model shows no structural cause for 'Sales pitches are weak' at sales: a skill or knowledge gap is "
        "plausible, and training may help.");
}

TEST_CASE("unknowns name what the model does not say about the unit", "[diagnosis]") {
  const model m = load(R"({"orgflow": 1, "units": [{"id": "a", "kind": "external"}, {"id": "b"}],
    "flows": [{"from": "b", "to": "a"}]})");
  const analysis_result r = analyze(m);
  symptom_query q;
  q.unit = "b";
  const diagnosis d = diagnose(m, r, q);
  CHECK(d.unknowns == std::vector<std::string>{"no needs declared", "no capacity", "no inbound flows"});
  CHECK(d.summary.find("the problem at b") != std::string::npos);
}

TEST_CASE("info findings are causes but do not make the verdict structural", "[diagnosis]") {
  // A manual flow that lies on no delivery path is FRICTION.MANUAL info.
  const model m = load(R"({"orgflow": 1, "units": [{"id": "a"}, {"id": "b"}],
    "flows": [{"from": "a", "to": "b", "manual": true}, {"from": "b", "to": "a"}]})");
  const analysis_result r = analyze(m);
  symptom_query q;
  q.unit = "b";
  const diagnosis d = diagnose(m, r, q);
  CHECK(d.result == verdict::no_structural_cause);
  REQUIRE(d.causes.size() == 1);
  CHECK(d.causes[0].source->code == "FRICTION.MANUAL");
  CHECK(d.causes[0].score == 0.5);
}

TEST_CASE("a process-scoped symptom follows only that process's handoffs", "[diagnosis]") {
  //   x ==p2==> y       symptom at y in p1: x is not in scope
  const model m = load(R"({"orgflow": 1, "units": [{"id": "x"}, {"id": "y"}],
    "handoffs": [{"from": "x", "to": "y", "process": "p2"}],
    "symptoms": [{"id": "s", "unit": "y", "description": "d", "process": "p1"},
                 {"id": "t", "unit": "y", "description": "d", "process": "p2"}]})");
  const analysis_result r = analyze(m);
  CHECK(diagnose(m, r, query_for_symptom(m, 0)).scope == std::vector<std::string>{"y"});
  CHECK(diagnose(m, r, query_for_symptom(m, 1)).scope == std::vector<std::string>{"x", "y"});
}

TEST_CASE("equal scores: findings about an artifact the symptom names come first", "[diagnosis]") {
  // Two needs of m without any route: GAP.NO_ROUTE for a1 and a2, both at
  // distance 0 from m (m is in both findings). The symptom names a2.
  const model m = load(R"({"orgflow": 1, "units": [{"id": "o"}, {"id": "m"}],
    "artifacts": [{"id": "a1", "owner": "o"}, {"id": "a2", "owner": "o"}],
    "flows": [{"from": "m", "to": "o"}],
    "needs": [{"unit": "m", "artifact": "a1"}, {"unit": "m", "artifact": "a2"}],
    "symptoms": [{"id": "s", "unit": "m", "description": "d", "artifacts": ["a2"]}]})");
  const analysis_result r = analyze(m);
  const diagnosis d = diagnose(m, r, query_for_symptom(m, 0));
  REQUIRE(d.causes.size() >= 2);
  CHECK(d.causes[0].source->code == "GAP.NO_ROUTE");
  CHECK(d.causes[0].source->artifact == std::optional<std::string>("a2"));
  CHECK(d.causes[1].source->artifact == std::optional<std::string>("a1"));
}

TEST_CASE("parse_change reads each change kind and rejects malformed ones", "[whatif]") {
  std::string why;
  auto add = parse_change("add-flow", "finance->marketing carries=prices,features cadence=on-change latency=1d", &why);
  REQUIRE(add);
  CHECK(add->what == model_change::kind::add_flow);
  CHECK(add->new_flow.from == "finance");
  CHECK(add->new_flow.to == "marketing");
  CHECK(*add->new_flow.carries == std::vector<std::string>{"prices", "features"});
  CHECK(add->new_flow.latency->ms == ms_per_day);
  CHECK(add->new_flow.cadence->ms == 0);

  auto set = parse_change("set", "team.a.capacity=150/w", &why);
  REQUIRE(set);
  CHECK(set->what == model_change::kind::set_capacity);
  CHECK(set->target == "team.a");  // everything before the last '.'
  auto staff = parse_change("set", "sales.staff=8", &why);
  REQUIRE(staff);
  CHECK(staff->staff == 8);

  CHECK_FALSE(parse_change("add-flow", "finance marketing", &why));
  CHECK(why.find("FROM->TO") != std::string::npos);
  CHECK_FALSE(parse_change("add-flow", "a->b cadence=fortnightly", &why));
  CHECK_FALSE(parse_change("add-flow", "a->b colour=red", &why));
  CHECK_FALSE(parse_change("set", "sales.staff=0", &why));
  CHECK_FALSE(parse_change("set", "sales.capacity=lots", &why));
  CHECK_FALSE(parse_change("set", "sales.name=x", &why));
  CHECK_FALSE(parse_change("remove-unit", "", &why));
}

TEST_CASE("what-if: adding the direct on-change flows resolves the need findings of Marketing", "[whatif]") {
  const model before = load(acme);
  model after = before;
  std::string why;
  std::vector<model_change> changes{
      *parse_change("add-flow", "finance->marketing carries=prices", &why),
      *parse_change("add-flow", "product->marketing carries=features", &why)};
  REQUIRE(apply_changes(after, changes).empty());
  CHECK(validate_model(after).empty());
  CHECK(after.flows.back().id == "product->marketing#1");
  const analysis_result ra = analyze(before), rb = analyze(after);
  const comparison c = compare(before, ra, after, rb);
  auto resolved = [&](const std::string& code, const std::string& artifact) {
    return std::any_of(c.resolved.begin(), c.resolved.end(), [&](const finding* f) {
      return f->code == code && f->artifact == std::optional<std::string>(artifact) &&
             std::find(f->units.begin(), f->units.end(), "marketing") != f->units.end();
    });
  };
  CHECK(resolved("GAP.NO_ROUTE", "prices"));
  CHECK(resolved("STALE.ROUTE", "features"));
  for (const finding& f : rb.findings)
    if (f.code == "GAP.NO_ROUTE" || f.code == "STALE.ROUTE") CHECK(f.units != std::vector<std::string>{"finance", "marketing"});
  // The need rows of Marketing changed: both now delivered with E = 0.
  REQUIRE_FALSE(c.needs.empty());
  for (const need_change& n : c.needs) {
    if (n.unit != "marketing" || !n.after) continue;
    CHECK(n.after->delivered);
    CHECK(n.after->expected_lag == std::optional<millis>(0));
  }
  REQUIRE(c.verdicts.size() == 1);
  CHECK(c.verdicts[0].before == verdict::structural);
}

TEST_CASE("what-if: set capacity and staff change utilization and wait", "[whatif]") {
  const model before = load(acme);
  model after = before;
  std::string why;
  REQUIRE(apply_changes(after, {*parse_change("set", "sales.capacity=300/w", &why)}).empty());
  const analysis_result ra = analyze(before), rb = analyze(after);
  const comparison c = compare(before, ra, after, rb);
  CHECK(std::any_of(c.resolved.begin(), c.resolved.end(), [](const finding* f) { return f->code == "LOAD.OVER"; }));
  REQUIRE_FALSE(c.units.empty());
  CHECK(c.units[0].id == "sales");
  CHECK(*c.units[0].before->utilization > 1.0);
  CHECK(*c.units[0].after->utilization < 0.85);

  model staffed = before;
  REQUIRE(apply_changes(staffed, {*parse_change("set", "marketing.staff=2", &why)}).empty());
  CHECK(staffed.units[3].staff == std::optional<std::int64_t>(2));
}

TEST_CASE("what-if: removing a unit takes its flows, handoffs, needs, symptoms and artifacts", "[whatif]") {
  model m = load(acme);
  std::string why;
  REQUIRE(apply_changes(m, {*parse_change("remove-unit", "product", &why),
                            *parse_change("remove-unit", "rnd", &why)}).empty());
  CHECK_FALSE(m.find_unit("product"));
  CHECK_FALSE(m.find_artifact("features"));
  for (const flow& f : m.flows) {
    CHECK(f.from != "product");
    if (f.carries) CHECK(std::find(f.carries->begin(), f.carries->end(), "features") == f.carries->end());
  }
  for (const handoff& h : m.handoffs)
    if (h.context) CHECK(*h.context == std::vector<std::string>{"prices"});
  for (const need& n : m.needs) CHECK(n.artifact != "features");
  CHECK(validate_model(m).empty());
}

TEST_CASE("what-if: a change that names something unknown is an error", "[whatif]") {
  model m = load(acme);
  std::string why;
  auto errors = apply_changes(m, {*parse_change("remove-flow", "nope", &why),
                                  *parse_change("add-flow", "finance->ghost carries=prices", &why),
                                  *parse_change("add-flow", "finance->sales carries=secrets", &why),
                                  *parse_change("set", "ghost.staff=2", &why)});
  REQUIRE(errors.size() == 4);
  CHECK(errors[0].find("no flow 'nope'") != std::string::npos);
  CHECK(errors[1].find("no unit 'ghost'") != std::string::npos);
  CHECK(errors[2].find("no artifact 'secrets'") != std::string::npos);
  CHECK(errors[3].find("no unit 'ghost'") != std::string::npos);
}

TEST_CASE("what-if: remove-flow uses the ids analyze showed, derived again afterwards", "[whatif]") {
  model m = load(R"({"orgflow": 1, "units": [{"id": "a"}, {"id": "b"}],
    "flows": [{"from": "a", "to": "b"}, {"from": "a", "to": "b"}, {"from": "a", "to": "b"}]})");
  std::string why;
  REQUIRE(apply_changes(m, {*parse_change("remove-flow", "a->b#1", &why),
                            *parse_change("remove-flow", "a->b#2", &why)}).empty());
  REQUIRE(m.flows.size() == 1);
  CHECK(m.flows[0].id == "a->b#1");  // the former #3, renumbered
}

TEST_CASE("property: a what-if with no change reports nothing changed", "[whatif][prop]") {
  rc::prop("no change, no difference", [] {
    const model m = orgflow_test::random_model();
    model copy = m;
    RC_ASSERT(apply_changes(copy, {}).empty());
    const analysis_result a = analyze(m), b = analyze(copy);
    const comparison c = compare(m, a, copy, b);
    RC_ASSERT(!c.changed());
    RC_ASSERT(c.needs.empty());
    RC_ASSERT(c.units.empty());
    for (const verdict_change& v : c.verdicts) RC_ASSERT(v.before == v.after);
  });
}

TEST_CASE("property: removing a unit never leaves a dangling reference", "[whatif][prop]") {
  rc::prop("the result validates", [] {
    model m = orgflow_test::random_model();
    RC_PRE(!m.units.empty());
    const std::size_t k = static_cast<std::size_t>(*rc::gen::inRange<std::size_t>(0, m.units.size()));
    std::string why;
    auto change = parse_change("remove-unit", m.units[k].id, &why);
    RC_ASSERT(change.has_value());
    RC_ASSERT(apply_changes(m, {*change}).empty());
    const auto problems = validate_model(m);
    for (const auto& d : problems) RC_LOG() << d.to_string() << "\n";
    RC_ASSERT(problems.empty());
  });
}

TEST_CASE("property: a what-if written out and diffed gives the same resolved and new sets", "[whatif][prop]") {
  rc::prop("whatif == diff of the written model", [] {
    const model m = orgflow_test::random_model();
    model changed = m;
    std::string why;
    std::vector<model_change> changes;
    const std::size_t u = static_cast<std::size_t>(*rc::gen::inRange<std::size_t>(0, m.units.size()));
    std::size_t w = static_cast<std::size_t>(*rc::gen::inRange<std::size_t>(0, m.units.size() - 1));
    if (w >= u) ++w;
    changes.push_back(*parse_change("add-flow", m.units[u].id + "->" + m.units[w].id + " carries=*", &why));
    if (*rc::gen::arbitrary<bool>()) changes.push_back(*parse_change("set", m.units[u].id + ".staff=3", &why));
    RC_ASSERT(apply_changes(changed, changes).empty());
    const analysis_result a = analyze(m), b = analyze(changed);
    const comparison direct = compare(m, a, changed, b);
    // Write the changed model and load it back, as `whatif -o` then `diff`.
    auto reloaded = load_model(save_model(changed), "changed.json");
    RC_ASSERT(reloaded.ok());
    const analysis_result c = analyze(*reloaded.value);
    const comparison via_file = compare(m, a, *reloaded.value, c);
    auto keys = [](const std::vector<const finding*>& v) {
      std::vector<finding_key> out;
      for (const finding* f : v) out.push_back(finding_key::of(*f));
      return out;
    };
    RC_ASSERT(keys(direct.resolved) == keys(via_file.resolved));
    RC_ASSERT(keys(direct.added) == keys(via_file.added));
  });
}

TEST_CASE("property: diff A A reports nothing new", "[whatif][prop]") {
  rc::prop("diff of a model with itself is empty", [] {
    const model m = orgflow_test::random_model();
    auto reloaded = load_model(save_model(m), "a.json");
    RC_ASSERT(reloaded.ok());
    const analysis_result a = analyze(m), b = analyze(*reloaded.value);
    const comparison c = compare(m, a, *reloaded.value, b);
    RC_ASSERT(c.added.empty());
    RC_ASSERT(c.resolved.empty());
    RC_ASSERT(!c.changed());
  });
}
