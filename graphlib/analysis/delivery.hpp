// The delivery of artifacts (analyses.md, "Delivery of an artifact" and the
// Delivery rules of "Exact rules"): every need, declared or implicit, and the
// path on which its artifact reaches it. The object is complete when
// constructed; staleness, loss, friction, waste, single routes, relays, the
// need rows and the diagnosis all read it, so the paths are computed once.
//
// Costs are exact integers: an edge of G[A] costs 2·e = 2·latency + cadence
// milliseconds. Between two units only the preferred flow counts (least e,
// then least w, then highest reliability, then first in the file). Paths are
// found by one Dijkstra per artifact from its owner, keyed on (cost, hops);
// among paths of equal key the lexicographically smallest unit sequence wins,
// settled exactly by comparing predecessor chains (vertex numbers follow the
// byte order of unit ids, so comparing vertex sequences is comparing id
// sequences).
//
// G[A] is never materialised as a Boost graph: the `*` flows (members of every
// G[A]) form one shared CSR, and the flows that name A are linked into
// per-thread scratch lists, so a worker sets up G[A] in O(flows naming A).
// Internal to graphlib.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <thread>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "graph/views.hpp"
#include "orgflow/analysis.hpp"

namespace orgflow::analysis {

using graph::vertex;

/// Runs body(i, worker) for i in [0, n) on `threads` threads (at least 1),
/// handing out indices dynamically. `worker` is in [0, threads): callers keep
/// per-worker scratch. The body must write only to slots of its own i (or
/// its own worker) so that the result does not depend on the schedule.
void run_parallel(std::size_t n, unsigned threads, const std::function<void(std::size_t, unsigned)>& body);

/// The number of threads to use for a requested count (0: the hardware
/// concurrency, at least 1).
unsigned resolve_threads(unsigned requested);

/// One arc of the flow graph: the flow's receiver, its index in model.flows
/// and its exact doubled expected lag 2·latency + cadence.
struct arc {
  std::uint32_t to = 0;
  std::uint32_t flow = 0;
  millis cost2 = 0;
};

/// The flows of a model arranged for fast G[A] searches: the `*` flows as a
/// CSR (out and in), reduced to the preferred flow per ordered unit pair, and
/// for each artifact the flows that name it (file order, each once).
class flow_graph {
 public:
  flow_graph(const model& m, const graph::views& v);

  std::size_t size() const { return n_; }
  const model& source() const { return *model_; }
  /// Index in model.artifacts of an artifact id (the first with that id).
  std::optional<std::size_t> artifact_index(std::string_view id) const;
  /// Flows that name artifact a in `carries` (not the `*` flows).
  const std::vector<std::uint32_t>& named_flows(std::size_t a) const { return named_[a]; }
  const arc* star_out_begin(vertex v) const { return star_out_.data() + star_out_off_[v]; }
  const arc* star_out_end(vertex v) const { return star_out_.data() + star_out_off_[v + 1]; }
  /// In-arcs: `to` holds the sender.
  const arc* star_in_begin(vertex v) const { return star_in_.data() + star_in_off_[v]; }
  const arc* star_in_end(vertex v) const { return star_in_.data() + star_in_off_[v + 1]; }
  vertex from(std::size_t f) const { return ends_[f].first; }
  vertex to(std::size_t f) const { return ends_[f].second; }
  millis cost2(std::size_t f) const { return cost2_[f]; }
  /// True when flow a is preferred to flow b between the same two units:
  /// least e, then least w, then highest reliability, then first in file.
  bool preferred(std::size_t a, std::size_t b) const;
  /// The preferred `*` flow from u to v, if any (binary search).
  std::optional<std::uint32_t> star_flow(vertex u, vertex v) const;

 private:
  const model* model_;
  std::size_t n_ = 0;
  std::vector<std::pair<vertex, vertex>> ends_;
  std::vector<millis> cost2_;
  std::vector<millis> worst_;
  std::vector<std::uint32_t> star_out_off_, star_in_off_;
  std::vector<arc> star_out_, star_in_;
  std::vector<std::vector<std::uint32_t>> named_;
  std::vector<std::pair<std::string, std::size_t>> artifact_ids_;  // sorted by id
};

/// G[A] for one artifact at a time, over a flow_graph: the shared `*` arcs
/// plus the artifact's named flows linked into scratch lists. One per worker;
/// load() costs O(flows naming A), not O(units).
class artifact_view {
 public:
  explicit artifact_view(const flow_graph& g);
  void load(std::size_t artifact);
  /// Calls f(arc) for every out-arc of u in G[A] (parallel arcs included).
  template <class F>
  void for_each_out(vertex u, F&& f) const {
    for (const arc* a = g_->star_out_begin(u); a != g_->star_out_end(u); ++a) f(*a);
    for (std::int32_t e = out_head_[u]; e >= 0; e = out_next_[static_cast<std::size_t>(e)])
      f(named_arcs_[static_cast<std::size_t>(e)]);
  }
  /// Calls f(sender) for every in-arc of v in G[A].
  template <class F>
  void for_each_in(vertex v, F&& f) const {
    for (const arc* a = g_->star_in_begin(v); a != g_->star_in_end(v); ++a) f(static_cast<vertex>(a->to));
    for (std::int32_t e = in_head_[v]; e >= 0; e = in_next_[static_cast<std::size_t>(e)])
      f(g_->from(named_arcs_[static_cast<std::size_t>(e)].flow));
  }
  /// The chosen flow from u to v in G[A] (the spec's preference order);
  /// the pair must have one.
  std::uint32_t chosen_flow(vertex u, vertex v) const;
  const flow_graph& graph() const { return *g_; }

