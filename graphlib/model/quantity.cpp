// Parsing and printing of durations, cadences and rates (model-format.md,
// Quantities and Exact rules; API in orgflow/quantity.hpp).
//
// Everything is exact integer arithmetic: a duration is a whole number of
// milliseconds, a rate keeps the digits it was written with. Numbers are
// ASCII digits with an optional decimal part; the unit follows directly and
// is case-sensitive. Overflow is detected before it happens (128-bit
// intermediates), so no input can cause undefined behaviour. Every error is
// one plain sentence that says how to fix the text.
//
// Over 500 lines on purpose: the three grammars share the number scanner,
// the unit tables, the overflow checks and the printing rules, and must
// print what they parse back byte for byte.
#include "orgflow/quantity.hpp"

#include <array>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>

#include "model/exact.hpp"
#include "orgflow/message_text.hpp"
#include "orgflow/number.hpp"

namespace orgflow {

namespace {

using detail::u128;

constexpr millis ms_per_week = 7 * ms_per_day;
constexpr millis ms_per_month = 30 * ms_per_day;
constexpr millis ms_per_year = 365 * ms_per_day;
constexpr millis max_millis = std::numeric_limits<millis>::max();

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// A decimal number as written: integer digits and (possibly empty) fraction
// digits, both ASCII.
struct decimal {
  std::string_view int_digits;
  std::string_view frac_digits;
};

// Scans `digits+ ('.' digits+)?` at `pos`; false when there is no number or a
// dot without digits on both sides.
bool scan_decimal(std::string_view s, std::size_t& pos, decimal& out) {
  const std::size_t start = pos;
  while (pos < s.size() && is_digit(s[pos])) ++pos;
  if (pos == start) return false;
  out.int_digits = s.substr(start, pos - start);
  out.frac_digits = {};
  if (pos < s.size() && s[pos] == '.') {
    const std::size_t f = pos + 1;
    std::size_t e = f;
    while (e < s.size() && is_digit(s[e])) ++e;
    if (e == f) return false;  // "2.d"
    out.frac_digits = s.substr(f, e - f);
    pos = e;
  }
  return true;
}

enum class exact_status { ok, overflow, not_whole_ms };

// decimal * unit_ms as whole milliseconds, exactly.
exact_status decimal_times(const decimal& d, millis unit_ms, millis& out) {
  std::string_view ip = d.int_digits;
  while (ip.size() > 1 && ip.front() == '0') ip.remove_prefix(1);
  std::string_view fp = d.frac_digits;
  while (!fp.empty() && fp.back() == '0') fp.remove_suffix(1);
  if (ip.size() > 19) return exact_status::overflow;
  u128 whole = 0;
  for (char c : ip) whole = whole * 10 + static_cast<unsigned>(c - '0');
  u128 total = whole * static_cast<u128>(unit_ms);  // < 1e19 * 3.2e10: fits
  if (total > static_cast<u128>(max_millis)) return exact_status::overflow;
  if (!fp.empty()) {
    // A fraction with more than 20 significant decimals cannot give whole
    // milliseconds: once trailing zeros are gone it lacks the factor 2 or
    // the factor 5, and no unit holds more than 2^13 or 5^9.
    if (fp.size() > 20) return exact_status::not_whole_ms;
    u128 frac = 0;
    u128 scale = 1;
    for (char c : fp) {
      frac = frac * 10 + static_cast<unsigned>(c - '0');
      scale *= 10;
    }
    const u128 num = frac * static_cast<u128>(unit_ms);  // < 1e20 * 3.2e10: fits
    if (num % scale != 0) return exact_status::not_whole_ms;
    total += num / scale;
    if (total > static_cast<u128>(max_millis)) return exact_status::overflow;
  }
  out = static_cast<millis>(total);
  return exact_status::ok;
}

// Input echoed in a message: shortened and printable (orgflow/message_text.hpp).
std::string echo(std::string_view s) { return echoed(s); }
std::string json_quoted(std::string_view s) { return "\"" + echoed(s) + "\""; }

// The unit a sloppy spelling most likely meant ("days", "D", "hours"), for
// suggestions; empty when there is no good guess. "s" means seconds, which
// only the ISO form can express.
std::string_view guess_unit(std::string_view word) {
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 36> table{{
      {"min", "min"},   {"mins", "min"},   {"minute", "min"},  {"minutes", "min"}, {"m", "min"},
      {"M", "min"},     {"MIN", "min"},    {"Min", "min"},     {"h", "h"},         {"H", "h"},
      {"hr", "h"},      {"hrs", "h"},      {"hour", "h"},      {"hours", "h"},     {"d", "d"},
      {"D", "d"},       {"day", "d"},      {"days", "d"},      {"w", "w"},         {"W", "w"},
      {"wk", "w"},      {"week", "w"},     {"weeks", "w"},     {"mo", "mo"},       {"MO", "mo"},
      {"Mo", "mo"},     {"month", "mo"},   {"months", "mo"},   {"s", "s"},         {"S", "s"},
      {"sec", "s"},     {"secs", "s"},     {"second", "s"},    {"seconds", "s"},   {"y", "y"},
      {"years", "y"},
  }};
  for (const auto& [k, v] : table)
    if (k == word) return v;
  if (word == "year" || word == "yr" || word == "Y") return "y";
  return {};
}

std::string iso_for(std::string_view number, std::string_view unit) {
  if (unit == "min") return "PT" + echo(number) + "M";
  if (unit == "h") return "PT" + echo(number) + "H";
  if (unit == "d") return "P" + echo(number) + "D";
  if (unit == "w") return "P" + echo(number) + "W";
  if (unit == "mo") return "P" + echo(number) + "M";
  if (unit == "s") return "PT" + echo(number) + "S";
  if (unit == "y") return "P" + echo(number) + "Y";
  return {};
}

// "(write 2d or P2D)" for "2 days"; a generic hint when nothing fits.
std::string duration_hint(std::string_view text) {
  std::size_t pos = 0;
  decimal d;
  if (scan_decimal(text, pos, d)) {
    std::string_view number = text.substr(0, pos);
    std::string_view rest = text.substr(pos);
    while (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
    const std::string_view unit = guess_unit(rest);
    if (unit == "s" || unit == "y") return "(write " + iso_for(number, unit) + ")";
    if (!unit.empty())
      return "(write " + echo(number) + echo(unit) + " or " + iso_for(number, unit) + ")";
  }
  return "(write a number and a unit: min, h, d, w or mo, such as 2d, or an ISO 8601 duration such as P2D or PT4H)";
}

bool is_cadence_word(std::string_view s, millis* ms = nullptr) {
  static constexpr std::array<std::pair<std::string_view, millis>, 7> words{{
      {"hourly", ms_per_hour},
      {"daily", ms_per_day},
      {"weekly", ms_per_week},
      {"biweekly", 14 * ms_per_day},
      {"monthly", ms_per_month},
      {"quarterly", 91 * ms_per_day},
      {"yearly", ms_per_year},
  }};
  for (const auto& [w, v] : words)
    if (w == s) {
      if (ms) *ms = v;
      return true;
    }
  return false;
}

bool set_why(std::string* why, std::string msg) {
  if (why) *why = std::move(msg);
  return false;
}

// ISO 8601: P[nY][nM][nW][nD][T[nH][nM][nS]], upper case.
bool parse_iso(std::string_view text, millis& out, std::string* why) {
  const std::string bad = json_quoted(text) +
                          " is not an ISO 8601 duration (write P[nY][nM][nW][nD][T[nH][nM][nS]] in upper case, "
                          "such as P2D, P1W or PT4H30M)";
  std::size_t pos = 1;  // after 'P'
  // Designators in the order they may appear; index >= 4 is after T.
  static constexpr std::array<std::pair<char, millis>, 7> parts{{
      {'Y', ms_per_year},
      {'M', ms_per_month},
      {'W', ms_per_week},
      {'D', ms_per_day},
      {'H', ms_per_hour},
      {'M', ms_per_minute},
      {'S', ms_per_second},
  }};
  std::size_t next = 0;  // first designator still allowed
  bool in_time = false;
  int parts_before_t = 0;
  int parts_after_t = 0;
  u128 total = 0;
  while (pos < text.size()) {
    if (text[pos] == 'T') {
      if (in_time) return set_why(why, bad);
      in_time = true;
      next = 4;
      ++pos;
      continue;
    }
    decimal d;
    if (!scan_decimal(text, pos, d)) return set_why(why, bad);
    if (pos >= text.size()) return set_why(why, bad);
    const char designator = text[pos++];
    std::size_t i = next;
    const std::size_t end = in_time ? parts.size() : 4;
    while (i < end && parts[i].first != designator) ++i;
    if (i >= end) return set_why(why, bad);
    next = i + 1;
    millis v = 0;
    switch (decimal_times(d, parts[i].second, v)) {
      case exact_status::overflow:
        return set_why(why, json_quoted(text) + " is too long (a duration must be shorter than about 292 million years)");
      case exact_status::not_whole_ms:
        return set_why(why, json_quoted(text) + " is not a whole number of milliseconds (durations are exact to the millisecond)");
      case exact_status::ok:
        break;
    }
    total += static_cast<u128>(v);
    if (total > static_cast<u128>(max_millis))
      return set_why(why, json_quoted(text) + " is too long (a duration must be shorter than about 292 million years)");
    (in_time ? parts_after_t : parts_before_t)++;
  }
  if (parts_before_t + parts_after_t == 0) return set_why(why, bad);
  if (in_time && parts_after_t == 0)
    return set_why(why, json_quoted(text) + " has a T with nothing after it (write the hours, minutes or seconds after T, such as PT4H, or leave the T out)");
  out = static_cast<millis>(total);
  return true;
}

enum class duration_failure { none, not_a_duration, other };

// The duration parser proper; `failure` tells a cadence whether the text was
// simply no duration at all (so a cadence-specific sentence fits better).
// Long on purpose: one pass over the duration's two grammars (short and
// ISO 8601); each step's message depends on what the earlier steps read.
std::optional<duration_value> parse_duration_impl(std::string_view text, std::string* why, duration_failure& failure) {
  failure = duration_failure::other;
  if (text.empty()) {
    set_why(why, "the duration is empty (write a number and a unit, such as 2d, or an ISO 8601 duration such as PT4H)");
    return std::nullopt;
  }
  // One sign only: "--1d" is no duration either, and a run of a million
  // signs must not recurse a million frames deep.
  const bool one_sign = text.size() < 2 || (text[1] != '-' && text[1] != '+');
  if (text.front() == '-' && one_sign) {
    std::string ignored;
    duration_failure f;
    if (parse_duration_impl(text.substr(1), &ignored, f)) {
      set_why(why, json_quoted(text) + " is negative (a duration cannot be negative: write " + echo(text.substr(1)) + " or leave the member out)");
      return std::nullopt;
    }
  }
  if (text.front() == '+' && one_sign) {
    std::string ignored;
    duration_failure f;
    if (parse_duration_impl(text.substr(1), &ignored, f)) {
      set_why(why, json_quoted(text) + " has a sign (numbers in quantities take no sign: write " + echo(text.substr(1)) + ")");
      return std::nullopt;
    }
  }
  millis ms = 0;
  if (text.front() == 'P') {
    if (!parse_iso(text, ms, why)) return std::nullopt;
    failure = duration_failure::none;
    return duration_value{ms, std::string(text)};
  }
  if (text.front() == 'p') {
    std::string upper(text);
    for (char& c : upper)
      if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    millis ignored = 0;
    if (parse_iso(upper, ignored, nullptr)) {
      set_why(why, json_quoted(text) + " is not a duration (ISO 8601 durations are upper case: write " + echo(upper) + ")");
      return std::nullopt;
    }
  }
  if (is_cadence_word(text) || text == "on-change") {
    millis v = 0;
    is_cadence_word(text, &v);
    set_why(why, json_quoted(text) + " is a cadence word, valid only in cadence (write a duration" +
                     (v ? " such as " + format_duration(v) : std::string()) + ")");
    return std::nullopt;
  }
  std::size_t pos = 0;
  decimal d;
  if (!scan_decimal(text, pos, d)) {
    failure = duration_failure::not_a_duration;
    set_why(why, json_quoted(text) + " is not a duration " + duration_hint(text));
    return std::nullopt;
  }
  const std::string_view unit = text.substr(pos);
  if (unit.empty()) {
    set_why(why, json_quoted(text) + " has no unit: which unit would it be? (write " + echo(text) + "d, " +
                     echo(text) + "h or " + echo(text) + "min)");
    return std::nullopt;
  }
  millis unit_ms = 0;
  if (unit == "min") unit_ms = ms_per_minute;
  else if (unit == "h") unit_ms = ms_per_hour;
  else if (unit == "d") unit_ms = ms_per_day;
  else if (unit == "w") unit_ms = ms_per_week;
  else if (unit == "mo") unit_ms = ms_per_month;
  else {
    failure = duration_failure::not_a_duration;
    set_why(why, json_quoted(text) + " is not a duration " + duration_hint(text));
    return std::nullopt;
  }
  switch (decimal_times(d, unit_ms, ms)) {
    case exact_status::overflow:
      set_why(why, json_quoted(text) + " is too long (a duration must be shorter than about 292 million years)");
      return std::nullopt;
    case exact_status::not_whole_ms:
      set_why(why, json_quoted(text) + " is not a whole number of milliseconds (durations are exact to the millisecond)");
      return std::nullopt;
    case exact_status::ok:
      break;
  }
  failure = duration_failure::none;
  return duration_value{ms, std::string(text)};
}

std::string trim_zeros_decimal(std::string digits, int scale) {
  // digits: an integer's decimal digits; the value is digits / 10^scale.
  if (scale <= 0) return digits;
  const auto s = static_cast<std::size_t>(scale);
  if (digits.size() <= s) digits.insert(digits.begin(), s - digits.size() + 1, '0');
  std::string ip = digits.substr(0, digits.size() - s);
  std::string fp = digits.substr(digits.size() - s);
  while (!fp.empty() && fp.back() == '0') fp.pop_back();
  return fp.empty() ? ip : ip + "." + fp;
}

std::string u128_to_string(u128 v) {
  if (v == 0) return "0";
  std::string out;
  while (v) {
    out.insert(out.begin(), static_cast<char>('0' + static_cast<int>(v % 10)));
    v /= 10;
  }
  return out;
}

}  // namespace

std::optional<duration_value> parse_duration(std::string_view text, std::string* why) {
  duration_failure f;
  return parse_duration_impl(text, why, f);
}

std::optional<cadence_value> parse_cadence(std::string_view text, std::string* why) {
  if (text == "on-change") return cadence_value{0, std::string(text)};
  millis ms = 0;
  if (is_cadence_word(text, &ms)) return cadence_value{ms, std::string(text)};
  const std::string cadence_help =
      "(write on-change, a duration such as 7d, or one of hourly, daily, weekly, biweekly, monthly, quarterly, yearly)";
  std::string lower(text);
  for (char& c : lower) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c == ' ' || c == '_') c = '-';
  }
  if (lower != text && (lower == "on-change" || is_cadence_word(lower))) {
    const bool only_case = lower.size() == text.size() && text.find_first_of(" _") == std::string_view::npos;
    set_why(why, json_quoted(text) + " is not a cadence (" +
                     (only_case ? "cadence words are lower case: write " : "write ") + echo(lower) + ")");
    return std::nullopt;
  }
  if (lower == "onchange") {
    set_why(why, json_quoted(text) + " is not a cadence (write on-change)");
    return std::nullopt;
  }
  duration_failure failure;
  std::string inner;
  auto d = parse_duration_impl(text, &inner, failure);
  if (!d) {
    if (failure == duration_failure::not_a_duration && (text.empty() || !is_digit(text.front())))
      set_why(why, json_quoted(text) + " is not a cadence " + cadence_help);
    else
      set_why(why, inner);
    return std::nullopt;
  }
  return cadence_value{d->ms, std::string(text)};
}

