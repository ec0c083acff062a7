// What-if changes, the identity of findings across two versions of a model,
// the comparison, and the plan of `diagnose --plan`: hand-worked examples for
// each change kind and properties over random models (diff A A is empty;
// removing one flow lists exactly the findings whose identity appears or
// disappears; the plan removes every cause it claims to remove).
#include <catch2/catch.hpp>
#include <rapidcheck/catch.h>

#include <algorithm>
#include <map>

#include "orgflow/analysis.hpp"
#include "orgflow/diagnosis.hpp"
#include "orgflow/io.hpp"
#include "orgflow/model.hpp"
#include "orgflow/plan.hpp"
#include "orgflow/whatif.hpp"
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

// The example of model-format.md (tests/data/spec-example.json).
const std::string acme = orgflow::read_file(orgflow_test::source_dir() + "/tests/data/spec-example.json");

model_change change(const std::string& option, const std::string& argument) {
  std::string why;
  auto c = parse_change(option, argument, &why);
  if (!c) FAIL(why);
  return *c;
}

// The multiset of identities of a result, as a map to counts.
std::map<finding_identity, int> identity_counts(const model& m, const analysis_result& r) {
  std::map<finding_identity, int> out;
  for (const finding_identity& id : identities_of(m, r)) ++out[id];
  return out;
}

}  // namespace

TEST_CASE("parse_change reads each change kind and rejects malformed ones", "[whatif]") {
  // Without a place for the message, a malformed change is still only nullopt.
  CHECK_FALSE(parse_change("add-flow", "", nullptr));
  CHECK_FALSE(parse_change("set-flow", "x.nothing=1", nullptr));
  CHECK_FALSE(parse_change("nonsense", "x", nullptr));
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

TEST_CASE("parse_change reads --set-flow: the id is before the last dot that precedes the first '='", "[whatif]") {
  std::string why;
  auto manual = parse_change("set-flow", "finance->sales#1.manual=false", &why);
  REQUIRE(manual);
  CHECK(manual->what == model_change::kind::set_flow);
  CHECK(manual->target == "finance->sales#1");
  CHECK(manual->member == model_change::flow_member::manual);
  CHECK(manual->new_flow.manual == std::optional<bool>(false));
  auto format = parse_change("set-flow", "f.v2.format=a.b=c", &why);  // ids may hold dots, values '='
  REQUIRE(format);
  CHECK(format->target == "f.v2");
  CHECK(format->new_flow.format == std::optional<std::string>("a.b=c"));
  auto cadence = parse_change("set-flow", "x.cadence=weekly", &why);
  REQUIRE(cadence);
  CHECK(cadence->new_flow.cadence->ms == 7 * ms_per_day);
  CHECK(parse_change("set-flow", "x.latency=2d", &why)->new_flow.latency->ms == 2 * ms_per_day);
  CHECK(parse_change("set-flow", "x.reliability=0.9", &why)->new_flow.reliability == std::optional<double>(0.9));
  CHECK_FALSE(parse_change("set-flow", "x.reliability=1.5", &why));
  CHECK_FALSE(parse_change("set-flow", "x.manual=maybe", &why));
  CHECK_FALSE(parse_change("set-flow", "x.colour=red", &why));
  CHECK(why.find("cannot be set") != std::string::npos);
  CHECK_FALSE(parse_change("set-flow", "nodot=1", &why));
  CHECK_FALSE(parse_change("set-flow", "x.cadence=fortnightly", &why));
}

TEST_CASE("what-if: --set-flow changes one member of one flow, named by its id", "[whatif]") {
  model m = load(acme);
  REQUIRE(apply_changes(m, {change("set-flow", "finance->sales#1.manual=false"),
                            change("set-flow", "product->sales#1.cadence=on-change")}).empty());
  CHECK(m.flows[2].manual == std::optional<bool>(false));
  CHECK(m.flows[0].cadence->ms == 0);
  auto errors = apply_changes(m, {change("set-flow", "ghost.manual=true")});
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].find("no flow 'ghost'") != std::string::npos);
}

