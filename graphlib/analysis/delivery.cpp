// The delivery of artifacts (see delivery.hpp): the needs, and one Dijkstra
// per artifact over its G[A] (flow_graph.hpp) with the spec's exact tie
// rules, on several threads (parallel.hpp).
#include "analysis/delivery.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <memory>
#include <queue>
#include <tuple>
#include <unordered_map>
#include <utility>

#include <boost/graph/strong_components.hpp>

namespace orgflow::analysis {

// ---------------------------------------------------------------------------
// delivery

delivery::delivery(const model& m, const graph::views& v, unsigned threads)
    : model_(&m), views_(&v), threads_(resolve_threads(threads)), graph_(m, v) {
  owner_.resize(m.artifacts.size());
  for (std::size_t a = 0; a < m.artifacts.size(); ++a) owner_[a] = *v.vertex_of(m.artifacts[a].owner);
  collect_needs();
  solve(threads_);
}

void delivery::collect_needs() {
  const model& m = *model_;
  // (unit vertex, artifact index) as u * artifacts + a -> position in needs_.
  const std::uint64_t na = m.artifacts.size();
  std::unordered_map<std::uint64_t, std::size_t> index;
  index.reserve(m.needs.size());
  for (std::size_t i = 0; i < m.needs.size(); ++i) {
    const auto u = views_->vertex_of(m.needs[i].unit);
    const auto a = graph_.artifact_index(m.needs[i].artifact);
    if (!u || !a) continue;  // never in a valid model
    if (!index.emplace(*u * na + *a, needs_.size()).second) continue;  // the first wins
    need_delivery n;
    n.unit = *u;
    n.artifact = *a;
    n.owner = owner_[*a];
    n.declared = i;
    n.own = n.unit == n.owner;
    needs_.push_back(std::move(n));
  }
  for (std::size_t h = 0; h < m.handoffs.size(); ++h) {
    if (!m.handoffs[h].context) continue;
    const vertex y = views_->handoff_to(h);
    for (const std::string& id : *m.handoffs[h].context) {
      const auto a = graph_.artifact_index(id);
      if (!a || owner_[*a] == y) continue;  // the owner has no implicit need
      if (!index.emplace(y * na + *a, needs_.size()).second) continue;  // declared or earlier handoff
      need_delivery n;
      n.unit = y;
      n.artifact = *a;
      n.owner = owner_[*a];
      n.implicit = true;
      n.source_handoff = h;
      needs_.push_back(std::move(n));
    }
  }
  // Tolerance: the need's max_age, else the artifact's max_age, else changes.
  for (need_delivery& n : needs_) {
    const artifact& art = m.artifacts[n.artifact];
    if (n.declared && m.needs[*n.declared].max_age)
      n.tolerance = m.needs[*n.declared].max_age->ms;
    else if (art.max_age)
      n.tolerance = art.max_age->ms;
    else if (art.changes)
      n.tolerance = art.changes->ms;
  }
  // Rows ordered by unit id (= vertex order), then artifact id.
  std::vector<std::size_t> artifact_rank(m.artifacts.size());
  {
    std::vector<std::size_t> order(m.artifacts.size());
    for (std::size_t a = 0; a < order.size(); ++a) order[a] = a;
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t x, std::size_t y) { return m.artifacts[x].id < m.artifacts[y].id; });
    for (std::size_t r = 0; r < order.size(); ++r) artifact_rank[order[r]] = r;
  }
  std::sort(needs_.begin(), needs_.end(), [&](const need_delivery& x, const need_delivery& y) {
    if (x.unit != y.unit) return x.unit < y.unit;
    return artifact_rank[x.artifact] < artifact_rank[y.artifact];
  });
  by_artifact_.assign(m.artifacts.size(), {});
  for (std::size_t i = 0; i < needs_.size(); ++i) by_artifact_[needs_[i].artifact].push_back(i);
}

// Per-worker scratch of the Dijkstra: one record per vertex (the fields a
// relaxation touches sit together), valid where stamp == current.
struct search_label {
  millis dist = 0;
  vertex parent = 0;
  std::int32_t hops = 0;
  std::uint32_t stamp = 0;
  char settled = 0;
  char target = 0;
};

namespace {

// A heap entry: (cost, hops) is the key, the vertex breaks nothing (equal
// keys are settled in any order; ties between paths are decided exactly
// when relaxing).
struct heap_entry {
  millis dist;
  std::int32_t hops;
  std::uint32_t v;
  bool operator>(const heap_entry& o) const { return dist != o.dist ? dist > o.dist : hops > o.hops; }
};

}  // namespace

