// The betweenness kernel of graphlib/analysis/betweenness.cpp against the
// plain algorithm: textbook Brandes (2001) written here in a few lines, with
// a queue, a stack and predecessor lists, on random directed graphs built to
// exercise what the kernel does differently: pendant people (one neighbour,
// writing, hearing or both: the 1-degree reduction), stars and chains of
// them, bridges between dense groups, parallel ties and self-ties (collapsed
// by csr_graph), isolated people and pairs, small diameters (the bottom-up
// steps of the direction-optimising search) and long paths. Values agree to
// 1e-9 (relative to the largest), and the result is bit-identical for 1, 2
// and 3 threads, 16- and 32-bit vertex numbers and every lane width (two,
// four and eight searches side by side) the processor runs.
#include <catch2/catch.hpp>
#include <rapidcheck/catch.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <queue>
#include <random>
#include <thread>
#include <vector>

#include "analysis/csr.hpp"

using orgflow::analysis::csr_graph;
using orgflow::analysis::lane_width;
using orgflow::analysis::search_width;

namespace {

// The lane widths of the betweenness searches this processor runs (two
// always; four with AVX2, eight with AVX-512).
std::vector<lane_width> available_lanes() {
  std::vector<lane_width> lanes;
  for (const lane_width l : {lane_width::two, lane_width::four, lane_width::eight})
    if (orgflow::analysis::lanes_available(l)) lanes.push_back(l);
  return lanes;
}

using edge_list = std::vector<std::pair<std::uint32_t, std::uint32_t>>;

// Textbook Brandes, directed, unweighted, normalised by (n-1)(n-2).
std::vector<double> plain_brandes(std::size_t n, const edge_list& raw) {
  std::vector<std::vector<std::uint32_t>> out(n);
  edge_list edges = raw;
  std::sort(edges.begin(), edges.end());
  edges.erase(std::unique(edges.begin(), edges.end()), edges.end());
  for (const auto& [a, b] : edges)
    if (a != b) out[a].push_back(b);
  std::vector<double> cb(n, 0.0);
  for (std::uint32_t s = 0; s < n; ++s) {
    std::vector<std::vector<std::uint32_t>> pred(n);
    std::vector<double> sigma(n, 0.0), delta(n, 0.0);
    std::vector<long> dist(n, -1);
    std::vector<std::uint32_t> stack;
    std::queue<std::uint32_t> q;
    sigma[s] = 1;
    dist[s] = 0;
    q.push(s);
    while (!q.empty()) {
      const auto v = q.front();
      q.pop();
      stack.push_back(v);
      for (const auto w : out[v]) {
        if (dist[w] < 0) {
          dist[w] = dist[v] + 1;
          q.push(w);
        }
        if (dist[w] == dist[v] + 1) {
          sigma[w] += sigma[v];
          pred[w].push_back(v);
        }
      }
    }
    while (!stack.empty()) {
      const auto w = stack.back();
      stack.pop_back();
      for (const auto v : pred[w]) delta[v] += sigma[v] / sigma[w] * (1 + delta[w]);
      if (w != s) cb[w] += delta[w];
    }
  }
  if (n > 2)
    for (double& x : cb) x /= static_cast<double>(n - 1) * static_cast<double>(n - 2);
  return cb;
}

// A random "organization": dense groups joined by a few ties (some of them
// bridges), pendants hanging off group members in every direction, a few
// chains and stars, repeated ties and self-ties.
struct random_org {
  std::size_t n = 0;
  edge_list edges;
};

random_org make_org(std::mt19937& rng, std::size_t groups, std::size_t group_size, std::size_t pendants,
                    double density) {
  random_org g;
  auto pick = [&](std::size_t k) { return static_cast<std::uint32_t>(rng() % k); };
  const std::size_t core = groups * group_size;
  g.n = core;
  for (std::size_t k = 0; k < groups; ++k) {
    const auto base = static_cast<std::uint32_t>(k * group_size);
    const auto ties = static_cast<std::size_t>(density * static_cast<double>(group_size));
    for (std::size_t t = 0; t < ties; ++t) g.edges.emplace_back(base + pick(group_size), base + pick(group_size));
    if (k > 0) {  // one tie to the previous group, sometimes both ways: a bridge or a pair of arcs
      const auto a = base + pick(group_size), b = static_cast<std::uint32_t>(base - group_size) + pick(group_size);
      g.edges.emplace_back(a, b);
      if (rng() % 2) g.edges.emplace_back(b, a);
      if (rng() % 3 == 0) g.edges.emplace_back(a, b);  // a repeated tie
    }
  }
  for (std::size_t p = 0; p < pendants; ++p) {
    const auto v = static_cast<std::uint32_t>(g.n++);
    const auto u = core > 0 ? pick(core) : 0;
    switch (rng() % 4) {
      case 0: g.edges.emplace_back(v, u); break;  // writes only
      case 1: g.edges.emplace_back(u, v); break;  // hears only
      case 2: g.edges.emplace_back(v, u), g.edges.emplace_back(u, v); break;
      default: {  // a chain of two: u - v - w, or a loose pair v - w
        const auto w = static_cast<std::uint32_t>(g.n++);
        if (rng() % 2) g.edges.emplace_back(u, v);
        g.edges.emplace_back(v, w);
        if (rng() % 2) g.edges.emplace_back(w, v);
      }
    }
    if (rng() % 5 == 0) g.edges.emplace_back(v, v);  // a self-tie changes nothing
  }
  if (rng() % 3 == 0) g.n += 1 + rng() % 3;  // isolated people
  return g;
}

void check_against_plain(const random_org& g) {
  const csr_graph csr = csr_graph::from_edges(g.n, g.edges, /*undirected=*/false);
  const auto want = plain_brandes(g.n, g.edges);
  const auto got = orgflow::analysis::betweenness_csr(csr, 1);
  REQUIRE(got.size() == want.size());
  double largest = 1e-300;
  for (const double x : want) largest = std::max(largest, std::fabs(x));
  for (std::size_t v = 0; v < g.n; ++v) {
    INFO("vertex " << v << " of " << g.n);
    CHECK(std::fabs(got[v] - want[v]) <= 1e-9 * largest);
  }
  for (const unsigned threads : {2u, 3u}) CHECK(orgflow::analysis::betweenness_csr(csr, threads) == got);
  // 32-bit vertex numbers, and every lane width this processor runs, on the
  // same graph: the same sums, bit for bit.
  CHECK(orgflow::analysis::betweenness_csr(csr, 2, {search_width::wide}) == got);
  for (const lane_width lanes : available_lanes()) {
    INFO("lanes " << static_cast<int>(lanes));
    CHECK(orgflow::analysis::betweenness_csr(csr, 2, {search_width::automatic, lanes}) == got);
    CHECK(orgflow::analysis::betweenness_csr(csr, 1, {search_width::wide, lanes}) == got);
  }
}

}  // namespace