TEST_CASE("what-if: adding the direct on-change flows resolves the need findings of Marketing", "[whatif]") {
  const model before = load(acme);
  model after = before;
  REQUIRE(apply_changes(after, {change("add-flow", "finance->marketing carries=prices"),
                                change("add-flow", "product->marketing carries=features")}).empty());
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
  REQUIRE_FALSE(c.needs.empty());
  for (const need_change& n : c.needs) {
    if (n.unit != "marketing" || !n.after) continue;
    CHECK(n.after->delivered);
    CHECK(n.after->expected_lag == std::optional<millis>(0));
  }
  REQUIRE(c.verdicts.size() == 1);
  CHECK(c.verdicts[0].before == verdict::structural);
  CHECK_FALSE(c.verdicts[0].summary_before.empty());
  CHECK_FALSE(c.verdicts[0].summary_after.empty());
}

TEST_CASE("what-if: set capacity and staff change utilization and wait", "[whatif]") {
  const model before = load(acme);
  model after = before;
  REQUIRE(apply_changes(after, {change("set", "sales.capacity=300/w")}).empty());
  const analysis_result ra = analyze(before), rb = analyze(after);
  const comparison c = compare(before, ra, after, rb);
  CHECK(std::any_of(c.resolved.begin(), c.resolved.end(), [](const finding* f) { return f->code == "LOAD.OVER"; }));
  REQUIRE_FALSE(c.units.empty());
  CHECK(c.units[0].id == "sales");
  CHECK(*c.units[0].before->utilization > 1.0);
  CHECK(*c.units[0].after->utilization < 0.85);

  model staffed = before;
  REQUIRE(apply_changes(staffed, {change("set", "marketing.staff=2")}).empty());
  CHECK(staffed.units[3].staff == std::optional<std::int64_t>(2));
}

TEST_CASE("what-if: removing a unit takes its flows, handoffs, needs, symptoms and artifacts", "[whatif]") {
  model m = load(acme);
  REQUIRE(apply_changes(m, {change("remove-unit", "product"), change("remove-unit", "rnd")}).empty());
  CHECK_FALSE(m.find_unit("product"));
  CHECK_FALSE(m.find_artifact("features"));
  for (const flow& f : m.flows) {
    CHECK(f.from != "product");
    // sales->marketing carried only the features: it goes, it does not
    // become a general flow.
    CHECK(!(f.from == "sales" && f.to == "marketing"));
  }
  for (const handoff& h : m.handoffs)
    if (h.context) CHECK(*h.context == std::vector<std::string>{"prices"});
  for (const need& n : m.needs) CHECK(n.artifact != "features");
  CHECK(validate_model(m).empty());
}

TEST_CASE("what-if: removing the performer removes its symptoms", "[whatif]") {
  model m = load(acme);
  REQUIRE(m.symptoms.size() == 1);
  REQUIRE(apply_changes(m, {change("remove-unit", "marketing")}).empty());
  CHECK(m.symptoms.empty());
  CHECK(validate_model(m).empty());
}

TEST_CASE("what-if: a change that names something unknown is an error", "[whatif]") {
  model m = load(acme);
  auto errors = apply_changes(m, {change("remove-flow", "nope"), change("add-flow", "finance->ghost carries=prices"),
                                  change("add-flow", "finance->sales carries=secrets"), change("set", "ghost.staff=2")});
  REQUIRE(errors.size() == 4);
  CHECK(errors[0].find("no flow 'nope'") != std::string::npos);
  CHECK(errors[1].find("no unit 'ghost'") != std::string::npos);
  CHECK(errors[2].find("no artifact 'secrets'") != std::string::npos);
  CHECK(errors[3].find("no unit 'ghost'") != std::string::npos);
}

TEST_CASE("what-if: remove-flow uses the ids analyze showed, derived again afterwards", "[whatif]") {
  model m = load(R"({"orgflow": 1, "units": [{"id": "a"}, {"id": "b"}],
    "flows": [{"from": "a", "to": "b"}, {"from": "a", "to": "b"}, {"from": "a", "to": "b"}]})");
  REQUIRE(apply_changes(m, {change("remove-flow", "a->b#1"), change("remove-flow", "a->b#2")}).empty());
  REQUIRE(m.flows.size() == 1);
  CHECK(m.flows[0].id == "a->b#1");  // the former #3, renumbered
}

