// Betweenness centrality of G (analyses.md, Metrics beside findings): the
// CSR graph of csr.hpp and a multi-threaded Brandes over it.
//
// Why not Boost's brandes_betweenness_centrality: on 10,000 units and 100,000
// flows it takes about 37 s single-threaded here, and its
// relative_betweenness_centrality scales directed graphs by the undirected
// factor. This version removes pendant vertices first (reduce_pendants),
// runs the searches in batches of up to eight sources, one per vector lane
// (lane_kernel.hpp, compiled per instruction set in lanes_*.cpp), and
// spreads sources over threads in fixed chunks so the sums do not depend on
// the thread count or the lane width.
#include <algorithm>
#include <cstdint>
#include <cstring>
#include <memory>
#include <mutex>
#include <new>
#include <optional>

#include "analysis/csr.hpp"
#include "analysis/families.hpp"
#include "analysis/lanes.hpp"
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

// Memory aligned for the widest vector, uninitialised.
class aligned_block {
 public:
  explicit aligned_block(std::size_t bytes) : p_(::operator new(bytes, alignment)) {}
  ~aligned_block() { ::operator delete(p_, alignment); }
  aligned_block(const aligned_block&) = delete;
  aligned_block& operator=(const aligned_block&) = delete;
  void* get() const { return p_; }

 private:
  static constexpr std::align_val_t alignment{64};
  void* p_;
};

// Per-thread scratch of a batch of up to `width` searches (lanes.hpp): for
// each vertex its distance, path count and dependency coefficient in every
// lane, dist -1 and sigma 0 between batches.
template <class Index, class Dist>
struct batch_scratch {
  aligned_block dist, sigma, coeff;
  std::vector<Index> levels, candidates;
  std::vector<std::uint32_t> level_start;

  batch_scratch(std::size_t n, std::size_t width)
      : dist(n * width * sizeof(Dist)),
        sigma(n * width * sizeof(double)),
        coeff(n * width * sizeof(double)),
        levels(n * width + 1),
        candidates(n + 1),
        level_start(n + 2) {
    std::memset(dist.get(), 0xff, n * width * sizeof(Dist));  // -1 everywhere
    std::memset(sigma.get(), 0, n * width * sizeof(double));
    std::memset(coeff.get(), 0, n * width * sizeof(double));
  }
};

bool has_lanes(lane_width choice) {
  switch (choice) {
    case lane_width::eight:
#if defined(__x86_64__) || defined(__i386__)
      return lanes::eight_compiled && __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw") &&
             __builtin_cpu_supports("avx512vl") && __builtin_cpu_supports("avx512dq");
#else
      return false;
#endif
    case lane_width::four:
#if defined(__x86_64__) || defined(__i386__)
      return lanes::four_compiled && __builtin_cpu_supports("avx2");
#else
      return false;
#endif
    case lane_width::two:
    case lane_width::automatic:
      return true;
  }
  return true;
}

// The lanes a choice stands for; automatic, or a width this processor does
// not run: the widest it runs.
std::size_t lane_count(lane_width choice) {
  if (choice == lane_width::automatic || !has_lanes(choice))
    choice = has_lanes(lane_width::eight) ? lane_width::eight
            : has_lanes(lane_width::four) ? lane_width::four
                                          : lane_width::two;
  return choice == lane_width::eight ? 8 : choice == lane_width::four ? 4 : 2;
}

