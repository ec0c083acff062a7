// Betweenness centrality of G (analyses.md, Metrics beside findings): the
// CSR graph of csr.hpp and a multi-threaded Brandes over it.
//
// Why not Boost's brandes_betweenness_centrality: on 10,000 units and 100,000
// flows it takes about 37 s single-threaded here, and its
// relative_betweenness_centrality scales directed graphs by the undirected
// factor. This version keeps per-source state in flat arrays, touches only
// the vertices a search reached when it resets them, and spreads sources over
// threads in fixed chunks so the sums do not depend on the thread count.
#include <algorithm>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>

#include "analysis/csr.hpp"
#include "analysis/families.hpp"
#include "analysis/parallel.hpp"

namespace orgflow::analysis {

csr_graph csr_graph::from_edges(std::size_t n, std::vector<std::pair<std::uint32_t, std::uint32_t>> edges,
                                bool undirected) {
  if (undirected) {
    const std::size_t m = edges.size();
    edges.reserve(2 * m);
    for (std::size_t i = 0; i < m; ++i) edges.emplace_back(edges[i].second, edges[i].first);
  }
  edges.erase(std::remove_if(edges.begin(), edges.end(), [](const auto& e) { return e.first == e.second; }),
              edges.end());
  std::sort(edges.begin(), edges.end());
  edges.erase(std::unique(edges.begin(), edges.end()), edges.end());
  csr_graph g;
  g.offsets.assign(n + 1, 0);
  g.targets.reserve(edges.size());
  for (const auto& e : edges) {
    ++g.offsets[e.first + 1];
    g.targets.push_back(e.second);
  }
  for (std::size_t v = 0; v < n; ++v) g.offsets[v + 1] += g.offsets[v];
  return g;
}

csr_graph transpose(const csr_graph& g) {
  const std::size_t n = g.size();
  csr_graph t;
  t.offsets.assign(n + 1, 0);
  for (const std::uint32_t x : g.targets) ++t.offsets[x + 1];
  for (std::size_t v = 0; v < n; ++v) t.offsets[v + 1] += t.offsets[v];
  t.targets.resize(g.targets.size());
  std::vector<std::uint32_t> fill(t.offsets.begin(), t.offsets.end() - 1);
  // Sources in increasing order: every row of the transpose comes out sorted.
  for (std::size_t v = 0; v < n; ++v)
    for (const std::uint32_t* p = g.begin(v); p != g.end(v); ++p) t.targets[fill[*p]++] = static_cast<std::uint32_t>(v);
  return t;
}

csr_graph information_csr(const graph::views& v, bool undirected) {
  const std::size_t flows = v.source().flows.size();
  std::vector<std::pair<std::uint32_t, std::uint32_t>> edges;
  edges.reserve(flows);
  for (std::size_t f = 0; f < flows; ++f)
    edges.emplace_back(static_cast<std::uint32_t>(v.flow_from(f)), static_cast<std::uint32_t>(v.flow_to(f)));
  return csr_graph::from_edges(v.size(), std::move(edges), undirected);
}

namespace {

// Per-thread scratch of one single-source search. dist < 0 marks "not
// reached"; the state is reset after each source for the reached vertices
// only, so a source costs O(reached + their edges), not O(n). dist has an
// array of its own: every scanned edge reads it, and 4 bytes a vertex keep
// it in the L1 cache for graphs of about 10,000 units; sigma and coeff are
// read only along the edges of the shortest-path DAG.
struct brandes_scratch {
  std::vector<std::int32_t> dist;
  std::vector<double> sigma;             // shortest-path counts (doubles, as NetworkX: they overflow integers)
  std::vector<double> coeff;             // (target weight + delta[x]) / sigma[x], once x is final
  std::vector<double> sum;               // sum of coeff over a vertex's DAG successors
  std::vector<std::uint32_t> order;      // BFS order: order[0 .. reached)
  std::size_t reached = 0;
  std::vector<std::size_t> level_start;  // order[level_start[d] .. level_start[d+1]) is level d
  // The DAG edges found while expanding level d, one group per vertex:
  // grouped by parent (a top-down step: successors of each vertex of level
  // d) or by child (a bottom-up step: parents of each vertex of level d+1).
  std::vector<std::uint32_t> dag;        // sized m + 1: appends are branch-free
  std::vector<std::size_t> group_start;  // group boundaries into dag, per step
  std::vector<std::size_t> step_group;   // index into group_start of step d's first group
  std::vector<bool> step_top_down;
  std::vector<std::uint32_t> unvisited;  // candidates of bottom-up steps (may hold visited ones)

