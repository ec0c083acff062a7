// Tests of the person-level analysis (people.md): a hand-worked firm whose
// every number is asserted, privacy (no person id without reveal), merging
// of small units, key people on the largest component and its tie rule,
// broker ties by byte order, single liaisons, the sampled betweenness and
// its bound, bad input, and the three shared datasets with the commands of
// people.md (counts checked independently with NetworkX 2.8).
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include <unistd.h>

#include "analysis/csr.hpp"
#include "orgflow/number.hpp"
#include "orgflow/people.hpp"
#include "support/shared_data.hpp"

namespace {

using namespace orgflow;

std::string write_temp(const std::string& name, const std::string& text) {
  const std::string path = std::string(std::getenv("TMPDIR") ? std::getenv("TMPDIR") : "/tmp") + "/orgflow-people-" +
                           std::to_string(::getpid()) + "-" + name;
  std::ofstream(path, std::ios::binary) << text;
  return path;
}

// The hand-worked firm. Eleven people: ops P01-P04, sales P05-P07, legal
// P08 P09 P11, and P10, who is not in PEOPLE (-> "(unlabelled)"). P11 has
// no tie. Arcs (<-> is a pair of arcs; P02 -> P05 drawn as a dotted line):
//
//   P01 <-> P02            P07
//    ^       |            /   ^
//    |       v           v     |
//    +----- P03 <-> P05 ---> P06 ---> P08 <-> P09 ---> P10      P11
//            |       :
//            v       :
//           P04     P02
//
// i.e. P01->P02, P02->P01, P02->P03, P03->P01, P03->P04, P03->P05, P05->P03,
// P02->P05, P05->P06, P06->P07, P07->P05, P06->P08, P08->P09, P09->P08,
// P09->P10: 15 arcs. The records add a self-tie (P01 P01), a repeat of
// P01 -> P02 and a record with count 0 (no tie): 17 records state a tie.
//
// Worked by hand:
// - density 15 / (11 * 10) = 0.136364; isolated 1 (P11).
// - reciprocity: 6 of 15 arcs are returned (0.4); U has 12 edges, 3 mutual
//   (0.25).
// - weak components {P01..P10}, {P11}: 2, largest 10. Strong: {P01 P02 P03
//   P05 P06 P07}, {P04}, {P08 P09}, {P10}, {P11}: 5, largest 6.
// - U, largest component: articulation points P03 (cuts P04), P05 (every
//   edge between ops and sales ends at P05), P06, P08, P09: 5. Bridges
//   {P03,P04} {P06,P08} {P08,P09} {P09,P10}: 4 ({P03,P05} lies on the cycle
//   P02-P03-P05). Over all of U: 4.
// - betweenness x 90 ((n-1)(n-2) = 10 * 9): P05 27 (1,2,3 -> 6..10: 15;
//   6 -> 1,2,3,4: 4; 7 -> 1,2,3,4,6,8,9,10: 8), P06 19, P08 12 (1,2,3,5,6,7
//   -> 9,10), P03 11, P02 8, P09 7 (1,2,3,5,6,7,8 -> 10), P07 5, P01 4.
// - with --min-group 3: legal (3), ops (4), sales (3) kept; "(unlabelled)"
//   (P10 alone) merged into "other (small units)".
//   ops: directed E 3 (P03->P05, P05->P03, P02->P05) I 5 -> -0.25;
//        out E 2 I 5 -> -0.428571; undirected E 2 I 4 -> -0.333333.
//   sales: directed E 4 I 3 -> 0.142857; out E 2 I 3 -> -0.2; undirected E 3 I 3 -> 0.
//   legal: directed E 2 I 2 -> 0; out E 1 I 2 -> -0.333333; undirected E 2 I 1 -> 0.333333.
//   other: directed E 1 I 0 -> 1; out 0/0 -> null; undirected E 1 I 0 -> 1.
//   overall: directed (5 - 10) / 15, undirected (4 - 8) / 12: both -0.333333.
// - unit graph: ops - sales - legal - other: 3 edges, 1 component,
//   articulation units legal and sales.
// - single liaisons: legal->sales (P08), legal->other (P09), sales->legal
//   (P06), sales->ops (P05, 2 edges: {P03,P05} {P02,P05}), other->legal
//   (P10); ops->sales is not single (P02 and P03).
const char* const firm_interactions =
    "from,to,count\r\n"
    "P01,P02,1\r\n"
    " P02 , P01 ,2\r\n"
    "P02,P03,1\r\n"
    "P03,P01,1\r\n"
    "P03,P04,1\r\n"
    "P03,P05,1\r\n"
    "P05,P03,1\r\n"
    "P02,P05,1\r\n"
    "P05,P06,1\r\n"
    "P06,P07,1\r\n"
    "P07,P05,1\r\n"
    "P06,P08,1\r\n"
    "P08,P09,1\r\n"
    "P09,P08,1\r\n"
    "P09,P10,1\r\n"
    "P01,P01,1\r\n"
    "P01,P02,3\r\n"
    "P04,P05,0\r\n";
const char* const firm_people =
    "person,unit\n"
    "P01,ops\nP02,ops\nP03,ops\nP04,ops\n"
    "P05,sales\nP06,sales\nP07,sales\n"
    "P08,legal\nP09,legal\nP11,legal\n";

people_result run_firm(std::int64_t min_group, bool reveal) {
  people_options o;
  o.interactions.count = "count";
  o.min_group = min_group;
  o.reveal = reveal;
  return analyze_people(write_temp("firm.csv", firm_interactions), write_temp("firm-people.csv", firm_people), o);
}

const char* const firm_json =
    R"json({
  "orgflow_people": 1,
  "people": 11,
  "arcs": 15,
  "isolated": 1,
  "density": 0.136364,
  "input": {"records": 17, "self_loops": 1, "duplicates": 1, "unlabelled": 1},
  "reciprocity": {"arc": 0.4, "dyad": 0.25},
  "components": {"weak": 2, "strong": 5, "largest_weak": 10, "largest_strong": 6},
  "key_people": {"articulation": 5, "bridges_largest": 4, "bridges_all": 4, "by_unit": {"legal": 2, "ops": 1, "sales": 2}},
  "betweenness": {"mode": "exact", "sources": 11, "error_bound": 0, "confidence": 1},
  "brokers": [
    {"rank": 1, "unit": "sales", "betweenness": 0.3, "person": null},
    {"rank": 2, "unit": "sales", "betweenness": 0.211111, "person": null},
    {"rank": 3, "unit": "legal", "betweenness": 0.133333, "person": null},
    {"rank": 4, "unit": "ops", "betweenness": 0.122222, "person": null},
    {"rank": 5, "unit": "ops", "betweenness": 0.088889, "person": null},
    {"rank": 6, "unit": "legal", "betweenness": 0.077778, "person": null},
    {"rank": 7, "unit": "sales", "betweenness": 0.055556, "person": null},
    {"rank": 8, "unit": "ops", "betweenness": 0.044444, "person": null}
  ],
  "units": {
    "legal": {"members": 3, "ei": {"directed": {"E": 2, "I": 2, "EI": 0}, "directed_out": {"E": 1, "I": 2, "EI": -0.333333}, "undirected": {"E": 2, "I": 1, "EI": 0.333333}}},
    "ops": {"members": 4, "ei": {"directed": {"E": 3, "I": 5, "EI": -0.25}, "directed_out": {"E": 2, "I": 5, "EI": -0.428571}, "undirected": {"E": 2, "I": 4, "EI": -0.333333}}},
    "sales": {"members": 3, "ei": {"directed": {"E": 4, "I": 3, "EI": 0.142857}, "directed_out": {"E": 2, "I": 3, "EI": -0.2}, "undirected": {"E": 3, "I": 3, "EI": 0}}},
    "other (small units)": {"members": 1, "ei": {"directed": {"E": 1, "I": 0, "EI": 1}, "directed_out": {"E": 0, "I": 0, "EI": null}, "undirected": {"E": 1, "I": 0, "EI": 1}}}
  },
  "ei": {"directed": -0.333333, "undirected": -0.333333},
  "matrix": [
    {"from": "legal", "to": "legal", "count": 2},
    {"from": "legal", "to": "other (small units)", "count": 1},
    {"from": "ops", "to": "ops", "count": 5},
    {"from": "ops", "to": "sales", "count": 2},
    {"from": "sales", "to": "legal", "count": 1},
    {"from": "sales", "to": "ops", "count": 1},
    {"from": "sales", "to": "sales", "count": 3}
  ],
  "unit_graph": {"units": 4, "edges": 3, "components": 1, "articulation_units": ["legal", "sales"], "without_edge": []},
  "liaisons": [
    {"from": "legal", "to": "sales", "edges": 1, "person": null},
    {"from": "legal", "to": "other (small units)", "edges": 1, "person": null},
    {"from": "sales", "to": "legal", "edges": 1, "person": null},
    {"from": "sales", "to": "ops", "edges": 2, "person": null},
    {"from": "other (small units)", "to": "legal", "edges": 1, "person": null}
  ],
  "privacy": {"min_group": 3, "merged_units": 1, "reveal": false}
}
)json";

