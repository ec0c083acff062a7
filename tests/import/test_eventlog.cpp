// Tests of `import eventlog` (graphlib/import/eventlog*.cpp, xes.cpp) and the
// readers under it (csv_table, gzip, ids): the handoff rules on small logs
// written here, the figures of the dataset logs, and bad input (truncated
// XML or gzip, missing columns, bad timestamps, entity bombs, external
// entities), which must give diagnostics naming the file and the place.
//
// The dataset figures were computed once, independently of orgflow, by a
// short Python script (xml.etree / csv / datetime.fromisoformat with the
// offsets honoured; stable sort per case; events without the unit dropped;
// median of the waits in microseconds, halved and rounded half up to ms),
// and are hard-coded below.
#include <catch2/catch.hpp>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <map>
#include <string>
#include <unistd.h>
#include <vector>

#include "import/csv_table.hpp"
#include "import/eventlog.hpp"
#include "import/gzip.hpp"
#include "import/ids.hpp"
#include "orgflow/import.hpp"
#include "orgflow/model.hpp"
#include "support/shared_data.hpp"
#include "support/temp_file.hpp"

namespace {

using orgflow_test::temp_file;
using orgflow_test::x_member;

using orgflow::eventlog_options;
using orgflow::import_eventlog;
using orgflow::import_result;



struct handoff_figures {
  std::string occurrences, cases;
  orgflow::millis wait_ms = -1;
  std::string volume;
};

// Handoffs keyed by the source names of their units ("Sara->Ellen").
std::map<std::string, handoff_figures> by_names(const orgflow::model& m) {
  std::map<std::string, std::string> name;
  for (const auto& u : m.units) name[u.id] = u.display_name();
  std::map<std::string, handoff_figures> out;
  for (const auto& h : m.handoffs) {
    handoff_figures f;
    f.occurrences = x_member(h.extras, "x-occurrences");
    f.cases = x_member(h.extras, "x-cases");
    f.wait_ms = h.wait ? h.wait->ms : -1;
    f.volume = h.volume ? h.volume->text : "";
    out[name[h.from] + "->" + name[h.to]] = f;
  }
  return out;
}

std::uint64_t total_occurrences(const orgflow::model& m) {
  std::uint64_t n = 0;
  for (const auto& h : m.handoffs) n += std::stoull(x_member(h.extras, "x-occurrences"));
  return n;
}

std::string summary_text(const import_result& r) {
  std::string s;
  for (const auto& l : r.summary) s += l + "\n";
  return s;
}

// The result must be a model that passes validation. (Not for temporaries:
// the returned reference points into the result.)
const orgflow::model& valid(import_result&&) = delete;
const orgflow::model& valid(const import_result& r) {
  for (const auto& d : r.diagnostics) UNSCOPED_INFO(d.to_string());
  REQUIRE(r.diagnostics.empty());
  REQUIRE(r.value.has_value());
  const auto problems = orgflow::validate_model(*r.value, "imported");
  for (const auto& d : problems) UNSCOPED_INFO(d.to_string());
  REQUIRE(problems.empty());
  return *r.value;
}

std::string first_diagnostic(const import_result& r) {
  REQUIRE_FALSE(r.value.has_value());
  REQUIRE_FALSE(r.diagnostics.empty());
  return r.diagnostics.front().to_string();
}

constexpr orgflow::millis hour = 3600000;

// The handoff rules alone: every pair kept, names as in the log.
eventlog_options every_pair() {
  eventlog_options o;
  o.min_occurrences = 1;
  o.reveal = true;
  return o;
}

}  // namespace

