// Metrics beside findings (analyses.md): flows in and out per unit, and the
// E-I index per group.
//
// A group is a unit id used as some unit's `group`; it contains its own unit
// and every unit below it at any depth. Each flow is counted once per group:
// internal when both ends are in the group, external when exactly one is (a
// flow between two subgroups is internal to their parent and external to
// both). ei = (external - internal) / (external + internal), null when no
// flow touches the group. Members are sorted ids (byte order).
// Complexity: O(n * depth + flows * depth), depth = the deepest nesting.
#include <algorithm>
#include <string>
#include <vector>

#include "analysis/families.hpp"

namespace orgflow::analysis {

void flow_degrees(const graph::views& v, std::vector<unit_metrics>& units) {
  const auto& g = v.information();
  if (units.size() < v.size()) units.resize(v.size());
  for (graph::vertex u = 0; u < v.size(); ++u) {
    if (units[u].id.empty()) units[u].id = v.id_of(u);
    // Every flow counts, parallel ones included (one edge per flow in G).
    units[u].flows_in = static_cast<std::int64_t>(boost::in_degree(u, g));
    units[u].flows_out = static_cast<std::int64_t>(boost::out_degree(u, g));
  }
}

std::vector<group_metrics> group_metrics_of(const model& m, const graph::views& v) {
  const std::size_t n = v.size();
  constexpr graph::vertex none = static_cast<graph::vertex>(-1);
  std::vector<graph::vertex> parent(n, none);
  std::vector<bool> is_group(n, false);
  for (graph::vertex u = 0; u < n; ++u) {
    const unit& un = v.unit_at(u);
    if (!un.group) continue;
    if (auto g = v.vertex_of(*un.group)) {
      parent[u] = *g;
      is_group[*g] = true;
    }
  }
  // The groups containing each unit: itself when it is a group, then its
  // ancestors (a valid model has no group cycle; the bound guards anyway).
  auto groups_of = [&](graph::vertex u) {
    std::vector<graph::vertex> out;
    if (is_group[u]) out.push_back(u);
    for (graph::vertex p = parent[u], steps = 0; p != none && steps < n; p = parent[p], ++steps) out.push_back(p);
    return out;
  };

  std::vector<std::size_t> slot(n, none);
  std::vector<group_metrics> groups;
  for (graph::vertex u = 0; u < n; ++u)
    if (is_group[u]) {
      slot[u] = groups.size();
      groups.push_back(group_metrics{v.id_of(u), {}, 0, 0, std::nullopt});
    }
  for (graph::vertex u = 0; u < n; ++u)
    for (graph::vertex g : groups_of(u)) groups[slot[g]].members.push_back(v.id_of(u));

  for (std::size_t f = 0; f < m.flows.size(); ++f) {
    std::vector<graph::vertex> a = groups_of(v.flow_from(f)), b = groups_of(v.flow_to(f));
    std::sort(a.begin(), a.end());
    std::sort(b.begin(), b.end());
    std::vector<graph::vertex> both, either;
    std::set_intersection(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(both));
    std::set_symmetric_difference(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(either));
    for (graph::vertex g : both) ++groups[slot[g]].internal;
    for (graph::vertex g : either) ++groups[slot[g]].external;
  }
  for (group_metrics& g : groups) {
    // Vertices were visited in id order, so members are already sorted.
    const std::int64_t total = g.internal + g.external;
    if (total > 0) g.ei = static_cast<double>(g.external - g.internal) / static_cast<double>(total);
  }
  return groups;
}

}  // namespace orgflow::analysis
