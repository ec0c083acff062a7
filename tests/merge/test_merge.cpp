// merge_models (orgflow/merge.hpp): properties on generated models (a model
// merged with itself, the order of inputs, --prefer first) and examples of
// each rule (aliases, agreeing quantities, lists as sets, identical flows
// once, provenance, a result that breaks a rule).
#include <catch2/catch.hpp>
#include <rapidcheck.h>
#include <rapidcheck/catch.h>

#include <algorithm>

#include <nlohmann/json.hpp>

#include "orgflow/merge.hpp"
#include "orgflow/model_schema.hpp"
#include "support/rich_model.hpp"

using namespace orgflow;
using namespace orgflow_test;

namespace {

using json = nlohmann::json;

json json_of(const model& m) { return json::parse(save_model(m)); }

// The model as a JSON value without provenance (x-source anywhere).
json without_source(json j) {
  j.erase("x-source");
  for (auto& [k, v] : j.items())
    if (v.is_array())
      for (auto& e : v)
        if (e.is_object()) e.erase("x-source");
  return j;
}

// Without provenance, with lists sorted and arrays sorted: the same elements
// in any order (what the order of inputs may change).
json as_sets(json j) {
  j = without_source(std::move(j));
  for (auto& [k, v] : j.items()) {
    if (!v.is_array()) continue;
    for (auto& e : v)
      if (e.is_object())
        for (auto& [mk, mv] : e.items())
          if (mv.is_array() && std::all_of(mv.begin(), mv.end(), [](const json& x) { return x.is_string(); }))
            std::sort(mv.begin(), mv.end());
    std::vector<std::string> dumped;
    for (const auto& e : v) dumped.push_back(e.dump());
    std::sort(dumped.begin(), dumped.end());
    v = json::array();
    for (const auto& d : dumped) v.push_back(json::parse(d));
  }
  return j;
}

merge_result merge(const std::vector<std::pair<std::string, model>>& inputs, bool prefer_first = false,
                   const unit_aliases& aliases = {}) {
  std::vector<merge_input> in;
  for (const auto& [label, m] : inputs) in.push_back({label, m});
  merge_options o;
  o.prefer_first = prefer_first;
  return merge_models(in, aliases, o);
}

model parse(const std::string& text) {
  load_result r = load_model(text, "test.json");
  std::string all;
  for (const auto& d : r.diagnostics) all += d.to_string() + "\n";
  INFO(all);
  REQUIRE(r.ok());
  return *r.value;
}

std::string joined(const std::vector<diagnostic>& ds) {
  std::string out;
  for (const auto& d : ds) out += d.to_string() + "\n";
  return out;
}

// A second view of the same organization: some elements and optional
// members of `a` left out, one unit and a few flows added. Merging it with
// `a` has no conflict.
model partial_view(const model& a) {
  model b = a;
  b.extras = {};
  for (unit& u : b.units) {
    if (*rc::gen::inRange(0, 2) == 0) u.name.reset();
    if (*rc::gen::inRange(0, 2) == 0) u.capacity.reset(), u.staff.reset(), u.demand.reset();
    u.extras = {};
  }
  const auto keep_some = [](auto& items) {
    std::vector<typename std::decay_t<decltype(items)>::value_type> kept;
    for (auto& x : items)
      if (*rc::gen::inRange(0, 3) > 0) kept.push_back(x);
    items = kept;
  };
  keep_some(b.flows);
  keep_some(b.handoffs);
  keep_some(b.needs);
  keep_some(b.symptoms);
  keep_some(b.accepted);
  b.has_accepted = !b.accepted.empty();
  unit extra;
  extra.id = "only-in-b";
  extra.name = "Only in B";
  b.units.push_back(extra);
  const int n = *rc::gen::inRange(0, 4);
  for (int i = 0; i < n; ++i) {
    flow f;
    f.from = "only-in-b";
    f.to = b.units[static_cast<std::size_t>(*rc::gen::inRange<int>(0, static_cast<int>(a.units.size())))].id;
    f.channel = "chat " + std::to_string(*rc::gen::inRange(0, 2));
    f.id_generated = true;
    b.flows.push_back(f);
  }
  assign_generated_ids(b);
  return b;
}

}  // namespace

