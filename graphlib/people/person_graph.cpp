// Linear-time graph algorithms on compressed rows for the person-level
// analysis (person_graph.hpp). Depth-first searches keep an explicit stack of
// (vertex, next edge) so that long chains of people need no call stack.
#include "people/person_graph.hpp"

#include <algorithm>

namespace orgflow::people_detail {

namespace {
constexpr std::uint32_t none = UINT32_MAX;
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

csr_graph undirected_of(const csr_graph& out, const csr_graph& in, std::uint64_t* mutual_arcs) {
  const std::size_t n = out.size();
  csr_graph u;
  u.offsets.assign(n + 1, 0);
  u.targets.reserve(out.targets.size() + in.targets.size());
  std::uint64_t mutual = 0;
  for (std::size_t v = 0; v < n; ++v) {
    const std::uint32_t *a = out.begin(v), *ae = out.end(v), *b = in.begin(v), *be = in.end(v);
    while (a != ae && b != be) {
      if (*a < *b) {
        u.targets.push_back(*a++);
      } else if (*b < *a) {
        u.targets.push_back(*b++);
      } else {
        ++mutual;
        u.targets.push_back(*a++);
        ++b;
      }
    }
    u.targets.insert(u.targets.end(), a, ae);
    u.targets.insert(u.targets.end(), b, be);
    u.offsets[v + 1] = static_cast<std::uint32_t>(u.targets.size());
  }
  u.targets.shrink_to_fit();
  if (mutual_arcs != nullptr) *mutual_arcs = mutual;
  return u;
}

std::size_t connected_components(const csr_graph& u, std::vector<std::uint32_t>& component) {
  const std::size_t n = u.size();
  component.assign(n, none);
  std::vector<std::uint32_t> queue;
  queue.reserve(n);
  std::uint32_t count = 0;
  for (std::size_t s = 0; s < n; ++s) {
    if (component[s] != none) continue;
    component[s] = count;
    queue.clear();
    queue.push_back(static_cast<std::uint32_t>(s));
    for (std::size_t head = 0; head < queue.size(); ++head) {
      const std::uint32_t v = queue[head];
      for (const std::uint32_t* p = u.begin(v); p != u.end(v); ++p) {
        if (component[*p] == none) {
          component[*p] = count;
          queue.push_back(*p);
        }
      }
    }
    ++count;
  }
  return count;
}

std::pair<std::size_t, std::size_t> strong_components(const csr_graph& g) {
  const std::size_t n = g.size();
  std::vector<std::uint32_t> index(n, none), low(n, 0), edge(n, 0);
  std::vector<char> on_stack(n, 0);
  std::vector<std::uint32_t> stack, path;  // Tarjan's stack; the DFS path
  std::uint32_t next_index = 0;
  std::size_t count = 0, largest = 0;
  for (std::size_t s = 0; s < n; ++s) {
    if (index[s] != none) continue;
    path.push_back(static_cast<std::uint32_t>(s));
    index[s] = low[s] = next_index++;
    edge[s] = g.offsets[s];
    stack.push_back(static_cast<std::uint32_t>(s));
    on_stack[s] = 1;
    while (!path.empty()) {
      const std::uint32_t v = path.back();
      if (edge[v] < g.offsets[v + 1]) {
        const std::uint32_t w = g.targets[edge[v]++];
        if (index[w] == none) {
          index[w] = low[w] = next_index++;
          edge[w] = g.offsets[w];
          stack.push_back(w);
          on_stack[w] = 1;
          path.push_back(w);
        } else if (on_stack[w]) {
          low[v] = std::min(low[v], index[w]);
        }
        continue;
      }
      path.pop_back();
      if (!path.empty()) low[path.back()] = std::min(low[path.back()], low[v]);
      if (low[v] == index[v]) {  // v is the root of a component: pop it
        std::size_t size = 0;
        std::uint32_t w;
        do {
          w = stack.back();
          stack.pop_back();
          on_stack[w] = 0;
          ++size;
        } while (w != v);
        ++count;
        largest = std::max(largest, size);
      }
    }
  }
  return {count, largest};
}

cut_structure articulation_points_and_bridges(const csr_graph& u) {
  const std::size_t n = u.size();
  cut_structure cut;
  cut.articulation.assign(n, 0);
  std::vector<std::uint32_t> disc(n, 0), low(n, 0), parent(n, none), edge(n, 0);  // disc 0: not visited
  std::vector<std::uint32_t> path;
  std::uint32_t time = 0;
  for (std::size_t r = 0; r < n; ++r) {
    if (disc[r] != 0 || u.degree(r) == 0) continue;
    const auto root = static_cast<std::uint32_t>(r);
    std::size_t root_children = 0;
    disc[root] = low[root] = ++time;
    edge[root] = u.offsets[root];
    path.push_back(root);
    while (!path.empty()) {
      const std::uint32_t v = path.back();
      if (edge[v] < u.offsets[v + 1]) {
        const std::uint32_t w = u.targets[edge[v]++];
        if (disc[w] == 0) {
          parent[w] = v;
          disc[w] = low[w] = ++time;
          edge[w] = u.offsets[w];
          path.push_back(w);
          if (v == root) ++root_children;
        } else if (w != parent[v]) {  // a simple graph: the one edge to the parent is the tree edge
          low[v] = std::min(low[v], disc[w]);
        }
        continue;
      }
      path.pop_back();
      const std::uint32_t p = parent[v];
      if (p == none) continue;
      low[p] = std::min(low[p], low[v]);
      if (p != root && low[v] >= disc[p]) cut.articulation[p] = 1;
      if (low[v] > disc[p]) cut.bridges.emplace_back(p, v);
    }
    if (root_children >= 2) cut.articulation[root] = 1;
  }
  return cut;
}

}  // namespace orgflow::people_detail