TEST_CASE("betweenness kernel: a pendant in each direction, worked by hand", "[betweenness]") {
  //   a -> u <-> b (a writes only, b both ways), u -> c (c hears only), u <-> x <-> y
  //   a=0 u=1 b=2 c=3 x=4 y=5: n = 6, (n-1)(n-2) = 20.
  //   u lies on every path from a, b to {b, c, x, y} \ {itself}, and from x, y to b, c:
  //   sources a: b, c, x, y (4); b: c, x, y (3); x: b, c (2); y: b, c (2) -> 11 pairs.
  //   x lies on every path from a, b, u to y (3) and from y to u, b, c (3) -> 6 pairs.
  const edge_list edges = {{0, 1}, {1, 2}, {2, 1}, {1, 3}, {1, 4}, {4, 1}, {4, 5}, {5, 4}};
  const auto b = orgflow::analysis::betweenness_csr(csr_graph::from_edges(6, edges, false), 1);
  CHECK(b[1] == Approx(11.0 / 20.0));
  CHECK(b[4] == Approx(6.0 / 20.0));
  for (const std::size_t pendant : {0u, 2u, 3u, 5u}) CHECK(b[pendant] == 0.0);
  const auto plain = plain_brandes(6, edges);
  for (std::size_t v = 0; v < 6; ++v) CHECK(b[v] == Approx(plain[v]).margin(1e-12));
}

