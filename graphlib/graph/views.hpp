// Graph views over a model (analyses.md, Graphs), built with Boost.Graph:
// the information graph G (one edge per flow), the artifact graphs G[A] (the
// flows that carry A or `*`), the work graph H (one edge per handoff) and the
// process graphs H[P].
//
// Vertex i is the unit with the i-th smallest id in byte order, so every
// algorithm that walks vertices in index order is deterministic and agrees
// with the spec's "lexicographically smallest" tie rules. Edges are added in
// file order and carry the index of their flow or handoff in the model.
//
// This header is internal to graphlib (it exposes BGL types); public headers
// never include it.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <boost/graph/adjacency_list.hpp>

#include "orgflow/model.hpp"
#include "text/id_index.hpp"

namespace orgflow::graph {

/// The model element an edge stands for: its index in model.flows (G, G[A])
/// or model.handoffs (H, H[P]).
struct edge_info {
  std::size_t index = 0;
};

using digraph = boost::adjacency_list<boost::vecS, boost::vecS, boost::bidirectionalS,
                                      boost::no_property, edge_info>;
using vertex = std::size_t;

class views {
 public:
  /// Builds G and H in O(n log n + flows + handoffs). The model must be valid
  /// (every reference resolves) and must outlive the views.
  explicit views(const model& m);

  const model& source() const { return *model_; }
  std::size_t size() const { return ids_.size(); }
  /// Unit ids in byte order; vertex i is ids()[i].
  const std::vector<std::string>& ids() const { return ids_.names(); }
  /// The vertex of a unit id, nullopt for an id that is not a unit's.
  /// O(|unit_id|) expected (a hash table).
  std::optional<vertex> vertex_of(std::string_view unit_id) const;
  const std::string& id_of(vertex v) const { return ids_.names()[v]; }
  /// Index into model.units of the unit at vertex v.
  std::size_t unit_index(vertex v) const { return unit_index_[v]; }
  const unit& unit_at(vertex v) const { return model_->units[unit_index_[v]]; }

  /// Vertex of each flow's / handoff's ends, by flow / handoff index.
  vertex flow_from(std::size_t f) const { return flow_ends_[f].first; }
  vertex flow_to(std::size_t f) const { return flow_ends_[f].second; }
  vertex handoff_from(std::size_t h) const { return handoff_ends_[h].first; }
  vertex handoff_to(std::size_t h) const { return handoff_ends_[h].second; }

  /// G: every unit, one edge per flow (file order).
  const digraph& information() const { return info_; }
  /// H: every unit, one edge per handoff (file order).
  const digraph& work() const { return work_; }

  /// Indices of the flows of G[A] (they list `artifact` or are `*`), file
  /// order. An unknown artifact gives the `*` flows.
  std::vector<std::size_t> artifact_flows(std::string_view artifact) const;
  /// G[A] as its own graph over all units.
  digraph artifact_graph(std::string_view artifact) const;

  /// Distinct process names of the handoffs, in byte order.
  const std::vector<std::string>& processes() const { return processes_; }
  /// Indices of the handoffs of process P, file order. O(log processes +
  /// the handoffs of P).
  std::vector<std::size_t> process_handoffs(std::string_view process) const;
  /// H[P] as its own graph over all units.
  digraph process_graph(std::string_view process) const;

 private:
  const model* model_;
  text_detail::id_index ids_;  // vertex -> unit id, and back
  std::vector<std::size_t> unit_index_;
  std::vector<std::pair<vertex, vertex>> flow_ends_;
  std::vector<std::pair<vertex, vertex>> handoff_ends_;
  std::vector<std::string> processes_;
  std::vector<std::vector<std::size_t>> process_handoffs_;  // by the index of the process in processes_
  digraph info_;
  digraph work_;
};

}  // namespace orgflow::graph