const std::vector<std::string> firm_ids = {"P01", "P02", "P03", "P04", "P05", "P06",
                                           "P07", "P08", "P09", "P10", "P11"};

}  // namespace

TEST_CASE("the hand-worked firm - every number of the JSON report") {
  const auto r = run_firm(3, false);
  REQUIRE(r.diagnostics.empty());
  REQUIRE(r.value);
  CHECK(write_people_json(*r.value) == firm_json);
  // What the readers skipped is said on standard error.
  REQUIRE(r.summary.size() == 2);
  CHECK(r.summary[0] == "INTERACTIONS: skipped 1 record(s) with count 0 (no tie)");
  CHECK(r.summary[1] == "INTERACTIONS: 1 person(s) not in PEOPLE put in \"(unlabelled)\"");
}

TEST_CASE("no person id in any format without --reveal - every key person with it") {
  const auto hidden = run_firm(3, false);
  REQUIRE(hidden.value);
  for (const std::string& text : {write_people_json(*hidden.value), write_people_text(*hidden.value),
                                  write_people_markdown(*hidden.value)}) {
    for (const auto& id : firm_ids) CHECK(text.find(id) == std::string::npos);
  }
  const auto shown = run_firm(3, true);
  REQUIRE(shown.value);
  const people_report& r = *shown.value;
  REQUIRE(r.brokers.size() == 8);
  const std::vector<std::string> order = {"P05", "P06", "P08", "P03", "P02", "P09", "P07", "P01"};
  for (std::size_t i = 0; i < order.size(); ++i) CHECK(r.brokers[i].person == order[i]);
  REQUIRE(r.articulation_people.size() == 5);
  const std::vector<std::string> points = {"P03", "P05", "P06", "P08", "P09"};
  for (std::size_t i = 0; i < points.size(); ++i) CHECK(r.articulation_people[i].person == points[i]);
  CHECK(r.articulation_people[0].unit == "ops");
  REQUIRE(r.bridge_people.size() == 4);
  CHECK(r.bridge_people[0].a.person == "P03");
  CHECK(r.bridge_people[0].b.person == "P04");
  CHECK(r.bridge_people[3].a.person == "P09");
  CHECK(r.bridge_people[3].b.person == "P10");
  CHECK(r.bridge_people[3].b.unit == "other (small units)");
  REQUIRE(r.liaisons.size() == 5);
  const std::vector<std::string> liaisons = {"P08", "P09", "P06", "P05", "P10"};
  for (std::size_t i = 0; i < liaisons.size(); ++i) CHECK(r.liaisons[i].person == liaisons[i]);
  const std::string json = write_people_json(r);
  CHECK(json.find("\"person\": \"P05\"") != std::string::npos);
  CHECK(json.find("\"articulation_points\": [") != std::string::npos);
  CHECK(json.find("\"reveal\": true") != std::string::npos);
  const std::string text = write_people_text(r);
  CHECK(text.find("bridge: P09 (legal) - P10 (other (small units))") != std::string::npos);
  CHECK(write_people_markdown(r).find("| 1 | sales | 0.3 | P05 |") != std::string::npos);
}

