// Structure, process and group families: a small hand-made model per finding
// code (GAP.NO_FEEDBACK, GAP.ISOLATED, GAP.SPLIT, RISK.CUT_UNIT,
// PROCESS.LOOP, PROCESS.SLOW_HANDOFF) asserting the finding and its numbers,
// with a near miss each; the critical path's tie rules; the E-I index of
// nested groups, including a group unit with its own flows.
#include "test_structure_support.hpp"

using namespace orgflow;
using namespace structure_test;

// ------------------------------------------------------------ GAP.NO_FEEDBACK

// a ==h1 (P), h2 (no process), h3 (O)==> b --> c ; nothing leads back to a.
TEST_CASE("GAP.NO_FEEDBACK: one finding per ordered pair, every handoff counts", "[structure]") {
  const std::string units = R"([{"id": "a", "name": "Marketing"}, {"id": "b", "name": "Sales"}, {"id": "c"}])";
  const std::string handoffs = R"([
    {"id": "h1", "from": "a", "to": "b", "process": "P", "item": "lead"},
    {"id": "h2", "from": "a", "to": "b"},
    {"id": "h3", "from": "a", "to": "b", "process": "O", "item": "lead"}])";
  auto fx = load(model_json(units, R"([{"from": "b", "to": "c"}])", handoffs));
  const auto found = with_code(analysis::structure_findings(*fx.m, *fx.v), "GAP.NO_FEEDBACK");
  REQUIRE(found.size() == 1);
  const finding& f = found[0];
  CHECK(f.level == severity::warning);
  CHECK(f.units == strings{"a", "b"});
  CHECK_FALSE(f.ref);
  CHECK_FALSE(f.process);
  CHECK(metric_keys(f) == strings{"from", "to", "handoffs", "processes"});
  CHECK(metric<std::string>(f, "from") == "a");
  CHECK(metric<std::string>(f, "to") == "b");
  CHECK(metric<strings>(f, "handoffs") == strings{"h1", "h2", "h3"});
  CHECK(metric<strings>(f, "processes") == strings{"O", "P"});  // byte order, distinct
  CHECK(f.title == "No feedback from Sales to Marketing on how each lead turned out");
  CHECK(f.recommendation.find("from Sales to Marketing") != std::string::npos);

  SECTION("near miss: a way back through other units, in any direction of flows") {
    auto fx2 = load(model_json(units, R"([{"from": "b", "to": "c"}, {"from": "c", "to": "a"}])", handoffs));
    CHECK(with_code(analysis::structure_findings(*fx2.m, *fx2.v), "GAP.NO_FEEDBACK").empty());
  }
}

// x ==> y and y ==> x, no flows at all: work goes both ways, so each can tell
// the other how it turned out (version 2: handoffs are contact).
TEST_CASE("GAP.NO_FEEDBACK: handoffs both ways are a way back, a returning handoff needs none", "[structure]") {
  auto fx = load(model_json(R"([{"id": "x"}, {"id": "y"}])", "[]",
                            R"([{"id": "k", "from": "y", "to": "x"}, {"id": "j", "from": "x", "to": "y"}])"));
  CHECK(with_code(analysis::structure_findings(*fx.m, *fx.v), "GAP.NO_FEEDBACK").empty());

  // x ==j==> y only, and y's answer back returns the work: still no finding
  // (the returning handoff is the way back and needs no feedback itself).
  auto ret = load(model_json(R"([{"id": "x"}, {"id": "y"}])", "[]",
                             R"([{"id": "j", "from": "x", "to": "y"}, {"id": "k", "from": "y", "to": "x", "returns": true}])"));
  CHECK(with_code(analysis::structure_findings(*ret.m, *ret.v), "GAP.NO_FEEDBACK").empty());

  // Near miss: a returning handoff alone, x ==k (returns)==> y: nothing to hear back about.
  auto alone = load(model_json(R"([{"id": "x"}, {"id": "y"}])", "[]",
                               R"([{"id": "k", "from": "x", "to": "y", "returns": true}])"));
  CHECK(with_code(analysis::structure_findings(*alone.m, *alone.v), "GAP.NO_FEEDBACK").empty());

  // x ==j==> y and x ==m (returns)==> y: the finding lists only j.
  auto mixed = load(model_json(R"([{"id": "x"}, {"id": "y"}])", "[]",
                               R"([{"id": "j", "from": "x", "to": "y", "process": "P"},
                                   {"id": "m", "from": "x", "to": "y", "returns": true, "process": "Q"}])"));
  const auto found = with_code(analysis::structure_findings(*mixed.m, *mixed.v), "GAP.NO_FEEDBACK");
  REQUIRE(found.size() == 1);
  CHECK(metric<strings>(found[0], "handoffs") == strings{"j"});
  CHECK(metric<strings>(found[0], "processes") == strings{"P"});
  CHECK(found[0].title == "No feedback from y to x on how the work handed over turned out");
}

