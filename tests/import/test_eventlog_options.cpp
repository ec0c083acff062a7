// Tests of what `import eventlog` does beyond the handoff rules
// (graphlib/import/eventlog.cpp, readable_duration.cpp): the evidence
// threshold (--min-occurrences), pseudonyms for people (org:resource, or
// --pseudonymise) unless --reveal, and the readable exact text of waits.
#include <catch2/catch.hpp>
#include <rapidcheck/catch.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <utility>
#include <regex>
#include <string>
#include <vector>

#include "import/readable_duration.hpp"
#include "orgflow/import.hpp"
#include "orgflow/io.hpp"
#include "orgflow/model.hpp"
#include "orgflow/quantity.hpp"
#include "support/shared_data.hpp"
#include "support/temp_file.hpp"

namespace {

using orgflow::eventlog_options;
using orgflow::import_eventlog;
using orgflow::import_result;
using orgflow::millis;
using orgflow::import_text::readable_duration;
using orgflow_test::x_member;

struct temp_file : orgflow_test::temp_file {
  explicit temp_file(const std::string& content, const std::string& name)
      : orgflow_test::temp_file(content, name) {}
};

std::string all_output(const import_result& r) {
  std::string s;
  for (const auto& l : r.summary) s += l + "\n";
  if (r.value) s += orgflow::save_model(*r.value);
  return s;
}

const orgflow::model& model_of(const import_result& r) {
  for (const auto& d : r.diagnostics) UNSCOPED_INFO(d.to_string());
  REQUIRE(r.value.has_value());
  REQUIRE(orgflow::validate_model(*r.value).empty());
  return *r.value;
}

// "from->to" of every handoff, with its occurrences.
std::map<std::string, std::string> pairs(const orgflow::model& m) {
  std::map<std::string, std::string> out;
  for (const auto& h : m.handoffs) out[h.from + "->" + h.to] = x_member(h.extras, "x-occurrences");
  return out;
}

std::vector<std::string> unit_ids(const orgflow::model& m) {
  std::vector<std::string> out;
  for (const auto& u : m.units) out.push_back(u.id);
  return out;
}

// A log of teams (org:group): A->B five times, B->C four times, C->D once,
// one case E alone. Each case is one occurrence.
std::string teams_log() {
  std::string csv = "case,org:group,time:timestamp\n";
  int c = 0;
  auto add_case = [&](const std::vector<std::string>& units) {
    ++c;
    for (std::size_t k = 0; k < units.size(); ++k)
      csv += "c" + std::to_string(c) + "," + units[k] + ",2024-03-0" + std::to_string(1 + k) + "T10:00:00Z\n";
  };
  for (int k = 0; k < 5; ++k) add_case({"A", "B"});
  for (int k = 0; k < 4; ++k) add_case({"B", "C"});
  add_case({"C", "D"});
  add_case({"E"});
  return csv;
}

}  // namespace

TEST_CASE("eventlog options: --min-occurrences keeps pairs seen at least K times", "[import][eventlog][threshold]") {
  const temp_file f(teams_log(), "teams.csv");
  auto run = [&](std::int64_t k) {
    eventlog_options o;
    o.min_occurrences = k;
    return import_eventlog(f.path, o);
  };
  SECTION("the default is 5: only A->B (5) is evidence; C and D lose theirs, E never had one") {
    const auto r = import_eventlog(f.path, {});
    const auto& m = model_of(r);
    CHECK(pairs(m) == std::map<std::string, std::string>{{"a->b", "5"}});
    CHECK(unit_ids(m) == std::vector<std::string>{"a", "b"});
    const std::string s = all_output(r);
    CHECK(s.find("3 unit pairs hand work over in 10 occurrences") != std::string::npos);
    CHECK(s.find("left out 2 unit pairs seen fewer than 5 times (5 occurrences)") != std::string::npos);
    CHECK(s.find("1 handoff from 5 occurrences between 2 units") != std::string::npos);
    CHECK(s.find("dropped 3 units left with no handoff (2 of them only below the threshold)") != std::string::npos);
  }
  SECTION("boundaries: a pair seen exactly K times stays, K - 1 times goes") {
    CHECK(pairs(model_of(run(4))) == std::map<std::string, std::string>{{"a->b", "5"}, {"b->c", "4"}});
    CHECK(pairs(model_of(run(6))).empty());
    CHECK(model_of(run(6)).units.empty());
    CHECK(all_output(run(6)).find("no handoff reaches the threshold") != std::string::npos);
    CHECK(pairs(model_of(run(2))).size() == 2);
    CHECK(pairs(model_of(run(1))).size() == 3);
    CHECK(unit_ids(model_of(run(1))) == std::vector<std::string>{"a", "b", "c", "d"});  // E hands nothing over
    CHECK(all_output(run(1)).find("left out") == std::string::npos);
  }
  SECTION("0 or less means 1: nothing is left out for lack of occurrences") {
    CHECK(pairs(model_of(run(0))) == pairs(model_of(run(1))));
  }
}