 private:
  const flow_graph* g_;
  std::vector<arc> named_arcs_;
  std::vector<std::int32_t> out_head_, in_head_, out_next_, in_next_;
  // For a sender with many named flows (a hub that sends the artifact to
  // 40,000 units): its preferred named flow per receiver, built on the first
  // chosen_flow that needs it, so that choosing is not a scan per need.
  // Emptied by load().
  mutable std::unordered_map<std::uint64_t, std::uint32_t> best_named_;
  mutable std::unordered_set<vertex> indexed_;
};

/// One need (declared or implicit) with its delivery.
struct need_delivery {
  vertex unit = 0;
  std::size_t artifact = 0;  // index in model.artifacts
  vertex owner = 0;
  bool implicit = false;
  std::optional<std::size_t> source_handoff;  // implicit: the first handoff creating it
  std::optional<std::size_t> declared;        // declared: index in model.needs (first)
  bool own = false;
  bool delivered = false;
  bool reachable_in_g = false;  // meaningful when not delivered: U reachable from O in G
  millis expected_lag2 = 0;     // 2E, exact
  millis worst_lag = 0;         // W
  double reliability = 1;       // R
  std::optional<millis> tolerance;       // T
  std::optional<double> outdated_share;  // 1 - exp(-E/C), with changes
  std::vector<vertex> path;              // owner first; empty when undelivered
  std::vector<std::uint32_t> flows;      // chosen flows along the path

  /// E in whole milliseconds (2E / 2, rounded down: only an odd-millisecond
  /// cadence makes a half).
  millis expected_lag() const { return expected_lag2 / 2; }
  std::int64_t hops() const { return path.empty() ? 0 : static_cast<std::int64_t>(path.size()) - 1; }
  /// A delivered need in the sense of LOAD.RELAY: a delivery path, O != U.
  bool delivered_elsewhere() const { return delivered && !own; }
};

class delivery {
 public:
  /// Assembles the needs (declared, deduplicated per (unit, artifact) with
  /// the first winning, plus implicit needs from handoff contexts) and
  /// computes every delivery path. O(A · (m_A + n_A) log n_A) over the
  /// artifacts with a consumer, on `threads` threads (0: hardware
  /// concurrency); the result does not depend on the thread count. The model
  /// must be valid and outlive the object.
  delivery(const model& m, const graph::views& v, unsigned threads = 0);

  const model& source() const { return *model_; }
  const graph::views& views() const { return *views_; }
  const flow_graph& flows() const { return graph_; }
  unsigned threads() const { return threads_; }

  /// Every need, ordered by unit id, then artifact id.
  const std::vector<need_delivery>& needs() const { return needs_; }
  /// The need of unit u for artifact a, if any. O(log needs of a).
  const need_delivery* find(vertex u, std::size_t artifact) const;
  /// True when flow f is the chosen flow of some need's delivery path.
  bool on_delivery_path(std::size_t f) const { return on_path_[f] != 0; }
  /// Vertex of each artifact's owner, by artifact index.
  vertex owner(std::size_t artifact) const { return owner_[artifact]; }
  /// Indices (into needs()) of the needs of each artifact.
  const std::vector<std::size_t>& needs_of(std::size_t artifact) const { return by_artifact_[artifact]; }

  /// The public row of a need (cli.md, needs).
  need_row row(const need_delivery& n) const;

 private:
  void collect_needs();
  void solve(unsigned threads);

  const model* model_;
  const graph::views* views_;
  unsigned threads_;
  flow_graph graph_;
  std::vector<vertex> owner_;
  std::vector<need_delivery> needs_;
  std::vector<std::vector<std::size_t>> by_artifact_;
  std::vector<char> on_path_;
};

/// Immediate dominators of the vertices reachable from `root` in G[A]
/// (Lengauer-Tarjan with path compression, O(m log n)). Returns, for each
/// vertex, its immediate dominator, `root` for the root itself, and
/// `unreached` for vertices not reachable. Implemented in single_route.cpp.
inline constexpr vertex unreached = static_cast<vertex>(-1);
std::vector<vertex> immediate_dominators(const artifact_view& g, vertex root);

}  // namespace orgflow::analysis
