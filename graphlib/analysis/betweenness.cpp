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
#include <atomic>
#include <exception>
#include <cstdint>
#include <memory>
#include <mutex>
#include <system_error>
#include <thread>

#include "analysis/csr.hpp"
#include "analysis/families.hpp"

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
  std::vector<double> coeff;             // (1 + delta[x]) / sigma[x], once x is final
  std::vector<double> sum;               // sum of coeff over a vertex's DAG successors
  std::vector<std::uint32_t> order;      // BFS order
  std::vector<std::size_t> level_start;  // order[level_start[d] .. level_start[d+1]) is level d
  // The DAG edges found while expanding level d, one group per vertex:
  // grouped by parent (a top-down step: successors of each vertex of level
  // d) or by child (a bottom-up step: parents of each vertex of level d+1).
  std::vector<std::uint32_t> dag;        // sized m + 1: appends are branch-free
  std::vector<std::size_t> group_start;  // group boundaries into dag, per step
  std::vector<std::size_t> step_group;   // index into group_start of step d's first group
  std::vector<bool> step_top_down;
  std::vector<std::uint32_t> unvisited;  // candidates of bottom-up steps (may hold visited ones)

  brandes_scratch(std::size_t n, std::size_t m) : dist(n, -1), sigma(n, 0.0), coeff(n, 0.0), sum(n, 0.0), dag(m + 1) {
    order.reserve(n);
    group_start.reserve(n + 64);
  }
};

// 1 when a vertex lies on the level, else 0. Whether an edge belongs to the
// shortest-path DAG is a coin toss for the branch predictor: the DAG is
// appended to unconditionally and its end advanced by this instead.
inline std::size_t on_level(std::int32_t dist, std::int32_t level) { return dist == level ? 1 : 0; }

// Adds the dependencies of source s to `acc` (unnormalised Brandes).
//
// The forward search is direction-optimising (Beamer et al. 2012), level by
// level: a level is expanded top-down (scan the out-edges of the frontier)
// or bottom-up (scan the in-edges of the unvisited vertices), whichever
// scans fewer edges. On a random graph of average degree 10 most edges leave
// the last big level towards visited vertices; bottom-up skips them. The DAG
// edges it finds are kept, so the backward pass reads only them, in order.
// Every choice depends only on the graph and the source, so results stay
// independent of the thread count.
void accumulate_source(const csr_graph& out, const csr_graph& in, std::uint32_t s, brandes_scratch& w,
                       double* acc) {
  const std::size_t n = out.size();
  const std::size_t m = out.targets.size();
  std::int32_t* const dist = w.dist.data();
  double* const sigma = w.sigma.data();
  std::uint32_t* const dag = w.dag.data();
  w.order.clear();
  w.level_start.clear();
  w.group_start.clear();
  w.step_group.clear();
  w.step_top_down.clear();
  bool unvisited_built = false;
  w.order.push_back(s);
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
    for (std::size_t i = lo; i < hi; ++i) top_down_cost += out.degree(w.order[i]);
    const std::size_t bottom_up_cost = (n - w.order.size()) + (m - visited_in_edges);
    const std::int32_t dn = d + 1;
    const bool top_down = top_down_cost <= bottom_up_cost;
    w.step_group.push_back(w.group_start.size());
    w.step_top_down.push_back(top_down);
    if (top_down) {
      for (std::size_t i = lo; i < hi; ++i) {
        const std::uint32_t v = w.order[i];
        const double sv = sigma[v];
        w.group_start.push_back(dag_end);
        for (const std::uint32_t* p = out.begin(v), *e = out.end(v); p != e; ++p) {
          const std::uint32_t x = *p;
          if (dist[x] < 0) {
            dist[x] = dn;
            sigma[x] = sv;  // first path: no reset of sigma between sources needed
            w.order.push_back(x);
            visited_in_edges += in.degree(x);
          } else if (dist[x] == dn) {
            sigma[x] += sv;
          }
          dag[dag_end] = x;
          dag_end += on_level(dist[x], dn);
        }
      }
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
          w.order.push_back(x);
          w.group_start.push_back(begin);
          visited_in_edges += in.degree(x);
        } else {
          w.unvisited[keep++] = x;
        }
      }
      w.unvisited.resize(keep);
    }
    w.group_start.push_back(dag_end);  // closes the step's last group
    w.level_start.push_back(w.order.size());
  }

  // Backward, deepest level first: delta[v] = sigma[v] * sum over DAG
  // successors x of (1 + delta[x]) / sigma[x]. level_start ends with two
  // equal entries (the empty level); the deepest level has delta 0.
  const std::size_t levels = w.level_start.size() - 2;
  for (std::size_t dd = levels; dd-- > 0;) {
    const std::size_t lo = w.level_start[dd], hi = w.level_start[dd + 1], next_hi = w.level_start[dd + 2];
    const std::size_t* groups = w.group_start.data() + w.step_group[dd];
    if (w.step_top_down[dd]) {
      for (std::size_t i = lo; i < hi; ++i) {
        double sum = 0.0;
        for (std::size_t k = groups[i - lo], e = groups[i - lo + 1]; k < e; ++k) sum += w.coeff[dag[k]];
        w.sum[w.order[i]] = sum;
      }
    } else {
      for (std::size_t i = lo; i < hi; ++i) w.sum[w.order[i]] = 0.0;
      for (std::size_t i = hi; i < next_hi; ++i) {
        const double cx = w.coeff[w.order[i]];
        for (std::size_t k = groups[i - hi], e = groups[i - hi + 1]; k < e; ++k) w.sum[dag[k]] += cx;
      }
    }
    for (std::size_t i = lo; i < hi; ++i) {
      const std::uint32_t v = w.order[i];
      const double delta = sigma[v] * w.sum[v];
      w.coeff[v] = (1.0 + delta) / sigma[v];
      if (v != s) acc[v] += delta;
    }
  }
  // Only dist needs resetting: sigma, sum and coeff are written before they
  // are read for every vertex a search reaches. When it reached much of the
  // graph, one sequential fill is cheaper than scattered stores.
  if (w.order.size() * 8 > n) {
    std::fill(w.dist.begin(), w.dist.end(), -1);
  } else {
    for (const std::uint32_t v : w.order) dist[v] = -1;
  }
}

}  // namespace