// ------------------------------------------------------------ GAP.ISOLATED

//   div[ a ] --> g2[ b ]      ext (external, nothing)      hg[ lonely ]      solo (nothing)
//   a ==h1==> lonely          hg ==h2==> a                  g2 declares a need
TEST_CASE("GAP.ISOLATED: no flow and no handoff, external and group-only units exempt", "[structure]") {
  const std::string units = R"([
    {"id": "a", "group": "div"}, {"id": "b", "group": "g2"}, {"id": "div", "name": "Division"},
    {"id": "g2"}, {"id": "ext", "kind": "external"}, {"id": "lonely", "name": "Archive", "kind": "team", "group": "hg"},
    {"id": "hg"}, {"id": "solo", "name": "Tier 1 agents", "kind": "team"}])";
  const std::string handoffs = R"([{"id": "h1", "from": "a", "to": "lonely"}, {"id": "h2", "from": "hg", "to": "a"}])";
  const std::string model = R"({"orgflow": 2, "units": )" + units + R"(,
    "artifacts": [{"id": "x", "owner": "a"}],
    "flows": [{"from": "a", "to": "b"}], "handoffs": )" + handoffs + R"(,
    "needs": [{"unit": "g2", "artifact": "x"}]})";
  auto fx = load(model);
  const auto found = with_code(analysis::structure_findings(*fx.m, *fx.v), "GAP.ISOLATED");
  // div: group-only (exempt); ext: external (exempt); g2: a group, but it
  // declares a need; hg and lonely take part in handoffs: not isolated.
  REQUIRE(found.size() == 2);
  CHECK(found[0].units == strings{"g2"});
  CHECK(metric<std::string>(found[0], "kind") == "department");
  CHECK(found[1].units == strings{"solo"});
  CHECK(metric_keys(found[1]) == strings{"kind"});
  CHECK(metric<std::string>(found[1], "kind") == "team");
  CHECK(found[1].title == "Tier 1 agents: no information or work exchanged with any other unit");
  CHECK(found[1].level == severity::warning);
}

TEST_CASE("GAP.ISOLATED near miss: a unit that only receives is not isolated", "[structure]") {
  auto fx = load(model_json(R"([{"id": "a"}, {"id": "b"}])", R"([{"from": "a", "to": "b"}])"));
  CHECK(with_code(analysis::structure_findings(*fx.m, *fx.v), "GAP.ISOLATED").empty());
  auto work = load(model_json(R"([{"id": "a"}, {"id": "b"}])", "[]", R"([{"from": "a", "to": "b"}])"));
  CHECK(with_code(analysis::structure_findings(*work.m, *work.v), "GAP.ISOLATED").empty());
}

// ------------------------------------------------------------ GAP.SPLIT

//   a -> b -> c     e -> d     f -> g     z (no flow: left out)
TEST_CASE("GAP.SPLIT: components largest first, the finding's units are all but the largest", "[structure]") {
  auto fx = load(model_json(
      R"([{"id": "a"}, {"id": "b"}, {"id": "c"}, {"id": "d"}, {"id": "e"}, {"id": "f"}, {"id": "g"}, {"id": "z"}])",
      R"([{"from": "a", "to": "b"}, {"from": "b", "to": "c"}, {"from": "e", "to": "d"}, {"from": "g", "to": "f"}])"));
  const auto found = with_code(analysis::structure_findings(*fx.m, *fx.v), "GAP.SPLIT");
  REQUIRE(found.size() == 1);
  CHECK(found[0].level == severity::warning);
  CHECK(found[0].units == strings{"d", "e", "f", "g"});
  CHECK(metric<std::vector<strings>>(found[0], "components") ==
        std::vector<strings>{{"a", "b", "c"}, {"d", "e"}, {"f", "g"}});
  CHECK(metric<std::vector<std::int64_t>>(found[0], "sizes") == std::vector<std::int64_t>{3, 2, 2});
  CHECK(found[0].title.rfind("The organization falls apart into 3 groups", 0) == 0);
}

