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
#include <cstring>
#include <memory>
#include <mutex>
#include <optional>
#include <type_traits>

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

// The graph as the searches read it: out- and in-rows with vertex numbers of
// type Index (16 bits when the graph is small: a 10,000-unit model's rows
// then take half the cache).
template <class Index>
struct search_graph {
  std::size_t n = 0, m = 0;
  std::vector<std::uint32_t> out_offsets, in_offsets;
  std::vector<Index> out_targets, in_targets;

  explicit search_graph(const csr_graph& g) : n(g.size()), m(g.targets.size()), out_offsets(g.offsets) {
    const csr_graph in = transpose(g);
    in_offsets = in.offsets;
    out_targets.assign(g.targets.begin(), g.targets.end());
    in_targets.assign(in.targets.begin(), in.targets.end());
    by_in_degree.resize(n);
    for (std::size_t v = 0; v < n; ++v) by_in_degree[v] = static_cast<Index>(v);
    std::stable_sort(by_in_degree.begin(), by_in_degree.end(),
                     [&](Index a, Index b) { return in_degree(a) < in_degree(b); });
  }
  std::size_t in_degree(std::size_t v) const { return in_offsets[v + 1] - in_offsets[v]; }

  // The vertices by in-degree (then number): a bottom-up step visits the
  // rows of the unvisited vertices in this order, so that rows of one
  // length follow each other and the branch predictor learns where they
  // end (a bottom-up step took about a quarter less time on the
  // 10,000-unit model).
  std::vector<Index> by_in_degree;
};

// Per-thread scratch of one single-source search. dist < 0 marks "not
// reached"; the state is reset after each source for the reached vertices
// only, so a source costs O(reached + their edges), not O(n). Dist is 16
// bits when every distance fits.
template <class Index, class Dist>
struct brandes_scratch {
  std::vector<Dist> dist;
  std::vector<double> sigma;  // shortest-path counts (doubles, as NetworkX: they overflow integers)
  std::vector<double> coeff;  // (target weight + delta[x]) / sigma[x] once x is final; before, the sum
                              // of coeff over x's DAG successors
  std::vector<Index> order;   // BFS order: order[0 .. reached)
  std::vector<std::uint32_t> level_start;  // order[level_start[d] .. level_start[d+1]) is level d
  // The edges of the shortest-path DAG, as (parent, child) in the order the
  // steps found them: dag[step_start[d] .. step_start[d+1]) lead from level d
  // to level d+1, grouped by parent after a top-down step and by child
  // after a bottom-up one.
  std::vector<Index> dag_parent, dag_child;  // sized m + 1: appends are branch-free
  std::vector<std::uint32_t> step_start;
  std::vector<char> step_top_down;
  std::vector<Index> unvisited;  // candidates of bottom-up steps (may hold visited ones)

