// The readers of person-level data (person_records.hpp): PEOPLE, and
// INTERACTIONS as records or as a matrix, into the person arc set of
// people.md. Moved here from interactions.cpp so that `orgflow import csv`
// and `orgflow people` read the same files the same way.
#include <algorithm>

#include "import/csv_table.hpp"
#include "import/gzip.hpp"
#include "import/person_records.hpp"

namespace orgflow::person_records {
namespace {

using eventlog_detail::diagnostic_sink;

std::string plural(std::uint64_t n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

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
// first row's (2 for an empty file).
struct header_table {
  import_io::byte_source in;
  import_io::table_reader reader;
  import_io::table_row row;
  std::vector<std::string> header;
  long header_line = 1;
  bool have_first = false;
  std::size_t columns = 2;

  header_table(const std::string& path, import_io::table_format format, bool has_header)
      : in(path), reader(in, format) {
    have_first = reader.next(row);
    if (have_first && has_header) {
      for (const auto f : row.fields) header.emplace_back(f);
      header_line = row.line;
      have_first = false;
    }
    columns = has_header ? header.size() : (have_first ? row.fields.size() : 2);
  }
};

void read_people_impl(const std::string& path, const people_table& o, people_data& p, diagnostic_sink& sink) {
  std::string why;
  const auto format = import_io::parse_delimiter(o.delimiter, &why);
  if (!format) {
    sink.add(0, 0, "--people-delimiter: " + why);
    return;
  }
  header_table table(path, *format, o.header);
  auto& reader = table.reader;
  auto& row = table.row;
  const auto& header = table.header;
  const long header_line = table.header_line;
  bool& have_first = table.have_first;
  const std::size_t columns = table.columns;
  auto resolve = [&](const std::optional<std::string>& key, const char* fallback, const char* option) {
    std::string w;
    auto c = import_io::resolve_column(key ? *key : std::string(fallback), header,
                                       std::max<std::size_t>(columns, key ? 0 : 2), &w);
    if (!c) sink.add(header_line, 1, std::string(option) + ": " + w);
    return c;
  };
  const auto person_col = resolve(o.person, "1", "--person");
  const auto unit_col = resolve(o.unit, "2", "--unit");
  if (!person_col || !unit_col) return;
  const std::size_t needed = std::max(*person_col, *unit_col);
  std::unordered_map<std::uint32_t, std::string> first_unit_line;
  while (have_first || reader.next(row)) {
    have_first = false;
    ++p.rows;
    if (row.fields.size() <= needed) {
      sink.add(row.line, 1,
               "this row has " + plural(row.fields.size(), "field", "fields") + "; the person and unit are columns " +
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
}

void add_tie(tie_data& t, std::uint32_t from, std::uint32_t to, std::uint64_t count) {
  if (count == 0) {
    ++t.zero_count;
    return;
  }
  if (from == to) {
    ++t.tie_records;
    ++t.self_ties;
    return;
  }
  auto [it, inserted] = t.weight.try_emplace((static_cast<std::uint64_t>(from) << 32) | to, 0);
  ++t.tie_records;
  if (!inserted) ++t.duplicates;
  it->second += count;
}

void read_records(const std::string& path, const interactions_table& o, people_data& p, tie_data& t,
                  diagnostic_sink& sink) {
  std::string why;
  const auto format = import_io::parse_delimiter(o.delimiter, &why);
  if (!format) {
    sink.add(0, 0, "--delimiter: " + why);
    return;
  }
  header_table table(path, *format, o.header);
  auto& reader = table.reader;
  auto& row = table.row;
  const auto& header = table.header;
  const long header_line = table.header_line;
  bool& have_first = table.have_first;
  const std::size_t columns = table.columns;
  auto resolve = [&](const std::optional<std::string>& key, const char* fallback, const char* option) {
    std::string w;
    auto c = import_io::resolve_column(key ? *key : std::string(fallback), header, columns, &w);
    if (!c) sink.add(header_line, 1, std::string(option) + ": " + w);
    return c;
  };
  const auto from_col = resolve(o.from, "1", "--from");
  const auto to_col = resolve(o.to, "2", "--to");
  std::optional<std::size_t> count_col;
  if (o.count) {
    count_col = resolve(o.count, "3", "--count");
    if (!count_col) return;
  }
  if (!from_col || !to_col) return;
  std::size_t needed = std::max(*from_col, *to_col);
  if (count_col) needed = std::max(needed, *count_col);
  const std::size_t known = p.ids.size();
  while (have_first || reader.next(row)) {
    have_first = false;
    ++t.records;
    if (row.fields.size() <= needed) {
      sink.add(row.line, 1,
               "this record has " + plural(row.fields.size(), "field", "fields") + " but column " +
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
    add_tie(t, ends[0], ends[1], count);
  }
  if (!reader.error().empty()) sink.add(reader.error_line(), reader.error_column(), reader.error());
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
               "this matrix row has " + plural(row.fields.size(), "value", "values") + "; PEOPLE has " +
                   plural(n, "person", "people") + ", so every row needs " + std::to_string(n));
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
      add_tie(t, static_cast<std::uint32_t>(r), static_cast<std::uint32_t>(c), *v);
    }
    ++r;
  }
  if (!reader.error().empty()) {
    sink.add(reader.error_line(), reader.error_column(), reader.error());
  } else if (sink.empty() && r != n) {
    sink.add(last_line, 1,
             "the matrix has " + plural(r, "row", "rows") + " but PEOPLE has " + plural(n, "person", "people") +
                 " (a square matrix is needed: row and column i stand for the i-th person)");
  }
}

}  // namespace

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