TEST_CASE("ids: slugs of source names, unique with -N suffixes", "[import][ids]") {
  using namespace orgflow::import_ids;
  CHECK(slug_id("Sales & Marketing") == "sales-marketing");
  CHECK(slug_id("  EMPTY ") == "empty");
  CHECK(slug_id("Org line A2") == "org-line-a2");
  CHECK(slug_id("4") == "4");
  CHECK(slug_id("__INVALID__") == "invalid");
  CHECK(slug_id("\xc3\x84rzte") == "rzte");
  CHECK(slug_id("\xe6\x97\xa5\xe6\x9c\xac") == "unit");
  CHECK(slug_id("", "artifact") == "artifact");
  CHECK(slug_id(std::string(300, 'a')).size() == max_slug_length);
  id_allocator a;
  CHECK(a.reserve("small-units"));
  CHECK(a.allocate("Small units") == "small-units-2");
  CHECK(a.allocate("Sales") == "sales");
  CHECK(a.allocate("sales") == "sales-2");
  CHECK(a.allocate("Sales 2") == "sales-2-2");
  CHECK(a.allocate("SALES") == "sales-3");
  CHECK(is_valid_id(a.allocate(std::string(300, 'x') + "!")));
  CHECK_FALSE(is_valid_id("-a"));
  CHECK_FALSE(is_valid_id(""));
}

TEST_CASE("eventlog: timestamps honour UTC offsets", "[import][eventlog]") {
  using orgflow::eventlog_detail::parse_timestamp;
  std::string why;
  // Across the 2020 DST change in Europe: 01:30+01:00 and 03:30+02:00 are one hour apart.
  const auto a = parse_timestamp("2020-03-29 01:30:00+01:00", &why);
  const auto b = parse_timestamp("2020-03-29T03:30:00.000+02:00", &why);
  REQUIRE(a);
  REQUIRE(b);
  CHECK(*b - *a == 3600LL * 1000000);
  CHECK(*parse_timestamp("1970-01-01T00:00:00Z", &why) == 0);
  CHECK(*parse_timestamp("1970-01-01T01:00:00+01:00", &why) == 0);
  CHECK(*parse_timestamp("1970-01-01T00:00:00", &why) == 0);  // no offset: UTC
  CHECK(*parse_timestamp("1969-12-31T23:59:59.5-00:00", &why) == -500000);
  CHECK(*parse_timestamp("2011-10-11 13:45:40.276000+02:00", &why) % 1000000 == 276000);
  CHECK(*parse_timestamp("2000-02-29T12:00:00+0530", &why) == *parse_timestamp("2000-02-29T06:30:00Z", &why));
  CHECK_FALSE(parse_timestamp("2001-02-29T00:00:00Z", &why));
  CHECK(why.find("day is out of range") != std::string::npos);
  CHECK_FALSE(parse_timestamp("30/12/2010 14:32", &why));
  CHECK_FALSE(parse_timestamp("2010-12-30T25:00:00", &why));
  CHECK_FALSE(parse_timestamp("2010-12-30T10:00:00+01:00 x", &why));
}

TEST_CASE("eventlog: handoff rules on a small CSV with interleaved cases", "[import][eventlog]") {
  // Case c1 (rows interleaved with c2, and out of time order):
  //   10:00 A, 10:00 B (tie: file order keeps A then B), 11:00 B, 13:00 A  -> A->B (0 h), B->A (2 h)
  // Case c2: 09:00 A, 09:30 (no unit: dropped), 12:00 B                   -> A->B (3 h)
  // Case c3: one event: no handoff, so unit C is dropped.
  const temp_file f(
      "case:concept:name,concept:name,org:resource,time:timestamp\r\n"
      "c1,\"register, first\",A,2024-01-01T10:00:00+00:00\r\n"
      "c2,x,A,2024-01-01T09:00:00Z\r\n"
      "c1,y,B,2024-01-01 11:00:00+00:00\r\n"
      "c2,\"a \"\"quoted\"\" step\",,2024-01-01T09:30:00Z\r\n"
      "c1,z,A,2024-01-01T13:00:00+00:00\r\n"
      "c1,w,B,2024-01-01T10:00:00+00:00\r\n"
      "c2,v,B,2024-01-01T12:00:00Z\r\n"
      "c3,v,C,2024-01-02T09:00:00Z\r\n",
      "small.csv");
  const auto r = import_eventlog(f.path, every_pair());
  const auto& m = valid(r);
  CHECK(m.name == "small");
  REQUIRE(m.units.size() == 2);
  CHECK(m.units[0].id == "a");
  CHECK(m.units[0].name == "A");
  const auto h = by_names(m);
  REQUIRE(h.size() == 2);
  CHECK(h.at("A->B").occurrences == "2");
  CHECK(h.at("A->B").cases == "2");
  CHECK(h.at("A->B").wait_ms == (0 + 3 * hour) / 2);  // median of 0 h and 3 h
  CHECK(h.at("B->A").occurrences == "1");
  CHECK(h.at("B->A").wait_ms == 2 * hour);
  // Span: 2024-01-01T09:00Z to 2024-01-02T09:00Z, one day: volumes are counts per day.
  CHECK(h.at("A->B").volume == "2/d");
  CHECK(h.at("B->A").volume == "1/d");
  const std::string s = summary_text(r);
  CHECK(s.find("no event has org:group") != std::string::npos);
  CHECK(s.find("skipped 1 event without org:resource") != std::string::npos);
  CHECK(s.find("read 8 events in 3 cases") != std::string::npos);
  CHECK(s.find("3 units from the distinct values of org:resource") != std::string::npos);
  CHECK(s.find("dropped 1 unit left with no handoff") != std::string::npos);
}

