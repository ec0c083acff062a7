// Tests of `import csv` (graphlib/import/interactions.cpp): person-to-person
// interactions aggregated to units, on small tables written here (ties,
// duplicates, self-ties, counts, unknown people, privacy merge, matrices)
// and on the three communication datasets read with column options only,
// as people.md gives the commands.
//
// The dataset figures were computed once, independently of orgflow, by a
// short Python script (split each line, drop self-ties and zero ties, a set
// of arcs, units with fewer than 5 members merged) and are hard-coded below.
#include <catch2/catch.hpp>

#include <cstdio>
#include <fstream>
#include <map>
#include <string>
#include <unistd.h>

#include "orgflow/import.hpp"
#include "orgflow/model.hpp"
#include "orgflow/quantity.hpp"
#include "support/shared_data.hpp"
#include "support/temp_file.hpp"

namespace {

using orgflow_test::temp_file;
using orgflow_test::x_member;

using orgflow::import_interactions;
using orgflow::import_result;
using orgflow::interactions_options;



const orgflow::model& valid(import_result&&) = delete;  // the reference would dangle
const orgflow::model& valid(const import_result& r) {
  for (const auto& d : r.diagnostics) UNSCOPED_INFO(d.to_string());
  REQUIRE(r.diagnostics.empty());
  REQUIRE(r.value.has_value());
  const auto problems = orgflow::validate_model(*r.value, "imported");
  for (const auto& d : problems) UNSCOPED_INFO(d.to_string());
  REQUIRE(problems.empty());
  return *r.value;
}

// "from->to" -> x-occurrences
std::map<std::string, std::string> flows(const orgflow::model& m) {
  std::map<std::string, std::string> out;
  for (const auto& f : m.flows) out[f.from + "->" + f.to] = x_member(f.extras, "x-occurrences");
  return out;
}

const orgflow::unit& unit_of(const orgflow::model& m, const std::string& id) {
  const auto k = m.find_unit(id);
  REQUIRE(k.has_value());
  return m.units[*k];
}

std::string summary_text(const import_result& r) {
  std::string s;
  for (const auto& l : r.summary) s += l + "\n";
  return s;
}

interactions_options email_options() {
  interactions_options o;
  o.interactions.delimiter = "whitespace";
  o.interactions.header = false;
  o.people.delimiter = "whitespace";
  o.people.header = false;
  return o;
}

interactions_options krackhardt_options() {
  interactions_options o;
  o.interactions.delimiter = "whitespace";
  o.interactions.header = false;
  o.interactions.count = "3";
  o.people.delimiter = ",";
  o.people.person = "ID";
  o.people.unit = "DEPT";
  return o;
}

interactions_options lazega_options() {
  interactions_options o;
  o.interactions.matrix = true;
  o.interactions.delimiter = "whitespace";
  o.interactions.header = false;
  o.people.delimiter = "whitespace";
  o.people.header = false;
  o.people.person = "1";
  o.people.unit = "4";
  return o;
}

}  // namespace

TEST_CASE("interactions: ties, duplicates, self-ties, counts and unknown people", "[import][interactions]") {
  //   ops: ann bob cat     sales: dan eve     (min_group 1: no merging)
  //   ann->dan twice (one tie), bob->dan, dan->ann, ann->bob (internal),
  //   cat->cat (self), eve->ann with count 0 (no tie), zed->eve (zed unknown)
  const temp_file people("person,unit\r\nann,Ops\r\nbob,Ops\r\ncat,Ops\r\ndan,Sales & Marketing\r\neve,Sales & Marketing\r\n",
                         "people.csv");
  const temp_file records(
      "from,to,n\nann,dan,2\nann,dan,1\nbob,dan,1\ndan,ann,5\nann,bob,1\ncat,cat,1\neve,ann,0\nzed,eve,3\n",
      "mail.csv");
  interactions_options o;
  o.interactions.count = "n";
  o.min_group = 1;
  o.period = orgflow::parse_duration("1w", nullptr);
  const auto r = import_interactions(records.path, people.path, o);
  const auto& m = valid(r);
  REQUIRE(m.units.size() == 3);
  CHECK(m.units[0].id == "ops");
  CHECK(m.units[1].id == "sales-marketing");
  CHECK(m.units[1].name == "Sales & Marketing");
  CHECK(m.units[2].id == "unlabelled");
  CHECK(m.units[2].name == "(unlabelled)");
  CHECK(m.units[0].members == 3);
  CHECK(m.units[2].members == 1);
  CHECK(x_member(m.units[0].extras, "x-internal-ties") == "1");
  const auto f = flows(m);
  REQUIRE(f.size() == 3);
  CHECK(f.at("ops->sales-marketing") == "2");  // ann->dan (collapsed), bob->dan
  CHECK(f.at("sales-marketing->ops") == "1");  // dan->ann; eve->ann has count 0
  CHECK(f.at("unlabelled->sales-marketing") == "1");
  for (const auto& fl : m.flows) {
    if (fl.from == "ops") {
      CHECK(fl.volume->text == "4/w");  // 2 + 1 + 1 messages
      CHECK(x_member(fl.extras, "x-records") == "4");
    }
  }
  const std::string s = summary_text(r);
  CHECK(s.find("dropped 1 self-tie") != std::string::npos);
  CHECK(s.find("collapsed 1 repeated tie") != std::string::npos);
  CHECK(s.find("skipped 1 record with count 0") != std::string::npos);
  CHECK(s.find("1 person not in PEOPLE (in 1 record)") != std::string::npos);
  // Privacy: no person identifier anywhere in the written model.
  const std::string json = orgflow::save_model(m);
  for (const char* person : {"ann", "bob", "cat", "dan", "eve", "zed"}) CHECK(json.find(person) == std::string::npos);
}

