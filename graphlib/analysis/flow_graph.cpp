// The flow graph and the per-artifact views of the delivery searches
// (flow_graph.hpp).
#include "analysis/flow_graph.hpp"
#include "orgflow/check.hpp"

#include <algorithm>
#include <tuple>

namespace orgflow::analysis {

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
  for (std::size_t a = 0; a < m.artifacts.size(); ++a)  // with duplicate ids (never in a valid model) the first wins
    if (artifact_ids_.intern(m.artifacts[a].id) == artifact_of_.size()) artifact_of_.push_back(a);

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
  const auto k = artifact_ids_.find(id);
  if (!k) return std::nullopt;
  return artifact_of_[*k];
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
      check_invariant(best.has_value(), "a preferred flow between two units that a delivery path joins");
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
  check_invariant(best.has_value(), "a preferred flow between two units that a delivery path joins");
  return *best;
}

}  // namespace orgflow::analysis