TEST_CASE("merging a model with itself changes nothing but x-source", "[merge][prop]") {
  rc::prop("merge(m, m) == m without provenance", [] {
    const model generated = rich_model();
    RC_PRE(validate_model(generated).empty());
    const model m = as_loaded(generated);
    const merge_result r = merge({{"a.json", m}, {"copy.json", m}});
    RC_ASSERT(r.conflicts.empty());
    RC_ASSERT(r.diagnostics.empty());
    RC_ASSERT(without_source(json_of(*r.value)) == without_source(json_of(m)));
    // One input alone changes nothing but x-source either.
    const merge_result one = merge({{"a.json", m}});
    RC_ASSERT(without_source(json_of(*one.value)) == without_source(json_of(m)));
  });
}

TEST_CASE("the order of inputs changes nothing but provenance and the order of elements", "[merge][prop]") {
  rc::prop("merge(a, b) and merge(b, a) hold the same elements", [] {
    const model generated = rich_model();
    RC_PRE(validate_model(generated).empty());
    const model a = as_loaded(generated);
    const model view = partial_view(a);
    RC_PRE(validate_model(view).empty());
    const model b = as_loaded(view);
    const merge_result ab = merge({{"a.json", a}, {"b.json", b}});
    const merge_result ba = merge({{"b.json", b}, {"a.json", a}});
    RC_ASSERT(ab.conflicts.empty());
    RC_ASSERT(ba.conflicts.empty());
    RC_ASSERT(ab.value.has_value());
    RC_ASSERT(ba.value.has_value());
    json x = as_sets(json_of(*ab.value)), y = as_sets(json_of(*ba.value));
    x.erase("name");  // the first input's name
    y.erase("name");
    RC_ASSERT(x == y);
    // Every unit of both inputs is there once.
    RC_ASSERT(ab.value->units.size() == a.units.size() + 1);
  });
}

TEST_CASE("with --prefer first the first input's value wins a conflict, without it nothing is merged", "[merge][prop]") {
  rc::prop("the winner of a conflict follows the order of inputs", [] {
    const model generated = rich_model();
    RC_PRE(validate_model(generated).empty());
    const model a = as_loaded(generated);
    model b = a;
    const auto i = static_cast<std::size_t>(*rc::gen::inRange<int>(0, static_cast<int>(a.units.size())));
    b.units[i].name = a.units[i].display_name() + " (as B calls it)";
    const merge_result strict = merge({{"a.json", a}, {"b.json", b}});
    RC_ASSERT(!strict.value.has_value());
    RC_ASSERT(strict.conflicts.size() == 1u);
    RC_ASSERT(strict.conflicts[0].file == "b.json");
    RC_ASSERT(strict.conflicts[0].pointer == "/units/" + std::to_string(i) + "/name");
    RC_ASSERT(strict.conflicts[0].message.find("a.json:/units/" + std::to_string(i) + "/name") != std::string::npos);
    const merge_result ab = merge({{"a.json", a}, {"b.json", b}}, /*prefer_first=*/true);
    const merge_result ba = merge({{"b.json", b}, {"a.json", a}}, /*prefer_first=*/true);
    RC_ASSERT(ab.value->units[i].name == a.units[i].display_name());
    RC_ASSERT(ba.value->units[i].name == b.units[i].name);
    RC_ASSERT(ba.conflicts.size() == 1u);
  });
}