TEST_CASE("identity: a renumbered flow keeps its findings, the unchanged feedback gap is not new", "[whatif]") {
  // A support model: tier 1 hands tickets to tier 2, which tells tier 1
  // nothing back except over l2->l1. Removing l2->l1 leaves the other
  // direction's finding as it was and adds the new one.
  //   l1 ==ticket==> l2    l2 ==escalation==> l3    l3 --x--> l2 (manual) ; l3 --x--> l2 (manual)
  const model before = load(R"({"orgflow": 2, "units": [{"id": "l1", "name": "Tier 1 agents"}, {"id": "l2", "name": "Tier 2"},
                                                       {"id": "l3", "name": "Engineering"}],
    "artifacts": [{"id": "kb", "owner": "l3"}],
    "flows": [{"from": "l2", "to": "l1"}, {"from": "l3", "to": "l2", "carries": ["kb"], "manual": true},
              {"from": "l3", "to": "l2", "carries": ["kb"], "manual": true, "channel": "wiki"}],
    "handoffs": [{"from": "l1", "to": "l2", "item": "ticket"}, {"from": "l2", "to": "l3", "item": "escalation"}]})");
  model after = before;
  REQUIRE(apply_changes(after, {change("remove-flow", "l2->l1#1")}).empty());
  const analysis_result ra = analyze(before), rb = analyze(after);
  const comparison c = compare(before, ra, after, rb);
  REQUIRE(c.added.size() == 1);
  CHECK(c.added[0]->code == "GAP.NO_FEEDBACK");
  CHECK(std::get<std::string>(*c.added[0]->metric("from")) == "l1");
  // Without l2->l1, Tier 1 has no flow left: Tier 2 is no longer a cut unit of G.
  REQUIRE(c.resolved.size() == 1);
  CHECK(c.resolved[0]->code == "RISK.CUT_UNIT");
  // The manual flows renumber nothing here, but their identity is by ends,
  // carries and channel: both stay kept, neither reads as new.
  CHECK(std::count_if(c.kept.begin(), c.kept.end(),
                      [](const kept_finding& k) { return k.after->code == "FRICTION.MANUAL"; }) == 2);
}

TEST_CASE("identity: removing a sibling flow renumbers a generated id, and its finding stays kept", "[whatif]") {
  //   a --x--> b (#1, general)   a --x--> b (#2, manual): removing #1 makes the manual one #1
  const model before = load(R"({"orgflow": 2, "units": [{"id": "a"}, {"id": "b"}],
    "flows": [{"from": "a", "to": "b"}, {"from": "a", "to": "b", "manual": true}, {"from": "b", "to": "a"}]})");
  model after = before;
  REQUIRE(apply_changes(after, {change("remove-flow", "a->b#1")}).empty());
  const analysis_result ra = analyze(before), rb = analyze(after);
  REQUIRE(ra.findings.size() == 1);
  CHECK(*ra.findings[0].ref == "a->b#2");
  CHECK(*rb.findings[0].ref == "a->b#1");
  const comparison c = compare(before, ra, after, rb);
  CHECK(c.added.empty());
  CHECK(c.resolved.empty());
  CHECK(c.kept.size() == 1);
}

TEST_CASE("property: diff of a model with itself lists nothing", "[whatif][prop]") {
  rc::prop("diff A A is empty", [] {
    const model m = orgflow_test::random_model();
    auto reloaded = load_model(save_model(m), "a.json");
    RC_ASSERT(reloaded.ok());
    const analysis_result a = analyze(m), b = analyze(*reloaded.value);
    const comparison c = compare(m, a, *reloaded.value, b);
    RC_ASSERT(c.added.empty());
    RC_ASSERT(c.resolved.empty());
    RC_ASSERT(!c.changed());
    RC_ASSERT(c.needs.empty());
    RC_ASSERT(c.units.empty());
    for (const verdict_change& v : c.verdicts) RC_ASSERT(v.before == v.after);
  });
}

