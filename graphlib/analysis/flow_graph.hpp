// The flows of a model arranged for the delivery searches (delivery.hpp):
// the `*` flows, members of every G[A], as one shared CSR reduced to the
// preferred flow per ordered unit pair, and per artifact the flows that name
// it; artifact_view links them into G[A] for one artifact at a time in
// O(flows naming A). Internal to graphlib.
#pragma once

#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "graph/views.hpp"
#include "orgflow/model.hpp"

namespace orgflow::analysis {

using graph::vertex;

/// Saturating addition: the sum of path costs stays exact for every model a
/// person could write (10,000 hops of 30 years fit easily in 63 bits); a
/// pathological one saturates instead of wrapping around.
inline millis add_sat(millis a, millis b) {
  if (a > std::numeric_limits<millis>::max() - b) return std::numeric_limits<millis>::max();
  return a + b;
}

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
  /// O(|id|) expected.
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
  text_detail::id_index artifact_ids_;          // distinct artifact ids, model order
  std::vector<std::size_t> artifact_of_;        // distinct id -> index in model.artifacts (the first)
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

}  // namespace orgflow::analysis
