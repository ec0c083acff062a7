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
#include <atomic>
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
#include "orgflow/check.hpp"

namespace orgflow::analysis {

csr_graph csr_graph::from_edges(std::size_t n, std::vector<std::pair<std::uint32_t, std::uint32_t>> edges,
                                bool undirected) {
  if (undirected) {
    const std::size_t m = edges.size();
    edges.reserve(2 * m);
    for (std::size_t i = 0; i < m; ++i) edges.emplace_back(edges[i].second, edges[i].first);
  }
  // Two counting sorts, O(n + edges): the sources listed by target, then
  // the targets laid into the rows of their sources in increasing target
  // order, so every row comes out sorted; repeats are then adjacent.
  std::vector<std::uint32_t> in_offsets(n + 1, 0), out_offsets(n + 1, 0);
  for (const auto& [from, to] : edges) {
    check_invariant(from < n && to < n, "every edge joins two of the n vertices");
    if (from != to) {
      ++in_offsets[to + 1];
      ++out_offsets[from + 1];
    }
  }
  for (std::size_t v = 0; v < n; ++v) {
    in_offsets[v + 1] += in_offsets[v];
    out_offsets[v + 1] += out_offsets[v];
  }
  std::vector<std::uint32_t> sources(in_offsets[n]);
  {
    std::vector<std::uint32_t> fill(in_offsets.begin(), in_offsets.end() - 1);
    for (const auto& [from, to] : edges)
      if (from != to) sources[fill[to]++] = from;
  }
  std::vector<std::pair<std::uint32_t, std::uint32_t>>().swap(edges);
  std::vector<std::uint32_t> targets(sources.size());
  {
    std::vector<std::uint32_t> fill(out_offsets.begin(), out_offsets.end() - 1);
    for (std::size_t t = 0; t < n; ++t)
      for (std::uint32_t i = in_offsets[t]; i < in_offsets[t + 1]; ++i)
        targets[fill[sources[i]]++] = static_cast<std::uint32_t>(t);
  }
  csr_graph g;
  g.offsets.assign(n + 1, 0);
  g.targets.reserve(targets.size());
  for (std::size_t v = 0; v < n; ++v) {
    for (std::uint32_t i = out_offsets[v]; i < out_offsets[v + 1]; ++i)
      if (i == out_offsets[v] || targets[i] != targets[i - 1]) g.targets.push_back(targets[i]);
    g.offsets[v + 1] = static_cast<std::uint32_t>(g.targets.size());
  }
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
#if defined(__x86_64__) || defined(__i386__)
  if (choice == lane_width::eight)
    return lanes::eight_compiled && __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw") &&
           __builtin_cpu_supports("avx512vl") && __builtin_cpu_supports("avx512dq");
  if (choice == lane_width::four) return lanes::four_compiled && __builtin_cpu_supports("avx2");
  return true;
#else
  return choice == lane_width::two || choice == lane_width::automatic;
#endif
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

// Sums of dependencies over a list of sources, computed by whoever calls
// work(): any number of threads at once, at any time, each taking the next
// chunk of sources until none is left.
class sums_job {
 public:
  virtual ~sums_job() = default;
  virtual void work() = 0;
  virtual std::size_t chunks() const = 0;
  // The sums, once every work() has returned.
  virtual std::vector<double> take() = 0;
};

// The sums of lane_batch over `sources`, in a fixed chunking of the
// sources: the sums inside a chunk and the order in which chunks are added
// do not depend on who computed which chunk, so neither on the number of
// threads (nor on the lanes).
template <class Index, class Dist>
class chunked_sums final : public sums_job {
 public:
  chunked_sums(const csr_graph& csr, std::vector<std::uint32_t> sources, vertex_weights weights,
               lane_width lane_choice)
      : n_(csr.size()),
        sources_(std::move(sources)),
        weights_(std::move(weights)),
        width_(lane_count(lane_choice)),
        g_(csr),
        result_(n_, 0.0) {
    const std::size_t k = sources_.size();
    // At most 256 chunks, each a whole number of batches of eight.
    const std::size_t chunks = std::max<std::size_t>(1, std::min<std::size_t>(k, 256));
    per_chunk_ = std::max<std::size_t>(8, ((k + chunks - 1) / chunks + 7) / 8 * 8);
    chunk_count_ = (k + per_chunk_ - 1) / per_chunk_;
    finished_.resize(chunk_count_);
    job_.n = n_;
    job_.m = g_.m;
    job_.wide = sizeof(Index) > 2;
    job_.out_offsets = g_.out_offsets.data();
    job_.out_targets = g_.out_targets.data();
    job_.in_offsets = g_.in_offsets.data();
    job_.in_targets = g_.in_targets.data();
    if (weights_.any()) {
      job_.source_weight = weights_.source.data();
      job_.target_weight = weights_.target.data();
      job_.extra = weights_.extra.data();
      job_.in_pendants = weights_.in_pendants.data();
    }
    run_ = width_ == 8 ? lanes::run_eight : width_ == 4 ? lanes::run_four : lanes::run_two;
  }

  std::size_t chunks() const override { return chunk_count_; }

  // Each caller keeps its own scratch. Every finished chunk that is next in
  // order is merged at once, so the sums are added in chunk order whatever
  // the schedule; out-of-order chunks wait in `finished_` (at most about one
  // per thread).
  void work() override {
    std::unique_ptr<batch_scratch<Index, Dist>> scratch;
    try {
      for (std::size_t c = next_chunk_.fetch_add(1); c < chunk_count_; c = next_chunk_.fetch_add(1)) {
        if (!scratch) scratch = std::make_unique<batch_scratch<Index, Dist>>(n_, width_);
        auto partial = std::make_unique<std::vector<double>>(n_, 0.0);
        lanes::batch_job mine = job_;
        mine.dist = scratch->dist.get();
        mine.sigma = static_cast<double*>(scratch->sigma.get());
        mine.coeff = static_cast<double*>(scratch->coeff.get());
        mine.levels = scratch->levels.data();
        mine.candidates = scratch->candidates.data();
        mine.level_start = scratch->level_start.data();
        mine.acc = partial->data();
        const std::size_t first = c * per_chunk_, last = std::min(sources_.size(), first + per_chunk_);
        for (std::size_t i = first; i < last; i += width_) {
          mine.sources = sources_.data() + i;
          mine.count = static_cast<int>(std::min(width_, last - i));
          run_(mine);
        }
        std::lock_guard<std::mutex> lock(merge_mutex_);
        finished_[c] = std::move(partial);
        while (next_merge_ < chunk_count_ && finished_[next_merge_]) {
          const std::vector<double>& part = *finished_[next_merge_];
          for (std::size_t v = 0; v < n_; ++v) result_[v] += part[v];
          finished_[next_merge_].reset();
          ++next_merge_;
        }
      }
    } catch (...) {  // out of memory: the others stop taking chunks too
      next_chunk_.store(chunk_count_);
      throw;
    }
  }

  std::vector<double> take() override { return std::move(result_); }

 private:
  std::size_t n_;
  std::vector<std::uint32_t> sources_;
  vertex_weights weights_;
  std::size_t width_;
  search_graph<Index> g_;
  lanes::batch_job job_;  // what every batch shares; each chunk copies it
  void (*run_)(const lanes::batch_job&) = nullptr;
  std::size_t per_chunk_ = 0, chunk_count_ = 0;
  std::atomic<std::size_t> next_chunk_{0};
  std::mutex merge_mutex_;
  std::vector<std::unique_ptr<std::vector<double>>> finished_;  // guarded by merge_mutex_
  std::size_t next_merge_ = 0;                                  // guarded by merge_mutex_
  std::vector<double> result_;                                  // guarded by merge_mutex_
};

// 16-bit vertex numbers and distances when they fit (a distance is below
// the number of vertices), else 32 bits; the same sums either way.
std::unique_ptr<sums_job> make_sums(const csr_graph& g, std::vector<std::uint32_t> sources, vertex_weights weights,
                                    const search_options& o) {
  if (o.width == search_width::automatic && g.size() <= 32767)
    return std::make_unique<chunked_sums<std::uint16_t, std::int16_t>>(g, std::move(sources), std::move(weights),
                                                                        o.lanes);
  return std::make_unique<chunked_sums<std::uint32_t, std::int32_t>>(g, std::move(sources), std::move(weights),
                                                                      o.lanes);
}

// work() on `threads` threads (0: every core), no more than there are chunks.
void run_on(sums_job& job, unsigned threads) {
  const std::size_t workers = std::min<std::size_t>(resolve_threads(threads), job.chunks());
  run_parallel(workers, static_cast<unsigned>(workers), [&](std::size_t, unsigned) { job.work(); });
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

struct betweenness_job::state {
  std::size_t n = 0;
  std::optional<reduced_graph> reduced;  // when pendants were removed
  std::unique_ptr<sums_job> sums;        // null when n <= 2
};

betweenness_job::betweenness_job(const csr_graph& g, const search_options& options) : state_(new state) {
  state_->n = g.size();
  if (state_->n <= 2) return;
  state_->reduced = reduce_pendants(g);
  if (state_->reduced) {
    reduced_graph& r = *state_->reduced;
    state_->sums = make_sums(r.g, all_vertices(r.kept.size()), r.weights, options);
  } else {
    state_->sums = make_sums(g, all_vertices(state_->n), vertex_weights{}, options);
  }
}

betweenness_job::~betweenness_job() = default;

void betweenness_job::work() {
  if (state_->sums) state_->sums->work();
}

void betweenness_job::run(unsigned threads) {
  if (state_->sums) run_on(*state_->sums, threads);
}

std::vector<double> betweenness_job::result() {
  const std::size_t n = state_->n;
  if (!state_->sums) return std::vector<double>(n, 0.0);
  std::vector<double> result;
  if (state_->reduced) {
    const reduced_graph& r = *state_->reduced;
    const std::vector<double> sums = state_->sums->take();
    result.assign(n, 0.0);  // removed pendants lie between nobody
    for (std::size_t x = 0; x < r.kept.size(); ++x) result[r.kept[x]] = sums[x] + r.between_own[x];
  } else {
    result = state_->sums->take();
  }
  const double scale = 1.0 / (static_cast<double>(n - 1) * static_cast<double>(n - 2));
  for (double& x : result) x *= scale;
  return result;
}

std::vector<double> betweenness_csr(const csr_graph& g, unsigned threads, const search_options& options) {
  betweenness_job job(g, options);
  job.run(threads);
  return job.result();
}

std::vector<double> dependency_sums_csr(const csr_graph& g, const std::vector<std::uint32_t>& sources,
                                        unsigned threads, const search_options& options) {
  const std::unique_ptr<sums_job> job = make_sums(g, sources, vertex_weights{}, options);
  run_on(*job, threads);
  return job->take();
}

std::vector<double> betweenness(const graph::views& v, unsigned threads) {
  return betweenness_csr(information_csr(v, /*undirected=*/false), threads);
}

}  // namespace orgflow::analysis