TEST_CASE("property: removing one flow lists exactly the findings whose identity appears or disappears",
          "[whatif][prop]") {
  rc::prop("resolved and added are the differences of the identity multisets", [] {
    const model m = orgflow_test::random_model();
    RC_PRE(!m.flows.empty());
    const std::size_t k = *rc::gen::inRange<std::size_t>(0, m.flows.size());
    model changed = m;
    RC_ASSERT(apply_changes(changed, {change("remove-flow", m.flows[k].id)}).empty());
    const analysis_result a = analyze(m), b = analyze(changed);
    const comparison c = compare(m, a, changed, b);
    const auto before = identity_counts(m, a), after = identity_counts(changed, b);
    std::map<finding_identity, int> gone, came;
    for (const auto& [id, n] : before) {
      const auto it = after.find(id);
      const int left = n - (it == after.end() ? 0 : it->second);
      if (left > 0) gone[id] = left;
    }
    for (const auto& [id, n] : after) {
      const auto it = before.find(id);
      const int extra = n - (it == before.end() ? 0 : it->second);
      if (extra > 0) came[id] = extra;
    }
    std::map<finding_identity, int> resolved, added;
    const auto old_ids = identities_of(m, a), new_ids = identities_of(changed, b);
    for (const finding* f : c.resolved) ++resolved[old_ids[static_cast<std::size_t>(f - a.findings.data())]];
    for (const finding* f : c.added) ++added[new_ids[static_cast<std::size_t>(f - b.findings.data())]];
    RC_ASSERT(resolved == gone);
    RC_ASSERT(added == came);
  });
}

TEST_CASE("property: a what-if written out and diffed gives the same resolved and new sets", "[whatif][prop]") {
  rc::prop("whatif == diff of the written model", [] {
    const model m = orgflow_test::random_model();
    model changed = m;
    std::vector<model_change> changes;
    const std::size_t u = *rc::gen::inRange<std::size_t>(0, m.units.size());
    std::size_t w = *rc::gen::inRange<std::size_t>(0, m.units.size() - 1);
    if (w >= u) ++w;
    changes.push_back(change("add-flow", m.units[u].id + "->" + m.units[w].id + " carries=*"));
    if (*rc::gen::arbitrary<bool>()) changes.push_back(change("set", m.units[u].id + ".staff=3"));
    RC_ASSERT(apply_changes(changed, changes).empty());
    const analysis_result a = analyze(m), b = analyze(changed);
    const comparison direct = compare(m, a, changed, b);
    auto reloaded = load_model(save_model(changed), "changed.json");
    RC_ASSERT(reloaded.ok());
    const analysis_result c = analyze(*reloaded.value);
    const comparison via_file = compare(m, a, *reloaded.value, c);
    RC_ASSERT(direct.resolved == via_file.resolved);
    RC_ASSERT(direct.added.size() == via_file.added.size());
  });
}

TEST_CASE("property: removing a unit never leaves a dangling reference", "[whatif][prop]") {
  rc::prop("the result validates", [] {
    model m = orgflow_test::random_model();
    RC_PRE(!m.units.empty());
    const std::size_t k = *rc::gen::inRange<std::size_t>(0, m.units.size());
    RC_ASSERT(apply_changes(m, {change("remove-unit", m.units[k].id)}).empty());
    const auto problems = validate_model(m);
    for (const auto& d : problems) RC_LOG() << d.to_string() << "\n";
    RC_ASSERT(problems.empty());
  });
}

// ------------------------------------------------------------ the plan

TEST_CASE("plan of the spec's example: the changes of cli.md, and the verdict after them", "[plan]") {
  const model m = load(acme);
  const analysis_result r = analyze(m);
  const diagnosis d = diagnose(m, r, query_for_symptom(m, 0));
  const auto p = make_plan(m, d);
  CHECK(p->changes == std::vector<std::string>{
                          "--add-flow 'finance->marketing carries=prices cadence=on-change'",
                          "--set-flow finance->sales#1.manual=false",
                          "--add-flow 'product->marketing carries=features cadence=on-change'",
                          // lambda = 20/w demand + 150/w leads = 170/w; 170 / 0.8 = 212.5
                          "--set sales.capacity=212.5/w",
                          "--add-flow 'product->sales carries=features cadence=on-change'"});
  CHECK(p->unremovable.empty());
  CHECK(p->after.causes.empty());
  CHECK(p->after.result == verdict::no_structural_cause);
  CHECK(shell_ready_change(p->changes[1]) == "--set-flow 'finance->sales#1.manual=false'");
  CHECK(shell_ready_change(p->changes[3]) == "--set sales.capacity=212.5/w");
}

