// The graph algorithms of the person-level analysis (people.md,
// Definitions) on compressed rows (analysis/csr.hpp): the transpose and the
// undirected U of G, weak and strong components, articulation points and
// bridges. Each is linear in people + ties, iterative (no recursion, so a
// chain of 100,000 people cannot overflow the stack) and allocates its
// arrays once; Boost.Graph's adjacency_list, used before, spent more time
// allocating its per-vertex edge lists than running the algorithms on the
// 100,000-person graph of docs/performance.md.
//
// Internal to graphlib/people.
#pragma once

#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

#include "analysis/csr.hpp"

namespace orgflow::people_detail {

using analysis::csr_graph;

/// The transpose of g (rows sorted), in O(n + m) by a counting sort.
csr_graph transpose(const csr_graph& g);

/// U: the neighbours of v are its out- and in-neighbours in G, merged
/// (sorted, each once). *mutual_arcs counts the arcs whose reverse is an arc.
/// `out` and `in` are G and its transpose, rows sorted. O(n + m).
csr_graph undirected_of(const csr_graph& out, const csr_graph& in, std::uint64_t* mutual_arcs);

/// Connected components of an undirected (symmetric) graph: component[v],
/// numbered in order of their smallest vertex; returns how many. An isolated
/// vertex is a component of its own. O(n + m).
std::size_t connected_components(const csr_graph& u, std::vector<std::uint32_t>& component);

/// The number of strongly connected components of the directed g (Tarjan,
/// iterative) and the size of the largest. O(n + m).
std::pair<std::size_t, std::size_t> strong_components(const csr_graph& g);

/// Articulation points and bridges of a simple undirected (symmetric) graph
/// (Hopcroft and Tarjan, iterative). `articulation[v]` is 1 when removing v
/// splits its component; `bridges` lists each bridge once as (parent, child)
/// of the depth-first search. O(n + m).
struct cut_structure {
  std::vector<char> articulation;
  std::vector<std::pair<std::uint32_t, std::uint32_t>> bridges;
};
cut_structure articulation_points_and_bridges(const csr_graph& u);

}  // namespace orgflow::people_detail