// Reachability in G through its strong components: the condensation is a
// DAG, usually far smaller than G.
struct delivery::reach_index {
  std::vector<std::size_t> comp;
  std::vector<std::uint32_t> off, succ;  // condensation CSR
  explicit reach_index(const graph::views& v) {
    const auto& g = v.information();
    comp.assign(boost::num_vertices(g), 0);
    const std::size_t nc = comp.empty() ? 0 : boost::strong_components(g, comp.data());
    std::vector<std::pair<std::uint32_t, std::uint32_t>> edges;
    for (auto [it, end] = boost::edges(g); it != end; ++it) {
      const auto a = comp[boost::source(*it, g)], b = comp[boost::target(*it, g)];
      if (a != b) edges.emplace_back(static_cast<std::uint32_t>(a), static_cast<std::uint32_t>(b));
    }
    std::sort(edges.begin(), edges.end());
    edges.erase(std::unique(edges.begin(), edges.end()), edges.end());
    off.assign(nc + 1, 0);
    for (const auto& e : edges) ++off[e.first + 1];
    for (std::size_t c = 0; c < nc; ++c) off[c + 1] += off[c];
    succ.resize(edges.size());
    for (std::size_t i = 0; i < edges.size(); ++i) succ[i] = edges[i].second;  // sorted by source
  }
};

// What one worker thread keeps between artifacts: its view of G[A], the
// labels of the search (stamped, so nothing is cleared per artifact), the
// flows it found on paths, and the marks of the reachability sweep.
struct delivery::worker {
  artifact_view view;
  std::vector<search_label> label;
  std::uint32_t current = 0;
  std::vector<char> on_path;
  std::vector<std::uint32_t> comp_stamp;
  std::uint32_t comp_current = 0;
  worker(const flow_graph& g, std::size_t n, std::size_t flows, std::size_t comps)
      : view(g), label(n), on_path(flows, 0), comp_stamp(comps, 0) {}

  bool seen(vertex x) const { return label[x].stamp == current; }
  // Makes x's label valid for this search, unreached.
  void fresh(vertex x) {
    if (seen(x)) return;
    label[x] = search_label{std::numeric_limits<millis>::max(), 0, std::numeric_limits<std::int32_t>::max(),
                            current, 0, 0};
  }
  // Lexicographic order of the (equally long) best paths to x and y, both
  // settled with equal hops: the first difference lies just below their
  // deepest common ancestor.
  bool path_less(vertex x, vertex y) const {
    while (label[x].parent != label[y].parent) {
      x = label[x].parent;
      y = label[y].parent;
    }
    return x < y;
  }
};

void delivery::settle(std::size_t a, worker& w) const {
  if (++w.current == 0) {  // stamp wrap-around: start afresh
    for (auto& lab : w.label) lab.stamp = 0;
    w.current = 1;
  }
  std::size_t remaining = 0;
  for (std::size_t i : by_artifact_[a]) {
    if (needs_[i].own) continue;
    const vertex u = needs_[i].unit;
    w.fresh(u);
    if (!w.label[u].target) {
      w.label[u].target = 1;
      ++remaining;
    }
  }
  const vertex root = owner_[a];
  std::priority_queue<heap_entry, std::vector<heap_entry>, std::greater<heap_entry>> heap;
  w.fresh(root);
  w.label[root].dist = 0;
  w.label[root].hops = 0;
  w.label[root].parent = root;
  heap.push(heap_entry{0, 0, static_cast<std::uint32_t>(root)});
  while (!heap.empty() && remaining > 0) {
    const millis d = heap.top().dist;
    const std::int32_t h = heap.top().hops;
    const vertex u = heap.top().v;
    heap.pop();
    search_label& lu = w.label[u];
    if (lu.settled || d != lu.dist || h != lu.hops) continue;
    lu.settled = 1;
    if (lu.target) --remaining;
    w.view.for_each_out(u, [&](const arc& e) {
      const vertex x = e.to;
      w.fresh(x);
      search_label& lx = w.label[x];
      if (lx.settled) return;
      const millis nd = add_sat(d, e.cost2);
      const std::int32_t nh = h + 1;
      if (nd < lx.dist || (nd == lx.dist && nh < lx.hops)) {
        lx.dist = nd;
        lx.hops = nh;
        lx.parent = u;
        heap.push(heap_entry{nd, nh, static_cast<std::uint32_t>(x)});
      } else if (nd == lx.dist && nh == lx.hops && lx.parent != u && w.path_less(u, lx.parent)) {
        lx.parent = u;  // same key: no new heap entry needed
      }
    });
  }
}