//   r -> s     q -> p : equal sizes, the one holding the smallest id (p) is the largest
TEST_CASE("GAP.SPLIT: equal sizes, the component with the smallest id counts as largest", "[structure]") {
  auto fx = load(model_json(R"([{"id": "s"}, {"id": "r"}, {"id": "q"}, {"id": "p"}])",
                            R"([{"from": "r", "to": "s"}, {"from": "q", "to": "p"}])"));
  const auto found = with_code(analysis::structure_findings(*fx.m, *fx.v), "GAP.SPLIT");
  REQUIRE(found.size() == 1);
  CHECK(found[0].units == strings{"r", "s"});
  CHECK(metric<std::vector<strings>>(found[0], "components") == std::vector<strings>{{"p", "q"}, {"r", "s"}});
}

//   a -> b      c -> d      b ==work==> c : one component through the handoff
TEST_CASE("GAP.SPLIT near miss: a handoff joins two groups of flows", "[structure]") {
  auto fx = load(model_json(R"([{"id": "a"}, {"id": "b"}, {"id": "c"}, {"id": "d"}])",
                            R"([{"from": "a", "to": "b"}, {"from": "c", "to": "d"}])", R"([{"from": "b", "to": "c"}])"));
  CHECK(with_code(analysis::structure_findings(*fx.m, *fx.v), "GAP.SPLIT").empty());
  // ... but cut units stay on G alone: b and c are cut units of nothing here.
  CHECK(with_code(analysis::structure_findings(*fx.m, *fx.v), "RISK.CUT_UNIT").empty());
}

TEST_CASE("GAP.SPLIT near miss: one component plus flow-less units is no split", "[structure]") {
  auto fx = load(model_json(R"([{"id": "a"}, {"id": "b"}, {"id": "c"}, {"id": "lone"}, {"id": "x", "kind": "external"}])",
                            R"([{"from": "a", "to": "b"}, {"from": "c", "to": "b"}])"));
  CHECK(with_code(analysis::structure_findings(*fx.m, *fx.v), "GAP.SPLIT").empty());
  auto empty = load(model_json(R"([{"id": "a"}, {"id": "b"}])", "[]"));
  CHECK(with_code(analysis::structure_findings(*empty.m, *empty.v), "GAP.SPLIT").empty());
}

// ------------------------------------------------------------ RISK.CUT_UNIT

//   a ==(a->b twice, b->a)== b -- c        undirected: a - b - c
//                            |                               |
//                            d -- e                          d - e
TEST_CASE("RISK.CUT_UNIT: articulation points, direction and parallel flows ignored", "[structure]") {
  auto fx = load(model_json(
      R"([{"id": "a"}, {"id": "b", "name": "Sales"}, {"id": "c"}, {"id": "d", "name": "Ops"}, {"id": "e"}, {"id": "f"}])",
      R"([{"from": "a", "to": "b"}, {"from": "a", "to": "b"}, {"from": "b", "to": "a"}, {"from": "b", "to": "c"},
          {"from": "d", "to": "b"}, {"from": "d", "to": "e"}])"));
  const auto found = with_code(analysis::structure_findings(*fx.m, *fx.v), "RISK.CUT_UNIT");
  REQUIRE(found.size() == 2);
  CHECK(found[0].units == strings{"b"});
  CHECK(found[0].level == severity::warning);
  CHECK(metric<std::vector<std::int64_t>>(found[0], "parts") == std::vector<std::int64_t>{2, 1, 1});
  CHECK(found[0].title == "Sales: the only link between 3 parts of the organization; without it, a and c would "
                          "lose contact with the rest");
  CHECK(found[1].title == "Ops: the only link between 2 parts of the organization; without it, e would lose "
                          "contact with the rest");
  CHECK(found[1].units == strings{"d"});
  CHECK(metric<std::vector<std::int64_t>>(found[1], "parts") == std::vector<std::int64_t>{3, 1});
  CHECK(found[1].recommendation == "Add a direct flow between Sales and e, so that information between them does "
                                   "not depend on Ops alone.");
}