TEST_CASE("min-group merges small units - (unlabelled) included - and 1 turns merging off") {
  {
    const auto r = run_firm(1, false);
    REQUIRE(r.value);
    CHECK(r.value->merged_units == 0);
    REQUIRE(r.value->units.size() == 4);
    CHECK(r.value->units[0].name == "legal");
    CHECK(r.value->units[3].name == "(unlabelled)");
    CHECK(r.value->units[3].members == 1);
    CHECK(r.value->min_group == 1);
  }
  {
    // Default 5: every unit is smaller, so all eleven people are one group
    // and every tie is internal.
    const auto r = run_firm(5, false);
    REQUIRE(r.value);
    CHECK(r.value->merged_units == 4);
    REQUIRE(r.value->units.size() == 1);
    CHECK(r.value->units[0].name == "other (small units)");
    CHECK(r.value->units[0].members == 11);
    CHECK(r.value->units[0].directed.internal == 15);
    CHECK(r.value->units[0].directed.external == 0);
    CHECK(format_number(r.value->ei_directed.index()) == "-1");
    CHECK(r.value->liaisons.empty());
    CHECK(r.value->unit_graph_edges == 0);
    REQUIRE(r.value->without_edge.size() == 1);
    REQUIRE(r.value->key_by_unit.size() == 1);
    CHECK(r.value->key_by_unit[0].second == 5);
    // Person-level figures do not depend on merging.
    CHECK(r.value->articulation == 5);
    CHECK(r.value->bridges_largest == 4);
  }
}