// Long on purpose: one pass over the rate's grammar; each step's message
// depends on what the earlier steps read.
std::optional<rate_value> parse_rate(std::string_view text, std::string* why) {
  const std::string help = "(write items per period, such as 200/w or 40/d; periods are h, d, w, mo, hour, day, week, month)";
  if (text.empty()) {
    set_why(why, "the rate is empty " + help);
    return std::nullopt;
  }
  // One sign only (a run of signs must not recurse once per sign).
  if ((text.front() == '-' || text.front() == '+') && (text.size() < 2 || (text[1] != '-' && text[1] != '+'))) {
    if (parse_rate(text.substr(1), nullptr)) {
      set_why(why, json_quoted(text) + (text.front() == '-' ? " is negative (a rate cannot be negative: write "
                                                        : " has a sign (numbers in quantities take no sign: write ") +
                       echo(text.substr(1)) + ")");
      return std::nullopt;
    }
  }
  std::size_t pos = 0;
  decimal d;
  if (!scan_decimal(text, pos, d)) {
    set_why(why, json_quoted(text) + " is not a rate " + help);
    return std::nullopt;
  }
  const std::string_view number = text.substr(0, pos);
  std::string_view rest = text.substr(pos);
  if (rest.empty()) {
    set_why(why, json_quoted(text) + " has no period: which period would it be? (write " + echo(number) + "/w, " +
                     echo(number) + "/d or " + echo(number) + "/h)");
    return std::nullopt;
  }
  if (rest.front() != '/') {
    std::string_view word = rest;
    while (!word.empty() && word.front() == ' ') word.remove_prefix(1);
    if (word.substr(0, 4) == "per ") word.remove_prefix(4);
    if (word.substr(0, 2) == "/ ") word.remove_prefix(2);
    const std::string_view unit = guess_unit(word);
    if (!unit.empty() && unit != "s" && unit != "y" && unit != "min")
      set_why(why, json_quoted(text) + " is not a rate (write " + echo(number) + "/" + echo(unit) + ")");
    else
      set_why(why, json_quoted(text) + " is not a rate " + help);
    return std::nullopt;
  }
  const std::string_view period = rest.substr(1);
  millis period_ms = 0;
  if (period == "h" || period == "hour") period_ms = ms_per_hour;
  else if (period == "d" || period == "day") period_ms = ms_per_day;
  else if (period == "w" || period == "week") period_ms = ms_per_week;
  else if (period == "mo" || period == "month") period_ms = ms_per_month;
  else {
    const std::string_view unit = guess_unit(period);
    if (!unit.empty() && unit != "s" && unit != "y" && unit != "min")
      set_why(why, json_quoted(text) + " is not a rate: the period must be h, d, w, mo, hour, day, week or month (write " +
                       echo(number) + "/" + echo(unit) + ")");
    else
      set_why(why, json_quoted(text) + " is not a rate: the period must be h, d, w, mo, hour, day, week or month (such as " +
                       echo(number) + "/w)");
    return std::nullopt;
  }
  // count = the digits without the dot. Trailing zeros of the fraction are
  // kept (the value is kept as written) unless they alone make it too large.
  std::string_view ip = d.int_digits;
  std::string_view fp = d.frac_digits;
  while (ip.size() > 1 && ip.front() == '0') ip.remove_prefix(1);
  std::string digits = std::string(ip) + std::string(fp);
  int scale = static_cast<int>(fp.size());
  auto too_big = [&] {
    std::string_view v = digits;
    while (v.size() > 1 && v.front() == '0') v.remove_prefix(1);
    return v.size() > 20 || (v.size() == 20 && v > "18446744073709551615");
  };
  while ((too_big() || scale > 18) && scale > 0 && digits.back() == '0') {
    digits.pop_back();
    --scale;
  }
  if (scale > 18) {
    set_why(why, json_quoted(text) + " has too many decimals (a rate takes at most 18 digits after the dot)");
    return std::nullopt;
  }
  if (too_big()) {
    set_why(why, json_quoted(text) + " is too large (write a smaller number or a shorter period)");
    return std::nullopt;
  }
  std::uint64_t count = 0;
  for (char c : digits) count = count * 10 + static_cast<std::uint64_t>(c - '0');
  rate_value r;
  r.count = count;
  r.scale_digits = scale;
  r.period_ms = period_ms;
  r.text = std::string(text);
  return r;
}