TEST_CASE("betweenness kernel: equal to plain Brandes on random organizations, any thread count", "[betweenness]") {
  std::mt19937 rng(20241205);
  for (int k = 0; k < 120; ++k) {
    const std::size_t groups = 1 + rng() % 5, size = 2 + rng() % 12, pendants = rng() % 15;
    const double density = std::vector<double>{0.7, 1.5, 3.0, 6.0}[rng() % 4];
    check_against_plain(make_org(rng, groups, size, pendants, density));
  }
  // Larger and denser.
  for (int k = 0; k < 3; ++k) check_against_plain(make_org(rng, 4, 120, 60, 9.0));
  // Dense enough that the second or third level of every batch is a pull
  // (its out-ties outnumber half of all people and ties), on every lane
  // width; pendants make the sums weighted.
  for (int k = 0; k < 2; ++k) {
    random_org dense;
    dense.n = 400;
    for (std::uint32_t a = 0; a < 400; ++a)
      for (int e = 0; e < 40; ++e) dense.edges.emplace_back(a, static_cast<std::uint32_t>(rng() % 400));
    for (std::uint32_t p = 400; p < 420; ++p, ++dense.n) dense.edges.emplace_back(p, rng() % 400);
    check_against_plain(dense);
  }
  // A long path with pendants along it: many levels, all top-down.
  random_org path;
  path.n = 400;
  for (std::uint32_t v = 0; v + 1 < 200; ++v) path.edges.emplace_back(v, v + 1);
  for (std::uint32_t v = 200; v < 400; ++v) path.edges.emplace_back(v - 200, v);
  check_against_plain(path);
}

TEST_CASE("betweenness kernel: property - plain Brandes on any small graph with pendants", "[betweenness][prop]") {
  rc::prop("betweenness_csr equals plain Brandes", [](std::vector<std::pair<std::uint8_t, std::uint8_t>> raw) {
    const std::size_t n = 3 + *rc::gen::inRange<std::size_t>(0, 25);
    random_org g;
    g.n = n;
    for (const auto& [a, b] : raw) g.edges.emplace_back(a % n, b % n);
    // Pendants on random people, in a random direction.
    const auto pendants = *rc::gen::inRange<std::size_t>(0, 6);
    for (std::size_t p = 0; p < pendants; ++p) {
      const auto v = static_cast<std::uint32_t>(g.n++);
      const auto u = *rc::gen::inRange<std::uint32_t>(0, static_cast<std::uint32_t>(n));
      const auto how = *rc::gen::inRange(0, 3);
      if (how != 1) g.edges.emplace_back(v, u);
      if (how != 0) g.edges.emplace_back(u, v);
    }
    const csr_graph csr = csr_graph::from_edges(g.n, g.edges, false);
    const auto want = plain_brandes(g.n, g.edges);
    const auto got = orgflow::analysis::betweenness_csr(csr, 2);
    for (std::size_t v = 0; v < g.n; ++v) RC_ASSERT(std::fabs(got[v] - want[v]) <= 1e-9);
    RC_ASSERT(orgflow::analysis::betweenness_csr(csr, 1) == got);
    RC_ASSERT(orgflow::analysis::betweenness_csr(csr, 1, {search_width::wide}) == got);
    for (const lane_width lanes : available_lanes())
      RC_ASSERT(orgflow::analysis::betweenness_csr(csr, 1, {search_width::automatic, lanes}) == got);
  });
}

