// The delivery of artifacts (see delivery.hpp): needs, the flow graph, and
// one Dijkstra per artifact with the spec's exact tie rules.
#include "analysis/delivery.hpp"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <exception>
#include <limits>
#include <map>
#include <memory>
#include <mutex>
#include <queue>
#include <system_error>
#include <tuple>
#include <utility>

#include <boost/graph/strong_components.hpp>

namespace orgflow::analysis {

namespace {

// Saturating addition: the sum of path costs stays exact for every model a
// person could write (10,000 hops of 30 years fit easily in 63 bits); a
// pathological one saturates instead of wrapping around.
millis add_sat(millis a, millis b) {
  if (a > std::numeric_limits<millis>::max() - b) return std::numeric_limits<millis>::max();
  return a + b;
}

}  // namespace

void run_parallel(std::size_t n, unsigned threads, const std::function<void(std::size_t, unsigned)>& body) {
  if (threads <= 1 || n <= 1) {
    for (std::size_t i = 0; i < n; ++i) body(i, 0);
    return;
  }
  const unsigned count = static_cast<unsigned>(std::min<std::size_t>(threads, n));
  std::atomic<std::size_t> next{0};
  // An exception in a worker (out of memory) is carried to the caller
  // instead of terminating the program; the other workers stop taking work.
  std::mutex failure_mutex;
  std::exception_ptr failure;
  auto work = [&](unsigned worker) {
    try {
      for (std::size_t i = next.fetch_add(1); i < n; i = next.fetch_add(1)) body(i, worker);
    } catch (...) {
      std::lock_guard<std::mutex> lock(failure_mutex);
      if (!failure) failure = std::current_exception();
      next.store(n);
    }
  };
  std::vector<std::thread> pool;
  pool.reserve(count - 1);
  for (unsigned w = 1; w < count; ++w) {
    try {
      pool.emplace_back(work, w);
    } catch (const std::system_error&) {
      break;  // no more threads: the running ones share the work
    }
  }
  work(0);
  for (auto& t : pool) t.join();
  if (failure) std::rethrow_exception(failure);
}

unsigned resolve_threads(unsigned requested) {
  if (requested > 0) return requested;
  return std::max(1u, std::thread::hardware_concurrency());
}

// ---------------------------------------------------------------------------
// flow_graph

flow_graph::flow_graph(const model& m, const graph::views& v) : model_(&m), n_(v.size()) {
  const std::size_t nf = m.flows.size();
  ends_.resize(nf);
  cost2_.resize(nf);
  worst_.resize(nf);
  for (std::size_t f = 0; f < nf; ++f) {
    ends_[f] = {v.flow_from(f), v.flow_to(f)};
    const millis lat = m.flows[f].latency_ms(), cad = m.flows[f].cadence_ms();
    cost2_[f] = add_sat(add_sat(lat, lat), cad);
    worst_[f] = add_sat(lat, cad);
  }

  artifact_ids_.reserve(m.artifacts.size());
  for (std::size_t a = 0; a < m.artifacts.size(); ++a) artifact_ids_.emplace_back(m.artifacts[a].id, a);
  // Stable: with duplicate ids (never in a valid model) the first wins.
  std::stable_sort(artifact_ids_.begin(), artifact_ids_.end(),
                   [](const auto& x, const auto& y) { return x.first < y.first; });

  named_.assign(m.artifacts.size(), {});
  std::vector<std::pair<vertex, std::uint32_t>> star;  // (from, flow)
  std::vector<std::size_t> seen;
  for (std::size_t f = 0; f < nf; ++f) {
    const flow& fl = m.flows[f];
    if (fl.carries_all()) {
      star.emplace_back(ends_[f].first, static_cast<std::uint32_t>(f));
      continue;
    }
    if (!fl.carries) continue;
    seen.clear();
    for (const std::string& id : *fl.carries) {
      auto a = artifact_index(id);
      if (!a || std::find(seen.begin(), seen.end(), *a) != seen.end()) continue;  // repeats are ignored
      seen.push_back(*a);
      named_[*a].push_back(static_cast<std::uint32_t>(f));
    }
  }

  // The `*` arcs, one per ordered pair: the preferred flow.
  std::sort(star.begin(), star.end(), [&](const auto& x, const auto& y) {
    if (x.first != y.first) return x.first < y.first;
    const vertex tx = ends_[x.second].second, ty = ends_[y.second].second;
    if (tx != ty) return tx < ty;
    return preferred(x.second, y.second);
  });
  std::vector<arc> kept;
  std::vector<vertex> kept_from;
  for (std::size_t i = 0; i < star.size(); ++i) {
    if (i > 0 && star[i].first == star[i - 1].first && ends_[star[i].second].second == ends_[star[i - 1].second].second)
      continue;
    const std::uint32_t f = star[i].second;
    kept.push_back(arc{static_cast<std::uint32_t>(ends_[f].second), f, cost2_[f]});
    kept_from.push_back(star[i].first);
  }
  star_out_off_.assign(n_ + 1, 0);
  star_in_off_.assign(n_ + 1, 0);
  for (std::size_t i = 0; i < kept.size(); ++i) {
    ++star_out_off_[kept_from[i] + 1];
    ++star_in_off_[kept[i].to + 1];
  }
  for (std::size_t u = 0; u < n_; ++u) {
    star_out_off_[u + 1] += star_out_off_[u];
    star_in_off_[u + 1] += star_in_off_[u];
  }
  star_out_ = kept;  // already sorted by (from, to)
  star_in_.resize(kept.size());
  std::vector<std::uint32_t> fill(star_in_off_.begin(), star_in_off_.end() - 1);
  for (std::size_t i = 0; i < kept.size(); ++i)
    star_in_[fill[kept[i].to]++] = arc{static_cast<std::uint32_t>(kept_from[i]), kept[i].flow, kept[i].cost2};
}

std::optional<std::size_t> flow_graph::artifact_index(std::string_view id) const {
  auto it = std::lower_bound(artifact_ids_.begin(), artifact_ids_.end(), id,
                             [](const auto& x, std::string_view key) { return x.first < key; });
  if (it == artifact_ids_.end() || it->first != id) return std::nullopt;
  return it->second;
}

bool flow_graph::preferred(std::size_t a, std::size_t b) const {
  if (cost2_[a] != cost2_[b]) return cost2_[a] < cost2_[b];
  if (worst_[a] != worst_[b]) return worst_[a] < worst_[b];
  const double ra = model_->flows[a].reliability_or_default(), rb = model_->flows[b].reliability_or_default();
  if (ra != rb) return ra > rb;
  return a < b;
}

std::optional<std::uint32_t> flow_graph::star_flow(vertex u, vertex v) const {
  const arc* b = star_out_begin(u);
  const arc* e = star_out_end(u);
  const arc* it = std::lower_bound(b, e, v, [](const arc& x, vertex key) { return x.to < key; });
  if (it == e || it->to != v) return std::nullopt;
  return it->flow;
}

// ---------------------------------------------------------------------------
// artifact_view

artifact_view::artifact_view(const flow_graph& g) : g_(&g), out_head_(g.size(), -1), in_head_(g.size(), -1) {}

void artifact_view::load(std::size_t artifact) {
  // Reset only what the previous artifact touched.
  for (const arc& a : named_arcs_) {
    out_head_[g_->from(a.flow)] = -1;
    in_head_[a.to] = -1;
  }
  named_arcs_.clear();
  out_next_.clear();
  in_next_.clear();
  if (!indexed_.empty()) {
    best_named_.clear();
    indexed_.clear();
  }
  const auto& fl = g_->named_flows(artifact);
  // Linked lists are built front-inserted; walk the flows backwards so each
  // list runs in file order (not needed for correctness, kept for clarity).
  for (std::size_t i = fl.size(); i-- > 0;) {
    const std::uint32_t f = fl[i];
    const vertex u = g_->from(f), v = g_->to(f);
    const auto e = static_cast<std::int32_t>(named_arcs_.size());
    named_arcs_.push_back(arc{static_cast<std::uint32_t>(v), f, g_->cost2(f)});
    out_next_.push_back(out_head_[u]);
    out_head_[u] = e;
    in_next_.push_back(in_head_[v]);
    in_head_[v] = e;
  }
}

std::uint32_t artifact_view::chosen_flow(vertex u, vertex v) const {
  std::optional<std::uint32_t> best = g_->star_flow(u, v);
  // `preferred` is a total order, so the best of a set does not depend on
  // the order in which it is seen.
  const auto key = [](vertex from, vertex to) { return static_cast<std::uint64_t>(from) << 32 | to; };
  if (indexed_.count(u) == 0) {
    std::size_t seen = 0;
    for (std::int32_t e = out_head_[u]; e >= 0 && seen <= 16; e = out_next_[static_cast<std::size_t>(e)], ++seen) {
      const arc& a = named_arcs_[static_cast<std::size_t>(e)];
      if (a.to != v) continue;
      if (!best || g_->preferred(a.flow, *best)) best = a.flow;
    }
    if (seen <= 16) {
      assert(best);
      return *best;
    }
    // Many named flows leave u: index them once for this artifact.
    for (std::int32_t e = out_head_[u]; e >= 0; e = out_next_[static_cast<std::size_t>(e)]) {
      const arc& a = named_arcs_[static_cast<std::size_t>(e)];
      const auto [it, fresh] = best_named_.emplace(key(u, a.to), a.flow);
      if (!fresh && g_->preferred(a.flow, it->second)) it->second = a.flow;
    }
    indexed_.insert(u);
    best = g_->star_flow(u, v);
  }
  if (const auto it = best_named_.find(key(u, v)); it != best_named_.end())
    if (!best || g_->preferred(it->second, *best)) best = it->second;
  assert(best);
  return *best;
}

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
  // (unit vertex, artifact index) -> position in needs_.
  std::map<std::pair<vertex, std::size_t>, std::size_t> index;
  for (std::size_t i = 0; i < m.needs.size(); ++i) {
    const auto u = views_->vertex_of(m.needs[i].unit);
    const auto a = graph_.artifact_index(m.needs[i].artifact);
    if (!u || !a) continue;  // never in a valid model
    if (!index.emplace(std::make_pair(*u, *a), needs_.size()).second) continue;  // the first wins
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
      if (!index.emplace(std::make_pair(y, *a), needs_.size()).second) continue;  // declared or earlier handoff
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

namespace {

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
struct search_scratch {
  std::vector<search_label> l;
  std::uint32_t current = 0;
  explicit search_scratch(std::size_t n) : l(n) {}
};

// A heap entry: (cost, hops) is the key, the vertex breaks nothing (equal
// keys are settled in any order; ties between paths are decided exactly
// when relaxing).
struct heap_entry {
  millis dist;
  std::int32_t hops;
  std::uint32_t v;
  bool operator>(const heap_entry& o) const { return dist != o.dist ? dist > o.dist : hops > o.hops; }
};

// Reachability in G through its strong components: the condensation is a
// DAG, usually far smaller than G.
struct reachability {
  std::vector<std::size_t> comp;
  std::vector<std::uint32_t> off, succ;  // condensation CSR
  explicit reachability(const graph::views& v) {
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

}  // namespace

void delivery::solve(unsigned threads) {
  const model& m = *model_;
  const std::size_t n = views_->size();
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

  std::optional<reachability> reach;
  reach.emplace(*views_);

  struct worker_state {
    artifact_view view;
    search_scratch s;
    std::vector<char> on_path;
    std::vector<std::uint32_t> comp_stamp;
    std::uint32_t comp_current = 0;
    worker_state(const flow_graph& g, std::size_t n, std::size_t flows, std::size_t comps)
        : view(g), s(n), on_path(flows, 0), comp_stamp(comps, 0) {}
  };
  const unsigned count = static_cast<unsigned>(std::max<std::size_t>(1, std::min<std::size_t>(threads, work.size())));
  std::vector<std::unique_ptr<worker_state>> workers;
  for (unsigned w = 0; w < count; ++w)
    workers.push_back(std::make_unique<worker_state>(graph_, n, m.flows.size(), reach->off.size()));

  run_parallel(work.size(), count, [&](std::size_t job, unsigned w) {
    const std::size_t a = work[job];
    worker_state& ws = *workers[w];
    search_scratch& s = ws.s;
    artifact_view& view = ws.view;
    view.load(a);
    const vertex root = owner_[a];
    if (++s.current == 0) {  // stamp wrap-around: start afresh
      for (auto& lab : s.l) lab.stamp = 0;
      s.current = 1;
    }
    const std::uint32_t cur = s.current;
    auto seen = [&](vertex x) { return s.l[x].stamp == cur; };
    auto touch = [&](vertex x) {
      s.l[x].stamp = cur;
      s.l[x].settled = 0;
      s.l[x].target = 0;
    };
    std::size_t remaining = 0;
    for (std::size_t i : by_artifact_[a]) {
      const vertex u = needs_[i].unit;
      if (needs_[i].own) continue;
      if (!seen(u)) {
        touch(u);
        s.l[u].dist = std::numeric_limits<millis>::max();
        s.l[u].hops = std::numeric_limits<std::int32_t>::max();
      }
      if (!s.l[u].target) {
        s.l[u].target = 1;
        ++remaining;
      }
    }
    // Lexicographic order of the (equally long) best paths to x and y,
    // both settled with equal hops: the first difference lies just below
    // their deepest common ancestor.
    auto path_less = [&](vertex x, vertex y) {
      while (s.l[x].parent != s.l[y].parent) {
        x = s.l[x].parent;
        y = s.l[y].parent;
      }
      return x < y;
    };
    std::priority_queue<heap_entry, std::vector<heap_entry>, std::greater<heap_entry>> heap;
    auto fresh = [&](vertex x) {
      if (!seen(x)) {
        touch(x);
        s.l[x].dist = std::numeric_limits<millis>::max();
        s.l[x].hops = std::numeric_limits<std::int32_t>::max();
      }
    };
    fresh(root);
    s.l[root].dist = 0;
    s.l[root].hops = 0;
    s.l[root].parent = root;
    heap.push(heap_entry{0, 0, static_cast<std::uint32_t>(root)});
    while (!heap.empty() && remaining > 0) {
      const millis d = heap.top().dist;
      const std::int32_t h = heap.top().hops;
      const vertex u = heap.top().v;
      heap.pop();
      if (s.l[u].settled || d != s.l[u].dist || h != s.l[u].hops) continue;
      s.l[u].settled = 1;
      if (s.l[u].target) --remaining;
      view.for_each_out(u, [&](const arc& e) {
        const vertex x = e.to;
        fresh(x);
        if (s.l[x].settled) return;
        const millis nd = add_sat(d, e.cost2);
        const std::int32_t nh = h + 1;
        if (nd < s.l[x].dist || (nd == s.l[x].dist && nh < s.l[x].hops)) {
          s.l[x].dist = nd;
          s.l[x].hops = nh;
          s.l[x].parent = u;
          heap.push(heap_entry{nd, nh, static_cast<std::uint32_t>(x)});
        } else if (nd == s.l[x].dist && nh == s.l[x].hops && s.l[x].parent != u && path_less(u, s.l[x].parent)) {
          s.l[x].parent = u;  // same key: no new heap entry needed
        }
      });
    }

    // Read the paths off the tree; reachability in G for the rest.
    bool comp_bfs_done = false;
    for (std::size_t i : by_artifact_[a]) {
      need_delivery& nd = needs_[i];
      if (nd.own) continue;
      const vertex u = nd.unit;
      if (!s.l[u].settled) {
        if (!comp_bfs_done) {
          comp_bfs_done = true;
          if (++ws.comp_current == 0) {
            std::fill(ws.comp_stamp.begin(), ws.comp_stamp.end(), 0);
            ws.comp_current = 1;
          }
          std::vector<std::uint32_t> stack{static_cast<std::uint32_t>(reach->comp[root])};
          ws.comp_stamp[stack.back()] = ws.comp_current;
          while (!stack.empty()) {
            const std::uint32_t c = stack.back();
            stack.pop_back();
            for (std::uint32_t k = reach->off[c]; k < reach->off[c + 1]; ++k)
              if (ws.comp_stamp[reach->succ[k]] != ws.comp_current) {
                ws.comp_stamp[reach->succ[k]] = ws.comp_current;
                stack.push_back(reach->succ[k]);
              }
          }
        }
        nd.reachable_in_g = ws.comp_stamp[reach->comp[u]] == ws.comp_current;
        continue;
      }
      nd.delivered = true;
      nd.expected_lag2 = s.l[u].dist;
      for (vertex x = u;; x = s.l[x].parent) {
        nd.path.push_back(x);
        if (x == root) break;
      }
      std::reverse(nd.path.begin(), nd.path.end());
      millis w = 0;
      double r = 1;
      for (std::size_t k = 0; k + 1 < nd.path.size(); ++k) {
        const std::uint32_t f = view.chosen_flow(nd.path[k], nd.path[k + 1]);
        nd.flows.push_back(f);
        ws.on_path[f] = 1;
        const flow& fl = m.flows[f];
        w = add_sat(w, add_sat(fl.latency_ms(), fl.cadence_ms()));
        r *= fl.reliability_or_default();
      }
      nd.worst_lag = w;
      nd.reliability = r;
    }
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
    for (vertex x : n.path) r.path.push_back(views_->id_of(x));
    for (std::uint32_t f : n.flows) r.flows.push_back(m.flows[f].id);
  }
  return r;
}

}  // namespace orgflow::analysis
