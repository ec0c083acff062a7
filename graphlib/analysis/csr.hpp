// A compact (CSR) adjacency structure over the units of a model, and the
// Brandes betweenness that runs on it. Boost's adjacency_list with vecS
// out-edge vectors and edge properties costs about 37 s for Brandes on
// 10,000 units / 100,000 flows; two flat arrays of 32-bit vertex numbers
// (16-bit inside the betweenness searches on graphs of up to 32,767
// vertices), searched eight sources at a time (lanes.hpp), make that about
// 0.8 s on two cores.
//
// Internal to graphlib. Other families may reuse it (the delivery family is
// welcome to build its G[A] searches on csr_graph; the person-level analysis
// of people.md reuses betweenness_csr on its person graph).
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <utility>
#include <vector>

#include "graph/views.hpp"

namespace orgflow::analysis {

/// Adjacency lists in two arrays: the neighbours of v are
/// targets[offsets[v] .. offsets[v+1]), sorted by vertex number, each at most
/// once (parallel edges collapse), never v itself.
struct csr_graph {
  std::vector<std::uint32_t> offsets;  // size() + 1 entries
  std::vector<std::uint32_t> targets;

  std::size_t size() const { return offsets.empty() ? 0 : offsets.size() - 1; }
  const std::uint32_t* begin(std::size_t v) const { return targets.data() + offsets[v]; }
  const std::uint32_t* end(std::size_t v) const { return targets.data() + offsets[v + 1]; }
  std::size_t degree(std::size_t v) const { return offsets[v + 1] - offsets[v]; }

  /// Builds the structure from an edge list over n vertices in
  /// O(n + edges) (counting sorts): each row sorted, repeats once. With
  /// `undirected`, each edge is added in both directions. Self-loops are
  /// dropped.
  static csr_graph from_edges(std::size_t n, std::vector<std::pair<std::uint32_t, std::uint32_t>> edges,
                              bool undirected);
};

/// The transpose of g (rows sorted, as g's), in O(n + m) by a counting
/// sort.
csr_graph transpose(const csr_graph& g);

/// G of the views (one edge per flow, parallel flows once), directed or
/// taken as undirected.
csr_graph information_csr(const graph::views& v, bool undirected);

/// The width of the vertex numbers and distances the betweenness searches
/// use: automatic takes 16 bits on graphs of up to 32,767 vertices, 32
/// above; wide always 32 (for tests: both widths must give the same sums).
enum class search_width { automatic, wide };

/// How many searches run side by side, one per lane of a vector: eight with
/// AVX-512, four with AVX2, two on any x86-64. automatic takes the widest
/// the processor has, as does a width it does not have; tests force each
/// one it has (they must all give the same sums).
enum class lane_width { automatic, two, four, eight };

/// Whether this processor runs the given lane width (automatic: always).
bool lanes_available(lane_width lanes);

struct search_options {
  search_width width = search_width::automatic;
  lane_width lanes = lane_width::automatic;
};

/// Directed, unweighted betweenness centrality of every vertex (Brandes 2001),
/// normalised by (n-1)(n-2) as NetworkX does for directed graphs; all 0 when
/// n <= 2. Exact: pendant vertices (one neighbour, either direction) are
/// first removed and their neighbour weighted instead (the 1-degree
/// reduction of Baglioni et al. 2012, carried over to directed graphs), so
/// no search starts from them. O(n * (n + m)) time (a direction-optimising
/// search scans far fewer edges on graphs of small diameter),
/// O(n + m + threads * lanes * n) memory.
///
/// The searches run in batches of up to eight sources, one per lane of a
/// vector (lane_width). Sources are cut into a fixed number of chunks
/// (independent of the thread count); each chunk sums into its own array
/// and the arrays are added in chunk order, so the result is bit-identical
/// for any `threads` (0: the hardware concurrency), and for any lane width
/// while the numbers of shortest paths stay below 2^53 (past that, path
/// counts are rounded in an order that depends on the batch).
std::vector<double> betweenness_csr(const csr_graph& g, unsigned threads, const search_options& options = {});

/// betweenness_csr computed by whichever threads call work(), any number at
/// once and at any time, each taking the next chunk of sources until none
/// is left: analyze() runs it on threads of its own and, once the rest of
/// the analysis is done, helps with the chunks still left. The result does
/// not depend on who computed which chunk. Building it removes the pendants
/// and copies the rows, O(n + m).
class betweenness_job {
 public:
  explicit betweenness_job(const csr_graph& g, const search_options& options = {});
  ~betweenness_job();
  betweenness_job(const betweenness_job&) = delete;
  betweenness_job& operator=(const betweenness_job&) = delete;

  /// Computes chunks until none is left (safe from several threads at once).
  void work();
  /// work() on `threads` threads (0: every core), returning when all have.
  void run(unsigned threads);
  /// The betweenness, normalised as betweenness_csr's, once every work()
  /// has returned and no chunk is left. Call once.
  std::vector<double> result();

 private:
  struct state;
  std::unique_ptr<state> state_;
};

/// The unnormalised Brandes dependencies summed over the given sources only:
/// result[v] = sum over s in `sources` of delta_s(v) (each source counted as
/// often as it is listed). betweenness_csr is this over every vertex, scaled;
/// the person-level analysis (people.md, --betweenness sample) estimates
/// betweenness from a sample of sources with it. Same chunking rule: the
/// result is bit-identical for any `threads`. O(|sources| * (n + m)).
std::vector<double> dependency_sums_csr(const csr_graph& g, const std::vector<std::uint32_t>& sources,
                                        unsigned threads, const search_options& options = {});

}  // namespace orgflow::analysis