// The sums of lane_batch over `sources`, in a fixed chunking of the
// sources: the sums inside a chunk and the order in which chunks are added
// do not depend on the number of threads (nor on the lanes).
template <class Index, class Dist>
std::vector<double> dependency_sums_as(const csr_graph& csr, const std::vector<std::uint32_t>& sources,
                                       const vertex_weights& weights, unsigned threads, lane_width lane_choice) {
  const std::size_t n = csr.size();
  std::vector<double> result(n, 0.0);
  const std::size_t k = sources.size();
  if (k == 0) return result;
  threads = resolve_threads(threads);
  const std::size_t width = lane_count(lane_choice);

  // At most 256 chunks, each a whole number of batches of eight.
  const std::size_t chunks = std::min<std::size_t>(k, 256);
  const std::size_t per_chunk = ((k + chunks - 1) / chunks + 7) / 8 * 8;
  const std::size_t chunk_count = (k + per_chunk - 1) / per_chunk;
  threads = static_cast<unsigned>(std::min<std::size_t>(threads, chunk_count));

  const search_graph<Index> g(csr);
  lanes::batch_job job;  // what every batch shares; each worker copies it
  job.n = n;
  job.m = g.m;
  job.wide = sizeof(Index) > 2;
  job.out_offsets = g.out_offsets.data();
  job.out_targets = g.out_targets.data();
  job.in_offsets = g.in_offsets.data();
  job.in_targets = g.in_targets.data();
  if (weights.any()) {
    job.source_weight = weights.source.data();
    job.target_weight = weights.target.data();
    job.extra = weights.extra.data();
    job.in_pendants = weights.in_pendants.data();
  }
  void (*const run)(const lanes::batch_job&) =
      width == 8 ? lanes::run_eight : width == 4 ? lanes::run_four : lanes::run_two;

  // Chunks are handed out by run_parallel; each worker keeps its scratch.
  // Every finished chunk that is next in order is merged at once, so the
  // sums are added in chunk order whatever the schedule; out-of-order chunks
  // wait in `finished` (at most about one per thread).
  std::mutex merge_mutex;
  std::vector<std::unique_ptr<std::vector<double>>> finished(chunk_count);
  std::size_t next_merge = 0;  // guarded by merge_mutex
  std::vector<std::unique_ptr<batch_scratch<Index, Dist>>> scratch(threads);
  run_parallel(chunk_count, threads, [&](std::size_t c, unsigned worker) {
    if (!scratch[worker]) scratch[worker] = std::make_unique<batch_scratch<Index, Dist>>(n, width);
    batch_scratch<Index, Dist>& w = *scratch[worker];
    auto partial = std::make_unique<std::vector<double>>(n, 0.0);
    lanes::batch_job mine = job;
    mine.dist = w.dist.get();
    mine.sigma = static_cast<double*>(w.sigma.get());
    mine.coeff = static_cast<double*>(w.coeff.get());
    mine.levels = w.levels.data();
    mine.candidates = w.candidates.data();
    mine.level_start = w.level_start.data();
    mine.acc = partial->data();
    const std::size_t first = c * per_chunk, last = std::min(k, first + per_chunk);
    for (std::size_t i = first; i < last; i += width) {
      mine.sources = sources.data() + i;
      mine.count = static_cast<int>(std::min(width, last - i));
      run(mine);
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
                                    const vertex_weights& weights, unsigned threads, const search_options& o) {
  if (o.width == search_width::automatic && g.size() <= 32767)
    return dependency_sums_as<std::uint16_t, std::int16_t>(g, sources, weights, threads, o.lanes);
  return dependency_sums_as<std::uint32_t, std::int32_t>(g, sources, weights, threads, o.lanes);
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

bool lanes_available(lane_width choice) { return has_lanes(choice); }

std::vector<double> betweenness_csr(const csr_graph& g, unsigned threads, const search_options& options) {
  const std::size_t n = g.size();
  if (n <= 2) return std::vector<double>(n, 0.0);
  std::vector<double> result;
  if (auto r = reduce_pendants(g)) {
    const std::vector<double> sums =
        dependency_sums(r->g, all_vertices(r->kept.size()), r->weights, threads, options);
    result.assign(n, 0.0);  // removed pendants lie between nobody
    for (std::size_t x = 0; x < r->kept.size(); ++x) result[r->kept[x]] = sums[x] + r->between_own[x];
  } else {
    result = dependency_sums(g, all_vertices(n), vertex_weights{}, threads, options);
  }
  const double scale = 1.0 / (static_cast<double>(n - 1) * static_cast<double>(n - 2));
  for (double& x : result) x *= scale;
  return result;
}

std::vector<double> dependency_sums_csr(const csr_graph& g, const std::vector<std::uint32_t>& sources,
                                        unsigned threads, const search_options& options) {
  return dependency_sums(g, sources, vertex_weights{}, threads, options);
}

std::vector<double> betweenness(const graph::views& v, unsigned threads) {
  return betweenness_csr(information_csr(v, /*undirected=*/false), threads);
}

}  // namespace orgflow::analysis