  brandes_scratch(std::size_t n, std::size_t m)
      : dist(n, -1), sigma(n, 0.0), coeff(n, 0.0), sum(n, 0.0), order(n + 1), dag(m + 1) {
    group_start.reserve(n + 64);
  }
};

// Source and target weights of the 1-degree reduction (reduce_pendants):
// a kept vertex x stands, as a source, for itself and the a[x] pendant
// people who reach the rest only through it, and, as a target, for itself
// and the c[x] pendants only it reaches. Unweighted: every weight 1.
struct vertex_weights {
  std::vector<double> source;  // 1 + a[x]
  std::vector<double> target;  // 1 + c[x]
  std::vector<double> extra;   // c[x]: x lies between every source that reaches it and its c[x] pendants
  std::vector<double> in_pendants;  // a[x]: x lies between its a[x] pendants and everything x reaches
  bool any() const { return !source.empty(); }
};

// 1 when a vertex lies on the level, else 0. Whether an edge belongs to the
// shortest-path DAG is a coin toss for the branch predictor: the DAG is
// appended to unconditionally and its end advanced by this instead.
inline std::size_t on_level(std::int32_t dist, std::int32_t level) { return dist == level ? 1 : 0; }

// A bottom-up step scans the in-edges of every vertex not yet reached and
// a top-down step the out-edges of the frontier; a bottom-up edge costs
// about half as much here (no first-visit branch, the DAG found grouped by
// child), so top-down is taken only while it scans fewer than half as many
// edges. Measured on the 10,000-unit model and the person graphs of
// docs/performance.md.
constexpr std::size_t top_down_penalty = 2;

// Adds the dependencies of source s to `acc` (Brandes), weighted when `w`
// holds weights: acc[v] += S(s) * (delta_s(v) + c[v]) for every v != s that
// s reaches, with delta over target weights T, and acc[s] += a[s] * (the
// target weight s reaches).
//
// The forward search is direction-optimising (Beamer et al. 2012), level by
// level: a level is expanded top-down (scan the out-edges of the frontier)
// or bottom-up (scan the in-edges of the unvisited vertices), whichever
// costs less. On a random graph of average degree 10 most edges leave
// the last big level towards visited vertices; bottom-up skips them. The DAG
// edges it finds are kept, so the backward pass reads only them, in order.
// Every choice depends only on the graph and the source, so results stay
// independent of the thread count.
// Long on purpose: the hot loop of betweenness (the search both ways and
// the dependency sweep over the per-thread arrays); kept whole so that the
// compiler sees all of it, as the benchmarks in docs/performance.md measure.
template <bool Weighted>
void accumulate_source(const csr_graph& out, const csr_graph& in, std::uint32_t s, const vertex_weights& wt,
                       brandes_scratch& w, double* acc) {
  const std::size_t n = out.size();
  const std::size_t m = out.targets.size();
  std::int32_t* const dist = w.dist.data();
  double* const sigma = w.sigma.data();
  std::uint32_t* const dag = w.dag.data();
  std::uint32_t* const order = w.order.data();
  const std::uint32_t* const out_offsets = out.offsets.data();
  const std::uint32_t* const out_targets = out.targets.data();
  const std::uint32_t* const in_offsets = in.offsets.data();
  w.level_start.clear();
  w.group_start.clear();
  w.step_group.clear();
  w.step_top_down.clear();
  bool unvisited_built = false;
  std::size_t reached = 0;
  order[reached++] = s;
  dist[s] = 0;
  sigma[s] = 1.0;
  w.level_start.push_back(0);
  w.level_start.push_back(1);
  std::size_t visited_in_edges = in.degree(s);
  std::size_t dag_end = 0;

  for (std::int32_t d = 0;; ++d) {
    const std::size_t lo = w.level_start[static_cast<std::size_t>(d)];
    const std::size_t hi = w.level_start[static_cast<std::size_t>(d) + 1];
    if (lo == hi) break;
    std::size_t top_down_cost = 0;
    for (std::size_t i = lo; i < hi; ++i) top_down_cost += out_offsets[order[i] + 1] - out_offsets[order[i]];
    const std::size_t bottom_up_cost = (n - reached) + (m - visited_in_edges);
    const std::int32_t dn = d + 1;
    const bool top_down = top_down_cost * top_down_penalty <= bottom_up_cost;
    w.step_group.push_back(w.group_start.size());
    w.step_top_down.push_back(top_down);
    if (top_down) {
      // Locals, not members: the loop below is the hottest of the analysis.
      std::size_t end = reached, de = dag_end, seen_in = visited_in_edges;
      for (std::size_t i = lo; i < hi; ++i) {
        const std::uint32_t v = order[i];
        const double sv = sigma[v];
        w.group_start.push_back(de);
        for (std::uint32_t k = out_offsets[v], ke = out_offsets[v + 1]; k < ke; ++k) {
          const std::uint32_t x = out_targets[k];
          const std::int32_t dx = dist[x];
          if (dx < 0) {
            dist[x] = dn;
            sigma[x] = sv;  // first path: no reset of sigma between sources needed
            order[end++] = x;
            seen_in += in_offsets[x + 1] - in_offsets[x];
          } else if (dx == dn) {
            sigma[x] += sv;
          }
          dag[de] = x;
          de += static_cast<std::size_t>(dx < 0) | on_level(dx, dn);
        }
      }
      reached = end;
      dag_end = de;
      visited_in_edges = seen_in;
    } else {
      if (!unvisited_built) {
        w.unvisited.clear();
        for (std::uint32_t x = 0; x < n; ++x)
          if (dist[x] < 0) w.unvisited.push_back(x);
        unvisited_built = true;
      }
      std::size_t keep = 0;
      for (const std::uint32_t x : w.unvisited) {
        if (dist[x] >= 0) continue;  // reached by a top-down level since the list was made
        const std::size_t begin = dag_end;
        double sx = 0.0;
        for (const std::uint32_t* p = in.begin(x), *e = in.end(x); p != e; ++p) {
          const std::size_t hit = on_level(dist[*p], d);
          sx += static_cast<double>(hit) * sigma[*p];
          dag[dag_end] = *p;
          dag_end += hit;
        }
        if (dag_end > begin) {
          dist[x] = dn;
          sigma[x] = sx;
          order[reached++] = x;
          w.group_start.push_back(begin);
          visited_in_edges += in.degree(x);
        } else {
          w.unvisited[keep++] = x;
        }
      }
      w.unvisited.resize(keep);
    }
    w.group_start.push_back(dag_end);  // closes the step's last group
    w.level_start.push_back(reached);
  }

  // Backward, deepest level first: delta[v] = sigma[v] * sum over DAG
  // successors x of (T[x] + delta[x]) / sigma[x]. level_start ends with two
  // equal entries (the empty level); the deepest level has delta 0.
  const double source_weight = Weighted ? wt.source[s] : 1.0;
  double target_weight_reached = 0.0;  // weighted: the target weight s reaches (s itself not counted)
  const std::size_t levels = w.level_start.size() - 2;
  for (std::size_t dd = levels; dd-- > 0;) {
    const std::size_t lo = w.level_start[dd], hi = w.level_start[dd + 1], next_hi = w.level_start[dd + 2];
    const std::size_t* groups = w.group_start.data() + w.step_group[dd];
    if (w.step_top_down[dd]) {
      for (std::size_t i = lo; i < hi; ++i) {
        double sum = 0.0;
        for (std::size_t k = groups[i - lo], e = groups[i - lo + 1]; k < e; ++k) sum += w.coeff[dag[k]];
        w.sum[order[i]] = sum;
      }
    } else {
      for (std::size_t i = lo; i < hi; ++i) w.sum[order[i]] = 0.0;
      for (std::size_t i = hi; i < next_hi; ++i) {
        const double cx = w.coeff[order[i]];
        for (std::size_t k = groups[i - hi], e = groups[i - hi + 1]; k < e; ++k) w.sum[dag[k]] += cx;
      }
    }
    for (std::size_t i = lo; i < hi; ++i) {
      const std::uint32_t v = order[i];
      const double delta = sigma[v] * w.sum[v];
      if constexpr (Weighted) {
        w.coeff[v] = (wt.target[v] + delta) / sigma[v];
        if (v != s) {
          acc[v] += source_weight * (delta + wt.extra[v]);
          target_weight_reached += wt.target[v];
        }
      } else {
        w.coeff[v] = (1.0 + delta) / sigma[v];
        if (v != s) acc[v] += delta;
      }
    }
  }
  if constexpr (Weighted) acc[s] += wt.in_pendants[s] * target_weight_reached;
  // Only dist needs resetting: sigma, sum and coeff are written before they
  // are read for every vertex a search reaches. When it reached much of the
  // graph, one sequential fill is cheaper than scattered stores.
  if (reached * 8 > n) {
    std::fill(w.dist.begin(), w.dist.end(), -1);
  } else {
    for (std::size_t i = 0; i < reached; ++i) dist[order[i]] = -1;
  }
}

// The sums of accumulate_source over `sources`, in a fixed chunking of the
// sources: the sums inside a chunk and the order in which chunks are added
// do not depend on the number of threads.
std::vector<double> dependency_sums(const csr_graph& g, const std::vector<std::uint32_t>& sources,
                                    const vertex_weights& weights, unsigned threads) {
  const std::size_t n = g.size();
  std::vector<double> result(n, 0.0);
  const std::size_t k = sources.size();
  if (k == 0) return result;
  threads = resolve_threads(threads);

  const std::size_t chunks = std::min<std::size_t>(k, 256);
  const std::size_t per_chunk = (k + chunks - 1) / chunks;
  const std::size_t chunk_count = (k + per_chunk - 1) / per_chunk;
  threads = static_cast<unsigned>(std::min<std::size_t>(threads, chunk_count));

  const csr_graph in = transpose(g);  // for bottom-up levels

  // Chunks are handed out by run_parallel; each worker keeps its scratch.
  // Every finished chunk that is next in order is merged at once, so the
  // sums are added in chunk order whatever the schedule; out-of-order chunks
  // wait in `finished` (at most about one per thread).
  std::mutex merge_mutex;
  std::vector<std::unique_ptr<std::vector<double>>> finished(chunk_count);
  std::size_t next_merge = 0;  // guarded by merge_mutex
  std::vector<std::unique_ptr<brandes_scratch>> scratch(threads);
  run_parallel(chunk_count, threads, [&](std::size_t c, unsigned worker) {
    if (!scratch[worker]) scratch[worker] = std::make_unique<brandes_scratch>(n, g.targets.size());
    brandes_scratch& w = *scratch[worker];
    auto partial = std::make_unique<std::vector<double>>(n, 0.0);
    const std::size_t first = c * per_chunk, last = std::min(k, first + per_chunk);
    for (std::size_t i = first; i < last; ++i) {
      if (weights.any()) {
        accumulate_source<true>(g, in, sources[i], weights, w, partial->data());
      } else {
        accumulate_source<false>(g, in, sources[i], weights, w, partial->data());
      }
    }
    std::lock_guard<std::mutex> lock(merge_mutex);
    finished[c] = std::move(partial);
    while (next_merge < chunk_count && finished[next_merge]) {
      const std::vector<double>& part = *finished[next_merge];
      for (std::size_t v = 0; v < n; ++v) result[v] += part[v];
      finished[next_merge].reset();
      ++next_merge;
    }
  });
  return result;
}

// The 1-degree reduction of Baglioni et al. (2012), for directed graphs: a
// pendant person p (one neighbour u, counting both directions) is never
// between two others, and every shortest path from or to p runs through u.
// So p is removed and u weighted instead: as a source u then stands for the
// pendants that write to it (a[u] of them), as a target for the pendants
// it writes to (c[u]); u also lies between each of those and everything
// beyond (the terms `extra` and `in_pendants`) and between its own
// pendants (a[u] c[u] minus those that write both ways, added at the end).
// Only pendants whose neighbour is no pendant itself are removed (one pass,
// no trees): on organizational graphs nearly all of the fringe is one
// level deep (docs/performance.md). Returns the kept vertices, in order.
struct reduced_graph {
  csr_graph g;
  std::vector<std::uint32_t> kept;  // reduced vertex -> original
  vertex_weights weights;
  std::vector<double> between_own;  // per reduced vertex: a c - both ways
};

std::optional<reduced_graph> reduce_pendants(const csr_graph& g) {
  const std::size_t n = g.size();
  // Neighbours in U: out- and in-neighbours merged (rows are sorted).
  std::vector<std::uint32_t> undirected_degree(n, 0), only(n, UINT32_MAX);
  const csr_graph in = transpose(g);
  for (std::size_t v = 0; v < n; ++v) {
    const std::uint32_t *a = g.begin(v), *ae = g.end(v), *b = in.begin(v), *be = in.end(v);
    std::uint32_t count = 0, last = UINT32_MAX;
    while ((a != ae || b != be) && count < 2) {
      const std::uint32_t x = (b == be || (a != ae && *a <= *b)) ? *a : *b;
      if (a != ae && *a == x) ++a;
      if (b != be && *b == x) ++b;
      ++count;
      last = x;
    }
    undirected_degree[v] = count;  // 0, 1 or "2 or more"
    if (count == 1) only[v] = last;
  }
  std::vector<char> removed(n, 0);
  std::size_t removed_count = 0;
  for (std::size_t v = 0; v < n; ++v) {
    if (undirected_degree[v] == 1 && undirected_degree[only[v]] >= 2) {
      removed[v] = 1;
      ++removed_count;
    }
  }
  if (removed_count == 0) return std::nullopt;
  reduced_graph r;
  std::vector<std::uint32_t> index(n, UINT32_MAX);
  for (std::uint32_t v = 0; v < n; ++v) {
    if (removed[v]) continue;
    index[v] = static_cast<std::uint32_t>(r.kept.size());
    r.kept.push_back(v);
  }
  const std::size_t k = r.kept.size();
  std::vector<double> a(k, 0.0), c(k, 0.0), both(k, 0.0);
  for (std::uint32_t v = 0; v < n; ++v) {
    if (!removed[v]) continue;
    const std::uint32_t u = index[only[v]];
    const bool writes = g.degree(v) == 1;  // v -> u
    const bool hears = in.degree(v) == 1;  // u -> v
    if (writes) a[u] += 1;
    if (hears) c[u] += 1;
    if (writes && hears) both[u] += 1;
  }
  std::vector<std::pair<std::uint32_t, std::uint32_t>> edges;
  edges.reserve(g.targets.size());
  for (std::uint32_t v = 0; v < n; ++v) {
    if (removed[v]) continue;
    for (const std::uint32_t* p = g.begin(v); p != g.end(v); ++p)
      if (!removed[*p]) edges.emplace_back(index[v], index[*p]);
  }
  r.g = csr_graph::from_edges(k, std::move(edges), /*undirected=*/false);
  r.weights.source.resize(k);
  r.weights.target.resize(k);
  r.between_own.resize(k);
  for (std::size_t x = 0; x < k; ++x) {
    r.weights.source[x] = 1.0 + a[x];
    r.weights.target[x] = 1.0 + c[x];
    r.between_own[x] = a[x] * c[x] - both[x];
  }
  r.weights.extra = std::move(c);
  r.weights.in_pendants = std::move(a);
  return r;
}

std::vector<std::uint32_t> all_vertices(std::size_t n) {
  std::vector<std::uint32_t> v(n);
  for (std::size_t i = 0; i < n; ++i) v[i] = static_cast<std::uint32_t>(i);
  return v;
}

}  // namespace

std::vector<double> betweenness_csr(const csr_graph& g, unsigned threads) {
  const std::size_t n = g.size();
  if (n <= 2) return std::vector<double>(n, 0.0);
  std::vector<double> result;
  if (auto r = reduce_pendants(g)) {
    const std::vector<double> sums = dependency_sums(r->g, all_vertices(r->kept.size()), r->weights, threads);
    result.assign(n, 0.0);  // removed pendants lie between nobody
    for (std::size_t x = 0; x < r->kept.size(); ++x) result[r->kept[x]] = sums[x] + r->between_own[x];
  } else {
    result = dependency_sums(g, all_vertices(n), vertex_weights{}, threads);
  }
  const double scale = 1.0 / (static_cast<double>(n - 1) * static_cast<double>(n - 2));
  for (double& x : result) x *= scale;
  return result;
}

std::vector<double> dependency_sums_csr(const csr_graph& g, const std::vector<std::uint32_t>& sources,
                                        unsigned threads) {
  return dependency_sums(g, sources, vertex_weights{}, threads);
}

std::vector<double> betweenness(const graph::views& v, unsigned threads) {
  return betweenness_csr(information_csr(v, /*undirected=*/false), threads);
}

}  // namespace orgflow::analysis