TEST_CASE("interactions: small units merge into small-units unless min_group is 1", "[import][interactions]") {
  std::string people = "p,u\n";
  for (int k = 0; k < 6; ++k) people += "a" + std::to_string(k) + ",Big\n";
  people += "b0,Tiny\nb1,Tiny\nc0,Small units\n";
  const temp_file pf(people, "people.csv");
  const temp_file rf("from,to\na0,b0\nb1,c0\nc0,a1\nb0,b1\n", "ties.csv");
  interactions_options o;
  const auto r = import_interactions(rf.path, pf.path, o);
  const auto& m = valid(r);
  REQUIRE(m.units.size() == 2);
  CHECK(m.units[0].id == "big");
  CHECK(m.units[1].id == "small-units");
  CHECK(m.units[1].name == "other (small units)");
  CHECK(m.units[1].members == 3);
  CHECK(x_member(m.units[1].extras, "x-internal-ties") == "2");  // b1->c0 and b0->b1 are now inside
  CHECK(flows(m) == std::map<std::string, std::string>{{"big->small-units", "1"}, {"small-units->big", "1"}});
  CHECK(summary_text(r).find("merged 2 units with fewer than 5 members (3 people)") != std::string::npos);

  o.min_group = 1;
  const auto r1 = import_interactions(rf.path, pf.path, o);
  const auto& all = valid(r1);
  REQUIRE(all.units.size() == 3);
  CHECK(all.units[1].id == "small-units");  // the unit named "Small units"; nothing is merged
  CHECK(all.units[2].id == "tiny");
}

TEST_CASE("interactions: tabs and CR CR LF line ends, as in the other upstream copy of email-Eu-core",
          "[import][interactions]") {
  std::string people, records;
  for (int k = 0; k < 10; ++k) people += std::to_string(k) + "\t" + (k < 5 ? "0" : "1") + "\r\r\n";
  records = "0\t5\r\r\n5\t0\r\r\n1\t2\r\r\n3\t3\r\r\n9\t1";  // no final line end
  const temp_file pf(people, "labels.txt");
  const temp_file rf(records, "edges.txt");
  auto o = email_options();
  o.interactions.delimiter = "tab";
  o.people.delimiter = "tab";
  const auto r = import_interactions(rf.path, pf.path, o);
  const auto& m = valid(r);
  REQUIRE(m.units.size() == 2);
  CHECK(m.units[0].members == 5);
  CHECK(flows(m) == std::map<std::string, std::string>{{"0->1", "1"}, {"1->0", "2"}});
  CHECK(x_member(m.units[0].extras, "x-internal-ties") == "1");
  CHECK(summary_text(r).find("dropped 1 self-tie") != std::string::npos);
}

