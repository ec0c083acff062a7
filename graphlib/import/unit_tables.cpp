// Import of communication data already counted per unit (`orgflow import csv
// --unit-pairs PAIRS --unit-members MEMBERS`, docs/scale.md): for an
// organization whose messages live in a data warehouse, the person-level
// counting runs where the data is (SQL) and only the counts reach orgflow.
//  - MEMBERS: a CSV with the header `unit,people`: each unit once, with its
//    number of people (at least 1);
//  - PAIRS: a CSV with the header `from,to,ties[,records]`: distinct person
//    ties (arcs) from the people of one unit to those of another (the same
//    unit: ties inside it), and optionally their summed counts; a pair listed
//    twice is summed; a row with 0 ties is no tie.
// The model is built by unit_model::build, as the person-level import builds
// it, so the same data gives the same model either way (apart from its name).
// A unit labelled "other (small units)" in MEMBERS is a group the query has
// already merged for privacy: it becomes `small-units`, as orgflow's own
// merging would make it.
#include <unordered_map>

#include "import/built_model.hpp"
#include "import/csv_table.hpp"
#include "import/eventlog.hpp"
#include "import/gzip.hpp"
#include "import/person_records.hpp"
#include "import/unit_model.hpp"
#include "orgflow/import.hpp"
#include "orgflow/text.hpp"

namespace orgflow {
namespace {

using eventlog_detail::diagnostic_sink;

// A CSV with a header whose columns are named; `columns` maps each name of
// `wanted` to its index (absent names are reported, optional ones kept as
// nullopt).
struct named_table {
  import_io::byte_source in;
  import_io::table_reader reader;
  import_io::table_row row;
  long header_line = 1;
  std::vector<std::optional<std::size_t>> columns;
  std::size_t width = 0;  // fields a row needs: one past the largest column used

