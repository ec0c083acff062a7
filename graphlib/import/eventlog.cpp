// Event-log import (`orgflow import eventlog FILE`): reads an XES or CSV log
// (plain or gzip), finds the handoffs between units and writes one model
// handoff per ordered pair of units, with the count (`x-occurrences`), the
// cases (`x-cases`), the median wait (`wait`) and the volume over the log's
// time span (`volume`). Pairs seen fewer than --min-occurrences times are
// left out (and units left with no handoff dropped); people (org:resource)
// get pseudonyms unless --reveal. docs/import-eventlog.md states the rules;
// this file builds the model from what a reader found (eventlog.hpp,
// log_data) and chooses the reader. The CSV reader is in eventlog_csv.cpp,
// the XES reader in xes.cpp, the format-independent parts (timestamps,
// interning, aggregation, rates) in eventlog_common.cpp.
#include <algorithm>
#include <cstring>

#include "import/built_model.hpp"
#include "import/eventlog.hpp"
#include "orgflow/text.hpp"
#include "import/gzip.hpp"
#include "import/ids.hpp"
#include "import/readable_duration.hpp"
#include "orgflow/import.hpp"

namespace orgflow {
namespace eventlog_detail {
namespace {

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// ------------------------------------------------------------- model ------

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

// The handoffs a log gives, and what was left out on the way: everything
// the summary reports.
struct log_model {
  model m;
  int which = 0;  // the unit key in use: 0 the primary, 1 the fallback
  std::string unit_key;  // as the user knows it: a CSV column given by number is named
  bool people = false, pseudonyms = false;
  std::uint64_t min_occurrences = 1;
  std::vector<std::string> names;  // unit names as the model shows them, by interner index
  std::size_t all_pairs = 0;
  std::uint64_t all_occurrences = 0, dropped_pairs = 0, dropped_occurrences = 0, occurrences = 0;
  std::size_t dropped_units = 0, dropped_below_threshold = 0;
  micros span = 0;
};

// The threshold: pairs seen fewer than min_occurrences times are left out,
// and units left with no handoff are dropped. Returns the pairs kept and
// marks the units kept.
std::vector<pair_stats> apply_threshold(handoff_aggregator& agg, log_model& lm, std::vector<char>& kept_unit) {
  auto& pairs = agg.pairs();
  std::vector<char> had_handoff(lm.names.size(), 0);
  kept_unit.assign(lm.names.size(), 0);
  std::vector<pair_stats> kept;
  for (auto& p : pairs) {
    lm.all_occurrences += p.occurrences;
    had_handoff[p.from] = had_handoff[p.to] = 1;
    if (p.occurrences < lm.min_occurrences) {
      ++lm.dropped_pairs;
      lm.dropped_occurrences += p.occurrences;
      continue;
    }
    kept_unit[p.from] = kept_unit[p.to] = 1;
    kept.push_back(std::move(p));
  }
  lm.all_pairs = pairs.size();
  std::vector<pair_stats>().swap(pairs);
  for (std::size_t k = 0; k < lm.names.size(); ++k) {
    if (kept_unit[k]) continue;
    ++lm.dropped_units;
    lm.dropped_below_threshold += had_handoff[k];
  }
  return kept;
}

// Units in natural order of their names (Group 2 before Group 10;
// resource-2 before resource-10), ids allocated in that order; handoffs
// ordered by (from, to) in it, with their volume per day over the log's span
// and their median wait.
void add_units_and_handoffs(std::vector<pair_stats>& kept, const std::vector<char>& kept_unit,
                            const std::string& process, log_model& lm) {
  const auto& names = lm.names;
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
    lm.m.units.push_back(std::move(u));
  }

