// Gaps in the structure and cut units (analyses.md, "Gaps in the structure",
// "Single points of failure" and the Structure exact rules). Version 2 counts
// work handoffs as contact: the contact graph is G ∪ H (flows and handoffs).
//   GAP.NO_FEEDBACK  a handoff X -> Y that does not return work, with no path
//                    Y -> X in the contact graph (any flow, any handoff,
//                    returning ones included), one per ordered pair;
//   GAP.ISOLATED     a unit with no flow and no handoff in or out (external
//                    and group-only units exempt);
//   GAP.SPLIT        the contact graph without its isolated units, undirected,
//                    in more than one component;
//   RISK.CUT_UNIT    articulation points of G alone, undirected, parallel
//                    flows once (its "isolated" means no flow in or out).
//
// Decisions the spec leaves to us (documented in docs/findings.md too):
// - GAP.NO_FEEDBACK `handoffs` lists the pair's handoffs that do not return
//   work, in file order; `processes` the distinct process names of those
//   handoffs in byte order (handoffs without process add none). `ref` and
//   `process` are null. Findings come out ordered by (from, to) in id order,
//   which analyze()'s stable sort keeps for the two directions of one pair.
// - GAP.ISOLATED `kind` is the unit's kind (default `department`).
// - GAP.SPLIT `components` are sorted id lists, ordered by size (largest
//   first), equal sizes by their smallest id; so the first one is the
//   "largest" of the exact rules and the finding's units are all the others.
// - RISK.CUT_UNIT `parts` are sizes, largest first.
//
// Complexity: O(n + flows + handoffs) apart from GAP.NO_FEEDBACK's
// reachability, which runs one bit-parallel sweep of the contact graph's
// condensation per 64 distinct handoff receivers:
// O((n + flows + handoffs) * receivers / 64).
#include <algorithm>
#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/strong_components.hpp>

#include "analysis/csr.hpp"
#include "analysis/families.hpp"
#include "orgflow/text.hpp"

namespace orgflow::analysis {

namespace {

using graph::vertex;

const std::string& name_of(const graph::views& v, vertex u) { return v.unit_at(u).display_name(); }

std::vector<std::string> sorted_ids(const graph::views& v, std::vector<vertex> vs) {
  std::sort(vs.begin(), vs.end());  // vertex order is byte order of ids
  vs.erase(std::unique(vs.begin(), vs.end()), vs.end());
  std::vector<std::string> out;
  out.reserve(vs.size());
  for (vertex u : vs) out.push_back(v.id_of(u));
  return out;
}

// ---------------------------------------------------------------- contact graph

// The contact graph G ∪ H (flows and handoffs, returning handoffs included),
// parallel edges once, directed or taken as undirected.
csr_graph contact_csr(const graph::views& v, bool undirected) {
  const model& m = v.source();
  std::vector<std::pair<std::uint32_t, std::uint32_t>> edges;
  edges.reserve(m.flows.size() + m.handoffs.size());
  for (std::size_t f = 0; f < m.flows.size(); ++f)
    edges.emplace_back(static_cast<std::uint32_t>(v.flow_from(f)), static_cast<std::uint32_t>(v.flow_to(f)));
  for (std::size_t h = 0; h < m.handoffs.size(); ++h)
    edges.emplace_back(static_cast<std::uint32_t>(v.handoff_from(h)), static_cast<std::uint32_t>(v.handoff_to(h)));
  return csr_graph::from_edges(v.size(), std::move(edges), undirected);
}

// Strong components of a CSR graph (Boost), one component number per vertex.
std::vector<std::uint32_t> strong_components_csr(const csr_graph& g, std::size_t* count) {
  using local_graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS>;
  const std::size_t n = g.size();
  local_graph bg(n);
  for (std::size_t u = 0; u < n; ++u)
    for (const std::uint32_t* p = g.begin(u); p != g.end(u); ++p) boost::add_edge(u, *p, bg);
  std::vector<int> comp(n, 0);
  *count = n == 0 ? 0
                  : static_cast<std::size_t>(boost::strong_components(
                        bg, boost::make_iterator_property_map(comp.begin(), boost::get(boost::vertex_index, bg))));
  return std::vector<std::uint32_t>(comp.begin(), comp.end());
}

// ---------------------------------------------------------------- reachability

// reach(y, x) answers "is there a path y -> x in the contact graph" for many
// pairs at once: SCCs of the contact graph, the condensation in topological
// order (Kahn), then per batch of 64 sources one sweep that ORs source bits
// forward.
class batched_reachability {
 public:
  explicit batched_reachability(const csr_graph& contact) {
    const std::size_t n = contact.size();
    comp_ = strong_components_csr(contact, &components_);
    std::vector<std::pair<std::uint32_t, std::uint32_t>> edges;
    for (std::size_t u = 0; u < n; ++u)
      for (const std::uint32_t* p = contact.begin(u); p != contact.end(u); ++p)
        if (comp_[u] != comp_[*p]) edges.emplace_back(comp_[u], comp_[*p]);
    dag_ = csr_graph::from_edges(components_, std::move(edges), /*undirected=*/false);
    std::vector<std::size_t> indegree(components_, 0);
    for (std::uint32_t t : dag_.targets) ++indegree[t];
    for (std::size_t c = 0; c < components_; ++c)
      if (indegree[c] == 0) topo_.push_back(static_cast<std::uint32_t>(c));
    for (std::size_t i = 0; i < topo_.size(); ++i)
      for (const std::uint32_t* p = dag_.begin(topo_[i]); p != dag_.end(topo_[i]); ++p)
        if (--indegree[*p] == 0) topo_.push_back(*p);
  }

