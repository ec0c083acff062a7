// Tests of load_model(), save_model(), validate_model() and
// assign_generated_ids(): one failing model per rule of model-format.md
// (asserting the JSON pointer and the sentence), syntax errors at
// line:column, repeated members, x- members kept in place, generated ids, and
// the writer's layout.
#include <catch2/catch.hpp>

#include "orgflow/io.hpp"
#include "support/shared_data.hpp"

#include <string>
#include <vector>

#include "orgflow/model.hpp"
#include "orgflow/quantity.hpp"

using namespace orgflow;
using lines = std::vector<std::string>;

namespace {

// Every diagnostic of loading `json` as m.json, as the user sees it.
lines problems(const std::string& json) {
  const load_result r = load_model(json, "m.json");
  lines out;
  for (const auto& d : r.diagnostics) out.push_back(d.to_string());
  CHECK(r.ok() == out.empty());
  return out;
}

// Units a, b, c and artifact f (owned by a), plus `more` members.
std::string with(const std::string& more) {
  return R"({"orgflow": 1, "units": [{"id": "a"}, {"id": "b"}, {"id": "c"}], "artifacts": [{"id": "f", "owner": "a"}])" +
         more + "}";
}

model load_ok(const std::string& json) {
  const load_result r = load_model(json, "m.json");
  for (const auto& d : r.diagnostics) FAIL_CHECK(d.to_string());
  REQUIRE(r.ok());
  return *r.value;
}

}  // namespace

TEST_CASE("the example of the spec loads", "[load]") {
  // The example of model-format.md, as the spec prints it.
  const std::string example = read_file(orgflow_test::source_dir() + "/tests/data/spec-example.json");
  const model m = load_ok(example);
  CHECK(m.display_name() == "Acme lead pipeline");
  REQUIRE(m.units.size() == 5);
  CHECK(m.units[0].group == std::optional<std::string>("rnd"));
  CHECK(m.units[3].staff_or_default() == 4);
  CHECK(m.units[2].staff_or_default() == 1);
  CHECK(m.units[4].kind_or_default() == unit_kind::department);
  CHECK(m.units[4].capacity->per_hour() == 120.0 / 168.0);
  CHECK(m.units[1].display_name() == "R&D division");
  CHECK(m.artifacts[0].changes->ms == 14 * ms_per_day);
  REQUIRE(m.flows.size() == 3);
  CHECK(m.flows[0].id == "product->sales#1");
  CHECK(m.flows[0].id_generated);
  CHECK(m.flows[0].cadence_ms() == 91 * ms_per_day);
  CHECK(m.flows[1].latency_ms() == 2 * ms_per_day);
  CHECK(m.flows[2].id == "finance->sales#1");
  CHECK(m.flows[2].is_manual());
  CHECK(m.flows[2].cadence->on_change());
  CHECK(m.flows[0].reliability_or_default() == 1.0);
  CHECK(m.flows[0].carries_artifact("features"));
  CHECK_FALSE(m.flows[0].carries_artifact("prices"));
  CHECK(m.handoffs[0].id == "marketing->sales#1");
  CHECK(m.handoffs[0].wait_ms() == 3 * ms_per_day);
  CHECK(m.needs.size() == 2);
  CHECK(m.find_unit("sales") == std::optional<std::size_t>(4));
  CHECK(m.find_unit("Sales") == std::nullopt);
  CHECK(m.find_artifact("prices") == std::optional<std::size_t>(1));
  CHECK(m.find_symptom("lead-quality") == std::optional<std::size_t>(0));
  CHECK(m.extras.order == lines{"orgflow", "name", "units", "artifacts", "flows", "handoffs", "needs", "symptoms"});
  // Saving and loading again gives an equal model, and saving is idempotent.
  const std::string saved = save_model(m);
  const model again = load_ok(saved);
  CHECK(again == m);
  CHECK(save_model(again) == saved);
  CHECK(validate_model(m).empty());
}

TEST_CASE("the spec's message for a bad duration", "[load]") {
  CHECK(problems(with(R"(, "flows": [{"from": "a", "to": "b"}, {"from": "a", "to": "c"}, {"from": "b", "to": "c"},
                           {"from": "c", "to": "a", "latency": "2 days"}])")) ==
        lines{"m.json:/flows/3/latency: \"2 days\" is not a duration (write 2d or P2D)"});
}

TEST_CASE("orgflow must be the JSON integer 1 or 2", "[load]") {
  CHECK(problems(R"({"units": []})") ==
        lines{"m.json:/orgflow: the model has no \"orgflow\" member (add \"orgflow\": 2, the format version)"});
  CHECK(problems(R"({"orgflow": 1.0, "units": []})") ==
        lines{"m.json:/orgflow: \"orgflow\" must be the JSON integer 1 or 2 (write 1, not 1.0)"});
  CHECK(problems(R"({"orgflow": 2, "units": []})").empty());
  CHECK(problems(R"({"orgflow": 3, "units": []})") ==
        lines{"m.json:/orgflow: this is format version 3, but orgflow reads versions 1 and 2 (write \"orgflow\": 2 "
              "for a model in the format of docs/model-format.md)"});
  CHECK(problems(R"({"orgflow": "1", "units": []})") ==
        lines{"m.json:/orgflow: \"orgflow\" must be the JSON integer 1 or 2, not a string"});
  CHECK(problems(R"({"orgflow": true, "units": []})") ==
        lines{"m.json:/orgflow: \"orgflow\" must be the JSON integer 1 or 2, not true or false"});
  CHECK(problems(R"({"orgflow": 1})") ==
        lines{"m.json:/units: the model has no \"units\" member (add \"units\": [...], the list of units)"});
  CHECK(problems(R"([1])") ==
        lines{"m.json: the model must be a JSON object ({\"orgflow\": 2, \"units\": [...]}), not an array"});
  // The other arrays may be absent.
  CHECK(problems(R"({"orgflow": 1, "units": []})").empty());
}