//   a - b - x - c - d : x splits two pieces of 2 (counted, not named)
TEST_CASE("RISK.CUT_UNIT: equal parts, and the count of units cut off", "[structure]") {
  auto fx = load(model_json(R"([{"id": "a"}, {"id": "b"}, {"id": "c"}, {"id": "d"}, {"id": "x", "name": "Hub"}])",
                            R"([{"from": "a", "to": "b"}, {"from": "b", "to": "x"}, {"from": "x", "to": "c"},
                                {"from": "d", "to": "c"}])"));
  const auto found = with_code(analysis::structure_findings(*fx.m, *fx.v), "RISK.CUT_UNIT");
  REQUIRE(found.size() == 3);
  CHECK(found[0].units == strings{"b"});
  CHECK(metric<std::vector<std::int64_t>>(found[0], "parts") == std::vector<std::int64_t>{3, 1});
  CHECK(found[2].units == strings{"x"});
  CHECK(metric<std::vector<std::int64_t>>(found[2], "parts") == std::vector<std::int64_t>{2, 2});
  CHECK(found[2].title == "Hub: the only link between 2 parts of the organization; without it, 2 units would "
                          "lose contact with the rest");
  CHECK(found[2].recommendation == "Add a direct flow between b and c, so that information between them does not "
                                   "depend on Hub alone.");
}

TEST_CASE("RISK.CUT_UNIT near miss: a cycle has no cut unit", "[structure]") {
  auto fx = load(model_json(R"([{"id": "a"}, {"id": "b"}, {"id": "c"}, {"id": "d"}])",
                            R"([{"from": "a", "to": "b"}, {"from": "b", "to": "c"}, {"from": "a", "to": "c"}])"));
  CHECK(with_code(analysis::structure_findings(*fx.m, *fx.v), "RISK.CUT_UNIT").empty());
}

// ------------------------------------------------------------ processes

//   P:  a ==h1 1d==> b ==h2 2d==> c ==h3==> a ,  c ==h4 1h==> d
//   Q:  d ==q1==> a   (another process: no loop with P's handoffs)
TEST_CASE("PROCESS.LOOP: one finding per component of more than one unit in H[P]", "[structure][process]") {
  auto fx = load(model_json(
      R"([{"id": "a", "name": "Sales"}, {"id": "b", "name": "Legal"}, {"id": "c", "name": "Finance"}, {"id": "d"}])", "[]",
      R"([{"id": "h1", "from": "a", "to": "b", "process": "P", "item": "contract", "wait": "1d"},
          {"id": "h2", "from": "b", "to": "c", "process": "P", "wait": "2d"},
          {"id": "h3", "from": "c", "to": "a", "process": "P"},
          {"id": "h4", "from": "c", "to": "d", "process": "P", "wait": "1h"},
          {"id": "q1", "from": "d", "to": "a", "process": "Q"},
          {"id": "n1", "from": "d", "to": "c"}])"));
  std::vector<process_metrics> pms;
  const auto found = analysis::process_findings(*fx.m, *fx.v, pms);
  const auto loops = with_code(found, "PROCESS.LOOP");
  REQUIRE(loops.size() == 1);
  CHECK(loops[0].level == severity::warning);
  CHECK(loops[0].units == strings{"a", "b", "c"});
  CHECK(loops[0].process == std::optional<std::string>("P"));
  CHECK(metric<std::string>(loops[0], "process") == "P");
  CHECK(metric<strings>(loops[0], "handoffs") == strings{"h1", "h2", "h3"});
  CHECK(loops[0].title == "In the P process, work goes back and forth between Sales, Legal and Finance (rework)");
  CHECK(loops[0].recommendation.rfind("Find out why work returns between Sales, Legal and Finance (contract), ", 0) == 0);
  REQUIRE(pms.size() == 2);
  CHECK(pms[0].name == "P");
  CHECK(pms[0].handoffs == 4);
  CHECK(pms[0].units == strings{"a", "b", "c", "d"});
  CHECK(pms[0].loops == 1);
  CHECK_FALSE(pms[0].critical_path);  // a loop: no critical path
  CHECK_FALSE(pms[0].critical_wait);
  CHECK(pms[1].name == "Q");
  CHECK(pms[1].loops == 0);
  CHECK_FALSE(pms[1].critical_path);  // no wait above 0

  const auto slow = with_code(found, "PROCESS.SLOW_HANDOFF");
  REQUIRE(slow.size() == 1);  // Q has no wait above 0
  CHECK(slow[0].units == strings{"b", "c"});
  CHECK(slow[0].ref == std::optional<std::string>("h2"));
  CHECK(metric<std::string>(slow[0], "handoff") == "h2");
  CHECK(metric<hours_value>(slow[0], "wait_h").ms == 2 * ms_per_day);
  CHECK(metric_keys(slow[0]) == strings{"process", "handoff", "wait_h"});
  CHECK(slow[0].level == severity::info);
}