// Two components of three people each (the largest, tied): {k1 - k2 - k3}
// is a path (k2 an articulation point, two bridges) and {a, q, r} a
// triangle. The triangle holds the smallest id "a", so key people are
// counted there: 0 articulation points and 0 bridges in the largest
// component, 2 bridges over all of U.
TEST_CASE("the largest component tie goes to the component holding the smallest id") {
  people_input in;
  in.ids = {"k1", "k2", "k3", "q", "r", "a"};
  in.units = {"u", "u", "u", "v", "v", "v"};
  in.arcs = {{0, 1}, {1, 2}, {3, 4}, {4, 5}, {5, 3}};
  people_options o;
  o.min_group = 1;
  const people_report r = analyze_people(in, o);
  CHECK(r.key_component == 3);
  CHECK(r.articulation == 0);
  CHECK(r.bridges_largest == 0);
  CHECK(r.bridges_all == 2);
  CHECK(r.weak == 2);
  CHECK(r.strong == 4);  // {k1} {k2} {k3} {q r a}
  // Units u and v share no tie: both without an edge, two components.
  CHECK(r.unit_graph_components == 2);
  CHECK(r.without_edge == std::vector<std::string>{"u", "v"});
  CHECK(r.liaisons.empty());
  // Swapping the ids: the path now holds the smallest id.
  in.ids = {"a", "k2", "k3", "q", "r", "k1"};
  const people_report s = analyze_people(in, o);
  CHECK(s.articulation == 1);
  CHECK(s.bridges_largest == 2);
}

// x1 -> m9 -> x2 and y1 -> m10 -> y2: m9 and m10 have the same betweenness
// 1 / (5 * 4) = 0.05. Ties go by byte order of the id: "m10" < "m9"
// (natural order would say otherwise).
TEST_CASE("brokers with equal betweenness are ranked by person id in byte order") {
  people_input in;
  in.ids = {"x1", "m9", "x2", "y1", "m10", "y2"};
  in.units = {"a", "a", "a", "b", "b", "b"};
  in.arcs = {{0, 1}, {1, 2}, {3, 4}, {4, 5}};
  people_options o;
  o.min_group = 1;
  o.reveal = true;
  const people_report r = analyze_people(in, o);
  REQUIRE(r.brokers.size() == 2);
  CHECK(r.brokers[0].person == "m10");
  CHECK(r.brokers[0].unit == "b");
  CHECK(r.brokers[1].person == "m9");
  CHECK(format_number(r.brokers[0].betweenness) == "0.05");
  o.betweenness = betweenness_mode::none;
  const people_report none = analyze_people(in, o);
  CHECK(none.brokers.empty());
  CHECK(write_people_json(none).find("\"betweenness\": {\"mode\": \"none\", \"sources\": 0, \"error_bound\": null") !=
        std::string::npos);
}

