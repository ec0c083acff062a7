// Processes (analyses.md, "Processes" and the Processes exact rules):
// PROCESS.LOOP, PROCESS.SLOW_HANDOFF and the per-process metrics.
//
// Each process P is computed in H[P] alone (handoffs without `process` are in
// no H[P]), over the units its handoffs touch. Returning handoffs (`returns`:
// handing the result back closes the work) count for the number of handoffs,
// the units involved and PROCESS.SLOW_HANDOFF, but loops and the critical
// path leave them out: they are not rework.
// - PROCESS.LOOP: one finding per strongly connected component of more than
//   one unit (Boost's strong_components); `handoffs` lists the handoffs of P
//   inside the component, file order.
// - PROCESS.SLOW_HANDOFF: the handoff with the largest wait above 0, ties to
//   the first in the file.
// - Critical path (only without loops and with some wait above 0 on a
//   handoff that does not return work): the path
//   from a unit with no handoff in to a unit with no handoff out with the
//   largest sum of waits (missing wait = 0, parallel handoffs at their largest
//   wait), ties to more hops, then to the lexicographically smallest unit
//   sequence. A suffix dynamic programme in reverse topological order is
//   exact for that order: every candidate through u starts with u, so two
//   candidate suffixes that tie on wait and hops differ at their first unit
//   and the smaller next id wins.
// Complexity: O(handoffs log handoffs) per process.
#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/strong_components.hpp>

#include "analysis/families.hpp"
#include "orgflow/text.hpp"