TEST_CASE("unknown members are errors unless they start with x-", "[load]") {
  CHECK(problems(R"({"orgflow": 1, "units": [{"id": "a", "colour": "red", "x-colour": "red"}], "x-team": {"a": 1}})") ==
        lines{"m.json:/units/0/colour: unknown member \"colour\" in a unit (check the spelling; names of members for "
              "other tools must start with x-)"});
  CHECK(problems(with(R"(, "flow": [])")) ==
        lines{"m.json:/flow: unknown member \"flow\" in the model (check the spelling; names of members for other "
              "tools must start with x-)"});
  // Members are case-sensitive, and a member of one object is unknown in another.
  CHECK(problems(with(R"(, "needs": [{"unit": "a", "artifact": "f", "Purpose": "x", "owner": "a"}])")).size() == 2);
}

TEST_CASE("ids: syntax, length, uniqueness", "[load]") {
  CHECK(problems(R"({"orgflow": 1, "units": [{"id": "a b"}]})") ==
        lines{"m.json:/units/0/id: \"a b\" is not a valid id: spaces are not allowed (use - or _) (an id is "
              "letters, digits and _ . : -, starting with a letter or digit)"});
  CHECK(problems(R"({"orgflow": 1, "units": [{"id": "-a"}]})") ==
        lines{"m.json:/units/0/id: \"-a\" is not a valid id: it must start with a letter or a digit (an id is "
              "letters, digits and _ . : -, starting with a letter or digit)"});
  CHECK(problems(R"({"orgflow": 1, "units": [{"id": ""}]})") ==
        lines{"m.json:/units/0/id: the id is empty (write an id such as \"sales\": letters, digits and _ . : -)"});
  CHECK(problems(R"({"orgflow": 1, "units": [{"id": "caf\u00e9"}]})").size() == 1);
  CHECK(problems(R"({"orgflow": 1, "units": [{"id": 7}]})") ==
        lines{"m.json:/units/0/id: \"id\" must be a string id such as \"sales\", not a number"});
  const std::string id128(128, 'x');
  CHECK(problems(R"({"orgflow": 1, "units": [{"id": ")" + id128 + R"("}]})").empty());
  CHECK(problems(R"({"orgflow": 1, "units": [{"id": ")" + id128 + R"(y"}]})") ==
        lines{"m.json:/units/0/id: the id is 129 characters long (an id has at most 128: shorten it)"});
  // Every allowed character; ids are case-sensitive, so A and a differ.
  CHECK(problems(R"({"orgflow": 1, "units": [{"id": "0aZ_.:-9"}, {"id": "A"}, {"id": "a"}]})").empty());
  // A duplicate is reported at its second occurrence; namespaces are separate.
  CHECK(problems(R"({"orgflow": 1, "units": [{"id": "a"}, {"id": "b"}, {"id": "a"}],
                     "artifacts": [{"id": "a", "owner": "a"}], "symptoms": [{"id": "a", "unit": "a", "description": "d"}]})") ==
        lines{"m.json:/units/2/id: duplicate unit id \"a\" (the first is at /units/0/id; ids must be unique among "
              "units: rename one of them)"});
  CHECK(problems(with(R"(, "flows": [{"id": "x", "from": "a", "to": "b"}, {"id": "x", "from": "b", "to": "a"}],
                          "handoffs": [{"id": "x", "from": "a", "to": "b"}])")) ==
        lines{"m.json:/flows/1/id: duplicate flow id \"x\" (the first is at /flows/0/id; ids must be unique among "
              "flows: rename one of them)"});
}

TEST_CASE("an invalid id is reported once, not again at its references", "[load]") {
  CHECK(problems(R"({"orgflow": 1, "units": [{"id": "a b"}, {"id": "c", "group": "a b"}],
                     "flows": [{"from": "a b", "to": "c"}]})") ==
        lines{"m.json:/units/0/id: \"a b\" is not a valid id: spaces are not allowed (use - or _) (an id is "
              "letters, digits and _ . : -, starting with a letter or digit)"});
}

TEST_CASE("unknown references name the referrer and the unknown id", "[load]") {
  CHECK(problems(R"({"orgflow": 1, "units": [{"id": "a", "group": "rnd"}]})") ==
        lines{"m.json:/units/0/group: unit \"a\" refers to unknown unit \"rnd\" (add a unit with this id, or "
              "correct the reference)"});
  CHECK(problems(R"({"orgflow": 1, "units": [{"id": "a"}], "artifacts": [{"id": "f", "owner": "A"}]})") ==
        lines{"m.json:/artifacts/0/owner: artifact \"f\" refers to unknown unit \"A\" (did you mean \"a\"? ids are "
              "case-sensitive)"});
  CHECK(problems(with(R"(, "flows": [{"from": "a", "to": "zz", "carries": ["f", "g"]}, {"id": "f1", "from": "q", "to": "a"}])")) ==
        lines{"m.json:/flows/0/to: flow a->zz#1 refers to unknown unit \"zz\" (add a unit with this id, or correct "
              "the reference)",
              "m.json:/flows/0/carries/1: flow a->zz#1 refers to unknown artifact \"g\" (add an artifact with this id, "
              "or correct the reference)",
              "m.json:/flows/1/from: flow \"f1\" refers to unknown unit \"q\" (add a unit with this id, or correct the "
              "reference)"});
  CHECK(problems(with(R"(, "handoffs": [{"from": "a", "to": "b", "context": ["f", "*"]}])")) ==
        lines{"m.json:/handoffs/0/context/1: \"*\" means everything only in a flow's \"carries\" (list the artifact "
              "ids here)"});
  CHECK(problems(with(R"(, "needs": [{"unit": "b", "artifact": "g"}])")) ==
        lines{"m.json:/needs/0/artifact: the need of \"b\" for \"g\" refers to unknown artifact \"g\" (add an "
              "artifact with this id, or correct the reference)"});
  CHECK(problems(with(R"(, "symptoms": [{"id": "s", "unit": "d", "description": "x", "artifacts": ["h"]}])")) ==
        lines{"m.json:/symptoms/0/unit: symptom \"s\" refers to unknown unit \"d\" (add a unit with this id, or "
              "correct the reference)",
              "m.json:/symptoms/0/artifacts/0: symptom \"s\" refers to unknown artifact \"h\" (add an artifact with "
              "this id, or correct the reference)"});
  // References may point forward, and to the first of duplicate ids.
  CHECK(problems(R"({"orgflow": 1, "units": [{"id": "a", "group": "z"}, {"id": "z"}]})").empty());
}

