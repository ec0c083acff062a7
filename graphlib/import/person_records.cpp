// The readers of person-level data (person_records.hpp): PEOPLE, and
// INTERACTIONS as records or as a matrix, into the person arc set of
// people.md. Moved here from interactions.cpp so that `orgflow import csv`
// and `orgflow people` read the same files the same way.
#include <algorithm>
#include <cstring>
#include <memory>
#include <optional>
#include <string>

#include "import/csv_table.hpp"
#include "orgflow/text.hpp"
#include "import/gzip.hpp"
#include "import/person_records.hpp"

namespace orgflow::person_records {
namespace {

using eventlog_detail::diagnostic_sink;

}  // namespace

std::optional<std::uint64_t> parse_count(std::string_view s) {
  if (s.empty()) return std::nullopt;
  std::uint64_t v = 0;
  std::size_t i = 0;
  for (; i < s.size() && s[i] >= '0' && s[i] <= '9'; ++i) {
    if (v > (UINT64_MAX - 9) / 10) return std::nullopt;
    v = v * 10 + static_cast<std::uint64_t>(s[i] - '0');
  }
  if (i == 0) return std::nullopt;
  if (i < s.size() && s[i] == '.') {
    ++i;
    for (; i < s.size(); ++i) {
      if (s[i] != '0') return std::nullopt;
    }
  }
  if (i != s.size()) return std::nullopt;
  return v;
}

namespace {

// A delimited table opened for reading, its header (when it has one) read:
// both PEOPLE and INTERACTIONS start this way. `row` holds the first data
// row when `have_first` is set; `columns` is the header's width, else the
// first row's (2 for an empty file); `width` checks every row against it.
// `warnings` names the header's repeated names.
struct header_table {
  import_io::byte_source in;
  import_io::table_reader reader;
  import_io::table_row row;
  std::vector<std::string> header;
  long header_line = 1;
  bool have_first = false;
  std::size_t columns = 2;
  import_io::width_check width;
  std::vector<std::string> warnings;

  header_table(const std::string& path, import_io::table_format format, bool has_header)
      : in(path), reader(in, format), width(0, has_header) {
    have_first = reader.next(row);
    if (have_first && has_header) {
      for (const auto f : row.fields) header.emplace_back(f);
      header_line = row.line;
      warnings = import_io::repeated_header_warnings(path, row);
      have_first = false;
    }
    columns = has_header ? header.size() : (have_first ? row.fields.size() : 2);
    width = import_io::width_check(columns, has_header);
  }

  /// True (with the reader's diagnostic) when the file could not be read
  /// from its start (another encoding, CR-only line ends): the header and
  /// its column names are then unknown, and naming them would mislead.
  bool unreadable(diagnostic_sink& sink) const {
    if (have_first || reader.error().empty() || !header.empty()) return false;
    sink.add(reader.error_line(), reader.error_column(), reader.error());
    return true;
  }

  /// The column `key` names, or `fallback` (a column number) when the option
  /// was not given; nullopt, with a diagnostic naming `option`, when the
  /// header has no such column. A file without a header is taken to have
  /// at least `min_columns` columns.
  std::optional<std::size_t> column(const std::optional<std::string>& key, const char* fallback, const char* option,
                                    std::size_t min_columns, diagnostic_sink& sink) const {
    std::string why;
    auto c = import_io::resolve_column(key ? *key : std::string(fallback), header, std::max(columns, min_columns), &why);
    if (!c) sink.add(header_line, 1, std::string(option) + ": " + why);
    return c;
  }

  /// False (with a diagnostic) when the row is wider than the table.
  bool fits(diagnostic_sink& sink) {
    int column = 0;
    const std::string problem = width.check(row, &column);
    if (problem.empty()) return true;
    sink.add(row.line, column, problem);
    return false;
  }

