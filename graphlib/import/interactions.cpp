// Interactions import (`orgflow import csv INTERACTIONS --people PEOPLE`):
// person-to-person interaction records (e-mail metadata, advice or
// friendship surveys) plus each person's unit, aggregated to a unit-level
// model. The person graph follows people.md (Definitions): an arc u -> v when
// at least one record u -> v with a non-zero count exists and u != v;
// duplicates collapse, self-ties are dropped (both counted). Each ordered
// pair of different units gets one flow whose `x-occurrences` is the number
// of arcs between their members; ties inside a unit are counted on the unit
// (`x-internal-ties`). No person identifier reaches the model; units with
// fewer than `min_group` members are merged into `small-units` (people.md,
// Privacy). docs/import-csv.md states the rules with examples.
#include <algorithm>
#include <cstring>
#include <unordered_map>

#include "import/csv_table.hpp"
#include "import/eventlog.hpp"
#include "import/gzip.hpp"
#include "import/ids.hpp"
#include "orgflow/import.hpp"
#include "orgflow/quantity.hpp"

namespace orgflow {
namespace {

using eventlog_detail::diagnostic_sink;
using eventlog_detail::interner;
using eventlog_detail::natural_less;

const char* const unlabelled_unit = "(unlabelled)";
const char* const small_units_id = "small-units";
const char* const small_units_name = "other (small units)";

std::string plural(std::uint64_t n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

std::string file_stem(const std::string& path) {
  std::string name = path;
  const auto slash = name.find_last_of('/');
  if (slash != std::string::npos) name = name.substr(slash + 1);
  for (const char* ext : {".gz", ".csv", ".txt", ".dat", ".tsv"}) {
    const std::size_t n = std::strlen(ext);
    if (name.size() > n && name.compare(name.size() - n, n, ext) == 0) name.resize(name.size() - n);
  }
  return name;
}

// A count: a whole number >= 0, written with digits and optionally `.0...`
// (spreadsheets export 1 as 1.0). nullopt otherwise.
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

struct people_data {
  interner ids;                       // person ids, in file order (the matrix order)
  std::vector<std::uint32_t> unit_of;  // person -> unit label index
  interner units;                      // unit labels, in order of first appearance
  std::uint64_t rows = 0, duplicates = 0, without_unit = 0;
};

struct tie_data {
  std::unordered_map<std::uint64_t, std::uint64_t> weight;  // arc (from << 32 | to) -> summed count
  std::uint64_t records = 0, self_ties = 0, duplicates = 0, zero_count = 0;
  std::uint64_t unknown_people = 0, unknown_records = 0;
};

void read_people(const std::string& path, const people_table& o, people_data& p, diagnostic_sink& sink) {
  std::string why;
  const auto format = import_io::parse_delimiter(o.delimiter, &why);
  if (!format) {
    sink.add(0, 0, "--people-delimiter: " + why);
    return;
  }
  import_io::byte_source in(path);
  import_io::table_reader reader(in, *format);
  import_io::table_row row;
  std::vector<std::string> header;
  long header_line = 1;
  bool have_first = reader.next(row);
  if (have_first && o.header) {
    for (const auto f : row.fields) header.emplace_back(f);
    header_line = row.line;
    have_first = false;
  }
  const std::size_t columns = o.header ? header.size() : (have_first ? row.fields.size() : 2);
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
    ++t.self_ties;
    return;
  }
  auto [it, inserted] = t.weight.try_emplace((static_cast<std::uint64_t>(from) << 32) | to, 0);
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
  import_io::byte_source in(path);
  import_io::table_reader reader(in, *format);
  import_io::table_row row;
  std::vector<std::string> header;
  long header_line = 1;
  bool have_first = reader.next(row);
  if (have_first && o.header) {
    for (const auto f : row.fields) header.emplace_back(f);
    header_line = row.line;
    have_first = false;
  }
  const std::size_t columns = o.header ? header.size() : (have_first ? row.fields.size() : 2);
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

std::string rate_text_exact(std::uint64_t count, const char* period) { return std::to_string(count) + "/" + period; }

// `count` items per the data's period: exact `count/h|d|w|mo` when the
// period is one of those, else a rate per day (eventlog.hpp, per_day_rate).
rate_value volume_rate(std::uint64_t count, const duration_value& period) {
  struct named {
    millis ms;
    const char* word;
  };
  for (const named n : {named{ms_per_hour, "h"}, named{ms_per_day, "d"}, named{7 * ms_per_day, "w"},
                        named{30 * ms_per_day, "mo"}}) {
    if (period.ms == n.ms) {
      rate_value r;
      r.count = count;
      r.scale_digits = 0;
      r.period_ms = n.ms;
      r.text = rate_text_exact(count, n.word);
      return r;
    }
  }
  return eventlog_detail::per_day_rate(count, period.ms * 1000);
}

}  // namespace

import_result import_interactions(const std::string& interactions_path, const std::string& people_path,
                                  const interactions_options& o) {
  import_result result;
  people_data people;
  tie_data ties;
  std::size_t labels_in_people = 0;
  {
    diagnostic_sink sink(people_path);
    read_people(people_path, o.people, people, sink);
    labels_in_people = people.units.size();
    if (sink.empty() && people.ids.size() == 0) sink.add(0, 0, "PEOPLE lists nobody (one row per person and unit)");
    if (!sink.empty()) {
      result.diagnostics = sink.take();
      return result;
    }
  }
  {
    diagnostic_sink sink(interactions_path);
    if (o.period && o.period->ms <= 0) sink.add(0, 0, "--period must be more than 0");
    if (o.interactions.matrix) {
      read_matrix(interactions_path, o.interactions, people, ties, sink);
    } else {
      read_records(interactions_path, o.interactions, people, ties, sink);
    }
    if (!sink.empty()) {
      result.diagnostics = sink.take();
      return result;
    }
  }

  // Unit labels -> final units: labels with fewer than min_group members
  // merge into small-units (last); the others in natural order of their
  // labels, "(unlabelled)" after them.
  const std::size_t label_count = people.units.size();
  std::vector<std::int64_t> members(label_count, 0);
  for (const auto u : people.unit_of) ++members[u];
  const std::int64_t k = o.min_group < 1 ? 1 : o.min_group;
  std::vector<std::size_t> final_of(label_count);
  std::vector<std::size_t> kept_labels;
  std::size_t merged = 0;
  std::int64_t merged_people = 0;
  std::vector<std::size_t> label_order(label_count);
  for (std::size_t l = 0; l < label_count; ++l) label_order[l] = l;
  const auto& labels = people.units.names();
  std::sort(label_order.begin(), label_order.end(), [&](std::size_t x, std::size_t y) {
    const bool ux = labels[x] == unlabelled_unit, uy = labels[y] == unlabelled_unit;
    if (ux != uy) return uy;
    return natural_less(labels[x], labels[y]);
  });
  for (const std::size_t l : label_order) {
    if (members[l] < k) {
      ++merged;
      merged_people += members[l];
    } else {
      final_of[l] = kept_labels.size();
      kept_labels.push_back(l);
    }
  }
  const std::size_t unit_count = kept_labels.size() + (merged > 0 ? 1 : 0);
  for (std::size_t l = 0; l < label_count; ++l) {
    if (members[l] < k) final_of[l] = kept_labels.size();
  }

  model m;
  m.name = "Interactions: " + file_stem(interactions_path);
  import_ids::id_allocator ids;
  if (merged > 0) ids.reserve(small_units_id);
  for (const std::size_t l : kept_labels) {
    unit u;
    u.name = people.units.names()[l];
    u.id = ids.allocate(*u.name);
    u.members = members[l];
    m.units.push_back(std::move(u));
  }
  if (merged > 0) {
    unit u;
    u.id = small_units_id;
    u.name = small_units_name;
    u.members = merged_people;
    m.units.push_back(std::move(u));
  }

  // Arcs -> unit pairs.
  std::vector<std::uint64_t> internal(unit_count, 0);
  std::unordered_map<std::uint64_t, std::pair<std::uint64_t, std::uint64_t>> between;  // arcs, summed counts
  std::uint64_t internal_total = 0;
  for (const auto& [key, weight] : ties.weight) {
    const auto a = final_of[people.unit_of[static_cast<std::uint32_t>(key >> 32)]];
    const auto b = final_of[people.unit_of[static_cast<std::uint32_t>(key & 0xffffffffu)]];
    if (a == b) {
      ++internal[a];
      ++internal_total;
      continue;
    }
    auto& cell = between[(static_cast<std::uint64_t>(a) << 32) | b];
    ++cell.first;
    cell.second += weight;
  }
  for (std::size_t u = 0; u < unit_count; ++u) {
    m.units[u].extras.order = {"id", "name", "members", "x-internal-ties"};
    m.units[u].extras.x_members = {{"x-internal-ties", std::to_string(internal[u])}};
  }
  std::vector<std::pair<std::uint64_t, std::pair<std::uint64_t, std::uint64_t>>> pairs(between.begin(), between.end());
  std::sort(pairs.begin(), pairs.end(), [](const auto& x, const auto& y) { return x.first < y.first; });
  for (const auto& [key, cell] : pairs) {
    flow f;
    f.from = m.units[static_cast<std::size_t>(key >> 32)].id;
    f.to = m.units[static_cast<std::size_t>(key & 0xffffffffu)].id;
    f.id = f.from + "->" + f.to + "#1";
    f.id_generated = true;
    f.channel = std::nullopt;
    if (o.period) f.volume = volume_rate(cell.second, *o.period);
    f.extras.order = {"from", "to"};
    if (f.volume) f.extras.order.push_back("volume");
    f.extras.order.insert(f.extras.order.end(), {"x-occurrences", "x-records"});
    f.extras.x_members = {{"x-occurrences", std::to_string(cell.first)}, {"x-records", std::to_string(cell.second)}};
    m.flows.push_back(std::move(f));
  }

  auto& s = result.summary;
  const std::size_t listed = people.ids.size() - ties.unknown_people;
  s.push_back(plural(listed, "person", "people") + " in " + plural(labels_in_people, "unit", "units") + " from " +
              people_path);
  if (people.duplicates > 0) s.push_back("ignored " + plural(people.duplicates, "repeated person row", "repeated person rows"));
  if (people.without_unit > 0) {
    s.push_back(plural(people.without_unit, "person", "people") + " without a unit put in \"" + unlabelled_unit + "\"");
  }
  s.push_back("read " + plural(ties.records, o.interactions.matrix ? "matrix cell" : "record",
                               o.interactions.matrix ? "matrix cells" : "records") +
              " from " + interactions_path + ": " + plural(ties.weight.size(), "tie", "ties") +
              " between different people");
  if (ties.self_ties > 0) s.push_back("dropped " + plural(ties.self_ties, "self-tie", "self-ties"));
  if (ties.duplicates > 0) s.push_back("collapsed " + plural(ties.duplicates, "repeated tie", "repeated ties"));
  if (ties.zero_count > 0) s.push_back("skipped " + plural(ties.zero_count, "record", "records") + " with count 0 (no tie)");
  if (ties.unknown_people > 0) {
    s.push_back(plural(ties.unknown_people, "person", "people") + " not in PEOPLE (in " +
                plural(ties.unknown_records, "record", "records") + ") put in \"" + unlabelled_unit + "\"");
  }
  if (merged > 0) {
    s.push_back("privacy: merged " + plural(merged, "unit", "units") + " with fewer than " + std::to_string(k) +
                " members (" + plural(static_cast<std::uint64_t>(merged_people), "person", "people") + ") into \"" +
                small_units_name + "\" (--min-group 1 keeps every unit)");
  } else {
    s.push_back("privacy: no unit has fewer than " + std::to_string(k) + " members; none merged");
  }
  s.push_back(plural(m.units.size(), "unit", "units") + ", " + plural(m.flows.size(), "flow", "flows") +
              " between units; " + plural(internal_total, "tie", "ties") + " within a unit (x-internal-ties)");
  if (o.period) {
    s.push_back("volume: records (summed counts) between units per " +
                (o.period->text.empty() ? format_duration(o.period->ms) : o.period->text) + " period of the data");
  }
  s.push_back("no person identifier is written to the model");
  result.value = std::move(m);
  return result;
}

}  // namespace orgflow
