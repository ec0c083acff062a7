// Metrics beside findings (analyses.md): flows in and out per unit, and the
// E-I index per group.
//
// A group is a unit id used as some unit's `group`; it contains its own unit
// and every unit below it at any depth. Each flow is counted once per group:
// internal when both ends are in the group, external when exactly one is (a
// flow between two subgroups is internal to their parent and external to
// both). ei = (external - internal) / (external + internal), null when no
// flow touches the group. Members are sorted ids (byte order).
// Complexity: O((n + flows) log n) for the counts; the member lists, when
// asked for, hold one id per (unit, group containing it): n x depth.
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

namespace {

constexpr graph::vertex no_vertex = static_cast<graph::vertex>(-1);

// The forest of units under their groups: parents, depths and a pre-order,
// built without recursion (groups may nest 20,000 deep), with the lowest
// common ancestor by binary lifting. A valid model has no group cycle; a
// unit on one would never be reached from a root and keeps depth
// no_vertex.
struct group_forest {
  std::vector<graph::vertex> parent;
  std::vector<bool> is_group;
  std::vector<std::size_t> depth;
  std::vector<graph::vertex> order;                // pre-order: parents before children
  std::vector<std::vector<graph::vertex>> up;      // up[k][u]: the 2^k-th ancestor

  explicit group_forest(const graph::views& v) : parent(v.size(), no_vertex), is_group(v.size(), false) {
    const std::size_t n = v.size();
    for (graph::vertex u = 0; u < n; ++u) {
      const unit& un = v.unit_at(u);
      if (!un.group) continue;
      if (auto g = v.vertex_of(*un.group)) {
        parent[u] = *g;
        is_group[*g] = true;
      }
    }
  }

  void index() {
    const std::size_t n = parent.size();
    std::vector<std::vector<graph::vertex>> children(n);
    for (graph::vertex u = 0; u < n; ++u)
      if (parent[u] != no_vertex) children[parent[u]].push_back(u);
    depth.assign(n, no_vertex);
    order.reserve(n);
    for (graph::vertex r = 0; r < n; ++r) {
      if (parent[r] != no_vertex) continue;
      depth[r] = 0;
      std::vector<graph::vertex> stack{r};
      while (!stack.empty()) {
        const graph::vertex u = stack.back();
        stack.pop_back();
        order.push_back(u);
        for (graph::vertex c : children[u]) {
          depth[c] = depth[u] + 1;
          stack.push_back(c);
        }
      }
    }
    std::size_t levels = 1;
    while ((std::size_t{1} << levels) < n) ++levels;
    up.assign(levels, std::vector<graph::vertex>(n, no_vertex));
    up[0] = parent;
    for (std::size_t k = 1; k < levels; ++k)
      for (graph::vertex u = 0; u < n; ++u)
        if (up[k - 1][u] != no_vertex) up[k][u] = up[k - 1][up[k - 1][u]];
  }

  graph::vertex lowest_common(graph::vertex a, graph::vertex b) const {
    if (depth[a] == no_vertex || depth[b] == no_vertex) return no_vertex;
    if (depth[a] < depth[b]) std::swap(a, b);
    for (std::size_t k = up.size(); k-- > 0;)
      if (up[k][a] != no_vertex && depth[up[k][a]] >= depth[b]) a = up[k][a];
    if (a == b) return a;
    for (std::size_t k = up.size(); k-- > 0;)
      if (up[k][a] != up[k][b]) {
        a = up[k][a];
        b = up[k][b];
      }
    return parent[a];
  }
};

}  // namespace

std::vector<group_metrics> group_metrics_of(const model& m, const graph::views& v, bool with_members) {
  const std::size_t n = v.size();
  group_forest forest(v);
  const auto& parent = forest.parent;
  const auto& is_group = forest.is_group;
  std::vector<std::size_t> slot(n, no_vertex);
  std::vector<group_metrics> groups;
  for (graph::vertex u = 0; u < n; ++u)
    if (is_group[u]) {
      slot[u] = groups.size();
      groups.push_back(group_metrics{v.id_of(u), {}, 0, 0, std::nullopt});
    }
  if (groups.empty()) return groups;
  forest.index();

  // A group contains its own unit and every unit below it. A flow (a, b)
  // is internal to g when both ends are in g's subtree, that is when their
  // lowest common ancestor is; it is external when exactly one end is. With
  // ends[g] = flow ends in g's subtree and lca[g] = flows whose lowest common
  // ancestor is in it, both are subtree sums: internal = lca, external =
  // ends - 2 * internal. O((n + flows) log n), whatever the depth.
  std::vector<std::int64_t> ends(n, 0), lca(n, 0);
  for (std::size_t f = 0; f < m.flows.size(); ++f) {
    const graph::vertex a = v.flow_from(f), b = v.flow_to(f);
    ++ends[a];
    ++ends[b];
    const graph::vertex c = forest.lowest_common(a, b);
    if (c != no_vertex) ++lca[c];
  }
  for (std::size_t i = forest.order.size(); i-- > 0;) {  // children before parents
    const graph::vertex u = forest.order[i];
    if (parent[u] == no_vertex) continue;
    ends[parent[u]] += ends[u];
    lca[parent[u]] += lca[u];
  }
  for (graph::vertex u = 0; u < n; ++u) {
    if (!is_group[u]) continue;
    group_metrics& g = groups[slot[u]];
    g.internal = lca[u];
    g.external = ends[u] - 2 * lca[u];
    const std::int64_t total = g.internal + g.external;
    if (total > 0) g.ei = static_cast<double>(g.external - g.internal) / static_cast<double>(total);
  }

  // Members: every unit in each group containing it. Vertices are visited
  // in id order, so members come out sorted. The lists hold n x depth ids
  // for deeply nested groups: only when asked for (the JSON report).
  if (with_members) {
    for (graph::vertex u = 0; u < n; ++u) {
      if (forest.depth[u] == no_vertex) continue;
      for (graph::vertex g = is_group[u] ? u : parent[u]; g != no_vertex; g = parent[g])
        groups[slot[g]].members.push_back(v.id_of(u));
    }
  }
  return groups;
}

}  // namespace orgflow::analysis
