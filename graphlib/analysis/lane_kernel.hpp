// The batch kernel of betweenness, included by lanes_two.cpp, lanes_four.cpp
// and lanes_eight.cpp, each compiled for its instruction set (lanes.hpp).
// Everything here has internal linkage and uses no library code but
// memcpy: nothing compiled for one instruction set leaks into another file.
// Internal to graphlib/analysis.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>

#include "analysis/lanes.hpp"

namespace orgflow::analysis::lanes {
namespace {

// Vectors of L lanes, one lane per source (GCC's vector extensions, which
// clang understands too). An operation on a vector is the same operation on
// each lane, so a lane computes exactly what a search of its source alone
// would, whatever L is.
template <class T, int L>
struct lanes_of;
#define ORGFLOW_LANES(T, L)                                        \
  template <>                                                      \
  struct lanes_of<T, L> {                                          \
    typedef T type __attribute__((vector_size(sizeof(T) * (L)))); \
  };
ORGFLOW_LANES(double, KERNEL_LANES)
ORGFLOW_LANES(long long, KERNEL_LANES)
ORGFLOW_LANES(short, KERNEL_LANES)
ORGFLOW_LANES(int, KERNEL_LANES)
#undef ORGFLOW_LANES

// Whether any lane of a mask (or of a distance vector) is non-zero.
template <class V>
inline bool any_lane(V v) {
  if constexpr (sizeof(V) <= 8) {
    std::uint64_t bits = 0;
    std::memcpy(&bits, &v, sizeof v);
    return bits != 0;
  } else {
    std::uint64_t words[sizeof(V) / 8];
    std::memcpy(words, &v, sizeof v);
    std::uint64_t any = 0;
    for (const std::uint64_t w : words) any |= w;
    return any != 0;
  }
}

// The sum over the row targets[q .. qe) of values[t], in each lane where
// dist[t] == level: two edges a turn in two sums (half the dependent
// additions), the even places of the row in one, the odd in the other,
// each in row order, then added: a fixed order in every lane.
template <class vl, class vd, class vi, class Index>
inline vd row_sum(const Index* targets, std::uint32_t q, std::uint32_t qe, const vi* dist, vi level,
                  const vd* values) {
  const vd zero{};
  vd s0{}, s1{};
  for (; q + 1 < qe; q += 2) {
    const Index t0 = targets[q], t1 = targets[q + 1];
    s0 += __builtin_convertvector(dist[t0] == level, vl) ? values[t0] : zero;
    s1 += __builtin_convertvector(dist[t1] == level, vl) ? values[t1] : zero;
  }
  if (q < qe) {
    const Index t0 = targets[q];
    s0 += __builtin_convertvector(dist[t0] == level, vl) ? values[t0] : zero;
  }
  return s0 + s1;
}

// A search step pushes (scans the out-edges of the level) while that scans
// at most half as many edges as a pull would (the in-edges of every vertex
// not yet reached in some lane): a push writes more. Until a pull has made
// its list of such vertices, a pull is reckoned at every vertex and edge.
// Measured on the 10,000-unit model and the person graphs of
// docs/performance.md.
constexpr std::size_t push_penalty = 2;

// Adds to job.acc the dependencies of the k <= L sources, one per lane
// (Brandes), weighted when `Weighted`: acc[v] += S(s) * (delta_s(v) + c[v])
// for every v != s that s reaches, with delta over target weights T, and
// acc[s] += a[s] * (the target weight s reaches). For each vertex the lanes
// are added in source order, as one search per source would add them.
//
// All L searches advance one level at a time. A level is the set of vertices
// at that distance in some lane; it is expanded by a push (the out-edges of
// the level, lanes at that distance) or a pull (the in-edges of every vertex
// not yet reached in some lane, parents at that distance), by the rule of
// push_penalty (Beamer et al. 2012, direction-optimising search): on small
// worlds a pull skips the many edges of the last big levels that point back.
// The backward pass visits the levels deepest first and, for each vertex,
// its out-edges: delta[v] = sigma[v] * sum over x at the next level of
// (T[x] + delta[x]) / sigma[x], in the order of v's row. Path counts are
// whole numbers, so the order in which sigma is summed changes nothing
// (below 2^53); the dependencies are summed in row order in every lane: the
// result depends only on the graph and the sources, not on L, the steps
// taken or the threads.
// Long on purpose: the hot loop of betweenness, kept whole so that the
// compiler sees all of it, as the benchmarks in docs/performance.md measure.
template <int L, bool Weighted, class Index, class Dist>
void lane_batch(const batch_job& job) {
  using vd = typename lanes_of<double, L>::type;
  using vl = typename lanes_of<long long, L>::type;
  using vi = typename lanes_of<Dist, L>::type;
  const std::size_t n = job.n;
  const std::uint32_t* const src = job.sources;
  const int k = job.count;
  vi* const dist = static_cast<vi*>(job.dist);
  vd* const sigma = reinterpret_cast<vd*>(job.sigma);
  vd* const coeff = reinterpret_cast<vd*>(job.coeff);
  Index* const levels = static_cast<Index*>(job.levels);
  Index* const candidates = static_cast<Index*>(job.candidates);
  std::uint32_t* const level_start = job.level_start;
  const std::uint32_t* const out_offsets = job.out_offsets;
  const Index* const out_targets = static_cast<const Index*>(job.out_targets);
  const std::uint32_t* const in_offsets = job.in_offsets;
  const Index* const in_targets = static_cast<const Index*>(job.in_targets);
  const vi none = vi{} - 1;
  const vd zero{};
  vi active{};  // the lanes that hold a source: the others are never open
  for (int l = 0; l < k; ++l) active[l] = -1;

  std::size_t end = 0;
  for (int l = 0; l < k; ++l) {
    const std::uint32_t s = src[l];
    if (!any_lane(dist[s] >= 0)) levels[end++] = static_cast<Index>(s);  // a source listed twice: once
    dist[s][l] = 0;
    sigma[s][l] = 1.0;
  }
  std::size_t depth = 0;  // the levels found so far; level_start[0 .. depth + 1] is filled
  level_start[0] = 0;
  level_start[1] = static_cast<std::uint32_t>(end);
  std::size_t candidate_count = 0, candidate_edges = 0;
  bool candidates_built = false;

  for (;; ++depth) {
    const std::size_t lo = level_start[depth], hi = level_start[depth + 1];
    if (lo == hi) break;
    std::size_t push_cost = 0;
    for (std::size_t i = lo; i < hi; ++i) push_cost += out_offsets[levels[i] + 1] - out_offsets[levels[i]];
    const std::size_t pull_cost = candidates_built ? candidate_count + candidate_edges : n + job.m;
    const vi here = vi{} + static_cast<Dist>(depth);
    const vi next = here + 1;
    std::size_t e = hi;
    if (push_cost * push_penalty <= pull_cost) {
      for (std::size_t i = lo; i < hi; ++i) {
        const Index v = levels[i];
        const vi on_level = dist[v] == here;
        const vd sv = __builtin_convertvector(on_level, vl) ? sigma[v] : zero;
        for (std::uint32_t q = out_offsets[v], qe = out_offsets[v + 1]; q < qe; ++q) {
          const Index x = out_targets[q];
          const vi dx = dist[x];
          const vi first = (dx < 0) & on_level;
          const vi dn = first ? next : dx;
          dist[x] = dn;
          sigma[x] += __builtin_convertvector((dn == next) & on_level, vl) ? sv : zero;
          // x joins the next level when it first reaches it in some lane;
          // written either way, the end advances by 0 or 1 (no branch).
          levels[e] = x;
          const int joins = static_cast<int>(any_lane(first)) & static_cast<int>(!any_lane(dx == next));
          e += static_cast<std::size_t>(joins);
        }
      }
    } else {
      if (!candidates_built) {
        for (std::size_t x = 0; x < n; ++x) {
          candidates[candidate_count] = static_cast<Index>(x);
          const bool open = any_lane((dist[x] < 0) & active);
          candidate_count += static_cast<std::size_t>(open);
          candidate_edges += open ? in_offsets[x + 1] - in_offsets[x] : 0;
        }
        candidates_built = true;
      }
      std::size_t kept = 0, kept_edges = 0;
      for (std::size_t j = 0; j < candidate_count; ++j) {
        const Index x = candidates[j];
        const vi dx = dist[x];
        const vi open = (dx < 0) & active;
        if (!any_lane(open)) continue;  // reached in every lane since the list was made
        const std::uint32_t qe = in_offsets[x + 1];
        const vd sum = row_sum<vl>(in_targets, in_offsets[x], qe, dist, here, sigma);  // over the parents
        const vl reached = __builtin_convertvector(open, vl) & (sum != 0.0);  // a parent has sigma >= 1
        const vi reached_i = __builtin_convertvector(reached, vi);
        dist[x] = reached_i ? next : dx;
        sigma[x] += reached ? sum : zero;  // 0 in open lanes
        levels[e] = x;
        e += static_cast<std::size_t>(any_lane(reached_i));
        const bool still_open = any_lane(open & ~reached_i);
        candidates[kept] = x;
        kept += static_cast<std::size_t>(still_open);
        kept_edges += still_open ? qe - in_offsets[x] : 0;
      }
      candidate_count = kept;
      candidate_edges = kept_edges;
    }
    level_start[depth + 2] = static_cast<std::uint32_t>(e);
  }

  // Backward, deepest level first. coeff[x] = (T[x] + delta[x]) / sigma[x]
  // once x is final in a lane; sigma[x] then holds delta[x] in that lane.
  vd target_weight_reached{};  // weighted: per lane, the target weight the source reaches (not itself)
  for (std::size_t dd = depth; dd-- > 0;) {
    const vi here = vi{} + static_cast<Dist>(dd);
    const vi next = here + 1;
    for (std::size_t i = level_start[dd]; i < level_start[dd + 1]; ++i) {
      const Index v = levels[i];
      const vd c = row_sum<vl>(out_targets, out_offsets[v], out_offsets[v + 1], dist, next, coeff);  // successors
      const vl on_level = __builtin_convertvector(dist[v] == here, vl);
      const vd sv = sigma[v];
      const vd delta = sv * c;
      const vd target = zero + (Weighted ? job.target_weight[v] : 1.0);
      const vd with_target = target + delta;
      coeff[v] = on_level ? with_target / sv : coeff[v];
      sigma[v] = on_level ? delta : sv;
      if (Weighted && dd > 0) target_weight_reached += on_level ? target : zero;
    }
  }

  // Into acc, each vertex once, lanes in source order; then the reset.
  if (!Weighted)
    for (int l = 0; l < k; ++l) sigma[src[l]][l] = 0.0;  // a source is not between itself and others
  double* const acc = job.acc;
  const std::size_t listed = level_start[depth];
  for (std::size_t i = 0; i < listed; ++i) {
    const Index v = levels[i];
    const vi dv = dist[v];
    if (!any_lane(dv >= 0)) continue;  // listed at an earlier level too: done
    const vd delta = sigma[v];
    double a = acc[v];
    for (int l = 0; l < k; ++l) {
      if constexpr (Weighted) {
        if (dv[l] < 0) continue;
        if (v == src[l]) {
          a += job.in_pendants[v] * target_weight_reached[l];
        } else {
          a += job.source_weight[src[l]] * (delta[l] + job.extra[v]);
        }
      } else {
        a += delta[l];  // 0 where v was not reached
      }
    }
    acc[v] = a;
    dist[v] = none;
    sigma[v] = zero;
  }
}

// The job at KERNEL_LANES lanes, its vertex width and weights.
void run_kernel(const batch_job& job) {
  const bool weighted = job.source_weight != nullptr;
  if (job.wide) {
    if (weighted) {
      lane_batch<KERNEL_LANES, true, std::uint32_t, int>(job);
    } else {
      lane_batch<KERNEL_LANES, false, std::uint32_t, int>(job);
    }
  } else if (weighted) {
    lane_batch<KERNEL_LANES, true, std::uint16_t, short>(job);
  } else {
    lane_batch<KERNEL_LANES, false, std::uint16_t, short>(job);
  }
}

}  // namespace
}  // namespace orgflow::analysis::lanes