std::string format_duration(millis ms) {
  if (ms < 0) {
    const std::uint64_t a = static_cast<std::uint64_t>(-(ms + 1)) + 1;
    if (a > static_cast<std::uint64_t>(max_millis)) return "-" + format_duration(max_millis);  // INT64_MIN: not exact, never valid anyway
    return "-" + format_duration(static_cast<millis>(a));
  }
  if (ms == 0) return "0d";  // reads better than "0w" (every unit divides 0)
  if (ms % ms_per_week == 0) return std::to_string(ms / ms_per_week) + "w";
  if (ms % ms_per_day == 0) return std::to_string(ms / ms_per_day) + "d";
  if (ms % ms_per_hour == 0) return std::to_string(ms / ms_per_hour) + "h";
  if (ms % ms_per_minute == 0) return std::to_string(ms / ms_per_minute) + "min";
  return "PT" + trim_zeros_decimal(std::to_string(ms), 3) + "S";
}

std::string format_cadence(millis ms) { return ms == 0 ? "on-change" : format_duration(ms); }

std::string format_rate(const rate_value& r) {
  static constexpr std::array<std::pair<std::string_view, millis>, 4> periods{{
      {"h", ms_per_hour}, {"d", ms_per_day}, {"w", ms_per_week}, {"mo", ms_per_month}}};
  if (r.scale_digits >= 0 && r.scale_digits <= 18) {
    for (const auto& [word, p] : periods)
      if (p == r.period_ms) return trim_zeros_decimal(std::to_string(r.count), r.scale_digits) + "/" + std::string(word);
    // A period made in code that is none of the four: find the first period
    // in which the same rate is a terminating decimal of at most 18 decimals.
    if (r.period_ms > 0) {
      for (const auto& [word, p] : periods) {
        u128 num = static_cast<u128>(r.count) * static_cast<u128>(p);
        u128 den = static_cast<u128>(r.period_ms) * detail::pow10_u128(r.scale_digits);
        const u128 g = detail::gcd_u128(num, den);
        if (g) {
          num /= g;
          den /= g;
        }
        int twos = 0, fives = 0;
        u128 rest = den;
        while (rest % 2 == 0) { rest /= 2; ++twos; }
        while (rest % 5 == 0) { rest /= 5; ++fives; }
        if (rest != 1) continue;
        const int k = twos > fives ? twos : fives;
        if (k > 18) continue;
        const u128 scaled = num * (detail::pow10_u128(k) / den);
        if (scaled > std::numeric_limits<std::uint64_t>::max()) continue;
        return trim_zeros_decimal(u128_to_string(scaled), k) + "/" + std::string(word);
      }
    }
  }
  // Not expressible exactly (a rate made in code with an odd period): per
  // hour, rounded to 6 decimals.
  return format_number(r.per_hour(), 6) + "/h";
}

}  // namespace orgflow
