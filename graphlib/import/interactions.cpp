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
#include "import/person_records.hpp"
#include "orgflow/import.hpp"
#include "orgflow/quantity.hpp"

namespace orgflow {
namespace {

using eventlog_detail::diagnostic_sink;
using eventlog_detail::natural_less;
using person_records::people_data;
using person_records::tie_data;
using person_records::unlabelled_unit;
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
  const person_records::arc_set arcs = person_records::collapse_ties(people.ids.size(), ties, /*weights=*/true);
  for (std::size_t from = 0; from < people.ids.size(); ++from) {
    const auto a = final_of[people.unit_of[from]];
    for (std::size_t i = arcs.offsets[from]; i < arcs.offsets[from + 1]; ++i) {
      const auto b = final_of[people.unit_of[arcs.targets[i]]];
      if (a == b) {
        ++internal[a];
        ++internal_total;
        continue;
      }
      auto& cell = between[(static_cast<std::uint64_t>(a) << 32) | b];
      ++cell.first;
      cell.second += arcs.weights[i];
    }
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
  s.insert(s.end(), people.warnings.begin(), people.warnings.end());
  s.insert(s.end(), ties.warnings.begin(), ties.warnings.end());
  const std::size_t listed = people.ids.size() - ties.unknown_people;
  s.push_back(plural(listed, "person", "people") + " in " + plural(labels_in_people, "unit", "units") + " from " +
              people_path);
  if (people.duplicates > 0) s.push_back("ignored " + plural(people.duplicates, "repeated person row", "repeated person rows"));
  if (people.without_unit > 0) {
    s.push_back(plural(people.without_unit, "person", "people") + " without a unit put in \"" + unlabelled_unit + "\"");
  }
  s.push_back("read " + plural(ties.records, o.interactions.matrix ? "matrix cell" : "record",
                               o.interactions.matrix ? "matrix cells" : "records") +
              " from " + interactions_path + ": " + plural(arcs.size(), "tie", "ties") +
              " between different people");
  if (ties.self_ties > 0) s.push_back("dropped " + plural(ties.self_ties, "self-tie", "self-ties"));
  if (arcs.duplicates > 0) s.push_back("collapsed " + plural(arcs.duplicates, "repeated tie", "repeated ties"));
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
