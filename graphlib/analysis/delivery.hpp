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

#include "analysis/flow_graph.hpp"
#include "analysis/parallel.hpp"
#include "graph/views.hpp"
#include "orgflow/analysis.hpp"

namespace orgflow::analysis {

using graph::vertex;

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
  struct worker;       // one thread's scratch (delivery.cpp)
  struct reach_index;  // reachability in G through its condensation
  void collect_needs();
  void solve(unsigned threads);
  // The Dijkstra of one artifact from its owner, until every consumer is
  // settled; then its paths, chosen flows, lags and reliabilities read off.
  void settle(std::size_t artifact, worker& w) const;
  void record(std::size_t artifact, worker& w, const reach_index& reach);

  const model* model_;
  const graph::views* views_;
  unsigned threads_;
  flow_graph graph_;
  std::vector<vertex> owner_;
  std::vector<need_delivery> needs_;
  std::vector<std::vector<std::size_t>> by_artifact_;
  std::vector<char> on_path_;
};

inline constexpr vertex unreached = static_cast<vertex>(-1);

/// Immediate dominators of the vertices reachable from a root in G[A]
/// (Lengauer-Tarjan with path compression, O(m log n)), its memory kept
/// from one build to the next: a build costs O(what the root reaches), not
/// O(units). Implemented in single_route.cpp.
class dominator_tree {
 public:
  /// The tree of g from `root`, replacing the previous one.
  void build(const artifact_view& g, vertex root);
  /// The immediate dominator of x: `root` for the root itself, `unreached`
  /// for a vertex the root does not reach. O(1).
  vertex idom(vertex x) const {
    if (x >= num_.size() || num_[x] < 0) return unreached;
    return order_[static_cast<std::size_t>(idom_[static_cast<std::size_t>(num_[x])])];
  }

 private:
  std::vector<std::int32_t> num_;  // depth-first number, -1 where not reached (reset per build)
  std::vector<vertex> order_;      // number -> vertex
  std::vector<std::int32_t> parent_, semi_, idom_, ancestor_, label_, bucket_head_, bucket_next_, chain_;
  std::vector<std::pair<vertex, std::int32_t>> stack_;
};

}  // namespace orgflow::analysis