TEST_CASE("interactions: bad input gives diagnostics with file and place", "[import][interactions][errors]") {
  const temp_file people("person,unit\nann,Ops\nbob,Ops\nann,Sales\n", "people.csv");
  const temp_file records("from,to\nann,bob\n", "mail.csv");
  const auto twice = import_interactions(records.path, people.path, {});
  REQUIRE_FALSE(twice.value);
  CHECK(twice.diagnostics.front().to_string().find("people.csv:4:5") != std::string::npos);
  CHECK(twice.diagnostics.front().message.find("another unit") != std::string::npos);

  const temp_file good_people("person,unit\nann,Ops\nbob,Ops\n", "people2.csv");
  interactions_options o;
  o.interactions.from = "sender";
  const auto missing = import_interactions(records.path, good_people.path, o);
  REQUIRE_FALSE(missing.value);
  CHECK(missing.diagnostics.front().to_string().find("mail.csv:1:1: --from: there is no column \"sender\"") !=
        std::string::npos);

  const temp_file counted("from,to,n\nann,bob,lots\n", "counted.csv");
  interactions_options c;
  c.interactions.count = "n";
  const auto bad_count = import_interactions(counted.path, good_people.path, c);
  REQUIRE_FALSE(bad_count.value);
  CHECK(bad_count.diagnostics.front().to_string().find("counted.csv:2:9: \"lots\" is not a count") !=
        std::string::npos);

  const temp_file matrix("0 1\n1 0 1\n", "m.dat");
  interactions_options mo;
  mo.interactions.matrix = true;
  mo.interactions.delimiter = "whitespace";
  mo.interactions.header = false;
  const auto bad_matrix = import_interactions(matrix.path, good_people.path, mo);
  REQUIRE_FALSE(bad_matrix.value);
  CHECK(bad_matrix.diagnostics.front().to_string().find("m.dat:2:1: this matrix row has 3 values") !=
        std::string::npos);
}

TEST_CASE("interactions: email-Eu-core by department", "[import][interactions][dataset]") {
  const auto r = import_interactions(orgflow_test::dataset("email-eu-core/email-Eu-core.txt"),
                                     orgflow_test::dataset("email-eu-core/email-Eu-core-department-labels.txt"),
                                     email_options());
  const auto& m = valid(r);
  // 42 departments, 7 of them with fewer than 5 members (18 people) merged.
  CHECK(m.units.size() == 36);
  CHECK(m.flows.size() == 1102);
  const auto f = flows(m);
  CHECK(f.at("4->14") == "95");
  CHECK(f.at("14->4") == "71");
  CHECK(f.at("1->small-units") == "32");
  CHECK(x_member(unit_of(m, "4").extras, "x-internal-ties") == "1167");
  CHECK(unit_of(m, "4").members == 109);
  CHECK(unit_of(m, "small-units").members == 18);
  CHECK(x_member(unit_of(m, "31").extras, "x-internal-ties") == "0");  // README: no arc inside department 31
  const std::string s = summary_text(r);
  CHECK(s.find("24,929 ties") != std::string::npos);
  CHECK(s.find("dropped 642 self-ties") != std::string::npos);
  CHECK(s.find("merged 7 units") != std::string::npos);

  auto o = email_options();
  o.min_group = 1;
  const auto r1 = import_interactions(orgflow_test::dataset("email-eu-core/email-Eu-core.txt"),
                                      orgflow_test::dataset("email-eu-core/email-Eu-core-department-labels.txt"), o);
  const auto& all = valid(r1);
  CHECK(all.units.size() == 42);
  CHECK(all.units.front().id == "0");
  CHECK(all.units.back().id == "41");
}

TEST_CASE("interactions: Krackhardt advice, tie column, CRLF people file with header", "[import][interactions][dataset]") {
  const std::string people = orgflow_test::dataset("krackhardt-hightech/Krack-High-Tec-Attributes.csv");
  const std::string advice = orgflow_test::dataset("krackhardt-hightech/Krack-High-Tec-edgelist-Advice.txt");
  const auto r = import_interactions(advice, people, krackhardt_options());
  const auto& m = valid(r);
  // DEPT 0 (1 person), 3 (3) and 4 (4) are merged; 1 (5) and 2 (8) stay.
  CHECK(m.units.size() == 3);
  CHECK(m.flows.size() == 6);
  const auto f = flows(m);
  CHECK(f.at("1->2") == "3");
  CHECK(f.at("2->1") == "25");
  CHECK(f.at("1->small-units") == "15");
  CHECK(f.at("2->small-units") == "46");
  CHECK(summary_text(r).find("190 ties") != std::string::npos);
  CHECK(summary_text(r).find("count 0") != std::string::npos);

  auto o = krackhardt_options();
  o.min_group = 1;
  const auto r1 = import_interactions(advice, people, o);
  const auto& all = valid(r1);
  CHECK(all.units.size() == 5);
  CHECK(all.flows.size() == 20);
  CHECK(flows(all).at("0->1") == "4");
  std::uint64_t internal = 0;
  for (const auto& u : all.units) internal += std::stoull(x_member(u.extras, "x-internal-ties"));
  CHECK(internal == 46);

  const auto reports = import_interactions(
      orgflow_test::dataset("krackhardt-hightech/Krack-High-Tec-edgelist-ReportsTo.txt"), people, o);
  CHECK(flows(valid(reports)) == std::map<std::string, std::string>{{"1->0", "1"}, {"2->0", "1"}, {"3->0", "1"}, {"4->0", "1"}});
}

