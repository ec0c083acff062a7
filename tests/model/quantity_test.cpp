// Unit tests of the model's quantities (model-format.md, Quantities and Exact
// rules) and of locale-independent number printing (orgflow/number.hpp).
// Every expected value is worked out by hand in the comment or the literal:
// 1 min = 60,000 ms, 1 h = 3,600,000, 1 d = 86,400,000, 1 w = 604,800,000,
// 1 mo = 30 d = 2,592,000,000, 1 Y = 365 d = 31,536,000,000.
#include <catch2/catch.hpp>

#include <limits>
#include <string>

#include "orgflow/model.hpp"
#include "orgflow/number.hpp"
#include "orgflow/quantity.hpp"

using namespace orgflow;

namespace {

millis dur(const std::string& text) {
  std::string why;
  auto d = parse_duration(text, &why);
  INFO(text << ": " << why);
  REQUIRE(d);
  CHECK(d->text == text);
  return d->ms;
}

std::string dur_error(const std::string& text) {
  std::string why;
  auto d = parse_duration(text, &why);
  INFO(text);
  REQUIRE_FALSE(d);
  REQUIRE_FALSE(why.empty());
  return why;
}

millis cad(const std::string& text) {
  std::string why;
  auto c = parse_cadence(text, &why);
  INFO(text << ": " << why);
  REQUIRE(c);
  return c->ms;
}

std::string cad_error(const std::string& text) {
  std::string why;
  auto c = parse_cadence(text, &why);
  INFO(text);
  REQUIRE_FALSE(c);
  REQUIRE_FALSE(why.empty());
  return why;
}

rate_value rate(const std::string& text) {
  std::string why;
  auto r = parse_rate(text, &why);
  INFO(text << ": " << why);
  REQUIRE(r);
  CHECK(r->text == text);
  return *r;
}

std::string rate_error(const std::string& text) {
  std::string why;
  auto r = parse_rate(text, &why);
  INFO(text);
  REQUIRE_FALSE(r);
  REQUIRE_FALSE(why.empty());
  return why;
}

}  // namespace