TEST_CASE("eventlog: medians round half up to whole milliseconds, --process, keys by number",
          "[import][eventlog]") {
  // Waits 1 ms and 2 ms: median 1.5 ms -> 2 ms; the log spans 3 ms.
  const temp_file g(
      "case,who,when\n"
      "1,P,2024-05-01T00:00:00.000Z\n"
      "1,Q,2024-05-01T00:00:00.001Z\n"
      "2,P,2024-05-01T00:00:00.001Z\n"
      "2,Q,2024-05-01T00:00:00.003Z\n",
      "half.csv");
  eventlog_options o = every_pair();
  o.unit_key = "2";
  o.timestamp_key = "when";
  o.process = "Billing";
  const auto r = import_eventlog(g.path, o);
  const auto& m = valid(r);
  CHECK(m.name == "Billing");
  REQUIRE(m.handoffs.size() == 1);
  CHECK(m.handoffs[0].process == "Billing");
  CHECK(m.handoffs[0].wait->ms == 2);
  // 2 occurrences over 3 ms = 57,600,000 per day.
  CHECK(m.handoffs[0].volume->text == "57600000/d");
}

TEST_CASE("eventlog: a spreadsheet CSV with a byte order mark and semicolons", "[import][eventlog]") {
  // Excel in many locales writes a UTF-8 BOM and `;`; commas then sit inside fields.
  const temp_file f(
      "\xEF\xBB\xBF" "case:concept:name;org:group;time:timestamp\r\n"
      "1;Sales, EU;2024-05-01T08:00:00+02:00\r\n"
      "1;Legal;2024-05-01T07:00:00Z\r\n",
      "excel.csv");
  const auto r = import_eventlog(f.path, every_pair());
  const auto& m = valid(r);
  const auto h = by_names(m);
  REQUIRE(h.size() == 1);
  CHECK(h.at("Sales, EU->Legal").wait_ms == hour);
  CHECK(summary_text(r).find("(CSV, separated by ;)") != std::string::npos);
}

TEST_CASE("eventlog: no volume when all events share one time", "[import][eventlog]") {
  const temp_file f(
      "case,org:group,time:timestamp\n"
      "1,A,2024-05-01T00:00:00Z\n"
      "1,B,2024-05-01T00:00:00Z\n",
      "same.csv");
  const auto r = import_eventlog(f.path, every_pair());
  const auto& m = valid(r);
  REQUIRE(m.handoffs.size() == 1);
  CHECK_FALSE(m.handoffs[0].volume.has_value());
  CHECK(m.handoffs[0].wait->ms == 0);
}