TEST_CASE("group cycles: one error per cycle at its first unit", "[load]") {
  CHECK(problems(R"({"orgflow": 1, "units": [{"id": "a", "group": "b"}, {"id": "b", "group": "a"}]})") ==
        lines{"m.json:/units/0/group: groups form a cycle: a -> b -> a (a unit cannot be inside itself: remove one "
              "\"group\" of the cycle)"});
  // A unit that is its own group is a cycle of one.
  CHECK(problems(R"({"orgflow": 1, "units": [{"id": "a", "group": "a"}]})") ==
        lines{"m.json:/units/0/group: groups form a cycle: a -> a (a unit cannot be inside itself: remove one "
              "\"group\" of the cycle)"});
  // c leads into the cycle but is not part of it; the cycle starts at its
  // first unit in file order (b, not d); a second cycle gets its own error.
  CHECK(problems(R"({"orgflow": 1, "units": [{"id": "c", "group": "d"}, {"id": "b", "group": "e"},
                     {"id": "d", "group": "b"}, {"id": "e", "group": "d"}, {"id": "x", "group": "y"}, {"id": "y", "group": "x"}]})") ==
        lines{"m.json:/units/1/group: groups form a cycle: b -> e -> d -> b (a unit cannot be inside itself: remove "
              "one \"group\" of the cycle)",
              "m.json:/units/4/group: groups form a cycle: x -> y -> x (a unit cannot be inside itself: remove one "
              "\"group\" of the cycle)"});
  // Nesting without a cycle is fine.
  CHECK(problems(R"({"orgflow": 1, "units": [{"id": "a", "group": "b"}, {"id": "b", "group": "c"}, {"id": "c"}]})").empty());
}

TEST_CASE("from equal to to is reported at to", "[load]") {
  CHECK(problems(with(R"(, "flows": [{"from": "a", "to": "a"}])")) ==
        lines{"m.json:/flows/0/to: \"to\" is the same unit as \"from\" (\"a\"): a flow goes from one unit to another "
              "(remove it or change \"to\")"});
  CHECK(problems(with(R"(, "handoffs": [{"to": "b", "from": "b"}])")) ==
        lines{"m.json:/handoffs/0/to: \"to\" is the same unit as \"from\" (\"b\"): a handoff goes from one unit to "
              "another (remove it or change \"to\")"});
}

TEST_CASE("carries: * alone, repeated entries ignored", "[load]") {
  CHECK(problems(with(R"(, "flows": [{"from": "a", "to": "b", "carries": ["f", "*"]}])")) ==
        lines{"m.json:/flows/0/carries: \"*\" (everything the sender knows) must be the only entry of \"carries\" "
              "(remove the other entries, or the \"*\")"});
  const model m = load_ok(with(R"(, "flows": [{"from": "a", "to": "b", "carries": ["*", "*"]},
                                    {"from": "a", "to": "c", "carries": ["f", "f"]}, {"from": "b", "to": "c", "carries": []}],
                                    "handoffs": [{"from": "a", "to": "b", "context": ["f", "f"]}])"));
  CHECK(m.flows[0].carries_all());
  CHECK(m.flows[0].carries_artifact("anything"));
  CHECK(*m.flows[1].carries == lines{"f"});
  CHECK(*m.handoffs[0].context == lines{"f"});
  CHECK(m.flows[2].carries->empty());
  CHECK_FALSE(m.flows[2].carries_artifact("f"));
}

