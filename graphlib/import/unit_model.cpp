// The unit-level model of communication data from counts per unit
// (unit_model.hpp).
#include "import/unit_model.hpp"

#include <algorithm>
#include <cstring>
#include <map>
#include <utility>

#include "import/eventlog.hpp"
#include "import/ids.hpp"
#include "import/person_records.hpp"
#include "orgflow/quantity.hpp"

namespace orgflow::unit_model {
namespace {

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
      r.text = std::to_string(count) + "/" + n.word;
      return r;
    }
  }
  return eventlog_detail::per_day_rate(count, period.ms * 1000);
}

}  // namespace

// Long on purpose: labels to units, the privacy merge and the flows share
// one mapping from labels to final units, built and used in one pass.
built build(const unit_counts& counts, std::int64_t min_group, const std::optional<duration_value>& period,
            std::string name) {
  built out;
  out.min_group = min_group < 1 ? 1 : min_group;
  const std::size_t label_count = counts.labels.size();
  const auto merged_label = [&](std::size_t l) {
    return counts.members[l] < out.min_group || (l < counts.merged_already.size() && counts.merged_already[l]);
  };

  // Labels -> final units: the kept ones in natural order of their labels,
  // "(unlabelled)" after them, small-units last.
  std::vector<std::size_t> label_order(label_count);
  for (std::size_t l = 0; l < label_count; ++l) label_order[l] = l;
  const auto& labels = counts.labels;
  std::sort(label_order.begin(), label_order.end(), [&](std::size_t x, std::size_t y) {
    const bool ux = labels[x] == person_records::unlabelled_unit, uy = labels[y] == person_records::unlabelled_unit;
    if (ux != uy) return uy;
    return eventlog_detail::natural_less(labels[x], labels[y]);
  });
  std::vector<std::size_t> final_of(label_count);
  std::vector<std::size_t> kept_labels;
  for (const std::size_t l : label_order) {
    if (merged_label(l)) {
      ++out.merged;
      out.merged_people += counts.members[l];
    } else {
      final_of[l] = kept_labels.size();
      kept_labels.push_back(l);
    }
  }
  const std::size_t unit_count = kept_labels.size() + (out.merged > 0 ? 1 : 0);
  for (std::size_t l = 0; l < label_count; ++l)
    if (merged_label(l)) final_of[l] = kept_labels.size();

  model& m = out.m;
  m.name = std::move(name);
  import_ids::id_allocator ids;
  if (out.merged > 0) ids.reserve(small_units_id);
  for (const std::size_t l : kept_labels) {
    unit u;
    u.name = labels[l];
    u.id = ids.allocate(*u.name);
    u.members = counts.members[l];
    m.units.push_back(std::move(u));
  }
  if (out.merged > 0) {
    unit u;
    u.id = small_units_id;
    u.name = small_units_name;
    u.members = out.merged_people;
    m.units.push_back(std::move(u));
  }

  // Label pairs -> unit pairs (ordered by final unit indices).
  std::vector<std::uint64_t> internal(unit_count, 0);
  std::map<std::pair<std::size_t, std::size_t>, std::pair<std::uint64_t, std::uint64_t>> between;  // ties, records
  for (const label_cell& c : counts.cells) {
    const std::size_t a = final_of[c.from], b = final_of[c.to];
    if (a == b) {
      internal[a] += c.ties;
      out.internal_total += c.ties;
      continue;
    }
    auto& cell = between[{a, b}];
    cell.first += c.ties;
    cell.second += c.records;
  }
  for (std::size_t u = 0; u < unit_count; ++u) {
    m.units[u].extras.order = {"id", "name", "members", "x-internal-ties"};
    m.units[u].extras.x_members = {{"x-internal-ties", std::to_string(internal[u])}};
  }
  for (const auto& [key, cell] : between) {
    flow f;
    f.from = m.units[key.first].id;
    f.to = m.units[key.second].id;
    f.id = f.from + "->" + f.to + "#1";
    f.id_generated = true;
    f.channel = std::nullopt;
    if (period) f.volume = volume_rate(cell.second, *period);
    f.extras.order = {"from", "to"};
    if (f.volume) f.extras.order.push_back("volume");
    f.extras.order.insert(f.extras.order.end(), {"x-occurrences", "x-records"});
    f.extras.x_members = {{"x-occurrences", std::to_string(cell.first)}, {"x-records", std::to_string(cell.second)}};
    m.flows.push_back(std::move(f));
  }
  return out;
}

std::string table_stem(const std::string& path) {
  return import_ids::file_stem(path, {".gz", ".csv", ".txt", ".dat", ".tsv"});
}

}  // namespace orgflow::unit_model