void delivery::record(std::size_t a, worker& w, const reach_index& reach) {
  const model& m = *model_;
  const vertex root = owner_[a];
  bool swept = false;
  for (std::size_t i : by_artifact_[a]) {
    need_delivery& nd = needs_[i];
    if (nd.own) continue;
    const vertex u = nd.unit;
    if (!w.label[u].settled) {
      // Undelivered: is U reachable from O in G at all? One sweep of the
      // condensation from O's component serves every undelivered need.
      if (!swept) {
        swept = true;
        if (++w.comp_current == 0) {
          std::fill(w.comp_stamp.begin(), w.comp_stamp.end(), 0);
          w.comp_current = 1;
        }
        std::vector<std::uint32_t> stack{static_cast<std::uint32_t>(reach.comp[root])};
        w.comp_stamp[stack.back()] = w.comp_current;
        while (!stack.empty()) {
          const std::uint32_t c = stack.back();
          stack.pop_back();
          for (std::uint32_t k = reach.off[c]; k < reach.off[c + 1]; ++k)
            if (w.comp_stamp[reach.succ[k]] != w.comp_current) {
              w.comp_stamp[reach.succ[k]] = w.comp_current;
              stack.push_back(reach.succ[k]);
            }
        }
      }
      nd.reachable_in_g = w.comp_stamp[reach.comp[u]] == w.comp_current;
      continue;
    }
    nd.delivered = true;
    nd.expected_lag2 = w.label[u].dist;
    for (vertex x = u;; x = w.label[x].parent) {
      nd.path.push_back(x);
      if (x == root) break;
    }
    std::reverse(nd.path.begin(), nd.path.end());
    millis worst = 0;
    double r = 1;
    for (std::size_t k = 0; k + 1 < nd.path.size(); ++k) {
      const std::uint32_t f = w.view.chosen_flow(nd.path[k], nd.path[k + 1]);
      nd.flows.push_back(f);
      w.on_path[f] = 1;
      const flow& fl = m.flows[f];
      worst = add_sat(worst, add_sat(fl.latency_ms(), fl.cadence_ms()));
      r *= fl.reliability_or_default();
    }
    nd.worst_lag = worst;
    nd.reliability = r;
  }
}

void delivery::solve(unsigned threads) {
  const model& m = *model_;
  on_path_.assign(m.flows.size(), 0);

  // Artifacts with a need other than the owner's own need.
  std::vector<std::size_t> work;
  for (std::size_t a = 0; a < by_artifact_.size(); ++a)
    for (std::size_t i : by_artifact_[a])
      if (!needs_[i].own) {
        work.push_back(a);
        break;
      }
  for (need_delivery& nd : needs_)
    if (nd.own) {
      nd.delivered = true;
      nd.path = {nd.owner};
    }

  const reach_index reach(*views_);
  const unsigned count = static_cast<unsigned>(std::max<std::size_t>(1, std::min<std::size_t>(threads, work.size())));
  std::vector<std::unique_ptr<worker>> workers;
  for (unsigned w = 0; w < count; ++w)
    workers.push_back(std::make_unique<worker>(graph_, views_->size(), m.flows.size(), reach.off.size()));

  // Each job writes only the needs of its own artifact and its worker's
  // scratch, so the result does not depend on the schedule.
  run_parallel(work.size(), count, [&](std::size_t job, unsigned w) {
    worker& ws = *workers[w];
    ws.view.load(work[job]);
    settle(work[job], ws);
    record(work[job], ws, reach);
  });

  for (const auto& ws : workers)
    for (std::size_t f = 0; f < on_path_.size(); ++f) on_path_[f] |= ws->on_path[f];

  // The outdated share, 1 - exp(-E/C), for every delivered need (own: 0).
  for (need_delivery& nd : needs_) {
    const artifact& art = m.artifacts[nd.artifact];
    if (!nd.delivered || !art.changes) continue;
    const double e_over_c = static_cast<double>(nd.expected_lag2) / (2.0 * static_cast<double>(art.changes->ms));
    nd.outdated_share = -std::expm1(-e_over_c);
  }
}

const need_delivery* delivery::find(vertex u, std::size_t artifact) const {
  // needs_ is sorted by unit first, so each by_artifact_ list runs in unit
  // order: binary search (one artifact may be needed by every unit).
  const auto& list = by_artifact_[artifact];
  auto it = std::lower_bound(list.begin(), list.end(), u,
                             [&](std::size_t i, vertex key) { return needs_[i].unit < key; });
  if (it == list.end() || needs_[*it].unit != u) return nullptr;
  return &needs_[*it];
}

need_row delivery::row(const need_delivery& n) const {
  const model& m = *model_;
  need_row r;
  r.unit = views_->id_of(n.unit);
  r.artifact = m.artifacts[n.artifact].id;
  r.owner = views_->id_of(n.owner);
  r.implicit = n.implicit;
  if (n.source_handoff) r.source_handoff = m.handoffs[*n.source_handoff].id;
  r.own = n.own;
  r.delivered = n.delivered;
  r.tolerance = n.tolerance;
  if (n.declared) r.purpose = m.needs[*n.declared].purpose;
  if (n.delivered) {
    r.expected_lag = n.expected_lag();
    r.worst_lag = n.worst_lag;
    r.reliability = n.reliability;
    r.outdated_share = n.outdated_share;
    r.hops = n.hops();
    r.path.reserve(n.path.size());
    for (vertex x : n.path) r.path.push_back(views_->id_of(x));
    r.flows.reserve(n.flows.size());
    for (std::uint32_t f : n.flows) r.flows.push_back(m.flows[f].id);
  }
  return r;
}

}  // namespace orgflow::analysis