// A single liaison needs every edge between two units to touch one person
// of the first unit: here a1 - b1 and a1 - b2 (a1 is a's single liaison to
// b, 2 edges), while b has two people on those edges (no liaison b -> a).
TEST_CASE("single liaisons per ordered unit pair") {
  people_input in;
  in.ids = {"a1", "a2", "b1", "b2"};
  in.units = {"a", "a", "b", "b"};
  in.arcs = {{0, 2}, {3, 0}, {0, 1}, {2, 3}};
  people_options o;
  o.min_group = 1;
  o.reveal = true;
  const people_report r = analyze_people(in, o);
  REQUIRE(r.liaisons.size() == 1);
  CHECK(r.liaisons[0].from == "a");
  CHECK(r.liaisons[0].to == "b");
  CHECK(r.liaisons[0].edges == 2);
  CHECK(r.liaisons[0].person == "a1");
  CHECK(write_people_text(r).find("a -> b: all 2 ties go through one person of a (a1)") != std::string::npos);
}

// A random graph of 400 people (average out-degree 4, fixed generator):
// the estimate from 60 sampled sources stays within the stated bound of the
// exact value for every broker, the bound is the Hoeffding formula, the
// result is the same with 1 and 2 threads, and sampling every source is
// exact (bound 0).
TEST_CASE("sampled betweenness stays within its stated bound and is deterministic") {
  people_input in;
  const std::uint32_t n = 400;
  std::uint64_t state = 12345;
  auto next = [&] {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<std::uint32_t>(state >> 33);
  };
  for (std::uint32_t p = 0; p < n; ++p) {
    in.ids.push_back("p" + std::to_string(p));
    in.units.push_back("u" + std::to_string(p % 8));
  }
  for (std::uint32_t e = 0; e < 4 * n; ++e) in.arcs.emplace_back(next() % n, next() % n);
  people_options o;
  o.reveal = true;
  o.betweenness = betweenness_mode::exact;
  const people_report exact = analyze_people(in, o);
  o.betweenness = betweenness_mode::sample;
  o.sample_sources = 60;
  o.threads = 1;
  const people_report one = analyze_people(in, o);
  o.threads = 2;
  const people_report two = analyze_people(in, o);
  CHECK(write_people_json(one) == write_people_json(two));
  CHECK(one.betweenness == betweenness_mode::sample);
  CHECK(one.sources == 60);
  const double bound = (400.0 / 399.0) * std::sqrt(std::log(2.0 * 400 / 0.05) / (2.0 * 60));
  CHECK(one.error_bound == Approx(bound).epsilon(1e-12));
  CHECK(write_people_json(one).find("\"error_bound\": " + format_number(bound) + ", \"confidence\": 0.95") !=
        std::string::npos);
  CHECK(write_people_text(one).find("estimated from 60 of 400 sources") != std::string::npos);

  // Every broker's estimate against the exact value of that person,
  // computed with the CSR Brandes the analysis uses.
  std::vector<std::pair<std::uint32_t, std::uint32_t>> arcs(in.arcs.begin(), in.arcs.end());
  const auto g = analysis::csr_graph::from_edges(n, arcs, /*undirected=*/false);
  const std::vector<double> truth = analysis::betweenness_csr(g, 1);
  for (const auto& b : one.brokers) {
    const std::uint32_t p = static_cast<std::uint32_t>(std::stoul(b.person->substr(1)));
    CHECK(std::abs(b.betweenness - truth[p]) <= one.error_bound);
  }
  REQUIRE(one.brokers.size() == 10);
  CHECK(exact.brokers.size() == 10);
  CHECK(exact.betweenness == betweenness_mode::exact);

  o.sample_sources = n;  // every source: exact
  const people_report all = analyze_people(in, o);
  CHECK(all.error_bound == 0);
  REQUIRE(all.brokers.size() == exact.brokers.size());
  for (std::size_t i = 0; i < all.brokers.size(); ++i) CHECK(all.brokers[i].betweenness == exact.brokers[i].betweenness);

  // automatic: exact up to exact_limit people, sampled above.
  o.betweenness = betweenness_mode::automatic;
  o.sample_sources = 60;
  o.exact_limit = 400;
  CHECK(analyze_people(in, o).betweenness == betweenness_mode::exact);
  o.exact_limit = 399;
  CHECK(analyze_people(in, o).betweenness == betweenness_mode::sample);
}