  /// For each (source, target) query, whether source reaches target.
  std::vector<bool> answer(const std::vector<std::pair<vertex, vertex>>& queries) const {
    std::vector<bool> out(queries.size(), false);
    std::vector<vertex> sources;
    for (const auto& q : queries) sources.push_back(q.first);
    std::sort(sources.begin(), sources.end());
    sources.erase(std::unique(sources.begin(), sources.end()), sources.end());
    std::vector<std::size_t> index(queries.size());
    for (std::size_t q = 0; q < queries.size(); ++q)
      index[q] = static_cast<std::size_t>(std::lower_bound(sources.begin(), sources.end(), queries[q].first) -
                                          sources.begin());
    std::vector<std::uint64_t> mask(components_);
    for (std::size_t base = 0; base < sources.size(); base += 64) {
      const std::size_t end = std::min(sources.size(), base + 64);
      std::fill(mask.begin(), mask.end(), 0);
      for (std::size_t i = base; i < end; ++i) mask[comp_[sources[i]]] |= std::uint64_t{1} << (i - base);
      for (std::uint32_t c : topo_)
        if (mask[c])
          for (const std::uint32_t* p = dag_.begin(c); p != dag_.end(c); ++p) mask[*p] |= mask[c];
      for (std::size_t q = 0; q < queries.size(); ++q)
        if (index[q] >= base && index[q] < end)
          out[q] = (mask[comp_[queries[q].second]] >> (index[q] - base)) & 1u;
    }
    return out;
  }