// Graphs of up to 32,767 vertices are searched with 16-bit vertex numbers
// and distances, larger ones with 32-bit: both give the same sums (the
// random organizations above check both widths on every graph).
TEST_CASE("betweenness kernel: 16-bit and 32-bit searches agree, up to the longest distance", "[betweenness]") {
  using orgflow::analysis::dependency_sums_csr;
  // A directed path 0 -> 1 -> ... -> n-1, and every vertex writing back to
  // 0, from sources 0 and 1: every vertex v >= 2 lies between each source
  // and the n-1-v vertices after it, 1 between 0 and the n-2 others, 0
  // between nobody. Every level is one person: all pushes. n = 32,767 is
  // the largest graph of the 16-bit search, with the deepest level it
  // allows.
  for (const std::size_t n : {32767u, 32768u, 40000u}) {
    edge_list edges;
    for (std::uint32_t v = 0; v + 1 < n; ++v) edges.emplace_back(v, v + 1);
    for (std::uint32_t v = 2; v < n; ++v) edges.emplace_back(v, 0);
    const csr_graph g = csr_graph::from_edges(n, edges, false);
    for (const search_width width : {search_width::automatic, search_width::wide}) {
      for (const lane_width lanes : available_lanes()) {
        const auto sums = dependency_sums_csr(g, {0, 1}, 2, {width, lanes});
        INFO("n = " << n << (width == search_width::wide ? ", 32-bit" : ", automatic") << ", lanes "
                    << static_cast<int>(lanes));
        REQUIRE(sums.size() == n);
        CHECK(sums[0] == 0.0);
        CHECK(sums[1] == static_cast<double>(n - 2));  // from 0 only
        CHECK(sums[n / 2] == 2.0 * static_cast<double>(n - 1 - n / 2));
        CHECK(sums[n - 2] == 2.0);
        CHECK(sums[n - 1] == 0.0);
      }
    }
  }
}

// Sources are searched in batches, one per lane: a source listed twice in a
// batch counts twice, sources fill several batches and a last partial one,
// and the sums are those of the sources one by one (to rounding: chunks of
// sources are summed apart, then added), bit for bit the same with any lane
// width and thread count.
TEST_CASE("betweenness kernel: sums over listed sources, repeated or not, in any batch", "[betweenness]") {
  using orgflow::analysis::dependency_sums_csr;
  std::mt19937 rng(7);
  const random_org org = make_org(rng, 3, 20, 10, 3.0);
  const csr_graph g = csr_graph::from_edges(org.n, org.edges, false);
  const std::vector<std::uint32_t> sources = {3, 3, 5, 0, 3, 7, 11, 2, 5, 13, 1, 4, 3};
  std::vector<double> want(org.n, 0.0);
  for (const std::uint32_t s : sources) {
    const auto one = dependency_sums_csr(g, {s}, 1);
    for (std::size_t v = 0; v < org.n; ++v) want[v] += one[v];
  }
  const auto got = dependency_sums_csr(g, sources, 1, {search_width::automatic, lane_width::two});
  REQUIRE(got.size() == org.n);
  for (std::size_t v = 0; v < org.n; ++v) CHECK(got[v] == Approx(want[v]).epsilon(1e-12).margin(1e-12));
  CHECK(got[3] > 0.0);
  for (const lane_width lanes : available_lanes()) {
    INFO("lanes " << static_cast<int>(lanes));
    CHECK(dependency_sums_csr(g, sources, 1, {search_width::automatic, lanes}) == got);
    CHECK(dependency_sums_csr(g, sources, 2, {search_width::wide, lanes}) == got);
  }
}

// analyze() runs betweenness on threads of its own and helps with the
// chunks left once the rest is done: whoever computes which chunk, the
// result is the same, bit for bit.
TEST_CASE("betweenness kernel: a job worked on by several threads at once gives the same sums", "[betweenness]") {
  using orgflow::analysis::betweenness_job;
  std::mt19937 rng(11);
  for (int k = 0; k < 4; ++k) {
    const random_org org = make_org(rng, 3, 40, k * 10, 3.0);  // with pendants from the second on
    const csr_graph g = csr_graph::from_edges(org.n, org.edges, false);
    const auto want = orgflow::analysis::betweenness_csr(g, 1);
    betweenness_job job(g);
    std::thread other([&job] { job.run(2); });
    job.work();
    other.join();
    CHECK(job.result() == want);
  }
  betweenness_job small(csr_graph::from_edges(2, {{0, 1}}, false));  // n <= 2: nothing to search
  small.work();
  CHECK(small.result() == std::vector<double>{0.0, 0.0});
}
