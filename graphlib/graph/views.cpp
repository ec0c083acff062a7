// Graph views over a model (see views.hpp).
#include "graph/views.hpp"

#include <algorithm>
#include <map>
#include <numeric>

#include "orgflow/check.hpp"

namespace orgflow::graph {

namespace {

// The vertex of a unit the model refers to: a valid model's references all
// resolve (a broken one is a programmer's error, not the user's).
vertex vertex_at(const views& v, const std::string& unit_id) {
  const auto x = v.vertex_of(unit_id);
  check_invariant(x.has_value(), "every unit a flow or handoff names is a unit of the model");
  return *x;
}

}  // namespace

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
    const vertex a = vertex_at(*this, m.flows[f].from), b = vertex_at(*this, m.flows[f].to);
    flow_ends_.emplace_back(a, b);
    boost::add_edge(a, b, edge_info{f}, info_);
  }
  std::map<std::string_view, std::vector<std::size_t>> procs;  // process -> its handoffs, file order
  handoff_ends_.reserve(m.handoffs.size());
  for (std::size_t h = 0; h < m.handoffs.size(); ++h) {
    const vertex a = vertex_at(*this, m.handoffs[h].from), b = vertex_at(*this, m.handoffs[h].to);
    handoff_ends_.emplace_back(a, b);
    boost::add_edge(a, b, edge_info{h}, work_);
    if (m.handoffs[h].process) procs[*m.handoffs[h].process].push_back(h);
  }
  processes_.reserve(procs.size());
  process_handoffs_.reserve(procs.size());
  for (auto& [name, handoffs] : procs) {
    processes_.emplace_back(name);
    process_handoffs_.push_back(std::move(handoffs));
  }
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
  const auto it = std::lower_bound(processes_.begin(), processes_.end(), process,
                                   [](const std::string& x, std::string_view key) { return x < key; });
  if (it == processes_.end() || *it != process) return {};
  return process_handoffs_[static_cast<std::size_t>(it - processes_.begin())];
}

digraph views::process_graph(std::string_view process) const {
  digraph g(ids_.size());
  for (std::size_t h : process_handoffs(process))
    boost::add_edge(handoff_ends_[h].first, handoff_ends_[h].second, edge_info{h}, g);
  return g;
}

}  // namespace orgflow::graph