TEST_CASE("integers, booleans, null and numbers", "[load]") {
  CHECK(problems(R"({"orgflow": 1, "units": [{"id": "a", "staff": 2.0}]})") ==
        lines{"m.json:/units/0/staff: \"staff\" must be a JSON integer (write 2, not 2.0)"});
  CHECK(problems(R"({"orgflow": 1, "units": [{"id": "a", "staff": 2.5}]})") ==
        lines{"m.json:/units/0/staff: \"staff\" must be a whole number, not 2.5 (the number of parallel workers, 1 or more)"});
  CHECK(problems(R"({"orgflow": 1, "units": [{"id": "a", "staff": 1e300}]})") ==
        lines{"m.json:/units/0/staff: \"staff\" must be a whole number, not 1e300 (the number of parallel workers, 1 or more)"});
  CHECK(problems(R"({"orgflow": 1, "units": [{"id": "a", "staff": true}]})") ==
        lines{"m.json:/units/0/staff: \"staff\" must be an integer, not true or false"});
  CHECK(problems(R"({"orgflow": 1, "units": [{"id": "a", "staff": 0}]})") ==
        lines{"m.json:/units/0/staff: \"staff\" must be at least 1, not 0 (the number of parallel workers, 1 or more)"});
  CHECK(problems(R"({"orgflow": 1, "units": [{"id": "a", "staff": "2"}]})") ==
        lines{"m.json:/units/0/staff: \"staff\" must be an integer, not a string"});
  CHECK(problems(R"({"orgflow": 1, "units": [{"id": "a", "members": -1}]})") ==
        lines{"m.json:/units/0/members: \"members\" must be at least 0, not -1 (the head count, 0 or more)"});
  CHECK(problems(R"({"orgflow": 1, "units": [{"id": "a", "members": 18446744073709551615}]})") ==
        lines{"m.json:/units/0/members: \"members\" is too large (the head count, 0 or more)"});
  CHECK(problems(R"({"orgflow": 1, "units": [{"id": "a", "members": 99999999999999999999999}]})") ==
        lines{"m.json:/units/0/members: \"members\" is too large (the head count, 0 or more)"});
  CHECK(load_ok(R"({"orgflow": 1, "units": [{"id": "a", "members": 0, "staff": 1}]})").units[0].members == 0);
  CHECK(problems(with(R"(, "flows": [{"from": "a", "to": "b", "manual": 1}])")) ==
        lines{"m.json:/flows/0/manual: \"manual\" must be true or false, not a number"});
  CHECK(problems(with(R"(, "flows": [{"from": "a", "to": "b", "reliability": true}])")) ==
        lines{"m.json:/flows/0/reliability: \"reliability\" must be a number in (0, 1], not true or false"});
  CHECK(problems(R"({"orgflow": 1, "name": null, "units": [{"id": "a", "accepts": ["csv", null]}]})") ==
        lines{"m.json:/name: null is not allowed (leave the member \"name\" out instead)",
              "m.json:/units/0/accepts/1: null is not allowed in \"accepts\" (remove the entry)"});
  CHECK(problems(R"({"orgflow": 1, "units": [], "x-note": {"a": null}})") ==
        lines{"m.json:/x-note/a: null is not allowed, not even in x- members (leave the value out)"});
  CHECK(problems(R"({"orgflow": 1, "name": 3, "units": {}})") ==
        lines{"m.json:/name: \"name\" must be a string, not a number",
              "m.json:/units: \"units\" must be an array of units ([{...}, ...]), not an object"});
  CHECK(problems(R"({"orgflow": 1, "units": ["a"]})") ==
        lines{"m.json:/units/0: each unit must be a JSON object ({\"...\": ...}), not a string"});
  CHECK(problems(R"({"orgflow": 1, "units": [{"id": "a", "accepts": "csv"}]})") ==
        lines{"m.json:/units/0/accepts: \"accepts\" must be an array of strings ([\"...\", ...]), not a string"});
}

TEST_CASE("reliability is more than 0 and at most 1", "[load]") {
  CHECK(problems(with(R"(, "flows": [{"from": "a", "to": "b", "reliability": 0}])")) ==
        lines{"m.json:/flows/0/reliability: \"reliability\" must be more than 0 and at most 1 (the share of changes "
              "passed on, such as 0.9), not 0"});
  CHECK(problems(with(R"(, "flows": [{"from": "a", "to": "b", "reliability": 1.5}])")) ==
        lines{"m.json:/flows/0/reliability: \"reliability\" must be more than 0 and at most 1 (the share of changes "
              "passed on, such as 0.9), not 1.5"});
  CHECK(problems(with(R"(, "flows": [{"from": "a", "to": "b", "reliability": -0.5}])")).size() == 1);
  CHECK(problems(with(R"(, "flows": [{"from": "a", "to": "b", "reliability": 18446744073709551615}])")) ==
        lines{"m.json:/flows/0/reliability: \"reliability\" must be more than 0 and at most 1 (the share of changes "
              "passed on, such as 0.9), not 18446744073709551615"});
  const model m = load_ok(with(R"(, "flows": [{"from": "a", "to": "b", "reliability": 1}, {"from": "a", "to": "b", "reliability": 1e-300}])"));
  CHECK(m.flows[0].reliability_or_default() == 1.0);
  CHECK(m.flows[1].reliability_or_default() == 1e-300);
}

TEST_CASE("quantities in members", "[load]") {
  CHECK(problems(R"({"orgflow": 1, "units": [{"id": "a", "capacity": "0/w", "demand": "0/w"}]})") ==
        lines{"m.json:/units/0/capacity: \"capacity\" must be more than 0 (a unit that can finish nothing; leave the "
              "member out if unknown)"});
  CHECK(problems(R"({"orgflow": 1, "units": [{"id": "a"}], "artifacts": [{"id": "f", "owner": "a", "changes": "PT0S", "max_age": "0d"}]})") ==
        lines{"m.json:/artifacts/0/changes: \"changes\" must be more than 0 (the mean time between two changes; leave "
              "the member out if unknown)"});
  CHECK(problems(with(R"(, "flows": [{"from": "a", "to": "b", "latency": 2}])")) ==
        lines{"m.json:/flows/0/latency: \"latency\" must be a string with a unit, such as \"2d\" or \"PT4H\" (a bare "
              "number is an error: which unit would it be?)"});
  CHECK(problems(with(R"(, "flows": [{"from": "a", "to": "b", "volume": 5, "cadence": "Weekly"}])")) ==
        lines{"m.json:/flows/0/volume: \"volume\" must be a string with a period, such as \"200/w\" (a bare number is "
              "an error: which period would it be?)",
              "m.json:/flows/0/cadence: \"Weekly\" is not a cadence (cadence words are lower case: write weekly)"});
  CHECK(problems(with(R"(, "needs": [{"unit": "b", "artifact": "f", "max_age": "weekly"}])")) ==
        lines{"m.json:/needs/0/max_age: \"weekly\" is a cadence word, valid only in cadence (write a duration such "
              "as 1w)"});
  CHECK(problems(R"({"orgflow": 1, "units": [{"id": "a", "kind": "Team"}]})") ==
        lines{"m.json:/units/0/kind: \"Team\" is not a kind of unit (write department, team, role, system or "
              "external)"});
  const model m = load_ok(R"({"orgflow": 1, "units": [{"id": "a", "kind": "system"}, {"id": "b", "kind": "external"},
                              {"id": "c", "kind": "role"}, {"id": "d", "kind": "team"}, {"id": "e", "kind": "department"}]})");
  CHECK(m.units[0].kind_or_default() == unit_kind::system);
  CHECK(to_string(m.units[1].kind_or_default()) == "external");
  CHECK(to_string(m.units[2].kind_or_default()) == "role");
}