  brandes_scratch(std::size_t n, std::size_t m)
      : dist(n, -1), sigma(n, 0.0), coeff(n, 0.0), order(n + 1), dag_parent(m + 1), dag_child(m + 1),
        unvisited(n + 1) {}
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

// A top-down step scans the out-edges of the frontier, a bottom-up step the
// vertices not yet reached and their in-edges; top-down is taken only while
// it scans at most half as many (a top-down edge writes more).
// Measured on the 10,000-unit model and the person graphs of
// docs/performance.md.
constexpr std::size_t top_down_penalty = 2;

// x when keep, else +0.0, without a branch (the compiler turns a ?: on
// doubles into one, and whether it is taken is a coin toss here).
inline double keep_if(double x, bool keep) {
  std::uint64_t bits;
  std::memcpy(&bits, &x, sizeof bits);
  bits &= -static_cast<std::uint64_t>(keep);
  std::memcpy(&x, &bits, sizeof bits);
  return x;
}

// a when pick_a, else b, without a branch.
template <class T>
inline T pick(bool pick_a, T a, T b) {
  using U = std::make_unsigned_t<T>;
  const U mask = static_cast<U>(-static_cast<U>(pick_a));
  return static_cast<T>((static_cast<U>(a) & mask) | (static_cast<U>(b) & static_cast<U>(~mask)));
}

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
// The inner loops avoid branches that depend on the data (whether a vertex
// is new, where a short row ends): cachegrind counted about 23,000
// mispredicted branches per source on the 10,000-unit model before, 1,600
// after, and the kernel took about 0.6 times as long (docs/performance.md).
// Every choice depends only on the graph and the source, so results stay
// independent of the thread count.
// Long on purpose: the hot loop of betweenness (the search both ways and
// the dependency sweep over the per-thread arrays); kept whole so that the
// compiler sees all of it, as the benchmarks in docs/performance.md measure.
template <bool Weighted, class Index, class Dist>
void accumulate_source(const search_graph<Index>& g, std::uint32_t s, const vertex_weights& wt,
                       brandes_scratch<Index, Dist>& w, double* acc) {
  const std::size_t n = g.n;
  const std::size_t m = g.m;
  constexpr Index none = static_cast<Index>(-1);  // never a vertex: n < the largest Index
  Dist* const dist = w.dist.data();
  double* const sigma = w.sigma.data();
  double* const coeff = w.coeff.data();
  Index* const dag_parent = w.dag_parent.data();
  Index* const dag_child = w.dag_child.data();
  Index* const order = w.order.data();
  const std::uint32_t* const out_offsets = g.out_offsets.data();
  const Index* const out_targets = g.out_targets.data();
  const std::uint32_t* const in_offsets = g.in_offsets.data();
  const Index* const in_targets = g.in_targets.data();
  w.level_start.clear();
  w.step_start.clear();
  w.step_top_down.clear();
  std::size_t unvisited_count = 0;
  bool unvisited_built = false;
  std::size_t reached = 0;
  order[reached++] = static_cast<Index>(s);
  dist[s] = 0;
  sigma[s] = 1.0;
  w.level_start.push_back(0);
  w.level_start.push_back(1);
  std::size_t visited_in_edges = g.in_degree(s);
  std::size_t de = 0;  // end of the DAG
  // Appends the tie parent -> child to the DAG when `on` (it is written
  // either way, and the end advances by 0 or 1: no branch).
  const auto append_dag = [&](Index parent, Index child, bool on) {
    dag_parent[de] = parent;
    dag_child[de] = child;
    de += static_cast<std::size_t>(on);
  };

  for (Dist d = 0;; ++d) {
    const std::size_t lo = w.level_start[static_cast<std::size_t>(d)];
    const std::size_t hi = w.level_start[static_cast<std::size_t>(d) + 1];
    if (lo == hi) break;
    std::size_t top_down_cost = 0;
    for (std::size_t i = lo; i < hi; ++i) top_down_cost += out_offsets[order[i] + 1] - out_offsets[order[i]];
    const std::size_t bottom_up_cost = (n - reached) + (m - visited_in_edges);
    const Dist dn = static_cast<Dist>(d + 1);
    const bool top_down = top_down_cost * top_down_penalty <= bottom_up_cost;
    w.step_start.push_back(static_cast<std::uint32_t>(de));
    w.step_top_down.push_back(top_down);
    if (top_down) {
      // Branch-free: a target is new, on the next level (one more path) or
      // neither; every store happens, the ends advance by 0 or 1.
      std::size_t end = reached;
      for (std::size_t i = lo; i < hi; ++i) {
        const Index v = order[i];
        const double sv = sigma[v];
        for (std::uint32_t k = out_offsets[v], ke = out_offsets[v + 1]; k < ke; ++k) {
          const Index x = out_targets[k];
          const Dist dx = dist[x];
          const bool first = dx < 0;
          const bool next = first | (dx == dn);
          dist[x] = pick<Dist>(first, dn, dx);
          const double base = keep_if(sigma[x], !first);  // first path: sigma is not reset between sources
          sigma[x] = base + keep_if(sv, next);
          order[end] = x;
          end += static_cast<std::size_t>(first);
          append_dag(v, x, next);
        }
      }
      for (std::size_t i = reached; i < end; ++i) visited_in_edges += g.in_degree(order[i]);
      reached = end;
    } else {
      Index* const unvisited = w.unvisited.data();
      if (!unvisited_built) {
        const Index* const by_in_degree = g.by_in_degree.data();
        for (std::size_t i = 0; i < n; ++i) {
          const Index x = by_in_degree[i];
          unvisited[unvisited_count] = x;
          unvisited_count += static_cast<std::size_t>(dist[x] < 0);
        }
        unvisited_built = true;
      }
      std::size_t keep = 0;
      for (std::size_t j = 0; j < unvisited_count; ++j) {
        const Index x = unvisited[j];
        if (dist[x] >= 0) continue;  // reached since the list was made
        const std::size_t begin = de;
        // Two edges a turn, summing sigma over the parents as it goes in
        // two sums: half the dependent additions, no second loop over the
        // parents. Path counts are whole numbers: while they stay below
        // 2^53 the two sums give exactly the plain sum; beyond, the rounding
        // may differ from it, and is still fixed.
        double s0 = 0.0, s1 = 0.0;
        std::uint32_t k = in_offsets[x];
        const std::uint32_t ke = in_offsets[x + 1];
        for (; k + 1 < ke; k += 2) {
          const Index p0 = in_targets[k], p1 = in_targets[k + 1];
          const bool h0 = dist[p0] == d, h1 = dist[p1] == d;
          s0 += keep_if(sigma[p0], h0);
          s1 += keep_if(sigma[p1], h1);
          append_dag(p0, x, h0);
          append_dag(p1, x, h1);
        }
        if (k < ke) {
          const Index p0 = in_targets[k];
          const bool h0 = dist[p0] == d;
          s0 += keep_if(sigma[p0], h0);
          append_dag(p0, x, h0);
        }
        if (de > begin) {
          const double sx = s0 + s1;
          dist[x] = dn;
          sigma[x] = sx;
          order[reached++] = x;
          visited_in_edges += g.in_degree(x);
        } else {
          unvisited[keep++] = x;
        }
      }
      unvisited_count = keep;
    }
    w.level_start.push_back(static_cast<std::uint32_t>(reached));
  }
  w.step_start.push_back(static_cast<std::uint32_t>(de));

  // Backward, deepest level first: delta[v] = sigma[v] * sum over DAG
  // successors x of (T[x] + delta[x]) / sigma[x]. level_start ends with two
  // equal entries (the empty level); the deepest level has delta 0. The
  // sums run over each step's DAG edges in the order they were found.
  const double source_weight = Weighted ? wt.source[s] : 1.0;
  double target_weight_reached = 0.0;  // weighted: the target weight s reaches (s itself not counted)
  const std::size_t levels = w.level_start.size() - 2;
  for (std::size_t dd = levels; dd-- > 0;) {
    const std::size_t lo = w.level_start[dd], hi = w.level_start[dd + 1];
    const std::size_t j0 = w.step_start[dd], j1 = w.step_start[dd + 1];
    for (std::size_t i = lo; i < hi; ++i) coeff[order[i]] = 0.0;
    if (w.step_top_down[dd]) {
      // Grouped by parent: a running sum, restarted at each new parent.
      Index previous = none;
      double sum = 0.0;
      for (std::size_t j = j0; j < j1; ++j) {
        const Index p = dag_parent[j];
        sum = keep_if(sum, p == previous) + coeff[dag_child[j]];
        coeff[p] = sum;
        previous = p;
      }
    } else {
      for (std::size_t j = j0; j < j1; ++j) coeff[dag_parent[j]] += coeff[dag_child[j]];
    }
    for (std::size_t i = lo; i < hi; ++i) {
      const Index v = order[i];
      const double delta = sigma[v] * coeff[v];
      if constexpr (Weighted) {
        coeff[v] = (wt.target[v] + delta) / sigma[v];
        if (v != s) {
          acc[v] += source_weight * (delta + wt.extra[v]);
          target_weight_reached += wt.target[v];
        }
      } else {
        coeff[v] = (1.0 + delta) / sigma[v];
        if (v != s) acc[v] += delta;
      }
    }
  }
  if constexpr (Weighted) acc[s] += wt.in_pendants[s] * target_weight_reached;
  // Only dist needs resetting: sigma and coeff are written before they are
  // read for every vertex a search reaches. When it reached much of the
  // graph, one sequential fill is cheaper than scattered stores.
  if (reached * 8 > n) {
    std::fill(w.dist.begin(), w.dist.end(), Dist{-1});
  } else {
    for (std::size_t i = 0; i < reached; ++i) dist[order[i]] = -1;
  }
}

// The sums of accumulate_source over `sources`, in a fixed chunking of the
// sources: the sums inside a chunk and the order in which chunks are added
// do not depend on the number of threads.
template <class Index, class Dist>
std::vector<double> dependency_sums_as(const csr_graph& csr, const std::vector<std::uint32_t>& sources,
                                       const vertex_weights& weights, unsigned threads) {
  const std::size_t n = csr.size();
  std::vector<double> result(n, 0.0);
  const std::size_t k = sources.size();
  if (k == 0) return result;
  threads = resolve_threads(threads);

  const std::size_t chunks = std::min<std::size_t>(k, 256);
  const std::size_t per_chunk = (k + chunks - 1) / chunks;
  const std::size_t chunk_count = (k + per_chunk - 1) / per_chunk;
  threads = static_cast<unsigned>(std::min<std::size_t>(threads, chunk_count));

  const search_graph<Index> g(csr);

  // Chunks are handed out by run_parallel; each worker keeps its scratch.
  // Every finished chunk that is next in order is merged at once, so the
  // sums are added in chunk order whatever the schedule; out-of-order chunks
  // wait in `finished` (at most about one per thread).
  std::mutex merge_mutex;
  std::vector<std::unique_ptr<std::vector<double>>> finished(chunk_count);
  std::size_t next_merge = 0;  // guarded by merge_mutex
  std::vector<std::unique_ptr<brandes_scratch<Index, Dist>>> scratch(threads);
  run_parallel(chunk_count, threads, [&](std::size_t c, unsigned worker) {
    if (!scratch[worker]) scratch[worker] = std::make_unique<brandes_scratch<Index, Dist>>(n, g.m);
    brandes_scratch<Index, Dist>& w = *scratch[worker];
    auto partial = std::make_unique<std::vector<double>>(n, 0.0);
    const std::size_t first = c * per_chunk, last = std::min(k, first + per_chunk);
    for (std::size_t i = first; i < last; ++i) {
      if (weights.any()) {
        accumulate_source<true>(g, sources[i], weights, w, partial->data());
      } else {
        accumulate_source<false>(g, sources[i], weights, w, partial->data());
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

// 16-bit vertex numbers and distances when they fit (a distance is below
// the number of vertices), else 32 bits; the same sums either way.
std::vector<double> dependency_sums(const csr_graph& g, const std::vector<std::uint32_t>& sources,
                                    const vertex_weights& weights, unsigned threads, search_width width) {
  if (width == search_width::automatic && g.size() <= 32767)
    return dependency_sums_as<std::uint16_t, std::int16_t>(g, sources, weights, threads);
  return dependency_sums_as<std::uint32_t, std::int32_t>(g, sources, weights, threads);
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

std::vector<double> betweenness_csr(const csr_graph& g, unsigned threads, search_width width) {
  const std::size_t n = g.size();
  if (n <= 2) return std::vector<double>(n, 0.0);
  std::vector<double> result;
  if (auto r = reduce_pendants(g)) {
    const std::vector<double> sums =
        dependency_sums(r->g, all_vertices(r->kept.size()), r->weights, threads, width);
    result.assign(n, 0.0);  // removed pendants lie between nobody
    for (std::size_t x = 0; x < r->kept.size(); ++x) result[r->kept[x]] = sums[x] + r->between_own[x];
  } else {
    result = dependency_sums(g, all_vertices(n), vertex_weights{}, threads, width);
  }
  const double scale = 1.0 / (static_cast<double>(n - 1) * static_cast<double>(n - 2));
  for (double& x : result) x *= scale;
  return result;
}

std::vector<double> dependency_sums_csr(const csr_graph& g, const std::vector<std::uint32_t>& sources,
                                        unsigned threads, search_width width) {
  return dependency_sums(g, sources, vertex_weights{}, threads, width);
}

std::vector<double> betweenness(const graph::views& v, unsigned threads) {
  return betweenness_csr(information_csr(v, /*undirected=*/false), threads);
}

}  // namespace orgflow::analysis
