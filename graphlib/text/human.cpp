// Quantities, counts and lists for people (orgflow/text.hpp). Durations are
// rounded on exact integers (quotient and remainder apart, so no input
// overflows); rates, which the
// analyses keep as doubles, are rounded on the double with a relative slack
// of 1e-9 when deciding whether the printed number is exact.
#include "orgflow/text.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdlib>

namespace orgflow {

namespace {

constexpr std::int64_t ms_second = 1000;
constexpr std::int64_t ms_minute = 60 * ms_second;
constexpr std::int64_t ms_hour = 60 * ms_minute;
constexpr std::int64_t ms_day = 24 * ms_hour;
constexpr std::int64_t ms_year = 365 * ms_day;

std::string integer_text(unsigned long long v) {
  std::array<char, 24> buf{};
  const auto r = std::to_chars(buf.data(), buf.data() + buf.size(), v);
  return std::string(buf.data(), r.ptr);
}

// A count of tenths as "12", "12.5".
std::string tenths_text(unsigned long long tenths) {
  std::string s = integer_text(tenths / 10);
  if (tenths % 10 != 0) s += "." + integer_text(tenths % 10);
  return s;
}

struct band {
  std::int64_t unit;      // milliseconds per unit
  std::int64_t limit;     // values from limit units up belong to the next band
  bool tenths;            // printed with one decimal
  const char* singular;
  const char* plural;
};

constexpr std::array<band, 6> bands{{
    {1, 1000, false, "millisecond", "milliseconds"},
    {ms_second, 60, true, "second", "seconds"},
    {ms_minute, 60, true, "minute", "minutes"},
    {ms_hour, 48, true, "hour", "hours"},
    {ms_day, 365, true, "day", "days"},
    {ms_year, 0, true, "year", "years"},  // no limit
}};

}  // namespace

std::string human_duration(std::int64_t ms) {
  if (ms == 0) return "0 minutes";
  const bool negative = ms < 0;
  // |ms| as unsigned: well defined for INT64_MIN too.
  const std::uint64_t v = negative ? std::uint64_t{0} - static_cast<std::uint64_t>(ms) : static_cast<std::uint64_t>(ms);
  for (std::size_t i = 0; i < bands.size(); ++i) {
    const band& b = bands[i];
    const auto unit = static_cast<std::uint64_t>(b.unit);
    // Rounded half up, in tenths for one decimal, else in whole units;
    // split into quotient and remainder so that nothing overflows.
    const std::uint64_t scale = b.tenths ? 10 : 1;
    const std::uint64_t rounded = v / unit * scale + ((v % unit) * scale * 2 + unit) / (unit * 2);
    const bool last = i + 1 == bands.size();
    if (!last && rounded >= static_cast<std::uint64_t>(b.limit) * scale) continue;
    const bool one = rounded == scale;
    std::string out = negative ? "-" : "";
    out += b.tenths ? tenths_text(rounded) : integer_text(rounded);
    out += ' ';
    out += one ? b.singular : b.plural;
    return out;
  }
  return "0 minutes";  // not reached: the last band takes every value
}

std::string human_hours(double hours) {
  const double ms = hours * static_cast<double>(ms_hour);
  if (!std::isfinite(ms) || ms < 0 || ms > 9.0e18) return "an unknown time";
  return human_duration(static_cast<std::int64_t>(std::llround(ms)));
}

namespace {

struct rate_band {
  double per_hour_factor;  // the rate in this band's unit = per_hour * factor
  const char* phrase;
};
constexpr std::array<rate_band, 3> rate_bands{{{1.0, "an hour"}, {24.0, "a day"}, {168.0, "a week"}}};

// The rate in band `rb` ("about 2.5 a day"), or empty when it rounds below
// one there.
std::string rate_in_band(double per_hour, const rate_band& rb) {
  const double x = per_hour * rb.per_hour_factor;
  const double tenths = std::floor(x * 10.0 + 0.5);
  if (tenths < 10.0) return {};
  const bool exact = std::fabs(tenths / 10.0 - x) <= 1e-9 * x;
  const auto t = static_cast<unsigned long long>(tenths);
  return (exact ? "" : "about ") + tenths_text(t) + " " + rb.phrase;
}

}  // namespace

std::string human_rate(double per_hour) {
  if (!std::isfinite(per_hour) || per_hour < 0) return "an unknown rate";
  if (per_hour == 0) return "none";
  for (const rate_band& rb : rate_bands)
    if (std::string out = rate_in_band(per_hour, rb); !out.empty()) return out;
  // Below one a week: the mean interval between two items.
  const double interval_ms = static_cast<double>(ms_hour) / per_hour;
  const double capped = std::min(interval_ms, 9.0e18);
  return "1 every " + human_duration(static_cast<std::int64_t>(std::llround(capped)));
}

std::string human_rate(double per_hour, std::int64_t period_ms) {
  // The bands of human_rate, and a month (30 days) and a year (365 days):
  // "2 a month" when the author wrote 2/mo.
  constexpr std::array<rate_band, 5> written{
      {rate_bands[0], rate_bands[1], rate_bands[2], {720.0, "a month"}, {8760.0, "a year"}}};
  if (std::isfinite(per_hour) && per_hour > 0)
    for (const rate_band& rb : written)
      if (static_cast<double>(period_ms) == rb.per_hour_factor * static_cast<double>(ms_hour))
        if (std::string out = rate_in_band(per_hour, rb); !out.empty()) return out;
  return human_rate(per_hour);
}

std::string human_percent(double share) {
  if (!std::isfinite(share)) return "an unknown share";
  // nearbyint rounds half to even in the default rounding mode.
  const double p = std::nearbyint(share * 100.0);
  if (std::fabs(p) > 9.0e15) return "an unknown share";
  return std::to_string(static_cast<long long>(p)) + "%";
}

std::string with_thousands(std::uint64_t n) {
  const std::string digits = std::to_string(n);
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i != 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

std::string count_of(std::int64_t n, std::string_view singular, std::string_view plural) {
  const auto magnitude = n < 0 ? 0 - static_cast<std::uint64_t>(n) : static_cast<std::uint64_t>(n);
  std::string out = (n < 0 ? "-" : "") + with_thousands(magnitude);
  out += ' ';
  out += n == 1 ? singular : plural;
  return out;
}

std::string join_words(const std::vector<std::string>& items) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += (i + 1 == items.size()) ? " and " : ", ";
    out += items[i];
  }
  return out;
}

std::string human_every(std::int64_t ms) {
  if (ms == ms_hour) return "every hour";
  if (ms == ms_day) return "every day";
  if (ms == 7 * ms_day) return "every week";
  return "every " + human_duration(ms);
}

std::string human_cadence(std::int64_t ms) {
  switch (ms) {
    case 0: return "on change";
    case ms_hour: return "hourly";
    case ms_day: return "daily";
    case 7 * ms_day: return "weekly";
    case 14 * ms_day: return "every 2 weeks";
    case 30 * ms_day: return "monthly";
    case 91 * ms_day: return "quarterly";
    case 365 * ms_day: return "yearly";
    default: return human_every(ms);
  }
}

}  // namespace orgflow
