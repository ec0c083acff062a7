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
#include <unordered_map>

#include "import/built_model.hpp"
#include "import/csv_table.hpp"
#include "import/eventlog.hpp"
#include "import/gzip.hpp"
#include "import/person_records.hpp"
#include "import/unit_model.hpp"
#include "orgflow/import.hpp"
#include "orgflow/quantity.hpp"
#include "orgflow/text.hpp"

namespace orgflow {
namespace {

using eventlog_detail::diagnostic_sink;
using person_records::people_data;
using person_records::tie_data;
using person_records::unlabelled_unit;
using unit_model::small_units_name;

// Arcs -> ties per pair of unit labels (unit_model.hpp, shared with the
// import of aggregated tables).
unit_model::unit_counts label_counts(const people_data& people, const person_records::arc_set& arcs) {
  unit_model::unit_counts counts;
  counts.labels = people.units.names();
  counts.members.assign(counts.labels.size(), 0);
  for (const auto u : people.unit_of) ++counts.members[u];
  std::unordered_map<std::uint64_t, std::size_t> cell_of;  // label pair -> index into counts.cells
  for (std::size_t from = 0; from < people.ids.size(); ++from) {
    const std::size_t a = people.unit_of[from];
    for (std::size_t i = arcs.offsets[from]; i < arcs.offsets[from + 1]; ++i) {
      const std::size_t b = people.unit_of[arcs.targets[i]];
      const auto [it, fresh] = cell_of.try_emplace((static_cast<std::uint64_t>(a) << 32) | b, counts.cells.size());
      if (fresh) counts.cells.push_back({a, b, 0, 0});
      ++counts.cells[it->second].ties;
      counts.cells[it->second].records += arcs.weights[i];
    }
  }
  return counts;
}

// What was read, merged and mapped, for standard error.
std::vector<std::string> interactions_summary(const std::string& interactions_path, const std::string& people_path,
                                              const interactions_options& o, const people_data& people,
                                              const tie_data& ties, std::size_t labels_in_people,
                                              const person_records::arc_set& arcs, const unit_model::built& b) {
  const model& m = b.m;
  const std::int64_t k = b.min_group;
  const std::size_t merged = b.merged;
  const std::int64_t merged_people = b.merged_people;
  const std::uint64_t internal_total = b.internal_total;
  std::vector<std::string> s;
  s.insert(s.end(), people.warnings.begin(), people.warnings.end());
  s.insert(s.end(), ties.warnings.begin(), ties.warnings.end());
  const std::size_t listed = people.ids.size() - ties.unknown_people;
  s.push_back(count_of(listed, "person", "people") + " in " + count_of(labels_in_people, "unit", "units") + " from " +
              people_path);
  if (people.duplicates > 0) s.push_back("ignored " + count_of(people.duplicates, "repeated person row", "repeated person rows"));
  if (people.without_unit > 0) {
    s.push_back(count_of(people.without_unit, "person", "people") + " without a unit put in \"" + unlabelled_unit + "\"");
  }
  s.push_back("read " + count_of(ties.records, o.interactions.matrix ? "matrix cell" : "record",
                               o.interactions.matrix ? "matrix cells" : "records") +
              " from " + interactions_path + ": " + count_of(arcs.size(), "tie", "ties") +
              " between different people");
  if (ties.self_ties > 0) s.push_back("dropped " + count_of(ties.self_ties, "self-tie", "self-ties"));
  if (arcs.duplicates > 0) s.push_back("collapsed " + count_of(arcs.duplicates, "repeated tie", "repeated ties"));
  if (ties.zero_count > 0) s.push_back("skipped " + count_of(ties.zero_count, "record", "records") + " with count 0 (no tie)");
  if (ties.unknown_people > 0) {
    s.push_back(count_of(ties.unknown_people, "person", "people") + " not in PEOPLE (in " +
                count_of(ties.unknown_records, "record", "records") + ") put in \"" + unlabelled_unit + "\"");
  }
  if (merged > 0) {
    s.push_back("privacy: merged " + count_of(merged, "unit", "units") + " with fewer than " + std::to_string(k) +
                " members (" + count_of(static_cast<std::uint64_t>(merged_people), "person", "people") + ") into \"" +
                small_units_name + "\" (--min-group 1 keeps every unit)");
  } else {
    s.push_back("privacy: no unit has fewer than " + std::to_string(k) + " members; none merged");
  }
  s.push_back(count_of(m.units.size(), "unit", "units") + ", " + count_of(m.flows.size(), "flow", "flows") +
              " between units; " + count_of(internal_total, "tie", "ties") + " within a unit (x-internal-ties)");
  if (o.period) {
    s.push_back("volume: records (summed counts) between units per " +
                (o.period->text.empty() ? format_duration(o.period->ms) : o.period->text) + " period of the data");
  }
  s.push_back("no person identifier is written to the model");
  return s;
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
    person_records::read_people(people_path, o.people, people, sink);
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
    person_records::read_interactions(interactions_path, o.interactions, people, ties, sink);
    if (!sink.empty()) {
      result.diagnostics = sink.take();
      return result;
    }
  }

  const person_records::arc_set arcs = person_records::collapse_ties(people.ids.size(), ties, /*weights=*/true);
  unit_model::built b = unit_model::build(label_counts(people, arcs), o.min_group, o.period,
                                          "Interactions: " + unit_model::table_stem(interactions_path));
  result.summary = interactions_summary(interactions_path, people_path, o, people, ties, labels_in_people, arcs, b);
  import_detail::finish_built_model(b.m, "import csv");
  result.value = std::move(b.m);
  return result;
}

}  // namespace orgflow