 private:
  std::vector<std::uint32_t> comp_;
  std::size_t components_ = 0;
  csr_graph dag_;
  std::vector<std::uint32_t> topo_;
};

// ---------------------------------------------------------------- GAP.NO_FEEDBACK

void no_feedback(const model& m, const graph::views& v, const csr_graph& contact, std::vector<finding>& out) {
  // Ordered unit pairs with handoffs that do not return work, each with
  // those handoffs in file order.
  std::map<std::pair<vertex, vertex>, std::vector<std::size_t>> pairs;
  for (std::size_t h = 0; h < m.handoffs.size(); ++h)
    if (!m.handoffs[h].is_return()) pairs[{v.handoff_from(h), v.handoff_to(h)}].push_back(h);
  if (pairs.empty()) return;
  std::vector<std::pair<vertex, vertex>> queries;  // way back: Y reaches X?
  for (const auto& p : pairs) queries.emplace_back(p.first.second, p.first.first);
  const std::vector<bool> way_back = batched_reachability(contact).answer(queries);

  std::size_t q = 0;
  for (const auto& [ends, hs] : pairs) {
    if (way_back[q++]) continue;
    const auto [x, y] = ends;
    std::vector<std::string> handoff_ids;
    std::set<std::string> processes, items;
    for (std::size_t h : hs) {
      handoff_ids.push_back(m.handoffs[h].id);
      if (m.handoffs[h].process) processes.insert(*m.handoffs[h].process);
      if (m.handoffs[h].item) items.insert(*m.handoffs[h].item);
    }
    finding f;
    f.code = "GAP.NO_FEEDBACK";
    f.level = severity::warning;
    f.units = sorted_ids(v, {x, y});
    f.metrics = {{"from", v.id_of(x)},
                 {"to", v.id_of(y)},
                 {"handoffs", handoff_ids},
                 {"processes", std::vector<std::string>(processes.begin(), processes.end())}};
    const std::string what = items.empty() ? "the work handed over" : "each " + join_words({items.begin(), items.end()});
    f.title = "No feedback from " + name_of(v, y) + " to " + name_of(v, x) + " on how " + what + " turned out";
    f.recommendation = "Add a way back from " + name_of(v, y) + " to " + name_of(v, x) +
                       ", for example a regular review of how " + what + " turned out, so that " + name_of(v, y) +
                       " can tell " + name_of(v, x) + " what to change.";
    out.push_back(std::move(f));
  }
}

// ---------------------------------------------------------------- GAP.ISOLATED

// Units with no flow and no handoff in or out (`contactless`): GAP.ISOLATED
// unless external or group-only.
void isolated(const model& m, const graph::views& v, const std::vector<bool>& contactless, std::vector<finding>& out) {
  const std::size_t n = v.size();
  std::vector<bool> is_group(n, false), declares_need(n, false);
  for (const unit& u : m.units)
    if (u.group)
      if (auto g = v.vertex_of(*u.group)) is_group[*g] = true;
  for (const need& nd : m.needs)
    if (auto u = v.vertex_of(nd.unit)) declares_need[*u] = true;

  for (vertex u = 0; u < n; ++u) {
    if (!contactless[u]) continue;
    const unit& un = v.unit_at(u);
    if (un.kind_or_default() == unit_kind::external) continue;
    // Group-only: a group that is no flow's or handoff's end (already true
    // here) and no declared need's unit.
    if (is_group[u] && !declares_need[u]) continue;
    finding f;
    f.code = "GAP.ISOLATED";
    f.level = severity::warning;
    f.units = {v.id_of(u)};
    f.metrics = {{"kind", std::string(to_string(un.kind_or_default()))}};
    f.title = un.display_name() + ": no information or work exchanged with any other unit";
    f.recommendation = "Find out whom " + un.display_name() + " must inform and who must inform it, and add those " +
                       "flows (or remove " + un.display_name() + " from the model if it no longer exists).";
    out.push_back(std::move(f));
  }
}

// ---------------------------------------------------------------- GAP.SPLIT

void split(const graph::views& v, const csr_graph& und, const std::vector<bool>& contactless,
           std::vector<finding>& out) {
  const std::size_t n = v.size();
  std::vector<int> comp(n, -1);
  std::vector<std::vector<vertex>> components;
  std::vector<vertex> stack;
  for (vertex s = 0; s < n; ++s) {
    if (contactless[s] || comp[s] >= 0) continue;
    const int c = static_cast<int>(components.size());
    components.emplace_back();
    comp[s] = c;
    stack.assign(1, s);
    while (!stack.empty()) {
      const vertex u = stack.back();
      stack.pop_back();
      components.back().push_back(u);
      for (const std::uint32_t* p = und.begin(u); p != und.end(u); ++p)
        if (comp[*p] < 0) {
          comp[*p] = c;
          stack.push_back(*p);
        }
    }
    std::sort(components.back().begin(), components.back().end());
  }
  if (components.size() <= 1) return;
  // Largest first; equal sizes: the one holding the smallest id first (each
  // component is sorted, so front() is its smallest id).
  std::sort(components.begin(), components.end(), [](const auto& a, const auto& b) {
    if (a.size() != b.size()) return a.size() > b.size();
    return a.front() < b.front();
  });
  finding f;
  f.code = "GAP.SPLIT";
  f.level = severity::warning;
  std::vector<vertex> others;
  std::vector<std::vector<std::string>> lists;
  std::vector<std::int64_t> sizes;
  for (std::size_t i = 0; i < components.size(); ++i) {
    if (i > 0) others.insert(others.end(), components[i].begin(), components[i].end());
    lists.push_back(sorted_ids(v, components[i]));
    sizes.push_back(static_cast<std::int64_t>(components[i].size()));
  }
  f.units = sorted_ids(v, others);
  f.metrics = {{"components", lists}, {"sizes", sizes}};

  // The best-connected unit of a component (most distinct neighbours, then
  // smallest id) is the natural place to connect it.
  auto hub = [&](const std::vector<vertex>& c) {
    vertex best = c.front();
    for (vertex u : c)
      if (und.degree(u) > und.degree(best)) best = u;
    return best;
  };
  const std::int64_t cut_off = static_cast<std::int64_t>(others.size());
  f.title = "The organization falls apart into " + std::to_string(components.size()) +
            " groups of units that exchange neither information nor work: " + count_of(cut_off, "unit", "units") +
            " cut off from the largest group";
  std::vector<std::string> small_hubs;
  for (std::size_t i = 1; i < components.size() && small_hubs.size() < 3; ++i)
    small_hubs.push_back(name_of(v, hub(components[i])));
  std::string rec = "Connect " + join_words(small_hubs);
  if (components.size() - 1 > small_hubs.size()) rec += " (and the other separate groups)";
  rec += " with " + name_of(v, hub(components[0])) +
         " through flows in both directions, so that information reaches every part of the organization.";
  f.recommendation = rec;
  out.push_back(std::move(f));
}

// ---------------------------------------------------------------- RISK.CUT_UNIT

// One piece a cut unit's component falls into without it, with the
// neighbour of the cut unit that lies in it (for the recommendation).
struct piece {
  std::int64_t size;
  vertex neighbour;
};

// Long on purpose: an iterative depth-first search (no recursion, for
// chains of 10,000 units) whose low points and pieces are one state.
void cut_units(const graph::views& v, const csr_graph& und, const std::vector<bool>& flowless,
               std::vector<finding>& out) {
  const std::size_t n = v.size();
  constexpr vertex none = static_cast<vertex>(-1);
  std::vector<std::int64_t> disc(n, -1), low(n, 0), subtree(n, 1);
  std::vector<vertex> parent(n, none), root_of(n, none);
  std::vector<std::size_t> next_edge(n, 0);
  std::vector<std::vector<piece>> pieces(n);
  std::vector<std::int64_t> component_size(n, 0);
  std::int64_t timer = 0;
  std::vector<vertex> stack;

  // Iterative Tarjan DFS (deep chains would overflow a recursive one); roots
  // and neighbours in vertex order for a deterministic tree.
  for (vertex r = 0; r < n; ++r) {
    if (flowless[r] || disc[r] >= 0) continue;
    disc[r] = low[r] = timer++;
    root_of[r] = r;
    stack.assign(1, r);
    while (!stack.empty()) {
      const vertex u = stack.back();
      if (next_edge[u] < und.degree(u)) {
        const vertex w = und.begin(u)[next_edge[u]++];
        if (disc[w] < 0) {
          disc[w] = low[w] = timer++;
          parent[w] = u;
          root_of[w] = r;
          stack.push_back(w);
        } else if (w != parent[u]) {
          low[u] = std::min(low[u], disc[w]);
        }
        continue;
      }
      stack.pop_back();
      const vertex p = parent[u];
      if (p == none) continue;
      low[p] = std::min(low[p], low[u]);
      subtree[p] += subtree[u];
      // u's subtree hangs on p alone (for the root: every child does).
      if (low[u] >= disc[p]) pieces[p].push_back({subtree[u], u});
    }
    component_size[r] = subtree[r];
  }

  for (vertex u = 0; u < n; ++u) {
    if (flowless[u]) continue;
    std::vector<piece> parts = pieces[u];
    if (parent[u] == none) {
      if (parts.size() < 2) continue;  // a root cuts only with two or more children
    } else {
      if (parts.empty()) continue;
      std::int64_t below = 0;
      for (const piece& p : parts) below += p.size;
      parts.push_back({component_size[root_of[u]] - 1 - below, parent[u]});
    }
    std::sort(parts.begin(), parts.end(), [](const piece& a, const piece& b) {
      if (a.size != b.size) return a.size > b.size;
      return a.neighbour < b.neighbour;
    });
    std::vector<std::int64_t> sizes;
    std::int64_t cut_off = 0;
    for (const piece& p : parts) sizes.push_back(p.size);
    for (std::size_t i = 1; i < parts.size(); ++i) cut_off += parts[i].size;

    finding f;
    f.code = "RISK.CUT_UNIT";
    f.level = severity::warning;
    f.units = {v.id_of(u)};
    f.metrics = {{"parts", sizes}};
    const std::string& name = name_of(v, u);
    // Name the units cut off when they are few and each stands alone (a
    // piece of size 1 is exactly the neighbour in it); else count them.
    std::vector<std::string> lone;
    for (std::size_t i = 1; i < parts.size(); ++i)
      if (parts[i].size == 1) lone.push_back(name_of(v, parts[i].neighbour));
    const std::string who = (cut_off <= 3 && static_cast<std::int64_t>(lone.size()) == cut_off)
                                ? join_words(lone)
                                : count_of(cut_off, "unit", "units");
    f.title = name + ": the only link between " + std::to_string(parts.size()) +
              " parts of the organization; without it, " + who + " would lose contact with the rest";
    f.recommendation = "Add a direct flow between " + name_of(v, parts[0].neighbour) + " and " +
                       name_of(v, parts[1].neighbour) +
                       (parts.size() > 2 ? " (and between the other parts " + name + " links)" : std::string()) +
                       ", so that information between them does not depend on " + name + " alone.";
    out.push_back(std::move(f));
  }
}

}  // namespace

std::vector<finding> structure_findings(const model& m, const graph::views& v) {
  std::vector<finding> out;
  const std::size_t n = v.size();
  const auto& g = v.information();
  const auto& h = v.work();
  std::vector<bool> flowless(n), contactless(n);
  for (vertex u = 0; u < n; ++u) {
    flowless[u] = boost::in_degree(u, g) == 0 && boost::out_degree(u, g) == 0;
    contactless[u] = flowless[u] && boost::in_degree(u, h) == 0 && boost::out_degree(u, h) == 0;
  }
  no_feedback(m, v, contact_csr(v, /*undirected=*/false), out);
  isolated(m, v, contactless, out);
  split(v, contact_csr(v, /*undirected=*/true), contactless, out);
  cut_units(v, information_csr(v, /*undirected=*/true), flowless, out);
  return out;
}

}  // namespace orgflow::analysis