  std::sort(kept.begin(), kept.end(), [&](const pair_stats& a, const pair_stats& b) {
    return rank[a.from] != rank[b.from] ? rank[a.from] < rank[b.from] : rank[a.to] < rank[b.to];
  });
  for (auto& p : kept) {
    handoff h;
    h.from = unit_ids[p.from];
    h.to = unit_ids[p.to];
    h.id = h.from + "->" + h.to + "#1";
    h.id_generated = true;
    h.process = process;
    if (lm.span > 0) h.volume = per_day_rate(p.occurrences, lm.span);
    duration_value w;
    w.ms = median_wait_ms(p.waits);
    w.text = import_text::readable_duration(w.ms);
    h.wait = w;
    h.extras.order = {"from", "to", "process"};
    if (h.volume) h.extras.order.push_back("volume");
    h.extras.order.insert(h.extras.order.end(), {"wait", "x-occurrences", "x-cases"});
    h.extras.x_members = {{"x-occurrences", std::to_string(p.occurrences)}, {"x-cases", std::to_string(p.cases)}};
    lm.occurrences += p.occurrences;
    std::vector<micros>().swap(p.waits);
    lm.m.handoffs.push_back(std::move(h));
  }
}

// What the import read, mapped, skipped and left out, for standard error.
std::vector<std::string> log_summary(const std::string& path, const eventlog_options& o, const log_data& data,
                                     const log_model& lm, const std::string& process) {
  const handoff_aggregator& agg = data.aggregators[lm.which];
  const model& m = lm.m;
  std::vector<std::string> s(data.warnings.begin(), data.warnings.end());
  s.push_back("read " + count_of(data.events, "event", "events") + " in " + count_of(data.cases, "case", "cases") +
              " from " + path + " (" + data.format + ")");
  if (data.has_fallback && lm.which == 1) {
    s.push_back("no event has org:group, so the units are the org:resource values (for the whole log)");
  }
  s.push_back(count_of(data.units[lm.which].size(), "unit", "units") + " from the distinct values of " + lm.unit_key);
  if (lm.pseudonyms && !lm.names.empty()) {
    const std::string range =
        lm.names.size() == 1 ? "resource-1" : "resource-1 to resource-" + std::to_string(lm.names.size());
    s.push_back(std::string(lm.people ? "the units are people (org:resource)" : "--pseudonymise") +
                ": their names are replaced by " + range +
                ", numbered in order of first appearance in the log (--reveal keeps the names)");
  } else if (o.reveal && lm.people) {
    s.push_back("the units are people (org:resource) and --reveal keeps their names: the model is personal data");
  }
  if (agg.skipped_no_unit > 0) {
    s.push_back("skipped " + count_of(agg.skipped_no_unit, "event", "events") + " without " + lm.unit_key);
  }
  if (data.skipped_no_time > 0) {
    s.push_back("skipped " + count_of(data.skipped_no_time, "event", "events") + " without a timestamp");
  }
  if (data.skipped_no_case > 0) {
    s.push_back("skipped " + count_of(data.skipped_no_case, "event", "events") + " without a case id");
  }
  if (data.events_outside_traces > 0) {
    s.push_back("ignored " + count_of(data.events_outside_traces, "event", "events") + " outside any trace");
  }
  if (data.activity_used) {
    s.push_back(count_of(data.activities.size(), "activity", "activities") + " (" + data.activity_key + ")");
  }
  s.push_back(count_of(lm.all_pairs, "unit pair hands", "unit pairs hand") + " work over in " +
              count_of(lm.all_occurrences, "occurrence", "occurrences") +
              " (consecutive events of a case in different units); " +
              count_of(agg.same_unit_pairs, "pair", "pairs") +
              " of consecutive events in the same unit are not handoffs");
  if (lm.dropped_pairs > 0) {
    s.push_back("left out " + count_of(lm.dropped_pairs, "unit pair", "unit pairs") + " seen fewer than " +
                std::to_string(lm.min_occurrences) + " times (" +
                count_of(lm.dropped_occurrences, "occurrence", "occurrences") +
                "): a few occurrences are no evidence of a handoff (--min-occurrences sets the threshold)");
  }
  s.push_back(count_of(m.handoffs.size(), "handoff", "handoffs") + " from " +
              count_of(lm.occurrences, "occurrence", "occurrences") + " between " +
              count_of(m.units.size(), "unit", "units"));
  if (lm.dropped_units > 0) {
    s.push_back("dropped " + count_of(lm.dropped_units, "unit", "units") + " left with no handoff" +
                (lm.dropped_below_threshold > 0
                     ? " (" + std::to_string(lm.dropped_below_threshold) + " of them only below the threshold)"
                     : std::string()));
  }
  if (m.handoffs.empty() && lm.dropped_pairs > 0) {
    s.push_back("no handoff reaches the threshold: the log is too small for --min-occurrences " +
                std::to_string(lm.min_occurrences) + " (1 keeps every pair)");
  }
  if (lm.span > 0) {
    const auto days = static_cast<std::uint64_t>((lm.span + us_per_day / 2) / us_per_day);
    s.push_back("volumes are per day over the log's time span of " +
                (days == 0 ? std::string("less than a day") : count_of(days, "day", "days")) + " (first to last event)");
  } else if (!m.handoffs.empty()) {
    s.push_back("no volumes: the log's first and last events have the same time");
  }
  if (data.format == "XES" && o.case_key) {
    s.push_back("--case is not needed for XES: each trace is one case");
  }
  s.push_back("process \"" + process + "\"");
  return s;
}

import_result build_model(const std::string& path, const eventlog_options& o, log_data& data) {
  log_model lm;
  lm.which = (!data.has_fallback || data.primary_seen) ? 0 : 1;
  const std::string& column = data.unit_column[lm.which];
  lm.unit_key = column.empty() || column == data.unit_key[lm.which]
                    ? data.unit_key[lm.which]
                    : column + " (--unit " + data.unit_key[lm.which] + ")";
  lm.people = units_are_people(data, lm.which);
  lm.pseudonyms = !o.reveal && (lm.people || o.pseudonymise);
  lm.min_occurrences = o.min_occurrences < 1 ? 1 : static_cast<std::uint64_t>(o.min_occurrences);
  lm.span = data.any_time ? data.last_time - data.first_time : 0;
  const std::string process = o.process                ? *o.process
                              : !data.log_name.empty() ? data.log_name
                                                       : import_ids::file_stem(path, {".gz", ".xes", ".csv"});
  lm.m.name = process;

  // Names as the model shows them: the values, or pseudonyms numbered in
  // order of first appearance (the interner's order), before the threshold.
  lm.names = data.units[lm.which].names();
  if (lm.pseudonyms) {
    for (std::size_t k = 0; k < lm.names.size(); ++k) lm.names[k] = "resource-" + std::to_string(k + 1);
  }
  std::vector<char> kept_unit;
  std::vector<pair_stats> kept = apply_threshold(data.aggregators[lm.which], lm, kept_unit);
  add_units_and_handoffs(kept, kept_unit, process, lm);

  import_result result;
  result.summary = log_summary(path, o, data, lm, process);
  import_detail::finish_built_model(lm.m, "import eventlog");
  result.value = std::move(lm.m);
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