namespace orgflow::analysis {

namespace {

using graph::vertex;

struct best_suffix {
  millis wait = 0;
  std::int64_t hops = 0;
  std::size_t next = static_cast<std::size_t>(-1);  // local index of the next unit; none at a sink
};

// H[P] of one process over local vertices: the units its handoffs touch, in
// id order.
struct process_graph {
  std::vector<std::size_t> all;  // every handoff of P, file order
  std::vector<std::size_t> hs;   // those that carry work forward (not returns)
  std::vector<vertex> units;
  process_graph(const model& m, const graph::views& v, const std::string& process)
      : all(v.process_handoffs(process)) {
    for (std::size_t h : all)
      if (!m.handoffs[h].is_return()) hs.push_back(h);
    for (std::size_t h : all) {
      units.push_back(v.handoff_from(h));
      units.push_back(v.handoff_to(h));
    }
    std::sort(units.begin(), units.end());
    units.erase(std::unique(units.begin(), units.end()), units.end());
  }
  std::size_t local(vertex u) const {
    return static_cast<std::size_t>(std::lower_bound(units.begin(), units.end(), u) - units.begin());
  }
};

// PROCESS.LOOP: strong components of H[P] over the local vertices, in the
// order of each component's smallest id (stable output before analyze()
// sorts). Counts them in pm.loops.
void loop_findings(const model& m, const graph::views& v, const process_graph& pg, const std::string& process,
                   process_metrics& pm, std::vector<finding>& findings) {
  const std::size_t k = pg.units.size();
  using local_graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS>;
  local_graph g(k);
  for (std::size_t h : pg.hs) boost::add_edge(pg.local(v.handoff_from(h)), pg.local(v.handoff_to(h)), g);
  std::vector<int> comp(k, 0);
  const int count = k == 0 ? 0 : boost::strong_components(g, boost::make_iterator_property_map(
                                                                 comp.begin(), boost::get(boost::vertex_index, g)));
  std::vector<std::vector<std::size_t>> members(static_cast<std::size_t>(count));
  for (std::size_t i = 0; i < k; ++i) members[static_cast<std::size_t>(comp[i])].push_back(i);
  std::sort(members.begin(), members.end());
  for (const auto& c : members) {
    if (c.size() < 2) continue;
    ++pm.loops;
    const int id = comp[c.front()];
    std::vector<std::string> ids, names, handoff_ids;
    for (std::size_t i : c) {
      ids.push_back(v.id_of(pg.units[i]));
      names.push_back(v.unit_at(pg.units[i]).display_name());
    }
    std::set<std::string> items;
    for (std::size_t h : pg.hs)
      if (comp[pg.local(v.handoff_from(h))] == id && comp[pg.local(v.handoff_to(h))] == id) {
        handoff_ids.push_back(m.handoffs[h].id);
        if (m.handoffs[h].item) items.insert(*m.handoffs[h].item);
      }
    finding f;
    f.code = "PROCESS.LOOP";
    f.level = severity::warning;
    f.units = ids;
    f.process = process;
    f.metrics = {{"process", process}, {"handoffs", handoff_ids}};
    f.title = "In the " + process + " process, work goes back and forth between " + join_words(names) +
              " (rework)";
    f.recommendation = "Find out why work returns between " + join_words(names) +
                       (items.empty() ? std::string() : " (" + join_words({items.begin(), items.end()}) + ")") +
                       ", and agree on what a complete hand-over contains, so that it moves forward once.";
    findings.push_back(std::move(f));
  }
}

// PROCESS.SLOW_HANDOFF: the largest wait above 0, first in the file.
void slow_handoff_finding(const model& m, const graph::views& v, const process_graph& pg, const std::string& process,
                          std::vector<finding>& findings) {
  std::optional<std::size_t> slowest;
  for (std::size_t h : pg.all)
    if (m.handoffs[h].wait_ms() > 0 && (!slowest || m.handoffs[h].wait_ms() > m.handoffs[*slowest].wait_ms()))
      slowest = h;
  if (!slowest) return;
  const handoff& ho = m.handoffs[*slowest];
  const vertex a = v.handoff_from(*slowest), b = v.handoff_to(*slowest);
  finding f;
  f.code = "PROCESS.SLOW_HANDOFF";
  f.level = severity::info;
  f.units = {v.id_of(std::min(a, b)), v.id_of(std::max(a, b))};
  f.process = process;
  f.ref = ho.id;
  f.metrics = {{"process", process}, {"handoff", ho.id}, {"wait_h", hours_value{ho.wait_ms()}}};
  const std::string& from = v.unit_at(a).display_name();
  const std::string& to = v.unit_at(b).display_name();
  const std::string each = ho.item ? "each " + *ho.item : "the work";
  f.title = "In the " + process + " process, the longest wait is from " + from + " to " + to + ": " + each +
            " waits " + human_duration(ho.wait_ms()) + " before it is picked up";
  f.recommendation = "Shorten the wait from " + from + " to " + to + " (now " + human_duration(ho.wait_ms()) +
                     "): agree on a pick-up time, or let " + to + " see " + each + " as soon as it is handed over.";
  findings.push_back(std::move(f));
}

// The critical path of a DAG H[P] (see the top of this file): sets
// pm.critical_path and pm.critical_wait.
void critical_path(const model& m, const graph::views& v, const process_graph& pg, process_metrics& pm) {
  const std::size_t k = pg.units.size();
  // Parallel handoffs collapse to their largest wait.
  std::map<std::pair<std::size_t, std::size_t>, millis> edge_wait;
  for (std::size_t h : pg.hs) {
    auto key = std::make_pair(pg.local(v.handoff_from(h)), pg.local(v.handoff_to(h)));
    auto it = edge_wait.find(key);
    if (it == edge_wait.end()) edge_wait.emplace(key, m.handoffs[h].wait_ms());
    else it->second = std::max(it->second, m.handoffs[h].wait_ms());
  }
  std::vector<std::vector<std::pair<std::size_t, millis>>> succ(k);
  std::vector<std::size_t> indegree(k, 0);
  for (const auto& [e, w] : edge_wait) {
    succ[e.first].emplace_back(e.second, w);  // map order: successors by id
    ++indegree[e.second];
  }
  // Topological order (Kahn), then suffixes from the sinks backwards.
  std::vector<std::size_t> topo, deg = indegree;
  for (std::size_t i = 0; i < k; ++i)
    if (deg[i] == 0) topo.push_back(i);
  for (std::size_t i = 0; i < topo.size(); ++i)
    for (const auto& [t, w] : succ[topo[i]])
      if (--deg[t] == 0) topo.push_back(t);
  std::vector<best_suffix> best(k);
  for (std::size_t i = topo.size(); i-- > 0;) {
    const std::size_t u = topo[i];
    for (const auto& [t, w] : succ[u]) {
      const millis total = w + best[t].wait;
      const std::int64_t hops = 1 + best[t].hops;
      best_suffix& b = best[u];
      // Successors come in id order, so a strict improvement is needed
      // to replace an earlier (smaller) next unit.
      if (b.next == static_cast<std::size_t>(-1) || total > b.wait || (total == b.wait && hops > b.hops))
        b = {total, hops, t};
    }
  }
  std::optional<std::size_t> start;
  for (std::size_t i = 0; i < k; ++i) {
    if (indegree[i] != 0) continue;
    if (!start || best[i].wait > best[*start].wait ||
        (best[i].wait == best[*start].wait && best[i].hops > best[*start].hops))
      start = i;
  }
  std::vector<std::string> path;
  for (std::size_t u = *start; u != static_cast<std::size_t>(-1); u = best[u].next)
    path.push_back(v.id_of(pg.units[u]));
  pm.critical_path = path;
  pm.critical_wait = best[*start].wait;
}

}  // namespace

std::vector<finding> process_findings(const model& m, const graph::views& v, std::vector<process_metrics>& out) {
  std::vector<finding> findings;
  out.clear();
  for (const std::string& process : v.processes()) {
    const process_graph pg(m, v, process);
    process_metrics pm;
    pm.name = process;
    pm.handoffs = static_cast<std::int64_t>(pg.all.size());
    for (vertex u : pg.units) pm.units.push_back(v.id_of(u));
    loop_findings(m, v, pg, process, pm, findings);
    slow_handoff_finding(m, v, pg, process, findings);
    // Critical path, only on a DAG with some wait above 0.
    const bool forward_wait =
        std::any_of(pg.hs.begin(), pg.hs.end(), [&](std::size_t h) { return m.handoffs[h].wait_ms() > 0; });
    if (pm.loops == 0 && forward_wait) critical_path(m, v, pg, pm);
    out.push_back(std::move(pm));
  }
  return findings;
}

}  // namespace orgflow::analysis
