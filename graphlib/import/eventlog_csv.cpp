// The CSV reader of the event-log importer (docs/import-eventlog.md): finds
// the case, timestamp, unit and activity columns (by the options or by the
// XES names), reads every row into a compact event store, then groups the
// events by case and hands each case to the aggregator (eventlog.hpp). The
// XES reader is in xes.cpp.
#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "import/csv_table.hpp"
#include "import/eventlog.hpp"
#include "import/gzip.hpp"

namespace orgflow {
namespace eventlog_detail {
namespace {

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

// The columns of the log, by the options or by the XES names.
struct csv_columns {
  std::optional<std::size_t> case_col, time_col, unit_col[2], activity_col;
  std::size_t needed = 0;  // the highest column used: shorter rows are refused
};

// Spreadsheets in many locales write `;` (or tabs) instead of commas: take
// the delimiter the header line uses. Standard input cannot be read twice.
import_io::table_format sniff_format(const std::string& path, log_data& data) {
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
  return format;
}

// Finds the case, timestamp, unit and activity columns in the header; a
// column that cannot be found, or a standard name given twice, goes to
// `sink` at the header line.
csv_columns find_columns(const std::vector<std::string>& header, long header_line, const eventlog_options& o,
                         log_data& data, diagnostic_sink& sink) {
  const std::size_t columns = header.size();
  // A standard column name the header gives twice: which one holds the data
  // cannot be known (csv_table.hpp, resolve_column).
  auto find_named = [&](const std::string& name) -> std::optional<std::size_t> {
    const auto at = std::find(header.begin(), header.end(), name);
    if (at == header.end()) return std::nullopt;
    std::string why;
    if (!import_io::resolve_column(name, header, columns, &why)) sink.add(header_line, 1, why);  // stops the import
    return static_cast<std::size_t>(at - header.begin());
  };
  auto resolve = [&](const std::optional<std::string>& given, const char* option,
                     const char* what) -> std::optional<std::size_t> {
    std::string why;
    auto col = import_io::resolve_column(*given, header, columns, &why);
    if (!col) sink.add(header_line, 1, std::string("the ") + what + " column (" + option + "): " + why);
    return col;
  };

  csv_columns c;
  if (o.case_key) {
    c.case_col = resolve(o.case_key, "--case", "case");
  } else {
    for (const char* name : {"case:concept:name", "case", "case_id"}) {
      if ((c.case_col = find_named(name))) break;
    }
    if (!c.case_col) {
      sink.add(header_line, 1,
               "no case column: the header has no case:concept:name, case or case_id (name the case column with "
               "--case)");
    }
  }
  if (o.timestamp_key) {
    c.time_col = resolve(o.timestamp_key, "--timestamp", "timestamp");
  } else if (!(c.time_col = find_named("time:timestamp"))) {
    sink.add(header_line, 1, "no timestamp column: the header has no time:timestamp (name it with --timestamp)");
  }
  if (o.unit_key) {
    c.unit_col[0] = resolve(o.unit_key, "--unit", "unit");
    data.unit_key[0] = *o.unit_key;
  } else {
    c.unit_col[0] = find_named("org:group");
    c.unit_col[1] = find_named("org:resource");
    data.unit_key[0] = "org:group";
    data.unit_key[1] = "org:resource";
    data.has_fallback = true;
    if (!c.unit_col[0] && !c.unit_col[1]) {
      sink.add(header_line, 1, "no unit column: the header has neither org:group nor org:resource (name it with --unit)");
    }
  }
  if (o.activity_key) {
    c.activity_col = resolve(o.activity_key, "--activity", "activity");
    data.activity_key = *o.activity_key;
  } else {
    c.activity_col = find_named("concept:name");
    data.activity_key = "concept:name";
  }
  data.activity_used = c.activity_col.has_value();
  if (!sink.empty()) return c;
  for (int k = 0; k < 2; ++k) {
    if (c.unit_col[k]) data.unit_column[k] = header[*c.unit_col[k]];
  }
  c.needed = std::max(*c.case_col, *c.time_col);
  for (const auto& u : c.unit_col) {
    if (u) c.needed = std::max(c.needed, *u);
  }
  if (c.activity_col) c.needed = std::max(c.needed, *c.activity_col);
  return c;
}

// Groups the events by case with a counting sort (stable: file order within
// a case), then hands each case to the aggregator of the unit key in use
// (`which`: 0 the primary key, 1 the fallback, whose values are in
// `fallback_units`).
void aggregate_cases(const event_store& events, std::size_t case_count,
                     const std::vector<std::uint32_t>& fallback_units, int which, log_data& data) {
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

}  // namespace

// Long on purpose: the loop over the rows keeps the events compact and
// the fallback unit key's state; its checks run in the order they report.
void read_csv(const std::string& path, const eventlog_options& o, log_data& data, diagnostic_sink& sink) {
  data.format = "CSV";
  const import_io::table_format format = sniff_format(path, data);
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
  const std::size_t columns = header.size();
  data.warnings = import_io::repeated_header_warnings(path, row);
  const csv_columns c = find_columns(header, row.line, o, data, sink);
  if (!sink.empty()) return;

  import_io::width_check width(columns, /*against_header=*/true);
  interner cases;
  event_store events;
  // Fallback (org:resource) values are kept only until some event has the
  // primary key (org:group): from then on the fallback can no longer apply.
  std::vector<std::uint32_t> fallback_units;
  std::string why;
  while (reader.next(row)) {
    ++data.events;
    int extra_column = 0;
    if (const std::string problem = width.check(row, &extra_column); !problem.empty()) {
      sink.add(row.line, extra_column, problem);
      continue;
    }
    if (row.fields.size() <= c.needed) {
      sink.add(row.line, 1,
               "this row has " + std::to_string(row.fields.size()) + " field" + (row.fields.size() == 1 ? "" : "s") +
                   " but the header has " + std::to_string(columns));
      continue;
    }
    const std::string_view case_text = row.fields[*c.case_col];
    const std::string_view time_text = row.fields[*c.time_col];
    if (time_text.empty()) {
      ++data.skipped_no_time;
      continue;
    }
    const auto t = parse_timestamp(time_text, &why);
    if (!t) {
      sink.add(row.line, row.columns[*c.time_col], "column \"" + header[*c.time_col] + "\": " + why);
      continue;
    }
    data.note_time(*t);
    if (case_text.empty()) {
      ++data.skipped_no_case;
      continue;
    }
    csv_event e{*t, cases.intern(case_text), interner::none};
    if (c.unit_col[0] && !row.fields[*c.unit_col[0]].empty()) {
      e.unit = data.units[0].intern(row.fields[*c.unit_col[0]]);
      if (!data.primary_seen && data.has_fallback) {
        data.primary_seen = true;
        std::vector<std::uint32_t>().swap(fallback_units);
        data.units[1] = interner{};
      }
      data.primary_seen = true;
    }
    if (data.has_fallback && !data.primary_seen) {
      fallback_units.push_back(c.unit_col[1] && !row.fields[*c.unit_col[1]].empty()
                                   ? data.units[1].intern(row.fields[*c.unit_col[1]])
                                   : interner::none);
    }
    if (c.activity_col && !row.fields[*c.activity_col].empty()) data.activities.intern(row.fields[*c.activity_col]);
    events.push(e);
  }
  if (std::string w = width.warning(path); !w.empty()) data.warnings.push_back(std::move(w));
  if (!reader.error().empty()) {
    sink.add(reader.error_line(), reader.error_column(), reader.error());
  }
  if (events.size() >= UINT32_MAX) {
    sink.add(0, 0, "more than 4,294,967,294 events: split the log (for example by year)");
  }
  if (!sink.empty()) return;
  data.fallback_seen = data.units[1].size() > 0;
  aggregate_cases(events, cases.size(), fallback_units, (!data.has_fallback || data.primary_seen) ? 0 : 1, data);
}

}  // namespace eventlog_detail
}  // namespace orgflow