TEST_CASE("missing required members are reported where they would be", "[load]") {
  CHECK(problems(R"({"orgflow": 1, "units": [{"id": "a"}], "artifacts": [{"id": "f", "owner": "a"}, {"id": "g", "owner": "a"}, {"id": "h"}]})") ==
        lines{"m.json:/artifacts/2/owner: an artifact needs an \"owner\" (add \"owner\": the id of the unit where the "
              "truth is kept)"});
  CHECK(problems(R"({"orgflow": 1, "units": [{"name": "x"}], "flows": [{}], "needs": [{}], "symptoms": [{}]})") ==
        lines{"m.json:/units/0/id: a unit needs an \"id\" (add \"id\": \"...\", unique among the units)",
              "m.json:/flows/0/from: a flow needs \"from\" (add \"from\": the id of the unit it starts at)",
              "m.json:/flows/0/to: a flow needs \"to\" (add \"to\": the id of the unit it goes to)",
              "m.json:/needs/0/unit: a need needs a \"unit\" (add \"unit\": the id of the unit that relies on the artifact)",
              "m.json:/needs/0/artifact: a need needs an \"artifact\" (add \"artifact\": the id of the artifact it relies on)",
              "m.json:/symptoms/0/id: a symptom needs an \"id\" (add \"id\": \"...\", unique among the symptoms)",
              "m.json:/symptoms/0/unit: a symptom needs a \"unit\" (add \"unit\": the id of the unit where the problem shows)",
              "m.json:/symptoms/0/description: a symptom needs a \"description\" (add \"description\": the problem in "
              "the words of whoever reported it)"});
}

TEST_CASE("three problems are all listed, in document order", "[load]") {
  // Found in three different passes (a reference, a quantity, a group cycle),
  // listed in the order of the document.
  const lines got = problems(R"({"orgflow": 1,
    "units": [{"id": "a", "group": "b"}, {"id": "b", "group": "a"}],
    "flows": [{"from": "a", "to": "nobody"}, {"from": "b", "to": "a", "latency": "soon"}]})");
  REQUIRE(got.size() == 3);
  CHECK(got[0].rfind("m.json:/units/0/group: groups form a cycle", 0) == 0);
  CHECK(got[1].rfind("m.json:/flows/0/to: flow a->nobody#1 refers to unknown unit \"nobody\"", 0) == 0);
  CHECK(got[2].rfind("m.json:/flows/1/latency: \"soon\" is not a duration", 0) == 0);
}

TEST_CASE("a member repeated in one object is an error", "[load]") {
  CHECK(problems(R"({"orgflow": 1, "units": [{"id": "a", "name": "x", "name": "y"}]})") ==
        lines{"m.json:/units/0/name: the member \"name\" is repeated in this object (keep only one of them)"});
  // Inside x- members too, and with many members (the hashed path); the
  // pointer escapes / and ~.
  std::string many = R"({"orgflow": 1, "units": [], "x-big": {)";
  for (int i = 0; i < 40; ++i) many += "\"k" + std::to_string(i) + "\": " + std::to_string(i) + ", ";
  many += R"("k7": 0, "a/b~": 1, "a/b~": 2}})";
  CHECK(problems(many) == lines{"m.json:/x-big/k7: the member \"k7\" is repeated in this object (keep only one of them)",
                                "m.json:/x-big/a~1b~0: the member \"a/b~\" is repeated in this object (keep only one of "
                                "them)"});
  // The dropped value is skipped whole; problems after it are still found.
  CHECK(problems(R"({"orgflow": 1, "orgflow": {"a": [1, {"b": null}]}, "units": [{"id": "a b"}]})").size() == 2);
}