TEST_CASE("plan: rework and a format nobody accepts are unremovable", "[plan]") {
  //   p <==> x (a loop)      o --a, pdf--> p where p accepts nothing
  const model m = load(R"({"orgflow": 2, "units": [{"id": "o"}, {"id": "p", "accepts": []}, {"id": "x"}],
    "artifacts": [{"id": "a", "owner": "o"}],
    "flows": [{"from": "o", "to": "p", "carries": ["a"], "format": "pdf"}, {"from": "p", "to": "o"}],
    "handoffs": [{"from": "p", "to": "x", "process": "w"}, {"from": "x", "to": "p", "process": "w"}],
    "needs": [{"unit": "p", "artifact": "a"}],
    "symptoms": [{"id": "s", "unit": "p", "description": "d"}]})");
  const analysis_result r = analyze(m);
  const diagnosis d = diagnose(m, r, query_for_symptom(m, 0));
  const auto p = make_plan(m, d);
  CHECK(p->changes.empty());
  REQUIRE(p->unremovable.size() == 2);
  CHECK(p->after.result == verdict::structural);
}

TEST_CASE("plan: a capacity is rounded up to hundredths in the period of the capacity", "[plan]") {
  //   lambda = 10/d + 7/w = 77/w = 0.458333/h; rho = 0.92; 0.458333 / 0.8 = 0.572917/h -> 0.58/hour
  const model m = load(R"({"orgflow": 2, "units": [{"id": "p", "capacity": "0.5/hour", "demand": "10/d"}, {"id": "x"}],
    "flows": [{"from": "p", "to": "x"}, {"from": "x", "to": "p"}],
    "handoffs": [{"from": "x", "to": "p", "volume": "7/w"}],
    "symptoms": [{"id": "s", "unit": "p", "description": "d"}]})");
  const analysis_result r = analyze(m);
  const diagnosis d = diagnose(m, r, query_for_symptom(m, 0));
  const auto p = make_plan(m, d);
  REQUIRE(p->changes.size() == 1);
  CHECK(p->changes[0] == "--set p.capacity=0.58/hour");
  CHECK(p->after.causes.empty());
}

TEST_CASE("property: the plan removes every cause it claims to remove", "[plan][prop]") {
  rc::prop("after the plan, no removable cause is a cause", [] {
    const model m = orgflow_test::random_model();
    const analysis_result r = analyze(m);
    for (std::size_t i = 0; i < m.symptoms.size(); ++i) {
      const diagnosis d = diagnose(m, r, query_for_symptom(m, i));
      const auto p = make_plan(m, d);
      RC_ASSERT(validate_model(p->changed).empty());
      const auto before_ids = identities_of(m, r);
      const auto after_ids = identities_of(p->changed, p->after_result);
      std::vector<finding_identity> still;
      for (const cause& c : p->after.causes)
        if (c.source->level != severity::info) still.push_back(after_ids[c.finding_index]);
      for (const cause& c : d.causes) {
        if (c.source->level == severity::info) continue;
        const bool unremovable = std::find(p->unremovable.begin(), p->unremovable.end(), c.finding_index + 1) !=
                                 p->unremovable.end();
        const bool stays =
            std::find(still.begin(), still.end(), before_ids[c.finding_index]) != still.end();
        if (!unremovable) RC_ASSERT(!stays);
      }
      // Every unremovable cause is a loop or a format nobody accepts.
      for (std::size_t n : p->unremovable) {
        const std::string& code = r.findings[n - 1].code;
        RC_ASSERT(code == "PROCESS.LOOP" || code == "FRICTION.FORMAT");
      }
    }
  });
}
