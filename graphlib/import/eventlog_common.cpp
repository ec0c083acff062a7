// The format-independent part of the event-log importer (eventlog.hpp),
// used by both readers (eventlog_csv.cpp, xes.cpp) and by the model building
// (eventlog.cpp): ISO 8601 timestamps, string interning, the aggregator that
// turns the events of one case into handoff occurrences, the bounded
// diagnostic list, the natural order of names and exact per-day rates.
#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "import/eventlog.hpp"
#include "orgflow/message_text.hpp"

namespace orgflow {
namespace eventlog_detail {
namespace {

__extension__ typedef unsigned __int128 uint128;

// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

bool leap(std::int64_t y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

unsigned days_in_month(std::int64_t y, unsigned m) {
  static const unsigned days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && leap(y) ? 29 : days[m - 1];
}

// Reads exactly n digits at s[*i].
bool digits(std::string_view s, std::size_t* i, int n, int* out) {
  if (*i + static_cast<std::size_t>(n) > s.size()) return false;
  int v = 0;
  for (int k = 0; k < n; ++k) {
    const char c = s[*i + static_cast<std::size_t>(k)];
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  *i += static_cast<std::size_t>(n);
  *out = v;
  return true;
}

}  // namespace

std::optional<micros> parse_timestamp(std::string_view text, std::string* why) {
  auto fail = [&](const char* detail) -> std::optional<micros> {
    if (why != nullptr) {
      *why = "\"" + std::string(text) + "\" is not a timestamp (" + detail +
             "; write ISO 8601 such as 2024-03-01T14:05:00+01:00)";
    }
    return std::nullopt;
  };
  std::size_t i = 0;
  int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
  if (!digits(text, &i, 4, &year) || i >= text.size() || text[i++] != '-' || !digits(text, &i, 2, &month) ||
      i >= text.size() || text[i++] != '-' || !digits(text, &i, 2, &day)) {
    return fail("the date must be YYYY-MM-DD");
  }
  if (month < 1 || month > 12) return fail("the month is out of range");
  if (day < 1 || static_cast<unsigned>(day) > days_in_month(year, static_cast<unsigned>(month))) {
    return fail("the day is out of range");
  }
  micros fraction = 0;
  int offset_seconds = 0;
  if (i < text.size() && (text[i] == 'T' || text[i] == ' ')) {
    ++i;
    if (!digits(text, &i, 2, &hour) || i >= text.size() || text[i++] != ':' || !digits(text, &i, 2, &minute)) {
      return fail("the time must be HH:MM or HH:MM:SS");
    }
    if (i < text.size() && text[i] == ':') {
      ++i;
      if (!digits(text, &i, 2, &second)) return fail("the seconds must be two digits");
      if (i < text.size() && (text[i] == '.' || text[i] == ',')) {
        ++i;
        const std::size_t start = i;
        micros scale = 100000;
        while (i < text.size() && text[i] >= '0' && text[i] <= '9') {
          fraction += (text[i] - '0') * scale;  // digits past microseconds add 0
          scale /= 10;
          ++i;
        }
        if (i == start) return fail("a decimal point must be followed by digits");
      }
    }
    if (hour > 23 || minute > 59 || second > 59) return fail("the time of day is out of range");
    if (i < text.size()) {
      const char c = text[i];
      if (c == 'Z' || c == 'z') {
        ++i;
      } else if (c == '+' || c == '-') {
        ++i;
        int oh = 0, om = 0;
        if (!digits(text, &i, 2, &oh)) return fail("the UTC offset must be +HH:MM");
        if (i < text.size() && text[i] == ':') ++i;
        if (i < text.size() && !digits(text, &i, 2, &om)) return fail("the UTC offset must be +HH:MM");
        if (oh > 23 || om > 59) return fail("the UTC offset is out of range");
        offset_seconds = (oh * 3600 + om * 60) * (c == '-' ? -1 : 1);
      }
    }
  }
  if (i != text.size()) return fail("unexpected text at its end");
  const std::int64_t days = days_from_civil(year, static_cast<unsigned>(month), static_cast<unsigned>(day));
  const std::int64_t seconds = days * 86400 + hour * 3600 + minute * 60 + second - offset_seconds;
  return seconds * us_per_second + fraction;
}

std::uint32_t interner::intern(std::string_view s) {
  if (last_ != none && ids_.names()[last_] == s) return last_;
  return last_ = ids_.intern(s);
}

void handoff_aggregator::add_case(std::vector<case_event>& events) {
  ++case_number_;
  // Drop events without a unit first (the README's reference does), then a
  // stable sort by time; logs are nearly always sorted already.
  std::size_t kept = 0;
  for (std::size_t k = 0; k < events.size(); ++k) {
    if (events[k].unit == interner::none) {
      ++skipped_no_unit;
    } else {
      events[kept++] = events[k];
    }
  }
  events.resize(kept);
  events_with_unit += kept;
  auto by_time = [](const case_event& a, const case_event& b) { return a.time < b.time; };
  if (!std::is_sorted(events.begin(), events.end(), by_time)) {
    std::stable_sort(events.begin(), events.end(), by_time);
  }
  for (std::size_t k = 1; k < events.size(); ++k) {
    const case_event& a = events[k - 1];
    const case_event& b = events[k];
    if (a.unit == b.unit) {
      ++same_unit_pairs;
      continue;
    }
    const std::uint64_t key = (static_cast<std::uint64_t>(a.unit) << 32) | b.unit;
    auto [it, inserted] = index_.try_emplace(key, static_cast<std::uint32_t>(pairs_.size()));
    if (inserted) {
      pair_stats p;
      p.from = a.unit;
      p.to = b.unit;
      pairs_.push_back(std::move(p));
    }
    pair_stats& p = pairs_[it->second];
    ++p.occurrences;
    if (p.last_case != case_number_) {
      p.last_case = case_number_;
      ++p.cases;
    }
    p.waits.push_back(b.time - a.time);
  }
}

void diagnostic_sink::add(long line, long column, std::string message) {
  if (list_.size() >= limit) {
    ++more_;
    return;
  }
  diagnostic d;
  d.file = file_;
  d.line = static_cast<int>(line);
  d.column = static_cast<int>(column);
  // Messages quote values from the file: shortened and printable.
  d.message = tidy_message(message);
  list_.push_back(std::move(d));
}

std::vector<diagnostic> diagnostic_sink::take() {
  if (more_ > 0 && !list_.empty()) {
    diagnostic d = list_.back();
    d.message = "... and " + std::to_string(more_) + " more problem" + (more_ == 1 ? "" : "s") +
                " like these (fix those above first)";
    list_.push_back(std::move(d));
    more_ = 0;
  }
  return std::move(list_);
}

bool natural_less(std::string_view a, std::string_view b) {
  std::size_t i = 0, j = 0;
  auto digit = [](char c) { return c >= '0' && c <= '9'; };
  while (i < a.size() && j < b.size()) {
    if (digit(a[i]) && digit(b[j])) {
      std::size_t ie = i, je = j;
      while (ie < a.size() && digit(a[ie])) ++ie;
      while (je < b.size() && digit(b[je])) ++je;
      std::size_t is = i, js = j;
      while (is + 1 < ie && a[is] == '0') ++is;  // leading zeros do not change the value
      while (js + 1 < je && b[js] == '0') ++js;
      if (ie - is != je - js) return ie - is < je - js;
      const int c = a.substr(is, ie - is).compare(b.substr(js, je - js));
      if (c != 0) return c < 0;
      i = ie;
      j = je;
      continue;
    }
    if (a[i] != b[j]) return static_cast<unsigned char>(a[i]) < static_cast<unsigned char>(b[j]);
    ++i;
    ++j;
  }
  if ((i < a.size()) != (j < b.size())) return j < b.size();
  return a < b;
}

// `count` per `span_us` as a rate per day, written exactly to the printed
// digits: at least 6 decimals, more (up to 15) until 6 significant digits
// show, rounded half to even, trailing zeros dropped.
rate_value per_day_rate(std::uint64_t count, micros span_us) {
  const uint128 numerator = static_cast<uint128>(count) * static_cast<uint128>(us_per_day);
  const auto den = static_cast<uint128>(span_us);
  int decimals = 6;
  uint128 scaled = 0;
  while (true) {
    uint128 pow = 1;
    for (int k = 0; k < decimals; ++k) pow *= 10;
    const uint128 n = numerator * pow;
    scaled = n / den;
    const uint128 rest = n % den;
    if (rest * 2 > den || (rest * 2 == den && (scaled & 1) != 0)) ++scaled;
    if (scaled >= 100000 || decimals >= 15) break;
    ++decimals;
  }
  while (decimals > 0 && scaled % 10 == 0) {
    scaled /= 10;
    --decimals;
  }
  rate_value r;
  r.count = static_cast<std::uint64_t>(scaled);
  r.scale_digits = decimals;
  r.period_ms = ms_per_day;
  std::string digits_text = std::to_string(r.count);
  if (decimals > 0) {
    if (digits_text.size() <= static_cast<std::size_t>(decimals)) {
      digits_text.insert(0, static_cast<std::size_t>(decimals) + 1 - digits_text.size(), '0');
    }
    digits_text.insert(digits_text.size() - static_cast<std::size_t>(decimals), ".");
  }
  r.text = digits_text + "/d";
  return r;
}

}  // namespace eventlog_detail
}  // namespace orgflow