std::vector<double> betweenness_csr(const csr_graph& g, unsigned threads) {
  const std::size_t n = g.size();
  if (n <= 2) return std::vector<double>(n, 0.0);
  std::vector<std::uint32_t> sources(n);
  for (std::size_t s = 0; s < n; ++s) sources[s] = static_cast<std::uint32_t>(s);
  std::vector<double> result = dependency_sums_csr(g, sources, threads);
  const double scale = 1.0 / (static_cast<double>(n - 1) * static_cast<double>(n - 2));
  for (double& x : result) x *= scale;
  return result;
}

std::vector<double> dependency_sums_csr(const csr_graph& g, const std::vector<std::uint32_t>& sources,
                                        unsigned threads) {
  const std::size_t n = g.size();
  std::vector<double> result(n, 0.0);
  const std::size_t k = sources.size();
  if (k == 0) return result;
  if (threads == 0) threads = std::max(1u, std::thread::hardware_concurrency());

  // A fixed chunking of the sources: the sums inside a chunk and the order
  // in which chunks are added do not depend on the number of threads.
  const std::size_t chunks = std::min<std::size_t>(k, 256);
  const std::size_t per_chunk = (k + chunks - 1) / chunks;
  const std::size_t chunk_count = (k + per_chunk - 1) / per_chunk;
  threads = static_cast<unsigned>(std::min<std::size_t>(threads, chunk_count));

  // The transpose, for bottom-up levels and pushes.
  std::vector<std::pair<std::uint32_t, std::uint32_t>> reversed;
  reversed.reserve(g.targets.size());
  for (std::size_t v = 0; v < n; ++v)
    for (const std::uint32_t* p = g.begin(v); p != g.end(v); ++p)
      reversed.emplace_back(*p, static_cast<std::uint32_t>(v));
  const csr_graph in = csr_graph::from_edges(n, std::move(reversed), /*undirected=*/false);

  std::atomic<std::size_t> next_chunk{0};
  std::mutex merge_mutex;
  std::vector<std::unique_ptr<std::vector<double>>> finished(chunk_count);
  std::size_t next_merge = 0;  // guarded by merge_mutex

  auto work = [&]() {
    brandes_scratch scratch(n, g.targets.size());
    for (;;) {
      const std::size_t c = next_chunk.fetch_add(1);
      if (c >= chunk_count) break;
      auto partial = std::make_unique<std::vector<double>>(n, 0.0);
      const std::size_t first = c * per_chunk, last = std::min(k, first + per_chunk);
      for (std::size_t i = first; i < last; ++i) accumulate_source(g, in, sources[i], scratch, partial->data());
      // Merge every finished chunk that is next in order; out-of-order
      // chunks wait in `finished` (at most about one per thread).
      std::lock_guard<std::mutex> lock(merge_mutex);
      finished[c] = std::move(partial);
      while (next_merge < chunk_count && finished[next_merge]) {
        const std::vector<double>& part = *finished[next_merge];
        for (std::size_t v = 0; v < n; ++v) result[v] += part[v];
        finished[next_merge].reset();
        ++next_merge;
      }
    }
  };
  // An exception in a worker (out of memory) is carried to the caller
  // instead of terminating the program; the other workers stop taking chunks.
  std::exception_ptr failure;
  auto guarded = [&]() {
    try {
      work();
    } catch (...) {
      std::lock_guard<std::mutex> lock(merge_mutex);
      if (!failure) failure = std::current_exception();
      next_chunk.store(chunk_count);
    }
  };
  std::vector<std::thread> pool;
  pool.reserve(threads - 1);
  for (unsigned t = 1; t < threads; ++t) {
    try {
      pool.emplace_back(guarded);
    } catch (const std::system_error&) {
      break;  // no more threads available: the ones running share the chunks
    }
  }
  guarded();
  for (auto& t : pool) t.join();
  if (failure) std::rethrow_exception(failure);
  return result;
}

std::vector<double> betweenness(const graph::views& v, unsigned threads) {
  return betweenness_csr(information_csr(v, /*undirected=*/false), threads);
}

}  // namespace orgflow::analysis
