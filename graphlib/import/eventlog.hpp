// Internals of the event-log importer, shared by its two readers
// (eventlog_csv.cpp reads CSV, xes.cpp streams XES) and the model building
// (eventlog.cpp); eventlog_common.cpp defines what is not a reader:
// timestamp parsing, string interning, and the handoff aggregator that turns
// the events of one case into handoff occurrences (issue 6, item 2; the plain
// semantics of ../shared/datasets/eventlogs/README.md):
//
//   within a case, events without a unit are dropped, the rest are ordered by
//   timestamp (a stable sort: ties keep file order), and every pair of
//   consecutive events whose units differ is one occurrence of the handoff
//   (unit of the first -> unit of the second), waiting the time between them.
//
// Memory: the aggregator keeps, per ordered unit pair, the waits of its
// occurrences (for the exact median); nothing per event survives a case.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "orgflow/import.hpp"
#include "text/id_index.hpp"

namespace orgflow::eventlog_detail {

/// Absolute time in microseconds since 1970-01-01T00:00:00Z.
using micros = std::int64_t;

inline constexpr micros us_per_second = 1'000'000;
inline constexpr micros us_per_day = 86'400 * us_per_second;

/// Parses an ISO 8601 timestamp: `YYYY-MM-DD`, then `T` or a space and
/// `HH:MM[:SS[.fraction]]`, then `Z`, `+HH:MM`, `-HH:MM`, `+HHMM` or `+HH`
/// (the offset is honoured: the result is absolute time). A timestamp without
/// an offset is read as UTC. Fraction digits beyond microseconds are
/// truncated. nullopt with a sentence in *why when the text is not one.
std::optional<micros> parse_timestamp(std::string_view text, std::string* why);

/// Strings to dense indices in order of first appearance: the text
/// toolkit's id index, with the index of the previous string kept, since
/// consecutive rows often repeat a value.
class interner {
 public:
  static constexpr std::uint32_t none = UINT32_MAX;
  std::uint32_t intern(std::string_view s);
  const std::vector<std::string>& names() const { return ids_.names(); }
  std::size_t size() const { return ids_.size(); }

 private:
  text_detail::id_index ids_;
  std::uint32_t last_ = none;
};

/// One event of a case as the aggregator sees it.
struct case_event {
  micros time = 0;
  std::uint32_t unit = interner::none;  // none: the event lacks the unit
};

struct pair_stats {
  std::uint32_t from = 0, to = 0;
  std::uint64_t occurrences = 0;
  std::uint64_t cases = 0;
  std::uint64_t last_case = UINT64_MAX;
  std::vector<micros> waits;
};

class handoff_aggregator {
 public:
  /// Adds one case; `events` in file order (reordered in place).
  void add_case(std::vector<case_event>& events);
  const std::vector<pair_stats>& pairs() const { return pairs_; }
  std::vector<pair_stats>& pairs() { return pairs_; }
  std::uint64_t skipped_no_unit = 0;    // events dropped for lack of a unit
  std::uint64_t same_unit_pairs = 0;    // consecutive events in one unit (not handoffs)
  std::uint64_t events_with_unit = 0;

 private:
  std::uint64_t case_number_ = 0;
  std::vector<pair_stats> pairs_;
  std::unordered_map<std::uint64_t, std::uint32_t> index_;
};

/// What a reader found, for building the model. Two unit keys are followed
/// at once when the default applies (org:group, falling back to
/// org:resource for the whole log); `units[1]`/`aggregators[1]` serve the
/// fallback and are unused otherwise.
struct log_data {
  std::string format;                 // "XES" or "CSV"
  std::string log_name;               // XES log-level concept:name, if any
  std::string unit_key[2];
  std::string unit_column[2];         // CSV: the header name of the unit column (a key may be a number)
  bool has_fallback = false;
  bool primary_seen = false;          // some event had the primary unit key
  bool fallback_seen = false;
  interner units[2];
  handoff_aggregator aggregators[2];
  interner activities;
  std::string activity_key;
  bool activity_used = false;
  std::uint64_t events = 0;
  std::uint64_t cases = 0;
  std::uint64_t skipped_no_time = 0;
  std::uint64_t skipped_no_case = 0;  // CSV rows with an empty case
  std::uint64_t events_outside_traces = 0;
  bool any_time = false;
  micros first_time = 0, last_time = 0;
  std::vector<std::string> warnings;  // CSV: `FILE:LINE:COLUMN: warning: ...` (csv_table.hpp), for standard error
  void note_time(micros t) {
    if (!any_time) {
      first_time = last_time = t;
      any_time = true;
    } else {
      if (t < first_time) first_time = t;
      if (t > last_time) last_time = t;
    }
  }
};

/// Collects diagnostics for one file, at most `limit` of them (then one
/// closing line says how many more there were).
class diagnostic_sink {
 public:
  explicit diagnostic_sink(std::string file) : file_(std::move(file)) {}
  void add(long line, long column, std::string message);
  bool empty() const { return list_.empty() && more_ == 0; }
  std::vector<diagnostic> take();
  const std::string& file() const { return file_; }

 private:
  static constexpr std::size_t limit = 20;
  std::string file_;
  std::vector<diagnostic> list_;
  std::size_t more_ = 0;
};

/// Natural order of names, so that codes read 0, 1, 2, ..., 10 rather than
/// 0, 1, 10: digit runs compare by value, the rest by bytes; names equal
/// under that rule fall back to byte order (a total order).
bool natural_less(std::string_view a, std::string_view b);

/// `count` items over `span_us` as a rate per day (`12.5/d`), exact to the
/// digits written: at least 6 decimals, more (up to 15) until 6 significant
/// digits show, rounded half to even, trailing zeros dropped. span_us > 0.
rate_value per_day_rate(std::uint64_t count, micros span_us);

/// Streams an XES file (plain or gzip) into `data`; problems go to `sink`.
/// Implemented in xes.cpp.
void read_xes(const std::string& path, const eventlog_options& options, log_data& data, diagnostic_sink& sink);

/// Reads a CSV event log (plain or gzip; `,`, `;` or tab separated, as its
/// header line shows) into `data`; problems go to `sink`. Implemented in
/// eventlog_csv.cpp.
void read_csv(const std::string& path, const eventlog_options& options, log_data& data, diagnostic_sink& sink);

}  // namespace orgflow::eventlog_detail