TEST_CASE("aliases map ids onto units, every member that names a unit follows, and loops are dropped", "[merge]") {
  // Two lanes of the BPMN model are one department; the mail import numbers
  // departments.
  const model bpmn = parse(R"j({"orgflow": 2, "name": "Order process (BPMN)", "units": [
      {"id": "Lane_Front"}, {"id": "Lane_Sales", "name": "Sales Dept."}, {"id": "Lane_Stock", "name": "Warehouse"}],
    "handoffs": [{"from": "Lane_Front", "to": "Lane_Sales", "process": "order"},
                 {"from": "Lane_Sales", "to": "Lane_Stock", "process": "order", "wait": "1d"}]})j");
  const model mail = parse(R"j({"orgflow": 2, "units": [{"id": "17", "members": 12}, {"id": "4", "members": 8},
      {"id": "9", "members": 6}],
    "flows": [{"from": "17", "to": "4", "x-occurrences": 30}, {"from": "9", "to": "17"}, {"from": "4", "to": "9"}]})j");
  unit_aliases aliases;
  aliases.entries = {{"Lane_Front", "sales", "aliases.csv:2"}, {"Lane_Sales", "sales", "aliases.csv:3"},
                     {"17", "sales", "aliases.csv:4"},         {"Lane_Stock", "stock", "aliases.csv:5"},
                     {"4", "stock", "aliases.csv:6"},          {"99", "nobody", "aliases.csv:7"}};
  const merge_result r = merge({{"bpmn.json", bpmn}, {"mail.json", mail}}, false, aliases);
  INFO(joined(r.conflicts) << joined(r.diagnostics));
  REQUIRE(r.value);
  const model& m = *r.value;
  REQUIRE(m.units.size() == 3);
  CHECK(m.units[0].id == "sales");
  CHECK(*m.units[0].name == "Sales Dept.");
  CHECK(*m.units[0].members == 12);
  CHECK(m.units[1].id == "stock");
  CHECK(*m.units[1].members == 8);
  CHECK(m.units[2].id == "9");
  REQUIRE(m.handoffs.size() == 1);
  CHECK(m.handoffs[0].from == "sales");
  CHECK(m.handoffs[0].to == "stock");
  REQUIRE(m.flows.size() == 3);
  CHECK(m.flows[1].from == "9");
  CHECK(m.flows[1].to == "sales");
  CHECK(*m.name == "Order process (BPMN)");
  const std::vector<std::string> want = {
      "merged 2 models: 3 units, 3 flows and 1 handoff",
      "found in more than one model and merged: 2 units",
      "dropped because aliases made them go from a unit to itself: 1 handoff",
      "aliases.csv:7: warning: the alias \"99\" names no unit of the models",
      "aliases: 5 unit ids mapped onto other units"};
  CHECK(r.summary == want);
}

TEST_CASE("members agree as values: durations by length, rates by value, lists as sets", "[merge]") {
  const model a = parse(R"j({"orgflow": 2, "units": [{"id": "x", "accepts": ["csv"], "capacity": "7/w"}, {"id": "y"}],
    "artifacts": [{"id": "p", "owner": "x", "changes": "7d", "max_age": "P1D"}]})j");
  const model b = parse(R"j({"orgflow": 2, "units": [{"id": "x", "accepts": ["pdf", "csv"], "capacity": "1/d", "staff": 2}],
    "artifacts": [{"id": "p", "owner": "x", "changes": "1w", "max_age": "24h", "format": "xlsx"}]})j");
  const merge_result r = merge({{"a.json", a}, {"b.json", b}});
  INFO(joined(r.conflicts));
  REQUIRE(r.value);
  const unit& x = r.value->units[0];
  CHECK(*x.accepts == std::vector<std::string>{"csv", "pdf"});
  CHECK(x.capacity->text == "7/w");  // the first text of an agreeing value is kept
  CHECK(*x.staff == 2);              // a member given once is taken
  CHECK(r.value->artifacts[0].changes->text == "7d");
  CHECK(*r.value->artifacts[0].format == "xlsx");
}

TEST_CASE("a flow that carries everything conflicts with one that carries a list", "[merge]") {
  const model a = parse(R"j({"orgflow": 2, "units": [{"id": "x"}, {"id": "y"}], "artifacts": [{"id": "p", "owner": "x"}],
    "flows": [{"id": "f", "from": "x", "to": "y", "carries": ["*"]}]})j");
  const model b = parse(R"j({"orgflow": 2, "units": [{"id": "x"}, {"id": "y"}], "artifacts": [{"id": "p", "owner": "x"}],
    "flows": [{"id": "f", "from": "x", "to": "y", "carries": ["p"]}]})j");
  const merge_result r = merge({{"a.json", a}, {"b.json", b}});
  REQUIRE(r.conflicts.size() == 1);
  CHECK(r.conflicts[0].to_string() ==
        "b.json:/flows/0/carries: flow \"f\": \"carries\" is [\"p\"] here, but [\"*\"] in a.json:/flows/0/carries "
        "(make them agree, or merge with --prefer first to keep the first)");
}

