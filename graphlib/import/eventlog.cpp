// Event-log import (`orgflow import eventlog FILE`): reads an XES or CSV log
// (plain or gzip), finds the handoffs between units and writes one model
// handoff per ordered pair of units, with the count (`x-occurrences`), the
// cases (`x-cases`), the median wait (`wait`) and the volume over the log's
// time span (`volume`). Pairs seen fewer than --min-occurrences times are
// left out (and units left with no handoff dropped); people (org:resource)
// get pseudonyms unless --reveal. docs/import-eventlog.md states the rules;
// this file holds the format-independent part, the CSV reader and the model
// building. The XES reader is in xes.cpp.
#include <algorithm>
#include <cstring>

#include "import/csv_table.hpp"
#include "import/eventlog.hpp"
#include "import/gzip.hpp"
#include "import/ids.hpp"
#include "import/readable_duration.hpp"
#include "orgflow/import.hpp"
#include "orgflow/io.hpp"
#include "orgflow/message_text.hpp"

namespace orgflow {
namespace eventlog_detail {
namespace {

__extension__ typedef unsigned __int128 uint128;

constexpr micros us_per_second = 1'000'000;
constexpr micros us_per_day = 86'400 * us_per_second;

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

std::uint64_t hash_bytes(std::string_view s) {
  std::uint64_t h = 1469598103934665603ULL;  // FNV-1a, then a final mix
  for (const char c : s) {
    h ^= static_cast<unsigned char>(c);
    h *= 1099511628211ULL;
  }
  h ^= h >> 29;
  h *= 0xbf58476d1ce4e5b9ULL;
  h ^= h >> 32;
  return h;
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

void interner::grow() {
  const std::size_t capacity = slots_.empty() ? 64 : slots_.size() * 2;
  slots_.assign(capacity, 0);
  const std::size_t mask = capacity - 1;
  for (std::uint32_t k = 0; k < names_.size(); ++k) {
    std::size_t at = static_cast<std::size_t>(hashes_[k]) & mask;
    while (slots_[at] != 0) at = (at + 1) & mask;
    slots_[at] = k + 1;
  }
}

std::uint32_t interner::intern(std::string_view s) {
  if (last_ != none && names_[last_] == s) return last_;
  if ((names_.size() + 1) * 2 > slots_.size()) grow();
  const std::uint64_t h = hash_bytes(s);
  const std::size_t mask = slots_.size() - 1;
  std::size_t at = static_cast<std::size_t>(h) & mask;
  while (slots_[at] != 0) {
    const std::uint32_t k = slots_[at] - 1;
    if (hashes_[k] == h && names_[k] == s) return last_ = k;
    at = (at + 1) & mask;
  }
  const auto k = static_cast<std::uint32_t>(names_.size());
  names_.emplace_back(s);
  hashes_.push_back(h);
  slots_[at] = k + 1;
  return last_ = k;
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

// `count` per `span_us` as a rate per day, written exactly to the printed
// digits: at least 6 decimals, more (up to 15) until 6 significant digits
// show, rounded half to even, trailing zeros dropped.
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

namespace {

// ---------------------------------------------------------------- CSV -----

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// 16 bytes per event, kept in fixed-size chunks: no doubling copy of one
// large array, so the peak stays near the events' own size.
struct csv_event {
  micros time;
  std::uint32_t case_index;
  std::uint32_t unit;  // the primary unit key's value
};

class event_store {
 public:
  static constexpr std::size_t chunk_bits = 16;
  void push(const csv_event& e) {
    if (chunks_.empty() || chunks_.back().size() == (std::size_t{1} << chunk_bits)) {
      chunks_.emplace_back();
      chunks_.back().reserve(std::size_t{1} << chunk_bits);
    }
    chunks_.back().push_back(e);
    ++size_;
  }
  const csv_event& operator[](std::size_t k) const {
    return chunks_[k >> chunk_bits][k & ((std::size_t{1} << chunk_bits) - 1)];
  }
  std::size_t size() const { return size_; }

 private:
  std::vector<std::vector<csv_event>> chunks_;
  std::size_t size_ = 0;
};

void read_csv(const std::string& path, const eventlog_options& o, log_data& data, diagnostic_sink& sink) {
  data.format = "CSV";
  // Spreadsheets in many locales write `;` (or tabs) instead of commas: take
  // the delimiter the header line uses. Standard input cannot be read twice.
  import_io::table_format format;
  if (path != "-") {
    import_io::byte_source probe(path);
    std::string head(1 << 16, '\0');
    head.resize(probe.read(head.data(), head.size()));
    format.delimiter = import_io::sniff_delimiter(std::string_view(head).substr(0, head.find('\n')));
  }
  if (format.delimiter != ',') {
    data.format = format.delimiter == ';' ? "CSV, separated by ;" : "CSV, separated by tabs";
  }
  import_io::byte_source in(path);
  import_io::table_reader reader(in, format);
  import_io::table_row row;
  if (!reader.next(row)) {
    if (!reader.error().empty()) {
      sink.add(reader.error_line(), reader.error_column(), reader.error());
    } else {
      sink.add(1, 1, "the file is empty (an event-log CSV starts with a header row naming its columns)");
    }
    return;
  }
  std::vector<std::string> header;
  for (const auto f : row.fields) header.emplace_back(f);
  const long header_line = row.line;
  const std::size_t columns = header.size();

  auto find_named = [&](const std::string& name) -> std::optional<std::size_t> {
    for (std::size_t k = 0; k < header.size(); ++k) {
      if (header[k] == name) return k;
    }
    return std::nullopt;
  };
  auto resolve = [&](const std::optional<std::string>& given, const char* option,
                     const char* what) -> std::optional<std::size_t> {
    std::string why;
    auto col = import_io::resolve_column(*given, header, columns, &why);
    if (!col) sink.add(header_line, 1, std::string("the ") + what + " column (" + option + "): " + why);
    return col;
  };

  std::optional<std::size_t> case_col, time_col, unit_col[2], activity_col;
  if (o.case_key) {
    case_col = resolve(o.case_key, "--case", "case");
  } else {
    for (const char* name : {"case:concept:name", "case", "case_id"}) {
      if ((case_col = find_named(name))) break;
    }
    if (!case_col) {
      sink.add(header_line, 1,
               "no case column: the header has no case:concept:name, case or case_id (name the case column with "
               "--case)");
    }
  }
  if (o.timestamp_key) {
    time_col = resolve(o.timestamp_key, "--timestamp", "timestamp");
  } else if (!(time_col = find_named("time:timestamp"))) {
    sink.add(header_line, 1, "no timestamp column: the header has no time:timestamp (name it with --timestamp)");
  }
  if (o.unit_key) {
    unit_col[0] = resolve(o.unit_key, "--unit", "unit");
    data.unit_key[0] = *o.unit_key;
  } else {
    unit_col[0] = find_named("org:group");
    unit_col[1] = find_named("org:resource");
    data.unit_key[0] = "org:group";
    data.unit_key[1] = "org:resource";
    data.has_fallback = true;
    if (!unit_col[0] && !unit_col[1]) {
      sink.add(header_line, 1, "no unit column: the header has neither org:group nor org:resource (name it with --unit)");
    }
  }
  if (o.activity_key) {
    activity_col = resolve(o.activity_key, "--activity", "activity");
    data.activity_key = *o.activity_key;
  } else {
    activity_col = find_named("concept:name");
    data.activity_key = "concept:name";
  }
  data.activity_used = activity_col.has_value();
  if (!sink.empty()) return;
  for (int k = 0; k < 2; ++k) {
    if (unit_col[k]) data.unit_column[k] = header[*unit_col[k]];
  }

  std::size_t needed = std::max(*case_col, *time_col);
  for (const auto& c : unit_col) {
    if (c) needed = std::max(needed, *c);
  }
  if (activity_col) needed = std::max(needed, *activity_col);

  interner cases;
  event_store events;
  // Fallback (org:resource) values are kept only until some event has the
  // primary key (org:group): from then on the fallback can no longer apply.
  std::vector<std::uint32_t> fallback_units;
  std::string why;
  while (reader.next(row)) {
    ++data.events;
    if (row.fields.size() <= needed) {
      sink.add(row.line, 1,
               "this row has " + std::to_string(row.fields.size()) + " field" + (row.fields.size() == 1 ? "" : "s") +
                   " but the header has " + std::to_string(columns));
      continue;
    }
    const std::string_view case_text = row.fields[*case_col];
    const std::string_view time_text = row.fields[*time_col];
    if (time_text.empty()) {
      ++data.skipped_no_time;
      continue;
    }
    const auto t = parse_timestamp(time_text, &why);
    if (!t) {
      sink.add(row.line, row.columns[*time_col], "column \"" + header[*time_col] + "\": " + why);
      continue;
    }
    data.note_time(*t);
    if (case_text.empty()) {
      ++data.skipped_no_case;
      continue;
    }
    csv_event e{*t, cases.intern(case_text), interner::none};
    if (unit_col[0] && !row.fields[*unit_col[0]].empty()) {
      e.unit = data.units[0].intern(row.fields[*unit_col[0]]);
      if (!data.primary_seen && data.has_fallback) {
        data.primary_seen = true;
        std::vector<std::uint32_t>().swap(fallback_units);
        data.units[1] = interner{};
      }
      data.primary_seen = true;
    }
    if (data.has_fallback && !data.primary_seen) {
      fallback_units.push_back(unit_col[1] && !row.fields[*unit_col[1]].empty()
                                   ? data.units[1].intern(row.fields[*unit_col[1]])
                                   : interner::none);
    }
    if (activity_col && !row.fields[*activity_col].empty()) data.activities.intern(row.fields[*activity_col]);
    events.push(e);
  }
  if (!reader.error().empty()) {
    sink.add(reader.error_line(), reader.error_column(), reader.error());
  }
  if (events.size() >= UINT32_MAX) {
    sink.add(0, 0, "more than 4,294,967,294 events: split the log (for example by year)");
  }
  if (!sink.empty()) return;
  data.fallback_seen = data.units[1].size() > 0;
  const int which = (!data.has_fallback || data.primary_seen) ? 0 : 1;

  // Group the events by case with a counting sort (stable: file order within
  // a case), then hand each case to the aggregator.
  const std::size_t case_count = cases.size();
  data.cases = case_count;
  std::vector<std::uint32_t> start(case_count + 1, 0);
  for (std::size_t k = 0; k < events.size(); ++k) ++start[events[k].case_index + 1];
  for (std::size_t k = 0; k < case_count; ++k) start[k + 1] += start[k];
  std::vector<std::uint32_t> order(events.size());
  {
    std::vector<std::uint32_t> fill(start.begin(), start.end() - 1);
    for (std::uint32_t k = 0; k < events.size(); ++k) order[fill[events[k].case_index]++] = k;
  }
  std::vector<case_event> one_case;
  for (std::size_t c = 0; c < case_count; ++c) {
    one_case.clear();
    for (std::uint32_t k = start[c]; k < start[c + 1]; ++k) {
      const csv_event& e = events[order[k]];
      one_case.push_back({e.time, which == 0 ? e.unit : fallback_units[order[k]]});
    }
    data.aggregators[which].add_case(one_case);
  }
}

// ------------------------------------------------------------- model ------

std::string file_stem(const std::string& path) {
  std::string name = path;
  const auto slash = name.find_last_of('/');
  if (slash != std::string::npos) name = name.substr(slash + 1);
  for (const char* ext : {".gz", ".xes", ".csv"}) {
    if (ends_with(name, ext) && name.size() > std::strlen(ext)) name.resize(name.size() - std::strlen(ext));
  }
  return name;
}

std::string plural(std::uint64_t n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

// The median of the waits in whole milliseconds: the middle value, or the
// mean of the two middle values, rounded half up (waits are never negative).
millis median_wait_ms(std::vector<micros>& waits) {
  const std::size_t n = waits.size();
  const std::size_t mid = n / 2;
  std::nth_element(waits.begin(), waits.begin() + static_cast<std::ptrdiff_t>(mid), waits.end());
  const micros upper = waits[mid];
  micros twice = 2 * upper;
  if (n % 2 == 0) {
    const micros lower = *std::max_element(waits.begin(), waits.begin() + static_cast<std::ptrdiff_t>(mid));
    twice = lower + upper;
  }
  return (twice + 1000) / 2000;  // (twice / 2) us -> ms, half up
}

// Whose names the units carry: people when the unit key is org:resource
// (given or by the fallback; in CSV the column of that name, however it was
// named on the command line).
bool units_are_people(const log_data& data, int which) {
  const std::string& source = data.unit_column[which].empty() ? data.unit_key[which] : data.unit_column[which];
  return source == "org:resource";
}

import_result build_model(const std::string& path, const eventlog_options& o, log_data& data) {
  import_result result;
  const int which = (!data.has_fallback || data.primary_seen) ? 0 : 1;
  const interner& units = data.units[which];
  handoff_aggregator& agg = data.aggregators[which];
  // The key as the user knows it: a CSV column given by number is named.
  const std::string& column = data.unit_column[which];
  const std::string unit_key =
      column.empty() || column == data.unit_key[which] ? data.unit_key[which]
                                                       : column + " (--unit " + data.unit_key[which] + ")";
  const bool people = units_are_people(data, which);
  const bool pseudonyms = !o.reveal && (people || o.pseudonymise);
  const std::uint64_t min_occurrences = o.min_occurrences < 1 ? 1 : static_cast<std::uint64_t>(o.min_occurrences);

  const std::string process = o.process ? *o.process : !data.log_name.empty() ? data.log_name : file_stem(path);
  model m;
  m.name = process;

  // Names as the model shows them: the values, or pseudonyms numbered in
  // order of first appearance (the interner's order), before the threshold.
  std::vector<std::string> names = units.names();
  if (pseudonyms) {
    for (std::size_t k = 0; k < names.size(); ++k) names[k] = "resource-" + std::to_string(k + 1);
  }

  // The threshold: pairs seen fewer than min_occurrences times are left out,
  // and units left with no handoff are dropped.
  auto& pairs = agg.pairs();
  std::uint64_t all_occurrences = 0, dropped_pairs = 0, dropped_occurrences = 0;
  std::vector<char> had_handoff(names.size(), 0), kept_unit(names.size(), 0);
  std::vector<pair_stats> kept;
  for (auto& p : pairs) {
    all_occurrences += p.occurrences;
    had_handoff[p.from] = had_handoff[p.to] = 1;
    if (p.occurrences < min_occurrences) {
      ++dropped_pairs;
      dropped_occurrences += p.occurrences;
      continue;
    }
    kept_unit[p.from] = kept_unit[p.to] = 1;
    kept.push_back(std::move(p));
  }
  const std::size_t all_pairs = pairs.size();
  std::vector<pair_stats>().swap(pairs);
  std::size_t dropped_units = 0, dropped_below_threshold = 0;
  for (std::size_t k = 0; k < names.size(); ++k) {
    if (kept_unit[k]) continue;
    ++dropped_units;
    dropped_below_threshold += had_handoff[k];
  }

  // Units in natural order of their names (Group 2 before Group 10;
  // resource-2 before resource-10), ids allocated in that order; handoffs
  // ordered by (from, to) in it.
  std::vector<std::uint32_t> by_name;
  for (std::uint32_t k = 0; k < names.size(); ++k) {
    if (kept_unit[k]) by_name.push_back(k);
  }
  std::sort(by_name.begin(), by_name.end(),
            [&](std::uint32_t a, std::uint32_t b) { return natural_less(names[a], names[b]); });
  std::vector<std::uint32_t> rank(names.size());
  import_ids::id_allocator ids;
  std::vector<std::string> unit_ids(names.size());
  for (std::uint32_t r = 0; r < by_name.size(); ++r) {
    const std::uint32_t k = by_name[r];
    rank[k] = r;
    unit u;
    u.id = ids.allocate(names[k]);
    u.name = names[k];
    unit_ids[k] = u.id;
    m.units.push_back(std::move(u));
  }

  std::sort(kept.begin(), kept.end(), [&](const pair_stats& a, const pair_stats& b) {
    return rank[a.from] != rank[b.from] ? rank[a.from] < rank[b.from] : rank[a.to] < rank[b.to];
  });
  const micros span = data.any_time ? data.last_time - data.first_time : 0;
  std::uint64_t occurrences = 0;
  for (auto& p : kept) {
    handoff h;
    h.from = unit_ids[p.from];
    h.to = unit_ids[p.to];
    h.id = h.from + "->" + h.to + "#1";
    h.id_generated = true;
    h.process = process;
    if (span > 0) h.volume = per_day_rate(p.occurrences, span);
    duration_value w;
    w.ms = median_wait_ms(p.waits);
    w.text = import_text::readable_duration(w.ms);
    h.wait = w;
    h.extras.order = {"from", "to", "process"};
    if (h.volume) h.extras.order.push_back("volume");
    h.extras.order.insert(h.extras.order.end(), {"wait", "x-occurrences", "x-cases"});
    h.extras.x_members = {{"x-occurrences", std::to_string(p.occurrences)}, {"x-cases", std::to_string(p.cases)}};
    occurrences += p.occurrences;
    std::vector<micros>().swap(p.waits);
    m.handoffs.push_back(std::move(h));
  }

  auto& s = result.summary;
  s.push_back("read " + plural(data.events, "event", "events") + " in " + plural(data.cases, "case", "cases") +
              " from " + path + " (" + data.format + ")");
  if (data.has_fallback && which == 1) {
    s.push_back("no event has org:group, so the units are the org:resource values (for the whole log)");
  }
  s.push_back(plural(units.size(), "unit", "units") + " from the distinct values of " + unit_key);
  if (pseudonyms && !names.empty()) {
    const std::string range =
        names.size() == 1 ? "resource-1" : "resource-1 to resource-" + std::to_string(names.size());
    s.push_back(std::string(people ? "the units are people (org:resource)" : "--pseudonymise") +
                ": their names are replaced by " + range +
                ", numbered in order of first appearance in the log (--reveal keeps the names)");
  } else if (o.reveal && people) {
    s.push_back("the units are people (org:resource) and --reveal keeps their names: the model is personal data");
  }
  if (agg.skipped_no_unit > 0) {
    s.push_back("skipped " + plural(agg.skipped_no_unit, "event", "events") + " without " + unit_key);
  }
  if (data.skipped_no_time > 0) {
    s.push_back("skipped " + plural(data.skipped_no_time, "event", "events") + " without a timestamp");
  }
  if (data.skipped_no_case > 0) {
    s.push_back("skipped " + plural(data.skipped_no_case, "event", "events") + " without a case id");
  }
  if (data.events_outside_traces > 0) {
    s.push_back("ignored " + plural(data.events_outside_traces, "event", "events") + " outside any trace");
  }
  if (data.activity_used) {
    s.push_back(plural(data.activities.size(), "activity", "activities") + " (" + data.activity_key + ")");
  }
  s.push_back(plural(all_pairs, "unit pair hands", "unit pairs hand") + " work over in " +
              plural(all_occurrences, "occurrence", "occurrences") +
              " (consecutive events of a case in different units); " +
              plural(agg.same_unit_pairs, "pair", "pairs") +
              " of consecutive events in the same unit are not handoffs");
  if (dropped_pairs > 0) {
    s.push_back("left out " + plural(dropped_pairs, "unit pair", "unit pairs") + " seen fewer than " +
                std::to_string(min_occurrences) + " times (" +
                plural(dropped_occurrences, "occurrence", "occurrences") +
                "): a few occurrences are no evidence of a handoff (--min-occurrences sets the threshold)");
  }
  s.push_back(plural(m.handoffs.size(), "handoff", "handoffs") + " from " +
              plural(occurrences, "occurrence", "occurrences") + " between " +
              plural(m.units.size(), "unit", "units"));
  if (dropped_units > 0) {
    s.push_back("dropped " + plural(dropped_units, "unit", "units") + " left with no handoff" +
                (dropped_below_threshold > 0
                     ? " (" + std::to_string(dropped_below_threshold) + " of them only below the threshold)"
                     : std::string()));
  }
  if (m.handoffs.empty() && dropped_pairs > 0) {
    s.push_back("no handoff reaches the threshold: the log is too small for --min-occurrences " +
                std::to_string(min_occurrences) + " (1 keeps every pair)");
  }
  if (span > 0) {
    const auto days = static_cast<std::uint64_t>((span + us_per_day / 2) / us_per_day);
    s.push_back("volumes are per day over the log's time span of " +
                (days == 0 ? std::string("less than a day") : plural(days, "day", "days")) + " (first to last event)");
  } else if (!m.handoffs.empty()) {
    s.push_back("no volumes: the log's first and last events have the same time");
  }
  if (data.format == "XES" && o.case_key) {
    s.push_back("--case is not needed for XES: each trace is one case");
  }
  s.push_back("process \"" + process + "\"");

  result.value = std::move(m);
  return result;
}

}  // namespace
}  // namespace eventlog_detail

import_result import_eventlog(const std::string& path, const eventlog_options& o) {
  using namespace eventlog_detail;
  log_data data;
  diagnostic_sink sink(path);

  // XES or CSV: by name, else by the first non-blank byte ('<' is XML).
  std::string lower = path;
  for (auto& c : lower) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  bool xes = ends_with(lower, ".xes") || ends_with(lower, ".xes.gz") || ends_with(lower, ".xml") ||
             ends_with(lower, ".xml.gz");
  if (!xes && !ends_with(lower, ".csv") && !ends_with(lower, ".csv.gz") && path != "-") {
    import_io::byte_source probe(path);
    char buffer[512];
    const std::size_t n = probe.read(buffer, sizeof buffer);
    std::size_t k = 0;
    if (n >= 3 && static_cast<unsigned char>(buffer[0]) == 0xEF) k = 3;  // UTF-8 byte order mark
    while (k < n && (buffer[k] == ' ' || buffer[k] == '\t' || buffer[k] == '\r' || buffer[k] == '\n')) ++k;
    xes = k < n && buffer[k] == '<';
  }
  if (xes) {
    read_xes(path, o, data, sink);
  } else {
    read_csv(path, o, data, sink);
  }
  if (sink.empty()) {
    const bool any_unit = data.units[0].size() > 0 || data.units[1].size() > 0;
    if (data.events > 0 && !any_unit) {
      const std::string keys =
          data.has_fallback ? data.unit_key[0] + " or " + data.unit_key[1] : data.unit_key[0];
      sink.add(0, 0, "no event has " + keys + ", so there are no units (name the unit attribute with --unit)");
    } else if (data.events > 0 && !data.any_time) {
      sink.add(0, 0, "no event has a timestamp (name the timestamp attribute with --timestamp)");
    }
  }
  import_result result;
  if (!sink.empty()) {
    result.diagnostics = sink.take();
    return result;
  }
  return build_model(path, o, data);
}

}  // namespace orgflow
