// Graph views over a model (see views.hpp).
#include "graph/views.hpp"

#include <algorithm>
#include <numeric>
#include <set>

namespace orgflow::graph {

views::views(const model& m) : model_(&m) {
  std::vector<std::size_t> order(m.units.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return m.units[a].id < m.units[b].id; });
  ids_.reserve(m.units.size());
  for (std::size_t i : order) {
    // A valid model has unique ids; keep the first should a caller pass
    // duplicates anyway (references resolve to the first).
    const std::size_t before = ids_.size();
    if (ids_.intern(m.units[i].id) < before) continue;
    unit_index_.push_back(i);
  }
  info_ = digraph(ids_.size());
  work_ = digraph(ids_.size());
  flow_ends_.reserve(m.flows.size());
  for (std::size_t f = 0; f < m.flows.size(); ++f) {
    const vertex a = *vertex_of(m.flows[f].from), b = *vertex_of(m.flows[f].to);
    flow_ends_.emplace_back(a, b);
    boost::add_edge(a, b, edge_info{f}, info_);
  }
  std::set<std::string> procs;
  handoff_ends_.reserve(m.handoffs.size());
  for (std::size_t h = 0; h < m.handoffs.size(); ++h) {
    const vertex a = *vertex_of(m.handoffs[h].from), b = *vertex_of(m.handoffs[h].to);
    handoff_ends_.emplace_back(a, b);
    boost::add_edge(a, b, edge_info{h}, work_);
    if (m.handoffs[h].process) procs.insert(*m.handoffs[h].process);
  }
  processes_.assign(procs.begin(), procs.end());
}

std::optional<vertex> views::vertex_of(std::string_view unit_id) const {
  const auto x = ids_.find(unit_id);
  if (!x) return std::nullopt;
  return static_cast<vertex>(*x);
}

std::vector<std::size_t> views::artifact_flows(std::string_view artifact) const {
  std::vector<std::size_t> out;
  for (std::size_t f = 0; f < model_->flows.size(); ++f)
    if (model_->flows[f].carries_artifact(artifact)) out.push_back(f);
  return out;
}

digraph views::artifact_graph(std::string_view artifact) const {
  digraph g(ids_.size());
  for (std::size_t f : artifact_flows(artifact))
    boost::add_edge(flow_ends_[f].first, flow_ends_[f].second, edge_info{f}, g);
  return g;
}

std::vector<std::size_t> views::process_handoffs(std::string_view process) const {
  std::vector<std::size_t> out;
  for (std::size_t h = 0; h < model_->handoffs.size(); ++h)
    if (model_->handoffs[h].process && *model_->handoffs[h].process == process) out.push_back(h);
  return out;
}

digraph views::process_graph(std::string_view process) const {
  digraph g(ids_.size());
  for (std::size_t h : process_handoffs(process))
    boost::add_edge(handoff_ends_[h].first, handoff_ends_[h].second, edge_info{h}, g);
  return g;
}

}  // namespace orgflow::graph