// A property: raising the threshold never adds a handoff, and every kept
// handoff has at least K occurrences; every unit kept takes part in one.
TEST_CASE("eventlog options: the threshold only removes, and removes exactly the rare pairs",
          "[import][eventlog][threshold][prop]") {
  rc::prop("monotone in K", [] {
    const auto cases = *rc::gen::container<std::vector<std::vector<int>>>(
        rc::gen::container<std::vector<int>>(rc::gen::inRange(0, 5)));
    std::string csv = "case,org:group,time:timestamp\n";
    for (std::size_t c = 0; c < cases.size(); ++c)
      for (std::size_t k = 0; k < cases[c].size(); ++k)
        csv += "c" + std::to_string(c) + ",U" + std::to_string(cases[c][k]) + ",2024-03-01T10:" +
               std::to_string(10 + k % 50) + ":00Z\n";
    const temp_file f(csv, "random.csv");
    std::map<std::string, std::string> previous;
    for (std::int64_t k = 1; k <= 6; ++k) {
      eventlog_options o;
      o.min_occurrences = k;
      const auto r = import_eventlog(f.path, o);
      RC_ASSERT(r.value.has_value());
      const auto now = pairs(*r.value);
      for (const auto& [pair, n] : now) {
        RC_ASSERT(std::stoll(n) >= k);
        if (k > 1) RC_ASSERT(previous.count(pair) == 1);
        if (k > 1) RC_ASSERT(previous.at(pair) == n);
      }
      if (k > 1)
        for (const auto& [pair, n] : previous) RC_ASSERT(now.count(pair) == 1 || std::stoll(n) < k);
      for (const auto& u : r.value->units) {
        bool used = false;
        for (const auto& h : r.value->handoffs) used = used || h.from == u.id || h.to == u.id;
        RC_ASSERT(used);
      }
      previous = now;
    }
  });
}

TEST_CASE("eventlog options: people get pseudonyms in order of first appearance", "[import][eventlog][privacy]") {
  // Bob appears first, then Alice, then Carol. Alice's only pair (with
  // Carol) is below the threshold of 2; she keeps her number all the same.
  const std::string csv =
      "case,org:resource,time:timestamp\n"
      "1,Bob,2024-03-01T10:00:00Z\n"
      "1,Alice,2024-03-01T11:00:00Z\n"
      "2,Bob,2024-03-02T10:00:00Z\n"
      "2,Carol,2024-03-02T11:00:00Z\n"
      "3,Bob,2024-03-03T10:00:00Z\n"
      "3,Carol,2024-03-03T10:30:00Z\n"
      "4,Carol,2024-03-04T10:00:00Z\n"
      "4,Alice,2024-03-04T12:00:00Z\n";
  const temp_file f(csv, "people.csv");
  eventlog_options o;
  o.min_occurrences = 2;
  const auto r = import_eventlog(f.path, o);
  const auto& m = model_of(r);
  CHECK(unit_ids(m) == std::vector<std::string>{"resource-1", "resource-3"});  // Bob, Carol
  CHECK(pairs(m) == std::map<std::string, std::string>{{"resource-1->resource-3", "2"}});
  const std::string out = all_output(r);
  for (const char* name : {"Alice", "Bob", "Carol"}) CHECK(out.find(name) == std::string::npos);
  CHECK(out.find("the units are people (org:resource): their names are replaced by resource-1 to resource-3, "
                 "numbered in order of first appearance in the log (--reveal keeps the names)") !=
        std::string::npos);

  SECTION("a column given by number is people when its header is org:resource") {
    eventlog_options by_number = o;
    by_number.unit_key = "2";
    const auto rn = import_eventlog(f.path, by_number);
    CHECK(orgflow::save_model(model_of(rn)) == orgflow::save_model(m));
    CHECK(all_output(rn).find("the units are people (org:resource)") != std::string::npos);
  }
  SECTION("--reveal keeps the names and says the model is personal data") {
    eventlog_options reveal = o;
    reveal.reveal = true;
    const auto rr = import_eventlog(f.path, reveal);
    CHECK(unit_ids(model_of(rr)) == std::vector<std::string>{"bob", "carol"});
    CHECK(all_output(rr).find("--reveal keeps their names: the model is personal data") != std::string::npos);
  }
  SECTION("--pseudonymise replaces any unit's names") {
    const temp_file g(teams_log(), "teams.csv");
    eventlog_options p;
    p.pseudonymise = true;
    const auto rp = import_eventlog(g.path, p);
    CHECK(unit_ids(model_of(rp)) == std::vector<std::string>{"resource-1", "resource-2"});  // A, B
    CHECK(all_output(rp).find("--pseudonymise: their names are replaced by resource-1 to resource-5") !=
          std::string::npos);
    const auto plain = import_eventlog(g.path, {});  // groups are not people: names stay
    CHECK(unit_ids(model_of(plain)) == std::vector<std::string>{"a", "b"});
  }
}