TEST_CASE("durations with a unit", "[quantity]") {
  CHECK(dur("30min") == 1'800'000);
  CHECK(dur("4h") == 14'400'000);
  CHECK(dur("2d") == 172'800'000);
  CHECK(dur("1.5w") == 907'200'000);       // 1.5 * 604,800,000
  CHECK(dur("1mo") == 2'592'000'000);      // 30 days
  CHECK(dur("0d") == 0);
  CHECK(dur("007h") == 25'200'000);        // leading zeros are digits
  CHECK(dur("0.0001min") == 6);            // 0.0001 * 60,000 = 6 ms exactly
  CHECK(dur("2.5h") == 9'000'000);
  CHECK(dur("1.000000000000000000000000d") == 86'400'000);  // trailing zeros do not matter
  CHECK(dur("0.001h") == 3'600);
}

TEST_CASE("ISO 8601 durations", "[quantity]") {
  CHECK(dur("PT4H") == 14'400'000);
  CHECK(dur("P2D") == 172'800'000);
  CHECK(dur("P1W") == 604'800'000);
  CHECK(dur("P1Y") == 31'536'000'000);
  CHECK(dur("P1M") == 2'592'000'000);      // M before T: 30 days
  CHECK(dur("PT1M") == 60'000);             // M after T: minutes
  CHECK(dur("P1DT12H") == 129'600'000);     // 86,400,000 + 43,200,000
  CHECK(dur("PT1.5S") == 1'500);
  CHECK(dur("PT0.001S") == 1);
  CHECK(dur("P0.5D") == 43'200'000);
  // 31,536,000,000 + 5,184,000,000 + 1,814,400,000 + 345,600,000
  // + 18,000,000 + 360,000 + 7,008
  CHECK(dur("P1Y2M3W4DT5H6M7.008S") == 38'898'367'008);
  CHECK(dur("PT36H") == 129'600'000);
  CHECK(dur("P0D") == 0);
}

TEST_CASE("bad durations say how to fix them", "[quantity]") {
  CHECK(dur_error("2 days") == "\"2 days\" is not a duration (write 2d or P2D)");
  CHECK(dur_error("4 hours") == "\"4 hours\" is not a duration (write 4h or PT4H)");
  CHECK(dur_error("2D") == "\"2D\" is not a duration (write 2d or P2D)");
  CHECK(dur_error("2hour") == "\"2hour\" is not a duration (write 2h or PT2H)");
  CHECK(dur_error("2s") == "\"2s\" is not a duration (write PT2S)");
  CHECK(dur_error("12") == "\"12\" has no unit: which unit would it be? (write 12d, 12h or 12min)");
  CHECK(dur_error("-2d") == "\"-2d\" is negative (a duration cannot be negative: write 2d or leave the member out)");
  CHECK(dur_error("-PT4H").find("is negative") != std::string::npos);
  CHECK(dur_error("+2d") == "\"+2d\" has a sign (numbers in quantities take no sign: write 2d)");
  CHECK(dur_error("weekly") == "\"weekly\" is a cadence word, valid only in cadence (write a duration such as 1w)");
  CHECK(dur_error("on-change").find("valid only in cadence") != std::string::npos);
  CHECK(dur_error("p2d") == "\"p2d\" is not a duration (ISO 8601 durations are upper case: write P2D)");
  CHECK(dur_error("PT0.0001S") ==
        "\"PT0.0001S\" is not a whole number of milliseconds (durations are exact to the millisecond)");
  CHECK(dur_error("0.00001min").find("whole number of milliseconds") != std::string::npos);  // 0.6 ms
  CHECK(dur_error("99999999999999999999w").find("too long") != std::string::npos);
  CHECK(dur_error("15250284453w").find("too long") != std::string::npos);  // > 2^63 - 1 ms
  CHECK(dur("15250284452w") == 15'250'284'452LL * 604'800'000LL);
  CHECK(dur_error("P1DT").find("T with nothing after it") != std::string::npos);
  CHECK(dur_error("") .find("empty") != std::string::npos);
  // Not numbers in the sense of the spec: no exponent, no bare dot, no space.
  for (const char* bad : {"1e3d", ".5d", "2.d", "2 d", "d", "P", "PT", "P2H", "PT2D", "P1D1Y", "P1,5D", "P1DT2H3H",
                          "PT1H1D", "P1.5", "2dd", "1.5.5d", "Infinityd", "NaNd", " 2d", "2d ", "２d", "P-2D", "TP1D"})
    CHECK_FALSE(parse_duration(bad, nullptr));
}

TEST_CASE("durations: the largest value and overflow", "[quantity]") {
  // INT64_MAX = 9,223,372,036,854,775,807 ms; as seconds with 3 decimals:
  CHECK(dur("PT9223372036854775.807S") == std::numeric_limits<millis>::max());
  CHECK_FALSE(parse_duration("PT9223372036854775.808S", nullptr));
  CHECK_FALSE(parse_duration("P9223372036854775807Y", nullptr));
  // 2^63 - 1 ms = 106,751,991,167 d + 25,975,807 ms.
  CHECK_FALSE(parse_duration("P106751991168D", nullptr));
  CHECK(dur("P106751991167D") == 9'223'372'036'828'800'000LL);
  CHECK(dur("P106751991167DT7H") == 9'223'372'036'854'000'000LL);
  CHECK_FALSE(parse_duration("P106751991167DT8H", nullptr));  // the sum overflows
}

TEST_CASE("cadences", "[quantity]") {
  CHECK(cad("on-change") == 0);
  CHECK(cad("hourly") == 3'600'000);
  CHECK(cad("daily") == 86'400'000);
  CHECK(cad("weekly") == 604'800'000);
  CHECK(cad("biweekly") == 1'209'600'000);
  CHECK(cad("monthly") == 2'592'000'000);
  CHECK(cad("quarterly") == 7'862'400'000);   // 91 days, not 3 months
  CHECK(cad("yearly") == 31'536'000'000);     // 365 days
  CHECK(cad("7d") == 604'800'000);
  CHECK(cad("P1W") == 604'800'000);
  std::string why;
  auto zero = parse_cadence("0d", &why);
  REQUIRE(zero);
  CHECK(zero->on_change());  // a cadence of duration 0 is on-change
  CHECK(zero->text == "0d");
  CHECK(cad_error("Weekly") == "\"Weekly\" is not a cadence (cadence words are lower case: write weekly)");
  CHECK(cad_error("on change") == "\"on change\" is not a cadence (write on-change)");
  CHECK(cad_error("every week") ==
        "\"every week\" is not a cadence (write on-change, a duration such as 7d, or one of hourly, daily, weekly, "
        "biweekly, monthly, quarterly, yearly)");
  CHECK(cad_error("2") == "\"2\" has no unit: which unit would it be? (write 2d, 2h or 2min)");
  CHECK(cad_error("-7d").find("negative") != std::string::npos);
  CHECK(cad_error("2 days") == "\"2 days\" is not a duration (write 2d or P2D)");
}

TEST_CASE("rates keep their digits exactly", "[quantity]") {
  const rate_value w = rate("200/w");
  CHECK(w.count == 200);
  CHECK(w.scale_digits == 0);
  CHECK(w.period_ms == 604'800'000);
  CHECK(w.per_hour() == 200.0 / 168.0);  // 25/21, correctly rounded
  CHECK(rate("40/d").per_hour() == 40.0 / 24.0);
  CHECK(rate("5/h").per_hour() == 5.0);
  CHECK(rate("900/mo").per_hour() == 1.25);  // 900 / 720 h
  CHECK(rate("900/month").period_ms == 2'592'000'000);
  CHECK(rate("5/hour").per_ms() == 5.0 / 3'600'000.0);
  const rate_value r = rate("1.50/h");
  CHECK(r.count == 150);
  CHECK(r.scale_digits == 2);
  CHECK(r.per_hour() == 1.5);
  CHECK(rate("0.5/d").per_hour() == 0.5 / 24.0);
  CHECK(rate("0/w").count == 0);
  CHECK(rate("18446744073709551615/h").count == 18'446'744'073'709'551'615ULL);
  // Equality compares values: 200/week == 200/w, 1.50/h == 1.5/h,
  // 24/d == 1/h, 7/w == 1/d; not 1/d and 1/w.
  CHECK(rate("200/week") == rate("200/w"));
  CHECK(rate("1.50/h") == rate("1.5/h"));
  CHECK(rate("24/d") == rate("1/h"));
  CHECK(rate("7/w") == rate("1/d"));
  CHECK(rate("0/h") == rate("0/mo"));
  CHECK(rate("1/d") != rate("1/w"));
  CHECK(rate("0.1/h") != rate("0.10000000000000001/h"));  // equal as doubles, not as values
}

TEST_CASE("bad rates say how to fix them", "[quantity]") {
  CHECK(rate_error("200") == "\"200\" has no period: which period would it be? (write 200/w, 200/d or 200/h)");
  CHECK(rate_error("200/min") ==
        "\"200/min\" is not a rate: the period must be h, d, w, mo, hour, day, week or month (such as 200/w)");
  CHECK(rate_error("200/weeks") ==
        "\"200/weeks\" is not a rate: the period must be h, d, w, mo, hour, day, week or month (write 200/w)");
  CHECK(rate_error("200/W").find("(write 200/w)") != std::string::npos);
  CHECK(rate_error("200w") == "\"200w\" is not a rate (write 200/w)");
  CHECK(rate_error("200 per week") == "\"200 per week\" is not a rate (write 200/w)");
  CHECK(rate_error("-5/h") == "\"-5/h\" is negative (a rate cannot be negative: write 5/h)");
  CHECK(rate_error("18446744073709551616/h").find("too large") != std::string::npos);
  CHECK(rate_error("0.0000000000000000001/h").find("too many decimals") != std::string::npos);
  for (const char* bad : {"", "/w", "2/", "2//w", "1e3/w", ".5/w", "5./w", "5/2w", "5 /w", "5/ w", "5/w ", "5/hours",
                          "5/mo ", "five/w", "5/minute", "5/s", "NaN/h"})
    CHECK_FALSE(parse_rate(bad, nullptr));
}

TEST_CASE("canonical text of quantities", "[quantity]") {
  CHECK(format_duration(14 * ms_per_day) == "2w");  // the largest unit that divides it
  CHECK(format_duration(3 * ms_per_day) == "3d");
  CHECK(format_duration(36 * ms_per_hour) == "36h");
  CHECK(format_duration(90 * ms_per_minute) == "90min");
  CHECK(format_duration(30 * ms_per_day) == "30d");  // mo is not a canonical unit
  CHECK(format_duration(1'500) == "PT1.5S");
  CHECK(format_duration(1) == "PT0.001S");
  CHECK(format_duration(61'000) == "PT61S");
  CHECK(format_duration(0) == "0d");
  CHECK(format_cadence(0) == "on-change");
  CHECK(format_cadence(7 * ms_per_day) == "1w");
  rate_value r;
  r.count = 150;
  r.scale_digits = 2;
  r.period_ms = ms_per_hour;
  CHECK(format_rate(r) == "1.5/h");
  r.count = 200;
  r.scale_digits = 0;
  r.period_ms = 7 * ms_per_day;
  CHECK(format_rate(r) == "200/w");
  r.count = 1;
  r.period_ms = 2 * ms_per_hour;  // a period made in code: 1 per 2 h = 0.5/h
  CHECK(format_rate(r) == "0.5/h");
  r.count = 1;
  r.period_ms = 3 * ms_per_hour;  // 1/3 per hour is no decimal, 8/d is
  CHECK(format_rate(r) == "8/d");
  std::string why;
  auto back = parse_rate(format_rate(r), &why);
  REQUIRE(back);
  CHECK(*back == r);
}

TEST_CASE("format_number rounds half to even on the exact binary value", "[number]") {
  // 0.0000005 is 4.99999999999999977e-07 in binary: below the half.
  CHECK(format_number(0.0000005) == "0");
  CHECK(format_number(2.5e-7) == "0");
  // 0.0000015 is 1.50000000000000004e-06 and 0.0000025 is
  // 2.50000000000000020e-06: both above the half, so they round up.
  CHECK(format_number(0.0000015) == "0.000002");
  CHECK(format_number(0.0000025) == "0.000003");
  // Exact binary ties go to the even digit: 0.0078125 = 2^-7, 0.0234375 = 3 * 2^-7.
  CHECK(format_number(0.0078125) == "0.007812");
  CHECK(format_number(0.0234375) == "0.023438");
  CHECK(format_number(0.5, 0) == "0");
  CHECK(format_number(1.5, 0) == "2");
  CHECK(format_number(2.5, 0) == "2");
  CHECK(format_number(0.125, 2) == "0.12");
  CHECK(format_number(0.375, 2) == "0.38");
  CHECK(format_number(2.675, 2) == "2.67");  // 2.67499999999999982 in binary
  CHECK(format_number(0.1 + 0.2) == "0.3");
  CHECK(format_number(1.0) == "1");
  CHECK(format_number(-0.0000001) == "0");   // no "-0"
  CHECK(format_number(-1.25) == "-1.25");
  CHECK(format_number(1e21) == "1000000000000000000000");
  CHECK(format_number(0.9999999) == "1");
  CHECK(format_number(std::numeric_limits<double>::quiet_NaN()) == "null");
  CHECK(format_number(std::numeric_limits<double>::infinity()) == "null");
  CHECK(format_number(std::optional<double>{}) == "null");
  CHECK(round_half_even(0.0234375) == 0.023438);
}

TEST_CASE("format_hours is exact in integers", "[number]") {
  CHECK(format_hours(3'600'000) == "1");
  CHECK(format_hours(5'400'000) == "1.5");
  CHECK(format_hours(0) == "0");
  CHECK(format_hours(1) == "0");            // 0.000000277... h
  CHECK(format_hours(2) == "0.000001");     // 0.000000555... h
  CHECK(format_hours(1'800) == "0.0005");
  CHECK(format_hours(9) == "0.000002");     // 0.0000025 h exactly: tie, to even
  CHECK(format_hours(27) == "0.000008");    // 0.0000075 h exactly: tie, to even
  CHECK(format_hours(-5'400'000) == "-1.5");
  CHECK(format_hours(2 * ms_per_day) == "48");
  CHECK(format_hours(std::numeric_limits<std::int64_t>::max()) == "2562047788015.215502");
}