  /// The warnings of the whole file, once it is read.
  std::vector<std::string> take_warnings(const std::string& path) {
    const std::string w = width.warning(path);
    if (!w.empty()) warnings.push_back(w);
    return std::move(warnings);
  }
};

// A table opened for reading: the delimiter option (`option`) parsed, the
// header read. nullptr, with the problem in `sink`, when the delimiter is
// not one orgflow knows or the file cannot be read from its start.
std::unique_ptr<header_table> open_table(const std::string& path, const std::string& delimiter, bool has_header,
                                         const char* option, diagnostic_sink& sink) {
  std::string why;
  const auto format = import_io::parse_delimiter(delimiter, &why);
  if (!format) {
    sink.add(0, 0, std::string(option) + ": " + why);
    return nullptr;
  }
  auto table = std::make_unique<header_table>(path, *format, has_header);
  if (table->unreadable(sink)) return nullptr;
  return table;
}

void read_people_impl(const std::string& path, const people_table& o, people_data& p, diagnostic_sink& sink) {
  const auto opened = open_table(path, o.delimiter, o.header, "--people-delimiter", sink);
  if (!opened) return;
  header_table& table = *opened;
  auto& reader = table.reader;
  auto& row = table.row;
  bool& have_first = table.have_first;
  const auto person_col = table.column(o.person, "1", "--person", o.person ? 0 : 2, sink);
  const auto unit_col = table.column(o.unit, "2", "--unit", o.unit ? 0 : 2, sink);
  if (!person_col || !unit_col) return;
  const std::size_t needed = std::max(*person_col, *unit_col);
  while (have_first || reader.next(row)) {
    have_first = false;
    ++p.rows;
    if (!table.fits(sink)) continue;
    if (row.fields.size() <= needed) {
      sink.add(row.line, 1,
               "this row has " + count_of(row.fields.size(), "field", "fields") + "; the person and unit are columns " +
                   std::to_string(*person_col + 1) + " and " + std::to_string(*unit_col + 1));
      continue;
    }
    const std::string_view person = row.fields[*person_col];
    std::string_view label = row.fields[*unit_col];
    if (person.empty()) {
      sink.add(row.line, row.columns[*person_col], "the person id is empty");
      continue;
    }
    if (label.empty()) {
      ++p.without_unit;
      label = unlabelled_unit;
    }
    const std::size_t before = p.ids.size();
    const std::uint32_t k = p.ids.intern(person);
    if (p.ids.size() == before) {
      ++p.duplicates;
      if (p.units.names()[p.unit_of[k]] != label) {
        sink.add(row.line, row.columns[*unit_col],
                 "person \"" + std::string(person) + "\" is listed again with another unit (\"" + std::string(label) +
                     "\" after \"" + p.units.names()[p.unit_of[k]] + "\"); a person belongs to one unit");
      }
      continue;
    }
    p.unit_of.push_back(p.units.intern(label));
  }
  if (!reader.error().empty()) sink.add(reader.error_line(), reader.error_column(), reader.error());
  for (auto& w : table.take_warnings(path)) p.warnings.push_back(std::move(w));
}

void add_tie(tie_data& t, std::uint32_t from, std::uint32_t to, std::uint64_t count, bool keep_count) {
  if (count == 0) {
    ++t.zero_count;
    return;
  }
  ++t.tie_records;
  if (from == to) {
    ++t.self_ties;
    return;
  }
  t.arcs.push_back((static_cast<std::uint64_t>(from) << 32) | to);
  if (keep_count) t.counts.push_back(count);
}

void read_records(const std::string& path, const interactions_table& o, people_data& p, tie_data& t,
                  diagnostic_sink& sink) {
  const auto opened = open_table(path, o.delimiter, o.header, "--delimiter", sink);
  if (!opened) return;
  header_table& table = *opened;
  auto& reader = table.reader;
  auto& row = table.row;
  bool& have_first = table.have_first;
  const auto from_col = table.column(o.from, "1", "--from", 0, sink);
  const auto to_col = table.column(o.to, "2", "--to", 0, sink);
  std::optional<std::size_t> count_col;
  if (o.count) {
    count_col = table.column(o.count, "3", "--count", 0, sink);
    if (!count_col) return;
  }
  if (!from_col || !to_col) return;
  std::size_t needed = std::max(*from_col, *to_col);
  if (count_col) needed = std::max(needed, *count_col);
  const std::size_t known = p.ids.size();
  while (have_first || reader.next(row)) {
    have_first = false;
    ++t.records;
    if (!table.fits(sink)) continue;
    if (row.fields.size() <= needed) {
      sink.add(row.line, 1,
               "this record has " + count_of(row.fields.size(), "field", "fields") + " but column " +
                   std::to_string(needed + 1) + " is used");
      continue;
    }
    std::uint64_t count = 1;
    if (count_col) {
      const auto c = parse_count(row.fields[*count_col]);
      if (!c) {
        sink.add(row.line, row.columns[*count_col],
                 "\"" + std::string(row.fields[*count_col]) + "\" is not a count (write a whole number, 0 or more)");
        continue;
      }
      count = *c;
    }
    const std::string_view from = row.fields[*from_col];
    const std::string_view to = row.fields[*to_col];
    if (from.empty() || to.empty()) {
      sink.add(row.line, row.columns[from.empty() ? *from_col : *to_col], "the person id is empty");
      continue;
    }
    std::uint32_t ends[2];
    bool unknown = false;
    for (int k = 0; k < 2; ++k) {
      const std::size_t before = p.ids.size();
      ends[k] = p.ids.intern(k == 0 ? from : to);
      if (p.ids.size() != before) {  // not in PEOPLE: into (unlabelled), counted
        p.unit_of.push_back(p.units.intern(unlabelled_unit));
        ++t.unknown_people;
      }
      if (ends[k] >= known) unknown = true;
    }
    if (unknown) ++t.unknown_records;
    add_tie(t, ends[0], ends[1], count, count_col.has_value());
  }
  if (!reader.error().empty()) sink.add(reader.error_line(), reader.error_column(), reader.error());
  t.warnings = table.take_warnings(path);
}

void read_matrix(const std::string& path, const interactions_table& o, people_data& p, tie_data& t,
                 diagnostic_sink& sink) {
  std::string why;
  const auto format = import_io::parse_delimiter(o.delimiter, &why);
  if (!format) {
    sink.add(0, 0, "--delimiter: " + why);
    return;
  }
  const std::size_t n = p.ids.size();
  import_io::byte_source in(path);
  import_io::table_reader reader(in, *format);
  import_io::table_row row;
  bool skip_header = o.header;
  std::size_t r = 0;
  long last_line = 0;
  while (reader.next(row)) {
    if (skip_header) {
      skip_header = false;
      continue;
    }
    last_line = row.line;
    if (r >= n) {
      sink.add(row.line, 1,
               "the matrix has more rows than PEOPLE has people (" + std::to_string(n) +
                   "); row i stands for the i-th person of PEOPLE");
      break;
    }
    if (row.fields.size() != n) {
      sink.add(row.line, 1,
               "this matrix row has " + count_of(row.fields.size(), "value", "values") + "; PEOPLE has " +
                   count_of(n, "person", "people") + ", so every row needs " + std::to_string(n));
      ++r;
      continue;
    }
    for (std::size_t c = 0; c < n; ++c) {
      const auto v = parse_count(row.fields[c]);
      if (!v) {
        sink.add(row.line, row.columns[c],
                 "\"" + std::string(row.fields[c]) + "\" is not a count (write a whole number, 0 or more)");
        continue;
      }
      ++t.records;
      if (*v == 0) continue;  // an empty cell is no tie, and not worth counting as a zero record
      add_tie(t, static_cast<std::uint32_t>(r), static_cast<std::uint32_t>(c), *v, /*keep_count=*/true);
    }
    ++r;
  }
  if (!reader.error().empty()) {
    sink.add(reader.error_line(), reader.error_column(), reader.error());
  } else if (sink.empty() && r != n) {
    sink.add(last_line, 1,
             "the matrix has " + count_of(r, "row", "rows") + " but PEOPLE has " + count_of(n, "person", "people") +
                 " (a square matrix is needed: row and column i stand for the i-th person)");
  }
}

}  // namespace

arc_set collapse_ties(std::size_t people, const tie_data& t, bool weights) {
  arc_set g;
  const std::size_t records = t.arcs.size();
  const bool counted = weights && !t.counts.empty();
  // Counting sort by source: row v of `to` (and `w`) holds the targets of
  // v's records in file order.
  std::vector<std::uint32_t> start(people + 1, 0);
  for (const std::uint64_t a : t.arcs) ++start[(a >> 32) + 1];
  for (std::size_t v = 0; v < people; ++v) start[v + 1] += start[v];
  std::vector<std::uint32_t> to(records);
  std::vector<std::uint64_t> w(weights ? records : 0);
  {
    std::vector<std::uint32_t> fill(start.begin(), start.end() - 1);
    for (std::size_t i = 0; i < records; ++i) {
      const std::uint64_t a = t.arcs[i];
      const std::uint32_t at = fill[a >> 32]++;
      to[at] = static_cast<std::uint32_t>(a);
      if (weights) w[at] = counted ? t.counts[i] : 1;
    }
  }
  // Each row sorted by target, repeats merged, compacted in place.
  g.offsets.assign(people + 1, 0);
  std::vector<std::pair<std::uint32_t, std::uint64_t>> row;
  std::size_t out = 0;
  for (std::size_t v = 0; v < people; ++v) {
    const std::size_t lo = start[v], hi = start[v + 1], first = out;  // out <= lo: writes never pass reads
    if (weights) {
      row.clear();
      for (std::size_t i = lo; i < hi; ++i) row.emplace_back(to[i], w[i]);
      std::sort(row.begin(), row.end(), [](const auto& x, const auto& y) { return x.first < y.first; });
      for (std::size_t i = 0; i < row.size(); ++i) {
        if (out > first && to[out - 1] == row[i].first) {
          w[out - 1] += row[i].second;
          continue;
        }
        to[out] = row[i].first;
        w[out] = row[i].second;
        ++out;
      }
    } else {
      std::sort(to.begin() + static_cast<std::ptrdiff_t>(lo), to.begin() + static_cast<std::ptrdiff_t>(hi));
      for (std::size_t i = lo; i < hi; ++i) {
        if (out > first && to[out - 1] == to[i]) continue;
        to[out++] = to[i];
      }
    }
    g.offsets[v + 1] = static_cast<std::uint32_t>(out);
  }
  to.resize(out);
  to.shrink_to_fit();
  g.targets = std::move(to);
  if (weights) {
    w.resize(out);
    g.weights = std::move(w);
  }
  g.duplicates = records - out;
  return g;
}

void read_people(const std::string& path, const people_table& o, people_data& p, diagnostic_sink& sink) {
  read_people_impl(path, o, p, sink);
}

void read_interactions(const std::string& path, const interactions_table& o, people_data& p, tie_data& t,
                       diagnostic_sink& sink) {
  if (o.matrix) {
    read_matrix(path, o, p, t, sink);
  } else {
    read_records(path, o, p, t, sink);
  }
}

}  // namespace orgflow::person_records