TEST_CASE("PROCESS.LOOP near miss: back and forth across two processes is no loop", "[structure][process]") {
  auto fx = load(model_json(R"([{"id": "a"}, {"id": "b"}])", "[]",
                            R"([{"from": "a", "to": "b", "process": "P", "wait": "1h"},
                                {"from": "b", "to": "a", "process": "Q", "wait": "1h"},
                                {"from": "b", "to": "a", "wait": "1h"}])"));
  std::vector<process_metrics> pms;
  CHECK(with_code(analysis::process_findings(*fx.m, *fx.v, pms), "PROCESS.LOOP").empty());
  REQUIRE(pms.size() == 2);
  CHECK(pms[0].critical_path == std::optional<strings>(strings{"a", "b"}));
  CHECK(pms[0].critical_wait == std::optional<millis>(ms_per_hour));
}

TEST_CASE("PROCESS.SLOW_HANDOFF: ties go to the first in the file, a wait of 0 is none", "[structure][process]") {
  auto fx = load(model_json(R"([{"id": "x"}, {"id": "y"}, {"id": "z"}])", "[]",
                            R"([{"id": "h9", "from": "y", "to": "z", "process": "P", "wait": "2d"},
                                {"id": "h1", "from": "x", "to": "y", "process": "P", "wait": "48h"},
                                {"id": "r1", "from": "x", "to": "y", "process": "R", "wait": "0h"}])"));
  std::vector<process_metrics> pms;
  const auto slow = with_code(analysis::process_findings(*fx.m, *fx.v, pms), "PROCESS.SLOW_HANDOFF");
  REQUIRE(slow.size() == 1);
  CHECK(metric<std::string>(slow[0], "handoff") == "h9");
  REQUIRE(pms.size() == 2);
  CHECK_FALSE(pms[1].critical_path);  // R: no wait above 0
  CHECK(pms[0].critical_path == std::optional<strings>(strings{"x", "y", "z"}));
  CHECK(pms[0].critical_wait == std::optional<millis>(4 * ms_per_day));
}

