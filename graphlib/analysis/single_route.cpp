// Single routes (analyses.md, Single points of failure: RISK.SINGLE_ROUTE): a
// unit X other than the owner O and the consumer U that lies on every path
// from O to U in G[A], i.e. X strictly dominates U in G[A] rooted at O. One
// finding per (X, A), listing every consumer it cuts off; only needs with a
// delivery path (declared or implicit, O != U) count.
//
// Dominators come from Lengauer-Tarjan ("A fast algorithm for finding
// dominators in a flowgraph", 1979, the simple version with path
// compression, O(m log n)) over the artifact_view of the delivery family, so
// G[A] is never copied into a Boost graph; artifacts are independent and run
// in parallel.
#include <algorithm>
#include <map>
#include <memory>

#include "analysis/delivery.hpp"
#include "analysis/delivery_prose.hpp"
#include "analysis/families.hpp"
#include "text/concat.hpp"

namespace orgflow::analysis {

void dominator_tree::build(const artifact_view& g, vertex root) {
  const std::size_t n = g.graph().size();
  for (const vertex x : order_) num_[x] = -1;  // the previous tree's vertices
  num_.resize(n, -1);
  order_.clear();
  parent_.clear();
  if (root >= n) return;

  // Depth-first numbering (iterative: a vertex is numbered when popped, with
  // the vertex that pushed that copy as its tree parent, which yields a true
  // depth-first tree).
  stack_.assign(1, {root, -1});
  while (!stack_.empty()) {
    const auto [x, p] = stack_.back();
    stack_.pop_back();
    if (num_[x] >= 0) continue;
    num_[x] = static_cast<std::int32_t>(order_.size());
    order_.push_back(x);
    parent_.push_back(p);
    const std::int32_t nx = num_[x];
    g.for_each_out(x, [&](const arc& e) {
      if (num_[e.to] < 0) stack_.emplace_back(static_cast<vertex>(e.to), nx);
    });
  }

  const auto count = static_cast<std::int32_t>(order_.size());
  semi_.resize(order_.size());
  label_.resize(order_.size());
  idom_.assign(order_.size(), 0);
  ancestor_.assign(order_.size(), -1);
  bucket_head_.assign(order_.size(), -1);
  bucket_next_.assign(order_.size(), -1);
  for (std::int32_t i = 0; i < count; ++i) semi_[i] = label_[i] = i;

  auto eval = [&](std::int32_t x) {
    if (ancestor_[x] < 0) return x;
    // Path compression, iteratively: collect the path below the tree's
    // root, then fold labels from the top down.
    chain_.clear();
    for (std::int32_t y = x; ancestor_[ancestor_[y]] >= 0; y = ancestor_[y]) chain_.push_back(y);
    for (std::size_t k = chain_.size(); k-- > 0;) {
      const std::int32_t y = chain_[k], a = ancestor_[y];
      if (semi_[label_[a]] < semi_[label_[y]]) label_[y] = label_[a];
      ancestor_[y] = ancestor_[a];
    }
    return label_[x];
  };

  for (std::int32_t i = count - 1; i >= 1; --i) {
    const vertex w = order_[static_cast<std::size_t>(i)];
    g.for_each_in(w, [&](vertex pred) {
      const std::int32_t j = num_[pred];
      if (j < 0) return;  // not reachable from the root
      const std::int32_t u = eval(j);
      if (semi_[u] < semi_[i]) semi_[i] = semi_[u];
    });
    bucket_next_[i] = bucket_head_[semi_[i]];
    bucket_head_[semi_[i]] = i;
    const std::int32_t p = parent_[static_cast<std::size_t>(i)];
    ancestor_[i] = p;  // link
    for (std::int32_t j = bucket_head_[p]; j >= 0; j = bucket_next_[j]) {
      const std::int32_t u = eval(j);
      idom_[j] = semi_[u] < semi_[j] ? u : p;
    }
    bucket_head_[p] = -1;
  }
  for (std::int32_t i = 1; i < count; ++i)
    if (idom_[i] != semi_[i]) idom_[i] = idom_[idom_[i]];
  // idom_[0] is 0: the root is its own.
}

std::vector<finding> single_route_findings(const delivery& d) {
  const model& m = d.source();
  const graph::views& v = d.views();
  const std::size_t na = m.artifacts.size();

  // A dominator of U lies on every path, so on U's delivery path: artifacts
  // whose delivered needs all came by a direct flow have none to find.
  std::vector<std::size_t> work;
  for (std::size_t a = 0; a < na; ++a)
    for (std::size_t i : d.needs_of(a))
      if (d.needs()[i].delivered_elsewhere() && d.needs()[i].hops() >= 2) {
        work.push_back(a);
        break;
      }

  std::vector<std::vector<finding>> per_artifact(work.size());
  const unsigned threads =
      static_cast<unsigned>(std::max<std::size_t>(1, std::min<std::size_t>(d.threads(), work.size())));
  std::vector<std::unique_ptr<artifact_view>> views;
  for (unsigned t = 0; t < threads; ++t) views.push_back(std::make_unique<artifact_view>(d.flows()));
  std::vector<dominator_tree> trees(threads);

  run_parallel(work.size(), threads, [&](std::size_t job, unsigned worker) {
    const std::size_t a = work[job];
    artifact_view& g = *views[worker];
    g.load(a);
    const vertex root = d.owner(a);
    dominator_tree& tree = trees[worker];
    tree.build(g, root);
    // X -> the consumers it cuts off (vertex order = id order).
    std::map<vertex, std::vector<vertex>> cut;
    for (std::size_t i : d.needs_of(a)) {
      const need_delivery& n = d.needs()[i];
      if (!n.delivered_elsewhere() || n.hops() < 2) continue;
      for (vertex x = tree.idom(n.unit); x != root && x != unreached; x = tree.idom(x)) cut[x].push_back(n.unit);
    }
    const artifact& art = m.artifacts[a];
    for (auto& [x, consumers] : cut) {
      std::sort(consumers.begin(), consumers.end());
      finding f;
      f.code = "RISK.SINGLE_ROUTE";
      f.level = severity::warning;
      f.artifact = art.id;
      std::vector<std::string> ids, names;
      ids.reserve(consumers.size());
      names.reserve(consumers.size());
      for (vertex c : consumers) {
        ids.push_back(v.id_of(c));
        names.push_back(v.unit_at(c).display_name());
      }
      f.units = ids;
      f.units.push_back(v.id_of(x));
      std::sort(f.units.begin(), f.units.end());
      f.metrics.reserve(3);
      f.metrics.emplace_back("unit", v.id_of(x));
      f.metrics.emplace_back("owner", v.id_of(root));
      f.metrics.emplace_back("consumers", ids);
      const std::string& x_name = v.unit_at(x).display_name();
      const std::string& o_name = v.unit_at(root).display_name();
      f.title = text_detail::concat({"Every route of the ", art.display_name(), " from ", o_name, " to ",
                                     join_words(names), " passes through ", x_name});
      f.recommendation = text_detail::concat({"Give the ", art.display_name(), " a second route that bypasses ",
                                              x_name, ", for example a direct flow from ", o_name, " to ",
                                              names.front(), ", so that it still arrives when ", x_name,
                                              " cannot pass it on."});
      per_artifact[job].push_back(std::move(f));
    }
  });

  std::size_t total = 0;
  for (const auto& fs : per_artifact) total += fs.size();
  std::vector<finding> out;
  out.reserve(total);
  for (auto& fs : per_artifact)
    for (auto& f : fs) out.push_back(std::move(f));
  return out;
}

}  // namespace orgflow::analysis