TEST_CASE("bad input is reported as diagnostics - nothing analysed") {
  people_options o;
  o.interactions.from = "sender";  // no such column
  const auto r = analyze_people(write_temp("bad.csv", firm_interactions), write_temp("bad-people.csv", firm_people), o);
  CHECK_FALSE(r.value);
  REQUIRE(r.diagnostics.size() == 1);
  CHECK(r.diagnostics[0].message.find("--from") != std::string::npos);
  const auto empty = analyze_people(write_temp("e.csv", "from,to\n"), write_temp("e-people.csv", "person,unit\n"), o);
  CHECK_FALSE(empty.value);
  REQUIRE(empty.diagnostics.size() == 1);
  CHECK(empty.diagnostics[0].message == "PEOPLE lists nobody (one row per person and unit)");
}

// The datasets with the commands of people.md. The counts were checked with
// NetworkX 2.8 (DiGraph of the arcs plus every listed person; weakly and
// strongly connected components; articulation_points and bridges of the
// largest connected component of to_undirected(); betweenness_centrality).
TEST_CASE("email-Eu-core (1005 people in 42 departments)") {
  const std::string dir = orgflow_test::dataset("email-eu-core/");
  people_options o;
  o.interactions.delimiter = "whitespace";
  o.interactions.header = false;
  o.people.delimiter = "whitespace";
  o.people.header = false;
  const auto res = analyze_people(dir + "email-Eu-core.txt", dir + "email-Eu-core-department-labels.txt", o);
  REQUIRE(res.value);
  const people_report& r = *res.value;
  CHECK(r.people == 1005);
  CHECK(r.arcs == 24929);
  CHECK(r.records == 25571);
  CHECK(r.self_loops == 642);
  CHECK(r.duplicates == 0);
  CHECK(r.isolated == 19);
  CHECK(r.weak == 20);
  CHECK(r.largest_weak == 986);
  CHECK(r.strong == 203);
  CHECK(r.largest_strong == 803);
  CHECK(format_number(r.reciprocity_arc) == "0.71122");       // 2 * 8865 / 24929
  CHECK(format_number(r.reciprocity_dyad) == "0.551855");     // 8865 / 16064
  CHECK(r.articulation == 73);
  CHECK(r.bridges_largest == 95);
  CHECK(r.bridges_all == 95);
  CHECK(r.liaisons.size() == 128);
  CHECK(r.units.size() == 36);  // 35 departments of 5 or more, and the merged group
  CHECK(r.merged_units == 7);
  CHECK(r.unit_graph_edges == 575);
  REQUIRE(r.brokers.size() == 10);
  CHECK(format_number(r.brokers[0].betweenness) == "0.072121");
  CHECK(r.brokers[0].unit == "36");
  // Department 31: 8 members, no arc between two of them.
  for (const auto& u : r.units) {
    if (u.name != "31") continue;
    CHECK(u.members == 8);
    CHECK(u.directed.internal == 0);
    CHECK(u.directed.external == 189);
  }
}