// S:  s --5h--> t ;  s --2h--> u --3h--> t        (equal waits: more hops win)
// T:  a --1h--> b --1h--> d ; a --1h--> c --1h--> d (equal: smallest sequence)
// U:  a --1h--> b, a --3h--> b (parallel: largest), b --(none)--> c ; e --2h--> c
TEST_CASE("Critical path: ties to more hops, then the smallest unit sequence, parallel handoffs at their largest wait",
          "[structure][process]") {
  auto fx = load(model_json(
      R"([{"id": "a"}, {"id": "b"}, {"id": "c"}, {"id": "d"}, {"id": "e"}, {"id": "s"}, {"id": "t"}, {"id": "u"}])", "[]",
      R"([{"from": "s", "to": "t", "process": "S", "wait": "5h"},
          {"from": "s", "to": "u", "process": "S", "wait": "2h"},
          {"from": "u", "to": "t", "process": "S", "wait": "3h"},
          {"from": "a", "to": "c", "process": "T", "wait": "1h"},
          {"from": "c", "to": "d", "process": "T", "wait": "1h"},
          {"from": "a", "to": "b", "process": "T", "wait": "1h"},
          {"from": "b", "to": "d", "process": "T", "wait": "1h"},
          {"from": "a", "to": "b", "process": "U", "wait": "1h"},
          {"from": "a", "to": "b", "process": "U", "wait": "3h"},
          {"from": "b", "to": "c", "process": "U"},
          {"from": "e", "to": "c", "process": "U", "wait": "2h"}])"));
  std::vector<process_metrics> pms;
  analysis::process_findings(*fx.m, *fx.v, pms);
  REQUIRE(pms.size() == 3);
  CHECK(pms[0].critical_path == std::optional<strings>(strings{"s", "u", "t"}));
  CHECK(pms[0].critical_wait == std::optional<millis>(5 * ms_per_hour));
  CHECK(pms[1].critical_path == std::optional<strings>(strings{"a", "b", "d"}));
  CHECK(pms[1].critical_wait == std::optional<millis>(2 * ms_per_hour));
  CHECK(pms[2].critical_path == std::optional<strings>(strings{"a", "b", "c"}));
  CHECK(pms[2].critical_wait == std::optional<millis>(3 * ms_per_hour));
  CHECK(pms[2].handoffs == 4);
}

// ------------------------------------------------------------ groups

//   div[ div-unit itself, t1[ t1, m1 ], t2 ]     out       emptyg[ lone ]
//   t1 -> m1 (inside t1)   m1 -> t2 (between subgroups: inside div)
//   t2 -> out (leaves div) div -> t1 (the group unit's own flow)
TEST_CASE("Group E-I index: nested groups, a group unit with its own flows", "[structure][metrics]") {
  auto fx = load(model_json(
      R"([{"id": "div"}, {"id": "t1", "group": "div"}, {"id": "t2", "group": "div"}, {"id": "m1", "group": "t1"},
          {"id": "out"}, {"id": "emptyg"}, {"id": "lone", "group": "emptyg"}])",
      R"([{"from": "t1", "to": "m1"}, {"from": "m1", "to": "t2"}, {"from": "t2", "to": "out"},
          {"from": "div", "to": "t1"}])"));
  const auto groups = analysis::group_metrics_of(*fx.m, *fx.v, /*with_members=*/true);
  REQUIRE(groups.size() == 3);
  CHECK(groups[0].id == "div");
  CHECK(groups[0].members == strings{"div", "m1", "t1", "t2"});
  CHECK(groups[0].internal == 3);
  CHECK(groups[0].external == 1);
  CHECK(groups[0].ei == std::optional<double>(-0.5));
  CHECK(groups[1].id == "emptyg");
  CHECK(groups[1].members == strings{"emptyg", "lone"});
  CHECK(groups[1].internal == 0);
  CHECK(groups[1].external == 0);
  CHECK_FALSE(groups[1].ei);
  CHECK(groups[2].id == "t1");
  CHECK(groups[2].members == strings{"m1", "t1"});
  CHECK(groups[2].internal == 1);
  CHECK(groups[2].external == 2);
  REQUIRE(groups[2].ei);
  CHECK(*groups[2].ei == Approx(1.0 / 3.0).epsilon(1e-15));
}

TEST_CASE("Flow degrees count every flow, parallel ones included", "[structure][metrics]") {
  auto fx = load(model_json(R"([{"id": "a"}, {"id": "b"}, {"id": "c"}])",
                            R"([{"from": "a", "to": "b"}, {"from": "a", "to": "b"}, {"from": "c", "to": "b"}])"));
  std::vector<unit_metrics> units;
  analysis::flow_degrees(*fx.v, units);
  REQUIRE(units.size() == 3);
  CHECK(units[0].id == "a");
  CHECK(units[0].flows_out == 2);
  CHECK(units[0].flows_in == 0);
  CHECK(units[1].flows_in == 3);
  CHECK(units[2].flows_out == 1);
}