// On the running example (people, found by the fallback to org:resource):
// the pseudonymised model is the revealed one with each name replaced by the
// pseudonym of its first appearance in the file, and no name is printed.
TEST_CASE("eventlog options: running-example pseudonyms are stable and never leak",
          "[import][eventlog][privacy][dataset]") {
  for (const char* file : {"eventlogs/running-example.xes", "eventlogs/running-example.csv"}) {
    INFO(file);
    const std::string path = orgflow_test::dataset(file);
    // The names in order of first appearance, read here with a plain pattern
    // (after the XES <global> declarations; in the CSV, the third column).
    std::string text = orgflow::read_file(path);
    if (const auto g = text.rfind("</global>"); g != std::string::npos) text.erase(0, g);
    const std::regex pattern(std::string(file).find(".xes") != std::string::npos
                                 ? R"re(key="org:resource" value="([^"]+)")re"
                                 : R"re(\n[^,\n]*,[^,\n]*,([^,\n]+),)re");
    std::vector<std::string> names;
    for (auto it = std::sregex_iterator(text.begin(), text.end(), pattern); it != std::sregex_iterator(); ++it)
      if (std::find(names.begin(), names.end(), (*it)[1].str()) == names.end()) names.push_back((*it)[1].str());
    REQUIRE(names.size() == 6);
    std::map<std::string, std::string> pseudonym;
    for (std::size_t k = 0; k < names.size(); ++k) pseudonym[names[k]] = "resource-" + std::to_string(k + 1);

    eventlog_options hidden;
    hidden.min_occurrences = 1;
    eventlog_options shown = hidden;
    shown.reveal = true;
    const auto a = import_eventlog(path, hidden);
    const auto b = import_eventlog(path, shown);
    const auto& ma = model_of(a);
    const auto& mb = model_of(b);
    std::map<std::string, std::string> name_of;  // revealed id -> name
    for (const auto& u : mb.units) name_of[u.id] = *u.name;
    REQUIRE(ma.handoffs.size() == mb.handoffs.size());
    std::map<std::string, std::string> expected;
    for (const auto& h : mb.handoffs)
      expected[pseudonym[name_of[h.from]] + "->" + pseudonym[name_of[h.to]]] = x_member(h.extras, "x-occurrences");
    CHECK(pairs(ma) == expected);

    const std::string out = all_output(a);
    for (const auto& n : names) CHECK(out.find(n) == std::string::npos);
    CHECK(all_output(import_eventlog(path, hidden)) == out);  // stable
    // With the default threshold too (nothing is left of this small log).
    const std::string defaults = all_output(import_eventlog(path, {}));
    for (const auto& n : names) CHECK(defaults.find(n) == std::string::npos);
  }
}

TEST_CASE("eventlog options: waits are written in the readable exact form", "[import][eventlog][duration]") {
  CHECK(readable_duration(0) == "0min");
  CHECK(readable_duration(10 * orgflow::ms_per_day) == "10d");
  CHECK(readable_duration(4 * orgflow::ms_per_hour) == "4h");
  CHECK(readable_duration(90 * orgflow::ms_per_minute) == "1.5h");
  CHECK(readable_duration(91 * orgflow::ms_per_minute) == "91min");
  CHECK(readable_duration(210 * orgflow::ms_per_minute) == "3.5h");
  CHECK(readable_duration(252 * orgflow::ms_per_hour) == "10.5d");
  CHECK(readable_duration(30 * orgflow::ms_per_hour) == "1.25d");
  CHECK(readable_duration(27 * orgflow::ms_per_hour) == "27h");  // 1.125d has three decimals
  CHECK(readable_duration(14 * orgflow::ms_per_day) == "14d");   // days, not 2w
  CHECK(readable_duration(4452 * orgflow::ms_per_minute + 30000) == "4452.5min");
  CHECK(readable_duration(785 * orgflow::ms_per_minute + 4500) == "785.075min");  // shorter than PT13H5M4.5S
  CHECK(readable_duration(61500) == "PT1M1.5S");       // 1.025min is no shorter
  CHECK(readable_duration(10982325) == "PT3H3M2.325S");  // 183.03875min is no shorter
  CHECK(readable_duration(60001) == "PT1M0.001S");     // in no unit an exact decimal
  CHECK(readable_duration(90000) == "1.5min");
  CHECK(readable_duration(30000) == "PT30S");  // half a minute: below 1 of every unit
  CHECK(readable_duration(24062) == "PT24.062S");
  CHECK(readable_duration(910527937) == "P10DT12H55M27.937S");  // the issue's PT910527.937S
  CHECK(readable_duration(orgflow::ms_per_day + 1) == "P1DT0.001S");
  CHECK(readable_duration(3 * orgflow::ms_per_hour + 500) == "PT3H0.5S");
}

// The property the format requires: read back, the text is the same
// milliseconds; and the rule: a short form in the largest unit with at most
// two decimals when there is one; the ISO form when no unit gives an exact
// decimal of at least 1.
TEST_CASE("eventlog options: parse(readable_duration(x)) == x", "[import][eventlog][duration][prop]") {
  rc::prop("exact and shortest by the rule", [] {
    const auto scale = *rc::gen::elementOf(
        std::vector<millis>{1, 1000, orgflow::ms_per_minute, orgflow::ms_per_hour, orgflow::ms_per_day});
    const auto n = *rc::gen::inRange<millis>(0, 2'000'000);
    const auto extra = *rc::gen::inRange<millis>(0, 1000);
    const millis x = n * scale + (*rc::gen::arbitrary<bool>() ? extra : 0);
    const std::string text = readable_duration(x);
    std::string why;
    const auto back = orgflow::parse_duration(text, &why);
    RC_ASSERT(back.has_value());
    RC_ASSERT(back->ms == x);
    // An exact decimal exists in a unit when the reduced fraction x / unit
    // has a denominator of twos and fives only; two decimals when
    // x * 100 / unit is whole.
    auto terminates = [](millis num, millis den) {
      millis a = num, b = den;
      while (b != 0) a = std::exchange(b, a % b);
      den /= a;
      while (den % 2 == 0) den /= 2;
      while (den % 5 == 0) den /= 5;
      return den == 1;
    };
    std::string two_decimals;  // the largest unit with at most two decimals
    bool exact = false;
    for (const auto& [unit, word] : {std::pair<millis, const char*>{orgflow::ms_per_day, "d"},
                                     {orgflow::ms_per_hour, "h"}, {orgflow::ms_per_minute, "min"}}) {
      if (x < unit) continue;
      exact = exact || terminates(x % unit, unit);
      if (two_decimals.empty() && (x % unit) * 100 % unit == 0) two_decimals = word;
    }
    if (x != 0 && !exact) RC_ASSERT(text[0] == 'P');
    if (text[0] == 'P') RC_ASSERT(two_decimals.empty());
    if (!two_decimals.empty()) {
      RC_ASSERT(text.size() > two_decimals.size());
      RC_ASSERT(text.substr(text.size() - two_decimals.size()) == two_decimals);
      RC_ASSERT(std::isdigit(static_cast<unsigned char>(text[text.size() - two_decimals.size() - 1])));
    }
  });
  // Large values stay exact as well.
  for (const millis x : {millis{1} << 40, (millis{1} << 52) + 1, (millis{1} << 61) + 7}) {
    std::string why;
    CHECK(orgflow::parse_duration(readable_duration(x), &why)->ms == x);
  }
}

// The model written by the import carries the readable text.
TEST_CASE("eventlog options: a measured wait is written readably", "[import][eventlog][duration]") {
  const temp_file f(
      "case,org:group,time:timestamp\n"
      "1,A,2024-03-01T10:00:00Z\n1,B,2024-03-11T22:55:27.937Z\n"
      "2,A,2024-03-01T10:00:00Z\n2,B,2024-03-01T13:30:00Z\n"
      "3,A,2024-03-01T10:00:00Z\n3,B,2024-03-01T11:30:00Z\n",
      "waits.csv");
  eventlog_options o;
  o.min_occurrences = 1;
  const std::string json = orgflow::save_model(model_of(import_eventlog(f.path, o)));
  CHECK(json.find("\"wait\": \"3.5h\"") != std::string::npos);  // the median of 1.5 h, 3.5 h, 10 d 12 h 55 min ...
}