TEST_CASE("Krackhardt high-tech managers - advice") {
  const std::string dir = orgflow_test::dataset("krackhardt-hightech/");
  people_options o;
  o.interactions.delimiter = "whitespace";
  o.interactions.header = false;
  o.interactions.count = "3";
  o.people.delimiter = ",";
  o.people.person = "ID";
  o.people.unit = "DEPT";
  const auto res = analyze_people(dir + "Krack-High-Tec-edgelist-Advice.txt", dir + "Krack-High-Tec-Attributes.csv", o);
  REQUIRE(res.value);
  const people_report& r = *res.value;
  CHECK(r.people == 21);
  CHECK(r.arcs == 190);
  CHECK(r.records == 190);  // the 251 lines with tie 0 state no tie
  CHECK(r.weak == 1);
  CHECK(r.strong == 1);
  CHECK(r.largest_strong == 21);
  CHECK(r.articulation == 0);
  CHECK(r.bridges_all == 0);
  // DEPT 0 (1), 3 (3), 4 (4) are merged: units 1, 2 and the group of 8.
  REQUIRE(r.units.size() == 3);
  CHECK(r.units[2].name == "other (small units)");
  CHECK(r.units[2].members == 8);
  CHECK(r.merged_units == 3);
  CHECK(format_number(r.reciprocity_arc) == "0.473684");
  REQUIRE(r.brokers.size() == 10);
  CHECK(format_number(r.brokers[0].betweenness) == "0.233991");
}

TEST_CASE("Lazega law firm - advice matrix by office") {
  const std::string dir = orgflow_test::dataset("lazega-lawfirm/");
  people_options o;
  o.interactions.matrix = true;
  o.interactions.delimiter = "whitespace";
  o.interactions.header = false;
  o.people.delimiter = "whitespace";
  o.people.header = false;
  o.people.person = "1";
  o.people.unit = "4";
  const auto res = analyze_people(dir + "ELadv.dat", dir + "ELattr.dat", o);
  REQUIRE(res.value);
  const people_report& r = *res.value;
  CHECK(r.people == 71);
  CHECK(r.arcs == 892);
  CHECK(r.records == 892);
  CHECK(r.self_loops == 0);
  CHECK(r.weak == 1);
  CHECK(r.strong == 4);
  CHECK(r.largest_strong == 65);
  CHECK(r.articulation == 0);
  // Offices 1 (Boston, 48) and 2 (Hartford, 19); Providence (4) merged.
  REQUIRE(r.units.size() == 3);
  CHECK(r.units[0].members == 48);
  CHECK(r.units[1].members == 19);
  CHECK(r.units[2].members == 4);
}

// The same data in another order (people, arcs) and on another number of
// threads gives the same report, byte for byte: units are ordered by name,
// ties by person id, never by input position or hash order.
TEST_CASE("the report does not depend on input order or thread count") {
  people_input in;
  const std::uint32_t n = 300;
  std::uint64_t state = 99;
  auto next = [&] {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<std::uint32_t>(state >> 33);
  };
  for (std::uint32_t p = 0; p < n; ++p) {
    in.ids.push_back("id" + std::to_string(next() % 100000) + "-" + std::to_string(p));
    in.units.push_back("team " + std::to_string(p % 13));
  }
  for (std::uint32_t e = 0; e < 3 * n; ++e) in.arcs.emplace_back(next() % n, next() % n);
  people_options o;
  o.reveal = true;
  o.threads = 1;
  const std::string reference = write_people_json(analyze_people(in, o));
  o.threads = 2;
  CHECK(write_people_json(analyze_people(in, o)) == reference);

  // Reverse the people (renumbering the arcs) and the arcs.
  people_input shuffled;
  for (std::uint32_t p = 0; p < n; ++p) {
    shuffled.ids.push_back(in.ids[n - 1 - p]);
    shuffled.units.push_back(in.units[n - 1 - p]);
  }
  for (auto it = in.arcs.rbegin(); it != in.arcs.rend(); ++it) shuffled.arcs.emplace_back(n - 1 - it->first, n - 1 - it->second);
  CHECK(write_people_json(analyze_people(shuffled, o)) == reference);
}