TEST_CASE("interactions: Lazega advice matrix by office, with a period", "[import][interactions][dataset]") {
  auto o = lazega_options();
  o.period = orgflow::parse_duration("1w", nullptr);
  const auto r = import_interactions(orgflow_test::dataset("lazega-lawfirm/ELadv.dat"),
                                     orgflow_test::dataset("lazega-lawfirm/ELattr.dat"), o);
  const auto& m = valid(r);
  // Boston 48, Hartford 19, Providence 4 (merged).
  REQUIRE(m.units.size() == 3);
  CHECK(m.units[0].members == 48);
  CHECK(m.units[1].members == 19);
  CHECK(m.units[2].id == "small-units");
  CHECK(m.units[2].members == 4);
  CHECK(m.flows.size() == 6);
  const auto f = flows(m);
  CHECK(f.at("1->2") == "72");
  CHECK(f.at("2->1") == "79");
  CHECK(f.at("small-units->2") == "5");
  CHECK(x_member(m.units[0].extras, "x-internal-ties") == "558");
  CHECK(m.flows[0].volume->text == "72/w");
  CHECK(summary_text(r).find("892 ties") != std::string::npos);

  const auto r2 = import_interactions(orgflow_test::dataset("lazega-lawfirm/ELwork.dat"),
                                      orgflow_test::dataset("lazega-lawfirm/ELattr.dat"), lazega_options());
  const auto& work = valid(r2);
  CHECK(flows(work).at("1->2") == "48");
  CHECK(flows(work).at("small-units->1") == "23");
}

// ------------------------------------------------- tables counted per unit
// `import csv --unit-pairs --unit-members` (unit_tables.cpp, docs/scale.md);
// tests/scale/run.py checks that SQL counts give the person-level model.

TEST_CASE("unit tables: pairs summed, zero ties skipped, the merged group and small units in small-units",
          "[import][interactions]") {
  temp_file members("unit,people\nSales,6\nOps,5\nLegal,2\nother (small units),3\n", "members.csv");
  temp_file pairs("from,to,ties,records\nSales,Ops,2,7\nSales,Ops,1,1\nOps,Sales,0,0\nLegal,Ops,1,4\n"
                  "other (small units),Legal,2,2\nSales,Sales,4,9\n",
                  "pairs.csv");
  const import_result r = orgflow::import_unit_tables(pairs.path, members.path, {});
  const orgflow::model& m = valid(r);
  REQUIRE(m.units.size() == 3);
  CHECK(m.units[2].id == "small-units");
  CHECK(m.units[2].members == 5);  // Legal (2) and the group the query merged (3)
  CHECK(x_member(m.units[2].extras, "x-internal-ties") == "2");
  CHECK(x_member(unit_of(m, "sales").extras, "x-internal-ties") == "4");
  CHECK(flows(m) == std::map<std::string, std::string>{{"sales->ops", "3"}, {"small-units->ops", "1"}});
  CHECK(summary_text(r).find("summed 1 repeated pair") != std::string::npos);
  CHECK(summary_text(r).find("skipped 1 pair with 0 ties") != std::string::npos);
}

TEST_CASE("unit tables: every mistake at its line and column, nothing built", "[import][interactions]") {
  temp_file members("unit,people\nSales,6\nOps,5\n", "members.csv");
  temp_file pairs("from,to,ties\nSales,Legal,1\nOps,Sales,-2\n", "pairs.csv");
  orgflow::unit_tables_options o;
  SECTION("unknown units and bad counts") {
    const import_result r = orgflow::import_unit_tables(pairs.path, members.path, o);
    CHECK_FALSE(r.value.has_value());
    REQUIRE(r.diagnostics.size() == 2);
    CHECK(r.diagnostics[0].line == 2);
    CHECK(r.diagnostics[0].column == 7);
    CHECK(r.diagnostics[1].line == 3);
    CHECK(r.diagnostics[1].column == 11);
  }
  SECTION("a period needs the records column") {
    temp_file good("from,to,ties\nSales,Ops,1\n", "good.csv");
    o.period = orgflow::parse_duration("4w", nullptr);
    const import_result r = orgflow::import_unit_tables(good.path, members.path, o);
    REQUIRE(r.diagnostics.size() == 1);
    CHECK(r.diagnostics[0].message.find("records") != std::string::npos);
  }
}