TEST_CASE("syntax errors give line and column", "[load]") {
  const load_result r = load_model("{\"orgflow\": 1,\n  \"units\": [\n    {\"id\": \"a\",}\n  ]\n}", "m.json");
  REQUIRE(r.diagnostics.size() == 1);
  CHECK(r.diagnostics[0].line == 3);
  CHECK(r.diagnostics[0].column == 16);
  CHECK(r.diagnostics[0].pointer.empty());
  CHECK(r.diagnostics[0].to_string() == "m.json:3:16: invalid JSON: a comma before '}' (remove the trailing comma)");
  CHECK(problems("{\"orgflow\": 1, \"units\": [{\"x\": NaN}]}") ==
        lines{"m.json:1:32: NaN and Infinity are not JSON numbers (write a number, or leave the member out)"});
  CHECK(problems("{\"orgflow\": 1,\n \"units\": [], \"x-a\": -Infinity}") ==
        lines{"m.json:2:23: NaN and Infinity are not JSON numbers (write a number, or leave the member out)"});
  CHECK(problems("{\"orgflow\": 1, \"units\": [], \"x-a\": 1e400}") ==
        lines{"m.json:1:36: the number 1e400 is beyond the range of a double (write a smaller number)"});
  CHECK(problems("") == lines{"m.json:1:1: the file is empty (a model is a JSON object: {\"orgflow\": 2, \"units\": []})"});
  CHECK(problems("{\"orgflow\": 1, \"units\": [") ==
        lines{"m.json:1:26: the JSON text ends too early (a closing bracket, brace or quote is missing)"});
  CHECK(problems("{\"orgflow\": 1, \"units\": []} x") ==
        lines{"m.json:1:29: invalid JSON: more text after the end of the model object (remove it, or put it inside the object)"});
  CHECK(problems("{\"orgflow\": 1, \"units\": [], \"name\": \"\xff\"}") ==
        lines{"m.json:1:38: the file is not valid UTF-8 (save it with the UTF-8 encoding)"});
  // Columns count bytes ("é" is two) and point at the start of an
  // unexpected token.
  CHECK(problems("{\"name\": \"\xc3\xa9\" \"units\": []}") ==
        lines{"m.json:1:15: invalid JSON: a comma is missing before this (add a , between the two members or values)"});
  CHECK(problems("{\"orgflow\": 1 \"units\": []}") ==
        lines{"m.json:1:15: invalid JSON: a comma is missing before this (add a , between the two members or values)"});
  CHECK(problems("{\"orgflow\": 1, \"units\": [] true}") ==
        lines{"m.json:1:28: invalid JSON: a comma is missing before this (add a , between the two members or values)"});
  CHECK(problems("{\"orgflow\": 1,\r\n \"units\": [,]}") ==
        lines{"m.json:2:12: invalid JSON: a value is missing here (write a number, a \"string\", true, false, [...] or {...})"});
  CHECK(problems("{\"orgflow\" 1, \"units\": []}") ==
        lines{"m.json:1:12: invalid JSON: a ':' is missing after the member name (write \"name\": value)"});
  CHECK(problems("{orgflow: 1, \"units\": []}") ==
        lines{"m.json:1:2: invalid JSON: a value must be a number, a \"string\", true, false, an array or an object (names "
              "and strings need double quotes)"});
  CHECK(problems("{\"orgflow\": 1, \"units\": [], \"name\": \"abc}") ==
        lines{"m.json:1:37: a string has no closing quote (add the \" that ends it)"});
  CHECK(problems(R"({"orgflow": 1, "units": [], "name": "a\"b\\\"c})") ==
        lines{"m.json:1:37: a string has no closing quote (add the \" that ends it)"});
  CHECK(problems("{\"orgflow\": 1, \"units\": [] \"name\": \"x\"}") ==
        lines{"m.json:1:28: invalid JSON: a comma is missing before this (add a , between the two members or values)"});
  // A byte order mark counts in the columns (they are bytes) but is no error.
  CHECK(problems("\xef\xbb\xbf{\"orgflow\": 1, \"units\": []}").empty());
  // Nesting beyond the limit is an error, not a crash.
  std::string deep = "{\"orgflow\": 1, \"units\": [], \"x-deep\": " + std::string(100000, '[') + std::string(100000, ']') + "}";
  const lines d = problems(deep);
  REQUIRE(d.size() == 1);
  CHECK(d[0].find("nests more than 256 levels") != std::string::npos);
}

TEST_CASE("generated ids count every element with the same from and to", "[load]") {
  const model m = load_ok(with(R"(, "flows": [{"id": "f1", "from": "a", "to": "b"}, {"from": "a", "to": "b"},
                                   {"from": "b", "to": "a"}, {"from": "a", "to": "b"}],
                                   "handoffs": [{"from": "a", "to": "b"}, {"id": "h", "from": "a", "to": "b"}, {"from": "a", "to": "b"}])"));
  CHECK(m.flows[0].id == "f1");
  CHECK_FALSE(m.flows[0].id_generated);
  CHECK(m.flows[1].id == "a->b#2");
  CHECK(m.flows[1].id_generated);
  CHECK(m.flows[2].id == "b->a#1");
  CHECK(m.flows[3].id == "a->b#3");
  CHECK(m.handoffs[0].id == "a->b#1");  // handoffs count on their own
  CHECK(m.handoffs[1].id == "h");
  CHECK(m.handoffs[2].id == "a->b#3");
  // An explicit id can never look like a generated one: '>' and '#' are not
  // id characters, so a collision is impossible by construction.
  CHECK(problems(with(R"(, "flows": [{"from": "a", "to": "b"}, {"id": "a->b#1", "from": "b", "to": "a"}])")) ==
        lines{"m.json:/flows/1/id: \"a->b#1\" is not a valid id: ids of the form from->to#n are generated (leave the "
              "member out, or write an id of letters, digits and _ . : -)"});
  // Generated ids are never written back; explicit ones are.
  const std::string saved = save_model(m);
  CHECK(saved.find("a->b#") == std::string::npos);
  CHECK(saved.find("\"id\": \"f1\"") != std::string::npos);
  CHECK(saved.find("\"id\": \"h\"") != std::string::npos);
  // assign_generated_ids derives them again after code changed the flows.
  model changed = m;
  changed.flows.erase(changed.flows.begin() + 1);
  assign_generated_ids(changed);
  CHECK(changed.flows[1].id == "b->a#1");
  CHECK(changed.flows[2].id == "a->b#2");
  flow added;
  added.from = "c";
  added.to = "a";
  changed.flows.push_back(added);
  assign_generated_ids(changed);
  CHECK(changed.flows.back().id == "c->a#1");
  CHECK(changed.flows.back().id_generated);
  CHECK(changed.flows[0].id == "f1");
}

TEST_CASE("a repeated need is ignored, the first wins", "[load]") {
  const model m = load_ok(with(R"(, "needs": [{"unit": "b", "artifact": "f", "purpose": "first"},
                                   {"unit": "c", "artifact": "f"}, {"unit": "b", "artifact": "f", "purpose": "second", "max_age": "1d"}])"));
  REQUIRE(m.needs.size() == 2);
  CHECK(m.needs[0].purpose == std::optional<std::string>("first"));
  CHECK_FALSE(m.needs[0].max_age);
  CHECK(m.needs[1].unit == "c");
  // The repeated declaration is still checked.
  CHECK(problems(with(R"(, "needs": [{"unit": "b", "artifact": "f"}, {"unit": "b", "artifact": "f", "max_age": "1 day"}])")) ==
        lines{"m.json:/needs/1/max_age: \"1 day\" is not a duration (write 1d or P1D)"});
  // A symptom may name a process that has no handoff.
  CHECK(problems(with(R"(, "symptoms": [{"id": "s", "unit": "a", "description": "slow", "process": "nothing-like-it"}])")).empty());
}

TEST_CASE("x- members are kept in place and written back unchanged", "[save]") {
  const std::string text = R"({
  "x-first": {"tool": "crm-sync", "n": [1, 2.50, -0, 1E3, "\u00e9\n"]},
  "orgflow": 1,
  "units": [
    {"x-pos": [10, 20], "name": "Sales", "id": "sales", "x-note": "keeps \"quotes\""}
  ],
  "x-last": true
})";
  const model m = load_ok(text);
  REQUIRE(m.extras.x_members.size() == 2);
  CHECK(m.extras.x_members[0].first == "x-first");
  CHECK(m.extras.x_members[0].second == R"({"tool":"crm-sync","n":[1,2.50,0,1E3,"é\n"]})");
  CHECK(m.extras.order == lines{"x-first", "orgflow", "units", "x-last"});
  CHECK(m.units[0].extras.order == lines{"x-pos", "name", "id", "x-note"});
  const std::string expected = R"({
  "x-first": {"tool":"crm-sync","n":[1,2.50,0,1E3,"é\n"]},
  "orgflow": 2,
  "units": [
    {
      "x-pos": [10,20],
      "name": "Sales",
      "id": "sales",
      "x-note": "keeps \"quotes\""
    }
  ],
  "x-last": true
}
)";
  CHECK(save_model(m) == expected);
  CHECK(save_model(load_ok(expected)) == expected);
  CHECK(load_ok(expected) == m);
}