  named_table(const std::string& path, const std::vector<std::pair<const char*, bool>>& wanted, const char* shape,
              diagnostic_sink& sink)
      : in(path), reader(in, import_io::table_format{}) {
    columns.assign(wanted.size(), std::nullopt);
    if (!reader.next(row)) {
      if (!reader.error().empty()) sink.add(reader.error_line(), reader.error_column(), reader.error());
      else sink.add(0, 0, std::string("the file is empty; it needs the header ") + shape);
      return;
    }
    header_line = row.line;
    for (std::size_t w = 0; w < wanted.size(); ++w) {
      for (std::size_t c = 0; c < row.fields.size(); ++c)
        if (row.fields[c] == wanted[w].first && !columns[w]) columns[w] = c;
      if (columns[w]) width = std::max(width, *columns[w] + 1);
      else if (wanted[w].second)
        sink.add(header_line, 1, std::string("the header has no column \"") + wanted[w].first + "\" (it needs " + shape + ")");
    }
  }
};

std::string quoted(std::string_view s) { return "\"" + std::string(s) + "\""; }

// MEMBERS: one row per unit with its number of people.
struct members_read {
  std::unordered_map<std::string, std::size_t> label_index;  // unit label -> index in counts.labels
  std::int64_t people_total = 0;
};

std::vector<diagnostic> read_members(const std::string& members_path, unit_model::unit_counts& counts,
                                     members_read& mr) {
  auto& label_index = mr.label_index;
  auto& people_total = mr.people_total;
  diagnostic_sink sink(members_path);
  named_table t(members_path, {{"unit", true}, {"people", true}}, "unit,people", sink);
  if (sink.empty()) {
    const std::size_t unit_col = *t.columns[0], people_col = *t.columns[1];
    while (t.reader.next(t.row)) {
      if (t.row.fields.size() < t.width) {
        sink.add(t.row.line, 1, "this row has " + count_of(static_cast<std::int64_t>(t.row.fields.size()), "field", "fields") +
                                    "; the unit and its people are columns " + std::to_string(unit_col + 1) + " and " +
                                    std::to_string(people_col + 1));
        continue;
      }
      const std::string_view label = t.row.fields[unit_col];
      const auto people = person_records::parse_count(t.row.fields[people_col]);
      if (label.empty()) {
        sink.add(t.row.line, t.row.columns[unit_col], "the unit is empty (name every unit; people without one go in \"(unlabelled)\")");
        continue;
      }
      if (!people || *people == 0 || *people > static_cast<std::uint64_t>(INT32_MAX)) {
        sink.add(t.row.line, t.row.columns[people_col],
                 "people must be a whole number of at least 1, not " + quoted(t.row.fields[people_col]));
        continue;
      }
      const auto [it, fresh] = label_index.try_emplace(std::string(label), counts.labels.size());
      if (!fresh) {
        sink.add(t.row.line, t.row.columns[unit_col], "unit " + quoted(label) + " is listed twice (list each unit once)");
        continue;
      }
      counts.labels.emplace_back(label);
      counts.members.push_back(static_cast<std::int64_t>(*people));
      counts.merged_already.push_back(label == unit_model::small_units_name);
      people_total += static_cast<std::int64_t>(*people);
    }
    if (!t.reader.error().empty()) sink.add(t.reader.error_line(), t.reader.error_column(), t.reader.error());
    if (sink.empty() && counts.labels.empty()) sink.add(0, 0, "MEMBERS lists no unit (one row per unit: unit,people)");
  }
  return sink.take();
}

// PAIRS: the ties (and records) between two units, summed per pair.
struct pairs_read {
  std::uint64_t rows = 0, repeated = 0, ties_total = 0, zero_rows = 0;
  bool with_records = false;
};

std::vector<diagnostic> read_pairs(const std::string& pairs_path, const std::string& members_path,
                                   const unit_tables_options& o, const members_read& mr,
                                   unit_model::unit_counts& counts, pairs_read& out) {
  const auto& label_index = mr.label_index;
  diagnostic_sink sink(pairs_path);
  if (o.period && o.period->ms <= 0) sink.add(0, 0, "--period must be more than 0");
  named_table t(pairs_path, {{"from", true}, {"to", true}, {"ties", true}, {"records", false}},
                "from,to,ties and may have records", sink);
  if (sink.empty()) {
    out.with_records = t.columns[3].has_value();
    if (o.period && !out.with_records)
      sink.add(t.header_line, 1, "--period gives flows a volume from the records column, which this table lacks (add records: the summed counts)");
    std::unordered_map<std::uint64_t, std::size_t> cell_of;
    while (t.reader.next(t.row)) {
      ++out.rows;
      if (t.row.fields.size() < t.width) {
        sink.add(t.row.line, 1, "this row has " + count_of(static_cast<std::int64_t>(t.row.fields.size()), "field", "fields") +
                                    " and needs " + std::to_string(t.width));
        continue;
      }
      std::size_t ends[2] = {0, 0};
      bool known = true;
      for (int e = 0; e < 2; ++e) {
        const std::size_t col = *t.columns[static_cast<std::size_t>(e)];
        const auto it = label_index.find(std::string(t.row.fields[col]));
        if (it == label_index.end()) {
          sink.add(t.row.line, t.row.columns[col],
                   "unit " + quoted(t.row.fields[col]) + " is not in " + members_path + " (list every unit there with its people)");
          known = false;
        } else {
          ends[e] = it->second;
        }
      }
      const auto ties = person_records::parse_count(t.row.fields[*t.columns[2]]);
      if (!ties) {
        sink.add(t.row.line, t.row.columns[*t.columns[2]],
                 "ties must be a whole number (distinct person pairs), not " + quoted(t.row.fields[*t.columns[2]]));
        known = false;
      }
      std::optional<std::uint64_t> records = std::uint64_t{0};
      if (out.with_records) {
        records = person_records::parse_count(t.row.fields[*t.columns[3]]);
        if (!records) {
          sink.add(t.row.line, t.row.columns[*t.columns[3]],
                   "records must be a whole number (summed counts), not " + quoted(t.row.fields[*t.columns[3]]));
          known = false;
        }
      }
      if (!known) continue;
      if (*ties == 0) {
        ++out.zero_rows;
        continue;
      }
      const auto [it, fresh] = cell_of.try_emplace((static_cast<std::uint64_t>(ends[0]) << 32) | ends[1], counts.cells.size());
      if (fresh) counts.cells.push_back({ends[0], ends[1], 0, 0});
      else ++out.repeated;
      counts.cells[it->second].ties += *ties;
      counts.cells[it->second].records += *records;
      out.ties_total += *ties;
    }
    if (!t.reader.error().empty()) sink.add(t.reader.error_line(), t.reader.error_column(), t.reader.error());
  }
  return sink.take();
}

}  // namespace

import_result import_unit_tables(const std::string& pairs_path, const std::string& members_path,
                                 const unit_tables_options& o) {
  import_result result;
  unit_model::unit_counts counts;
  members_read mr;
  result.diagnostics = read_members(members_path, counts, mr);
  if (!result.diagnostics.empty()) return result;
  pairs_read pr;
  result.diagnostics = read_pairs(pairs_path, members_path, o, mr, counts, pr);
  if (!result.diagnostics.empty()) return result;

  unit_model::built b =
      unit_model::build(counts, o.min_group, o.period, "Interactions: " + unit_model::table_stem(pairs_path));
  auto& s = result.summary;
  s.push_back(count_of(mr.people_total, "person", "people") + " in " +
              count_of(static_cast<std::int64_t>(counts.labels.size()), "unit", "units") + " from " + members_path);
  s.push_back("read " + count_of(static_cast<std::int64_t>(pr.rows), "unit pair", "unit pairs") + " from " + pairs_path + ": " +
              count_of(static_cast<std::int64_t>(pr.ties_total), "tie", "ties") + " between different people");
  if (pr.repeated > 0) s.push_back("summed " + count_of(static_cast<std::int64_t>(pr.repeated), "repeated pair", "repeated pairs"));
  if (pr.zero_rows > 0) s.push_back("skipped " + count_of(static_cast<std::int64_t>(pr.zero_rows), "pair", "pairs") + " with 0 ties");
  if (b.merged > 0) {
    s.push_back("privacy: " + count_of(static_cast<std::int64_t>(b.merged), "unit", "units") + " with fewer than " +
                std::to_string(b.min_group) + " members or already merged (" +
                count_of(b.merged_people, "person", "people") + ") in \"" + unit_model::small_units_name +
                "\" (--min-group 1 keeps every unit the table names)");
  } else {
    s.push_back("privacy: no unit has fewer than " + std::to_string(b.min_group) + " members; none merged");
  }
  s.push_back(count_of(static_cast<std::int64_t>(b.m.units.size()), "unit", "units") + ", " +
              count_of(static_cast<std::int64_t>(b.m.flows.size()), "flow", "flows") + " between units; " +
              count_of(static_cast<std::int64_t>(b.internal_total), "tie", "ties") + " within a unit (x-internal-ties)");
  if (!pr.with_records) s.push_back("the table has no records column: x-records is 0 on every flow");
  import_detail::finish_built_model(b.m, "import csv --unit-pairs");
  result.value = std::move(b.m);
  return result;
}

}  // namespace orgflow