TEST_CASE("eventlog: XES reads only events' own attributes, not globals or nested ones", "[import][eventlog]") {
  // The global declares org:group "UNKNOWN" (a declaration, not a value);
  // the nested org:group under Costs belongs to Costs; the first event has
  // no org:group, the fallback does not apply because others have one.
  const temp_file f(R"(<?xml version="1.0" encoding="UTF-8"?>
<log xes.version="1.0" xmlns="http://www.xes-standard.org/">
  <global scope="event"><string key="org:group" value="UNKNOWN"/></global>
  <string key="concept:name" value="Claims"/>
  <trace>
    <string key="concept:name" value="t1"/>
    <event><string key="org:resource" value="r1"/><date key="time:timestamp" value="2024-01-01T10:00:00+01:00"/></event>
    <event><string key="org:group" value="Front"/><date key="time:timestamp" value="2024-01-01T10:00:00+01:00"/>
      <string key="Costs" value="5"><string key="org:group" value="Nested"/></string></event>
    <event><string key="org:group" value="Back office"/><date key="time:timestamp" value="2024-01-01T11:30:00+01:00"/></event>
  </trace>
  <trace>
    <event><string key="org:group" value="Back office"/><date key="time:timestamp" value="2024-01-01T09:00:00Z"/></event>
    <event><string key="org:group" value="Front"/><date key="time:timestamp" value="2024-01-01T10:00:00Z"/></event>
  </trace>
</log>
)",
                    "claims.xes");
  const auto r = import_eventlog(f.path, every_pair());
  const auto& m = valid(r);
  CHECK(m.name == "Claims");
  REQUIRE(m.units.size() == 2);  // in natural order of their names
  CHECK(m.units[0].id == "back-office");
  CHECK(m.units[0].name == "Back office");
  CHECK(m.units[1].name == "Front");
  const auto h = by_names(m);
  REQUIRE(h.size() == 2);
  CHECK(h.at("Front->Back office").wait_ms == 90 * 60000);
  CHECK(h.at("Back office->Front").wait_ms == hour);
  CHECK(summary_text(r).find("skipped 1 event without org:group") != std::string::npos);
}

TEST_CASE("eventlog: running-example XES and CSV agree with the reference", "[import][eventlog][dataset]") {
  const auto xes = import_eventlog(orgflow_test::dataset("eventlogs/running-example.xes"), every_pair());
  const auto csv = import_eventlog(orgflow_test::dataset("eventlogs/running-example.csv"), every_pair());
  const auto& a = valid(xes);
  const auto& b = valid(csv);
  CHECK(a.units.size() == 6);
  CHECK(a.handoffs.size() == 18);
  CHECK(total_occurrences(a) == 32);
  const auto ha = by_names(a);
  const auto hb = by_names(b);
  REQUIRE(ha.size() == hb.size());
  for (const auto& [key, f] : ha) {
    INFO(key);
    REQUIRE(hb.count(key) == 1);
    CHECK(hb.at(key).occurrences == f.occurrences);
    CHECK(hb.at(key).cases == f.cases);
    CHECK(hb.at(key).wait_ms == f.wait_ms);
    CHECK(hb.at(key).volume == f.volume);
  }
  CHECK(ha.at("Sara->Ellen").occurrences == "4");
  CHECK(ha.at("Sara->Ellen").cases == "4");
  CHECK(ha.at("Sara->Ellen").wait_ms == 267150000);
  CHECK(ha.at("Pete->Sara").occurrences == "3");
  CHECK(ha.at("Pete->Sara").cases == "2");
  CHECK(ha.at("Pete->Sara").wait_ms == 178680000);
  CHECK(ha.at("Ellen->Mike").wait_ms == 90840000);
  // 4 occurrences over the span of 2,174,040 s: 4 * 86400 / 2174040 = 0.1589667... per day
  CHECK(ha.at("Sara->Ellen").volume == "0.158967/d");
}

TEST_CASE("eventlog: receipt (org:group with EMPTY, DST offsets), XES.gz and CSV", "[import][eventlog][dataset]") {
  for (const char* file : {"eventlogs/receipt.xes.gz", "eventlogs/receipt.csv"}) {
    INFO(file);
    const auto r = import_eventlog(orgflow_test::dataset(file), every_pair());
    const auto& m = valid(r);
    CHECK(m.units.size() == 10);
    CHECK(m.handoffs.size() == 43);
    CHECK(total_occurrences(m) == 5440);
    const auto h = by_names(m);
    CHECK(h.at("Group 3->Group 2").occurrences == "992");
    CHECK(h.at("Group 3->Group 2").cases == "971");
    CHECK(h.at("Group 3->Group 2").wait_ms == 24062);  // median 24,061.5 ms, half up
    CHECK(h.at("Group 2->Group 1").wait_ms == 40869);  // 40,868.5 ms
    CHECK(h.at("EMPTY->Group 4").occurrences == "712");
    CHECK(h.at("EMPTY->Group 4").cases == "710");
    CHECK(h.at("EMPTY->Group 4").wait_ms == 26702);
    CHECK(summary_text(r).find("no event has org:group") == std::string::npos);
    // Units in natural order: EMPTY, Group 1, Group 2, ..., Group 13, ...
    CHECK(m.units[0].id == "empty");
    CHECK(m.units[1].id == "group-1");
    CHECK(m.units[2].id == "group-2");
  }
}