TEST_CASE("identical flows, handoffs, needs and accepted findings are listed once, and counted", "[merge]") {
  const std::string text = R"j({"orgflow": 2, "units": [{"id": "x"}, {"id": "y"}], "artifacts": [{"id": "p", "owner": "x"}],
    "flows": [{"from": "x", "to": "y", "cadence": "weekly"}, {"from": "x", "to": "y", "cadence": "weekly"}],
    "handoffs": [{"from": "x", "to": "y", "wait": "2d"}],
    "needs": [{"unit": "y", "artifact": "p"}],
    "accepted": [{"code": "GAP.ISOLATED", "units": ["y", "x"], "reason": "r"}]})j";
  const model a = parse(text);
  model b = parse(R"j({"orgflow": 2, "units": [{"id": "x"}, {"id": "y"}], "artifacts": [{"id": "p", "owner": "x"}],
    "flows": [{"from": "x", "to": "y", "cadence": "7d"}, {"from": "x", "to": "y", "cadence": "daily"}],
    "handoffs": [{"from": "x", "to": "y", "wait": "48h"}],
    "needs": [{"unit": "y", "artifact": "p", "purpose": "plans"}],
    "accepted": [{"code": "GAP.ISOLATED", "units": ["x", "y"], "reason": "r"}]})j");
  const merge_result r = merge({{"a.json", a}, {"b.json", b}});
  INFO(joined(r.conflicts) << joined(r.diagnostics));
  REQUIRE(r.value);
  CHECK(r.value->flows.size() == 3);  // two weekly ones in a, one of them also in b; the daily one
  CHECK(r.value->handoffs.size() == 1);
  CHECK(r.value->needs.size() == 1);
  CHECK(*r.value->needs[0].purpose == "plans");
  CHECK(r.value->accepted.size() == 1);
  CHECK(r.summary[1] == "found in more than one model and merged: 2 units, 1 artifact and 1 need");
  CHECK(r.summary[2] == "identical in more than one model and listed once: 1 flow, 1 handoff and 1 accepted finding");
}

TEST_CASE("an element found in three models is counted once", "[merge]") {
  const model a = parse(R"j({"orgflow": 2, "units": [{"id": "x"}, {"id": "y"}], "artifacts": [{"id": "p", "owner": "x"}],
    "flows": [{"from": "x", "to": "y", "cadence": "weekly"}, {"from": "x", "to": "y", "cadence": "weekly"}],
    "needs": [{"unit": "y", "artifact": "p"}]})j");
  const merge_result r = merge({{"a.json", a}, {"b.json", a}, {"c.json", a}});
  INFO(joined(r.conflicts) << joined(r.diagnostics));
  REQUIRE(r.value);
  CHECK(r.value->flows.size() == 2);  // the two identical flows of one model stay two
  CHECK(r.summary[0] == "merged 3 models: 2 units, 1 artifact, 2 flows and 1 need");
  CHECK(r.summary[1] == "found in more than one model and merged: 2 units, 1 artifact and 1 need");
  CHECK(r.summary[2] == "identical in more than one model and listed once: 2 flows");
}

TEST_CASE("every element says where it came from, keeping provenance it already had", "[merge]") {
  const model a = parse(R"j({"orgflow": 2, "x-source": "Interviews, March", "units": [{"id": "x", "x-source": "lane L1"},
    {"id": "y"}]})j");
  const model b = parse(R"j({"orgflow": 2, "units": [{"id": "x"}, {"id": "z", "x-source": ["s1", "s2"]}]})j");
  const merge_result r = merge({{"a.json", a}, {"b.json", b}});
  REQUIRE(r.value);
  const json j = json_of(*r.value);
  CHECK(j["x-source"] == json::array({"Interviews, March", "b.json"}));
  CHECK(j["units"][0]["x-source"] == json::array({"lane L1", "b.json"}));
  CHECK(j["units"][1]["x-source"] == json::array({"a.json"}));
  CHECK(j["units"][2]["x-source"] == json::array({"s1", "s2"}));
}

TEST_CASE("a merged model that breaks a rule is reported, not written", "[merge]") {
  const model a = parse(R"j({"orgflow": 2, "units": [{"id": "x", "group": "y"}, {"id": "y"}]})j");
  const model b = parse(R"j({"orgflow": 2, "units": [{"id": "y", "group": "x"}, {"id": "x"}]})j");
  const merge_result r = merge({{"a.json", a}, {"b.json", b}});
  CHECK(r.conflicts.empty());
  CHECK_FALSE(r.value);
  REQUIRE(r.diagnostics.size() == 1);
  CHECK(r.diagnostics[0].to_string() ==
        "the merged model:/units/0/group: groups form a cycle: x -> y -> x (a unit cannot be inside itself: remove "
        "one \"group\" of the cycle)");
}
