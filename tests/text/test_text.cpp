// The text toolkit (orgflow/text.hpp): the one human style of durations,
// rates and percentages, at its boundaries and in its rounding, and the
// property that a larger value never prints as a smaller one.
#include <catch2/catch.hpp>
#include <rapidcheck/catch.h>

#include <cstdint>
#include <sstream>
#include <string>

#include "orgflow/text.hpp"

using namespace orgflow;

namespace {

constexpr std::int64_t second = 1000, minute = 60 * second, hour = 60 * minute, day = 24 * hour, year = 365 * day;

// Reads "10.5 days" back into milliseconds (as a double), the inverse of
// human_duration up to its rounding.
double parse_duration(const std::string& s) {
  std::istringstream in(s);
  in.imbue(std::locale::classic());
  double x = 0;
  std::string unit;
  in >> x >> unit;
  if (unit.rfind("millisecond", 0) == 0) return x;
  if (unit.rfind("second", 0) == 0) return x * second;
  if (unit.rfind("minute", 0) == 0) return x * minute;
  if (unit.rfind("hour", 0) == 0) return x * hour;
  if (unit.rfind("day", 0) == 0) return x * day;
  if (unit.rfind("year", 0) == 0) return x * year;
  throw std::runtime_error("unexpected duration text: " + s);
}

// Reads "about 2.5 a day" or "1 every 20 days" back into items per hour.
double parse_rate(const std::string& s) {
  const auto every = s.find("1 every ");
  if (every == 0) return static_cast<double>(hour) / parse_duration(s.substr(8));
  std::string t = s.rfind("about ", 0) == 0 ? s.substr(6) : s;
  std::istringstream in(t);
  in.imbue(std::locale::classic());
  double x = 0;
  std::string a, unit;
  in >> x >> a >> unit;
  if (unit == "hour") return x;
  if (unit == "day") return x / 24;
  if (unit == "week") return x / 168;
  throw std::runtime_error("unexpected rate text: " + s);
}

}  // namespace

TEST_CASE("human_duration: one decimal, the largest unit that stays below the next", "[text]") {
  CHECK(human_duration(0) == "0 minutes");
  CHECK(human_duration(1) == "1 millisecond");
  CHECK(human_duration(250) == "250 milliseconds");
  CHECK(human_duration(999) == "999 milliseconds");
  CHECK(human_duration(1000) == "1 second");
  CHECK(human_duration(1049) == "1 second");    // 1.049 s rounds to 1.0
  CHECK(human_duration(1050) == "1.1 seconds");  // half up
  CHECK(human_duration(45 * second) == "45 seconds");
  CHECK(human_duration(59 * second + 960) == "1 minute");  // 59.96 s rounds to 60.0: the next unit
  CHECK(human_duration(90 * minute) == "1.5 hours");
  CHECK(human_duration(59 * minute) == "59 minutes");
  CHECK(human_duration(36 * hour) == "36 hours");
  CHECK(human_duration(47 * hour + 57 * minute) == "2 days");  // 47.95 h rounds to 48.0
  CHECK(human_duration(48 * hour) == "2 days");
  CHECK(human_duration(10 * day + 12 * hour) == "10.5 days");
  CHECK(human_duration(910527937) == "10.5 days");  // the receipt log's slow handoff
  CHECK(human_duration(62 * day + 12 * hour) == "62.5 days");
  CHECK(human_duration(364 * day) == "364 days");
  CHECK(human_duration(365 * day) == "1 year");
  CHECK(human_duration(511 * day) == "1.4 years");
  CHECK(human_duration(-2 * hour) == "-2 hours");
  CHECK(human_duration(INT64_MIN).rfind("-", 0) == 0);
  CHECK(human_duration(INT64_MAX).find("years") != std::string::npos);
}

TEST_CASE("human_rate: per hour, day or week, else one every so long", "[text]") {
  CHECK(human_rate(0) == "none");
  CHECK(human_rate(-1) == "an unknown rate");
  CHECK(human_rate(12) == "12 an hour");
  CHECK(human_rate(1) == "1 an hour");
  CHECK(human_rate(2.5 / 24) == "2.5 a day");
  CHECK(human_rate(3.0 / 168) == "3 a week");
  CHECK(human_rate(2.97 / 168) == "about 3 a week");
  CHECK(human_rate(0.96) == "about 1 an hour");  // rounds up into the coarser band's top
  CHECK(human_rate(0.94) == "about 22.6 a day");
  CHECK(human_rate(1.0 / (20 * 24)) == "1 every 20 days");
  CHECK(human_rate(0.00209071 / 24) == "1 every 1.3 years");  // the receipt import's "0.00209071/d"
}