TEST_CASE("eventlog: figures of the other dataset logs", "[import][eventlog][dataset]") {
  struct expected {
    const char* file;
    std::size_t units, handoffs;
    std::uint64_t occurrences;
    const char* pair;
    const char* pair_occurrences;
    const char* pair_cases;
    orgflow::millis pair_wait;
  };
  const expected cases[] = {
      {"eventlogs/teleclaims.xes.gz", 4, 4, 6462, "customer->Call Centre Agent Brisbane", "1720", "1720", 1192500},
      {"eventlogs/reviewing.xes.gz", 11, 83, 2124, "__INVALID__->Wil", "263", "77", 6566400000},
      {"eventlogs/reviewing.csv", 11, 83, 2124, "Wil->Anne", "314", "95", 0},
      {"eventlogs/helpdesk.xes.gz", 22, 244, 8648, "Value 9->Value 5", "476", "475", 2673929500},
      {"eventlogs/repairExample.xes.gz", 13, 96, 7003, "Tester3->System", "309", "261", 420000},
      // 649 teams, 21 of which hand no work to another team (dropped)
      {"eventlogs/bpic2013_incidents.xes.gz", 628, 2463, 9454, "D5->D4", "123", "73", 236000},
  };
  for (const auto& e : cases) {
    INFO(e.file);
    const auto r = import_eventlog(orgflow_test::dataset(e.file), every_pair());
    const auto& m = valid(r);
    CHECK(m.units.size() == e.units);
    CHECK(m.handoffs.size() == e.handoffs);
    CHECK(total_occurrences(m) == e.occurrences);
    const auto h = by_names(m);
    REQUIRE(h.count(e.pair) == 1);
    CHECK(h.at(e.pair).occurrences == e.pair_occurrences);
    CHECK(h.at(e.pair).cases == e.pair_cases);
    CHECK(h.at(e.pair).wait_ms == e.pair_wait);
  }
}

TEST_CASE("eventlog: roadtraffic has resources on one event per case, so no handoffs", "[import][eventlog][dataset]") {
  // 54 resources, none of which hands work to another: no unit is left.
  for (const char* file : {"eventlogs/roadtraffic100traces.xes", "eventlogs/roadtraffic100traces.csv"}) {
    INFO(file);
    const auto r = import_eventlog(orgflow_test::dataset(file), every_pair());
    const auto& m = valid(r);
    CHECK(m.units.empty());
    CHECK(m.handoffs.empty());
    const std::string s = summary_text(r);
    CHECK(s.find("54 units from the distinct values of org:resource") != std::string::npos);
    CHECK(s.find("dropped 54 units left with no handoff\n") != std::string::npos);
    CHECK(s.find("skipped 290 events without org:resource") != std::string::npos);
  }
}

TEST_CASE("eventlog: bpic2012, the largest log, streamed", "[import][eventlog][dataset][slow]") {
  const auto start = std::chrono::steady_clock::now();
  const auto r = import_eventlog(orgflow_test::dataset("eventlogs/bpic2012.xes.gz"), every_pair());
  const auto seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  const auto& m = valid(r);
  CHECK(m.units.size() == 68);
  CHECK(m.handoffs.size() == 2599);
  CHECK(total_occurrences(m) == 51712);
  CHECK(summary_text(r).find("skipped 18,010 events without org:resource") != std::string::npos);
  CHECK(summary_text(r).find("read 262,200 events in 13,087 cases") != std::string::npos);
  const auto h = by_names(m);
  CHECK(h.at("112->11169").occurrences == "748");
  CHECK(h.at("112->11169").wait_ms == 4683214);  // 9,366,427 ms / 2, half up
  CHECK(seconds < 30);  // about 1 s in Debug here; pm4py needs about a minute
}