TEST_CASE("save: quantities as written, canonical when made in code, added members after written ones", "[save]") {
  model m = load_ok(R"({"units": [{"id": "a", "capacity": "1.50/hour"}, {"id": "b"}], "orgflow": 1,
                        "flows": [{"to": "b", "from": "a", "latency": "P2D", "cadence": "weekly", "reliability": 0.1}]})");
  m.name = "Added in code";
  m.units[1].staff = 3;
  m.units[1].capacity = rate_value{200, 0, 7 * ms_per_day, ""};
  m.flows[0].latency->ms = 3 * ms_per_day;  // text "P2D" no longer true: written canonically
  m.flows[0].volume = rate_value{5, 0, ms_per_hour, ""};
  artifact f;
  f.id = "f";
  f.owner = "a";
  f.max_age = duration_value{14 * ms_per_day, ""};
  m.artifacts.push_back(f);
  m.extras.x_members.emplace_back("x-added", "[1]");
  const std::string expected = R"({
  "units": [
    {
      "id": "a",
      "capacity": "1.50/hour"
    },
    {
      "id": "b",
      "capacity": "200/w",
      "staff": 3
    }
  ],
  "orgflow": 2,
  "flows": [
    {
      "to": "b",
      "from": "a",
      "latency": "3d",
      "cadence": "weekly",
      "reliability": 0.1,
      "volume": "5/h"
    }
  ],
  "name": "Added in code",
  "artifacts": [
    {
      "id": "f",
      "owner": "a",
      "max_age": "2w"
    }
  ],
  "x-added": [1]
}
)";
  CHECK(save_model(m) == expected);
  CHECK(validate_model(m).empty());
  CHECK(load_ok(expected) == m);
}

TEST_CASE("save: strings, numbers and empty arrays", "[save]") {
  model m;
  unit u;
  u.id = "a";
  u.name = std::string("tab\there \"q\" back\\slash \x01 \xc3\xa9 \xe2\x80\xa8 bad:\xff\xfe");
  u.accepts = std::vector<std::string>{};
  m.units.push_back(u);
  unit v;
  v.id = "b";
  m.units.push_back(v);
  flow fl;
  fl.from = "a";
  fl.to = "b";
  fl.reliability = 0.30000000000000004;
  m.flows.push_back(fl);
  flow tiny = fl;
  tiny.reliability = 1e-7;
  m.flows.push_back(tiny);
  assign_generated_ids(m);
  const std::string saved = save_model(m);
  CHECK(saved.find(R"("name": "tab\there \"q\" back\\slash \u0001 é )" "\xe2\x80\xa8" R"( bad:)" "\xef\xbf\xbd\xef\xbf\xbd" "\"") !=
        std::string::npos);
  CHECK(saved.find("\"accepts\": []") != std::string::npos);
  CHECK(saved.find("\"reliability\": 0.30000000000000004") != std::string::npos);  // shortest round trip
  CHECK(saved.find("\"reliability\": 1e-07") != std::string::npos);
  CHECK(saved.back() == '\n');
  const model back = load_ok(saved);
  CHECK(back.flows == m.flows);
  CHECK(back.units[0].accepts->empty());
  // An empty model still has its version and units.
  CHECK(save_model(model{}) == "{\n  \"orgflow\": 2,\n  \"units\": []\n}\n");
}