TEST_CASE("human_rate in the author's period when it reads well there", "[text]") {
  CHECK(human_rate(12.0 / 168, 7 * day) == "12 a week");  // not "about 1.7 a day"
  CHECK(human_rate(330.0 / 168, 7 * day) == "330 a week");
  CHECK(human_rate(2.5 / 24, day) == "2.5 a day");
  CHECK(human_rate(0.5 / 168, 7 * day) == "1 every 14 days");  // below one a week: as human_rate
  CHECK(human_rate(0.5 / 24, day) == "3.5 a week");             // below one a day: the coarser band
  CHECK(human_rate(2.0 / 720, 30 * day) == "2 a month");
  CHECK(human_rate(4.0 / 8760, 365 * day) == "4 a year");
  CHECK(human_rate(3.0 / 720, 10 * day) == human_rate(3.0 / 720));  // ten days is no band
  CHECK(human_rate(0, 7 * day) == "none");
}

TEST_CASE("human_hours: a wait kept in hours, for people", "[text]") {
  CHECK(human_hours(0.4) == "24 minutes");
  CHECK(human_hours(36) == "36 hours");
  CHECK(human_hours(240) == "10 days");
  CHECK(human_hours(-1) == "an unknown time");
  CHECK(human_hours(1.0 / 0.0) == "an unknown time");
}

TEST_CASE("with_thousands groups digits by three", "[text]") {
  CHECK(with_thousands(0) == "0");
  CHECK(with_thousands(999) == "999");
  CHECK(with_thousands(1000) == "1,000");
  CHECK(with_thousands(1234567) == "1,234,567");
  CHECK(with_thousands(18446744073709551615ull) == "18,446,744,073,709,551,615");
}

TEST_CASE("human_percent: whole percent, half to even, no space", "[text]") {
  CHECK(human_percent(0.716) == "72%");
  CHECK(human_percent(1.4166) == "142%");
  CHECK(human_percent(0.125) == "12%");  // 12.5 to even
  CHECK(human_percent(0) == "0%");
}

TEST_CASE("counts, lists and cadences", "[text]") {
  CHECK(count_of(1, "unit", "units") == "1 unit");
  CHECK(count_of(3, "unit", "units") == "3 units");
  CHECK(count_of(1102, "flow", "flows") == "1,102 flows");
  CHECK(count_of(-1500, "day", "days") == "-1,500 days");
  CHECK(join_words({}) == "");
  CHECK(join_words({"A"}) == "A");
  CHECK(join_words({"A", "B"}) == "A and B");
  CHECK(join_words({"A", "B", "C"}) == "A, B and C");
  CHECK(human_cadence(0) == "on change");
  CHECK(human_cadence(14 * day) == "every 2 weeks");
  CHECK(human_cadence(30 * day) == "monthly");
  CHECK(human_cadence(10 * day) == "every 10 days");
  CHECK(human_every(day) == "every day");
  CHECK(human_every(90 * minute) == "every 1.5 hours");
}

TEST_CASE("property: a larger duration never prints as a smaller one", "[text][prop]") {
  rc::prop("human_duration is monotone", [] {
    const auto scale = *rc::gen::element<std::int64_t>(1, 1000, minute, hour, day, 30 * day, year);
    const std::int64_t a = *rc::gen::inRange<std::int64_t>(0, 1000) * scale + *rc::gen::inRange<std::int64_t>(0, scale);
    const std::int64_t b = a + *rc::gen::inRange<std::int64_t>(0, 3 * scale);
    RC_ASSERT(parse_duration(human_duration(a)) <= parse_duration(human_duration(b)));
    // And the printed value is within 5 % (half a tenth of the unit) of the truth.
    if (a >= 1000) RC_ASSERT(std::abs(parse_duration(human_duration(a)) - static_cast<double>(a)) <= 0.051 * a + 1);
  });
}

TEST_CASE("property: a larger rate never prints as a smaller one", "[text][prop]") {
  rc::prop("human_rate is monotone", [] {
    const double a = std::pow(10.0, *rc::gen::inRange(-5000, 3000) / 1000.0);
    const double b = a * (1 + *rc::gen::inRange(0, 1000) / 1000.0);
    RC_ASSERT(parse_rate(human_rate(a)) <= parse_rate(human_rate(b)) * (1 + 1e-12));
  });
}

TEST_CASE("append_utf8: one to four bytes", "[text]") {
  std::string s;
  append_utf8(s, 0x41);     // A
  append_utf8(s, 0xE9);     // é
  append_utf8(s, 0x20AC);   // €
  append_utf8(s, 0x1F600);  // an emoji, beyond the basic plane
  CHECK(s == "A\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80");
}