TEST_CASE("eventlog: bad CSV input gives diagnostics with file, row and column", "[import][eventlog][errors]") {
  const temp_file f(
      "case,org:group,time:timestamp\n"
      "1,A,2024-05-01T00:00:00Z\n"
      "1,B,01/05/2024 10:00\n"
      "2,A\n",
      "bad.csv");
  const auto r = import_eventlog(f.path, {});
  REQUIRE_FALSE(r.value);
  REQUIRE(r.diagnostics.size() == 2);
  CHECK(r.diagnostics[0].file == f.path);
  CHECK(r.diagnostics[0].line == 3);
  CHECK(r.diagnostics[0].column == 5);
  CHECK(r.diagnostics[0].message.find("\"01/05/2024 10:00\" is not a timestamp") != std::string::npos);
  CHECK(r.diagnostics[1].line == 4);
  CHECK(r.diagnostics[1].message.find("has 2 fields") != std::string::npos);

  eventlog_options o;
  o.unit_key = "department";
  const auto missing = first_diagnostic(import_eventlog(f.path, o));
  CHECK(missing.find("bad.csv:1:1") != std::string::npos);
  CHECK(missing.find("no column \"department\"") != std::string::npos);

  const temp_file no_case("who,time:timestamp\nA,2024-05-01T00:00:00Z\n", "nocase.csv");
  CHECK(first_diagnostic(import_eventlog(no_case.path, {})).find("--case") != std::string::npos);

  const temp_file open_quote("case,org:group,time:timestamp\n1,\"A,2024-05-01T00:00:00Z\n", "quote.csv");
  CHECK(first_diagnostic(import_eventlog(open_quote.path, {})).find("not closed") != std::string::npos);
}

TEST_CASE("eventlog: truncated or malformed XES gives a diagnostic with line and column",
          "[import][eventlog][errors]") {
  const std::string log = R"(<?xml version="1.0" encoding="UTF-8"?>
<log>
  <trace>
    <event><string key="org:resource" value="A"/><date key="time:timestamp" value="2024-01-01T10:00:00Z"/></event>
    <event><string key="org:resource" value="B"/><date key="time:timestamp" value="2024-01-01T11:00:00Z"/></event>
  </trace>
</log>
)";
  const temp_file truncated(log.substr(0, log.find("</trace>") + 3), "truncated.xes");
  const auto r = import_eventlog(truncated.path, {});
  const std::string d = first_diagnostic(r);
  CHECK(d.find("truncated.xes:6:") != std::string::npos);
  CHECK(r.diagnostics.front().message.find("ends early") != std::string::npos);

  std::string bad_time = log;
  bad_time.replace(bad_time.find("2024-01-01T11:00:00Z"), 20, "2024-01-01T11:00:00Q");
  const temp_file t(bad_time, "badtime.xes");
  const auto bt = import_eventlog(t.path, {});
  CHECK(first_diagnostic(bt).find("badtime.xes:5:") != std::string::npos);
  CHECK(bt.diagnostics.front().message.find("time:timestamp") != std::string::npos);

  const temp_file not_xes("<?xml version=\"1.0\"?><definitions/>", "model.xes");
  CHECK(first_diagnostic(import_eventlog(not_xes.path, {})).find("not an XES log") != std::string::npos);

  const temp_file ok(log, "ok.xes");
  eventlog_options o;
  o.unit_key = "org:group";  // named explicitly: no fallback
  CHECK(first_diagnostic(import_eventlog(ok.path, o)).find("no event has org:group") != std::string::npos);
}