TEST_CASE("validate_model checks models built in code", "[save]") {
  model m;
  unit a;
  a.id = "a";
  a.staff = 0;
  m.units.push_back(a);
  flow f;
  f.from = "a";
  f.to = "ghost";
  f.reliability = std::numeric_limits<double>::quiet_NaN();
  m.flows.push_back(f);
  assign_generated_ids(m);
  lines got;
  for (const auto& d : validate_model(m, "built")) got.push_back(d.to_string());
  CHECK(got == lines{"built:/units/0/staff: \"staff\" must be at least 1, not 0 (the number of parallel workers, 1 or more)",
                     "built:/flows/0/to: flow a->ghost#1 refers to unknown unit \"ghost\" (add a unit with this id, or "
                     "correct the reference)",
                     "built:/flows/0/reliability: null is not allowed (leave the member \"reliability\" out instead)"});
}

TEST_CASE("equality compares values, not texts or member order", "[model]") {
  const model a = load_ok(R"({"orgflow": 1, "units": [{"id": "a", "capacity": "24/day", "name": "A"}],
                              "artifacts": [{"id": "f", "owner": "a", "changes": "P1W"}]})");
  const model b = load_ok(R"({"units": [{"name": "A", "capacity": "1/h", "id": "a"}], "orgflow": 1,
                              "artifacts": [{"changes": "7d", "owner": "a", "id": "f"}]})");
  CHECK(a == b);
  const model c = load_ok(R"({"orgflow": 1, "units": [{"id": "a", "capacity": "25/day", "name": "A"}],
                              "artifacts": [{"id": "f", "owner": "a", "changes": "P1W"}]})");
  CHECK_FALSE(a == c);
  const model d = load_ok(R"({"orgflow": 1, "units": [{"id": "a", "capacity": "24/day", "name": "A", "x-k": 1}],
                              "artifacts": [{"id": "f", "owner": "a", "changes": "P1W"}]})");
  CHECK_FALSE(a == d);
  CHECK(model{}.display_name() == "(untitled model)");
  diagnostic syntax{"f.json", "", 3, 7, "bad"};
  CHECK(syntax.to_string() == "f.json:3:7: bad");
}

TEST_CASE("version 2: a symptom's performer is a unit reference, a handoff may return work", "[load]") {
  const model m = load_ok(with(R"(, "handoffs": [{"from": "a", "to": "b"}, {"from": "b", "to": "a", "returns": true}],
    "symptoms": [{"id": "s", "unit": "a", "performer": "b", "description": "d"}])"));
  CHECK(m.symptoms[0].performer == std::optional<std::string>("b"));
  CHECK_FALSE(m.handoffs[0].is_return());
  CHECK(m.handoffs[1].is_return());
  CHECK(m.handoffs[1].returns == std::optional<bool>(true));
  // Written back as given, in place.
  const std::string saved = save_model(m);
  CHECK(saved.find("\"performer\": \"b\"") != std::string::npos);
  CHECK(saved.find("\"returns\": true") != std::string::npos);
  CHECK(load_ok(saved) == m);

  CHECK(problems(with(R"(, "symptoms": [{"id": "s", "unit": "a", "performer": "ghost", "description": "d"}])")) ==
        lines{"m.json:/symptoms/0/performer: symptom \"s\" refers to unknown unit \"ghost\" (add a unit with this "
              "id, or correct the reference)"});
  CHECK(problems(with(R"(, "symptoms": [{"id": "s", "unit": "a", "performer": 3, "description": "d"}])")).size() == 1);
  CHECK(problems(with(R"(, "handoffs": [{"from": "a", "to": "b", "returns": "yes"}])")) ==
        lines{"m.json:/handoffs/0/returns: \"returns\" must be true or false, not a string"});
}

TEST_CASE("version 2: accepted findings are read, checked and written back", "[load]") {
  const model m = load_ok(with(R"(, "accepted": [{"code": "RISK.CUT_UNIT", "units": ["b", "ghost"], "reason": "until 2027",
                                                  "x-by": "COO"}])"));
  REQUIRE(m.accepted.size() == 1);
  CHECK(m.has_accepted);
  CHECK(m.accepted[0].code == "RISK.CUT_UNIT");
  CHECK(m.accepted[0].units == lines{"b", "ghost"});  // an accepted finding may outlive its units
  CHECK(m.accepted[0].reason == "until 2027");
  const std::string saved = save_model(m);
  CHECK(saved.find("\"accepted\": [") != std::string::npos);
  CHECK(saved.find("\"x-by\": \"COO\"") != std::string::npos);
  CHECK(load_ok(saved) == m);
  // An empty array is kept: the report then says that 0 findings are accepted.
  CHECK(load_ok(with(R"(, "accepted": [])")).has_accepted);
  CHECK_FALSE(load_ok(with("")).has_accepted);

  CHECK(problems(with(R"(, "accepted": [{"code": "RISK.CUT", "units": ["a"], "reason": "r"}])")).size() == 1);
  CHECK(problems(with(R"(, "accepted": [{"code": "RISK.CUT", "units": ["a"], "reason": "r"}])"))[0].rfind(
            "m.json:/accepted/0/code: \"RISK.CUT\" is not a finding code (the codes: GAP.NO_ROUTE, ", 0) == 0);
  CHECK(problems(with(R"(, "accepted": [{"units": ["a"]}])")) ==
        lines{"m.json:/accepted/0/code: an accepted finding needs a \"code\" (add \"code\": the finding's code, such as "
              "\"RISK.CUT_UNIT\")",
              "m.json:/accepted/0/reason: an accepted finding needs a \"reason\" (add \"reason\": why it is accepted, "
              "and until when)"});
  CHECK(problems(with(R"(, "accepted": [{"code": "GAP.SPLIT", "units": "a", "reason": "r", "why": 1}])")).size() == 2);
}