TEST_CASE("eventlog: truncated gzip data is reported, not read as a shorter log", "[import][eventlog][errors]") {
  const std::string path = orgflow_test::dataset("eventlogs/receipt.xes.gz");
  std::string error;
  const std::string whole = orgflow::import_io::read_all(path, &error);
  CHECK(error.empty());
  CHECK(whole.size() > 1000000);
  std::ifstream in(path, std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const temp_file cut(bytes.substr(0, bytes.size() / 2), "cut.xes.gz");
  const auto r = import_eventlog(cut.path, {});
  const std::string d = first_diagnostic(r);
  CHECK(d.find("cut.xes.gz:") != std::string::npos);
  CHECK(d.find("gzip") != std::string::npos);
}

TEST_CASE("eventlog: an entity expansion bomb is refused quickly", "[import][eventlog][security]") {
  std::string doc = "<?xml version=\"1.0\"?>\n<!DOCTYPE log [\n <!ENTITY a0 \"lol\">\n";
  for (int k = 1; k <= 12; ++k) {
    doc += " <!ENTITY a" + std::to_string(k) + " \"";
    for (int j = 0; j < 10; ++j) doc += "&a" + std::to_string(k - 1) + ";";
    doc += "\">\n";
  }
  doc += "]>\n<log><trace><event><string key=\"org:resource\" value=\"&a12;\"/></event></trace></log>\n";
  const temp_file f(doc, "bomb.xes");
  const auto start = std::chrono::steady_clock::now();
  const auto r = import_eventlog(f.path, {});
  CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(2));
  const std::string d = first_diagnostic(r);
  CHECK(d.find("bomb.xes:3:") != std::string::npos);
  CHECK(r.diagnostics.front().message.find("entity declarations are refused") != std::string::npos);
}

TEST_CASE("eventlog: an external entity is never loaded", "[import][eventlog][security]") {
  const temp_file secret("<string key=\"org:resource\" value=\"LEAKED\"/>", "secret.xml");
  const std::string doc = "<?xml version=\"1.0\"?>\n<!DOCTYPE log [\n <!ENTITY ext SYSTEM \"file://" + secret.path +
                          "\">\n]>\n<log><trace><event>&ext;<date key=\"time:timestamp\" "
                          "value=\"2024-01-01T00:00:00Z\"/></event></trace></log>\n";
  const temp_file f(doc, "external.xes");
  const auto r = import_eventlog(f.path, {});
  const std::string d = first_diagnostic(r);
  CHECK(r.diagnostics.front().message.find("external entity \"ext\"") != std::string::npos);
  for (const auto& s : r.summary) CHECK(s.find("LEAKED") == std::string::npos);
}

TEST_CASE("csv_table: quotes, CRLF, blanks, whitespace tables and column names", "[import][csv]") {
  const temp_file f("a, b ,c\r\n \"x, y\" ,\"say \"\"hi\"\"\",\"two\nlines\"\r\n\r\n1,,3", "t.csv");
  orgflow::import_io::byte_source in(f.path);
  orgflow::import_io::table_reader reader(in, orgflow::import_io::table_format{});
  orgflow::import_io::table_row row;
  REQUIRE(reader.next(row));
  CHECK(row.fields == std::vector<std::string_view>{"a", "b", "c"});
  REQUIRE(reader.next(row));
  CHECK(row.line == 2);
  CHECK(row.fields == std::vector<std::string_view>{"x, y", "say \"hi\"", "two\nlines"});
  REQUIRE(reader.next(row));
  CHECK(row.line == 5);
  CHECK(row.fields == std::vector<std::string_view>{"1", "", "3"});
  CHECK_FALSE(reader.next(row));
  CHECK(reader.error().empty());

  const temp_file w("  1   2 1\n\t3\t4  0 \r\n", "w.txt");
  std::string why;
  const auto ws = orgflow::import_io::parse_delimiter("whitespace", &why);
  REQUIRE(ws);
  orgflow::import_io::byte_source in2(w.path);
  orgflow::import_io::table_reader r2(in2, *ws);
  REQUIRE(r2.next(row));
  CHECK(row.fields == std::vector<std::string_view>{"1", "2", "1"});
  REQUIRE(r2.next(row));
  CHECK(row.fields == std::vector<std::string_view>{"3", "4", "0"});
  CHECK_FALSE(orgflow::import_io::parse_delimiter("ab", &why));
  CHECK(orgflow::import_io::parse_delimiter("tab", &why)->delimiter == '\t');

  const std::vector<std::string> header = {"ID", "DEPT"};
  CHECK(*orgflow::import_io::resolve_column("DEPT", header, 2, &why) == 1);
  CHECK(*orgflow::import_io::resolve_column("1", header, 2, &why) == 0);
  CHECK_FALSE(orgflow::import_io::resolve_column("3", header, 2, &why));
  CHECK_FALSE(orgflow::import_io::resolve_column("dept", header, 2, &why));
  CHECK(why.find("\"ID\", \"DEPT\"") != std::string::npos);
}
