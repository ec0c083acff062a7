// The ranking of articulation people and single liaisons (see
// orgflow/people_rank.hpp). The articulation points come from one iterative
// depth-first search (Hopcroft and Tarjan's low points) over the largest
// connected group of U, which also gives, for each of them, the sizes of the
// parts its removal leaves: the subtrees of the children it separates, and
// the rest of the group.
#include "orgflow/people_rank.hpp"

#include <algorithm>
#include <map>
#include <numeric>
#include <set>
#include <tuple>

namespace orgflow {

namespace {

/// The unit each person is reported in: its label when the report lists it,
/// else the merged group of small units (the last row when there is one).
std::vector<std::string> reported_units(const people_input& in, const people_report& r) {
  std::set<std::string> listed;
  std::string merged;
  for (std::size_t u = 0; u < r.units.size(); ++u) {
    if (r.merged_units > 0 && u + 1 == r.units.size()) merged = r.units[u].name;
    else listed.insert(r.units[u].name);
  }
  std::vector<std::string> out;
  out.reserve(in.units.size());
  for (const auto& label : in.units) out.push_back(listed.count(label) || merged.empty() ? label : merged);
  return out;
}

// U: one edge per unordered pair, no self-loops; as adjacency lists.
struct undirected {
  std::vector<std::size_t> start;      // n + 1 offsets into adjacent
  std::vector<std::uint32_t> adjacent;
};

undirected undirected_of(const people_input& in) {
  const std::size_t n = in.ids.size();
  std::vector<std::pair<std::uint32_t, std::uint32_t>> edges;
  edges.reserve(in.arcs.size());
  for (const auto& [a, b] : in.arcs)
    if (a != b && a < n && b < n) edges.emplace_back(std::min(a, b), std::max(a, b));
  std::sort(edges.begin(), edges.end());
  edges.erase(std::unique(edges.begin(), edges.end()), edges.end());
  undirected u;
  u.start.assign(n + 1, 0);
  for (const auto& [a, b] : edges) {
    ++u.start[a + 1];
    ++u.start[b + 1];
  }
  std::partial_sum(u.start.begin(), u.start.end(), u.start.begin());
  u.adjacent.resize(2 * edges.size());
  std::vector<std::size_t> at(u.start.begin(), u.start.end() - 1);
  for (const auto& [a, b] : edges) {
    u.adjacent[at[a]++] = b;
    u.adjacent[at[b]++] = a;
  }
  return u;
}

// The largest connected group (ties: the one holding the smallest id): its
// person with the smallest id and its size; size 0 without people.
std::pair<std::uint32_t, std::size_t> largest_group(const people_input& in, const undirected& u) {
  const std::size_t n = in.ids.size();
  std::vector<std::uint32_t> group(n, UINT32_MAX);
  std::vector<std::size_t> size, smallest;
  for (std::uint32_t s = 0; s < n; ++s) {
    if (group[s] != UINT32_MAX) continue;
    const auto g = static_cast<std::uint32_t>(size.size());
    size.push_back(0);
    smallest.push_back(s);
    std::vector<std::uint32_t> stack{s};
    group[s] = g;
    while (!stack.empty()) {
      const std::uint32_t v = stack.back();
      stack.pop_back();
      ++size[g];
      if (in.ids[v] < in.ids[smallest[g]]) smallest[g] = v;
      for (std::size_t k = u.start[v]; k < u.start[v + 1]; ++k)
        if (group[u.adjacent[k]] == UINT32_MAX) {
          group[u.adjacent[k]] = g;
          stack.push_back(u.adjacent[k]);
        }
    }
  }
  if (size.empty()) return {0, 0};
  std::size_t largest = 0;
  for (std::size_t g = 1; g < size.size(); ++g)
    if (size[g] > size[largest] || (size[g] == size[largest] && in.ids[smallest[g]] < in.ids[smallest[largest]]))
      largest = g;
  return {static_cast<std::uint32_t>(smallest[largest]), size[largest]};
}

constexpr std::uint32_t none = UINT32_MAX;

// Per person of the group, what its removal cuts off below it in the
// depth-first tree from `root`: discovery time (none outside the group),
// the people in the parts that hang on it alone, the largest such part and
// how many there are.
struct cut_parts {
  std::vector<std::uint32_t> disc;
  std::vector<std::uint64_t> below, largest_below, parts_below;
};

// Depth-first search from the root: discovery times, low points and subtree
// sizes, without recursion (groups of 100,000 people).
cut_parts cut_parts_from(const undirected& u, std::uint32_t root) {
  const std::size_t n = u.start.size() - 1;
  cut_parts c;
  c.disc.assign(n, none);
  c.below.assign(n, 0);
  c.largest_below.assign(n, 0);
  c.parts_below.assign(n, 0);
  std::vector<std::uint32_t> low(n, 0), parent(n, none), subtree(n, 1);
  std::vector<std::size_t> next(n, 0);
  std::uint32_t time = 0;
  std::vector<std::uint32_t> stack{root};
  c.disc[root] = low[root] = time++;
  next[root] = u.start[root];
  while (!stack.empty()) {
    const std::uint32_t v = stack.back();
    if (next[v] < u.start[v + 1]) {
      const std::uint32_t w = u.adjacent[next[v]++];
      if (c.disc[w] == none) {
        parent[w] = v;
        c.disc[w] = low[w] = time++;
        next[w] = u.start[w];
        stack.push_back(w);
      } else if (w != parent[v]) {
        low[v] = std::min(low[v], c.disc[w]);
      }
      continue;
    }
    stack.pop_back();
    const std::uint32_t p = parent[v];
    if (p == none) continue;
    subtree[p] += subtree[v];
    low[p] = std::min(low[p], low[v]);
    if (low[v] >= c.disc[p]) {  // v's subtree hangs on p alone (for the root: every child's)
      c.below[p] += subtree[v];
      c.largest_below[p] = std::max<std::uint64_t>(c.largest_below[p], subtree[v]);
      ++c.parts_below[p];
    }
  }
  return c;
}

// Pairs of units that talk through one person, the smaller unit first.
std::vector<ranked_liaison> ranked_liaisons(const people_report& r) {
  std::vector<ranked_liaison> out;
  std::map<std::string, std::uint64_t> members;
  for (const auto& u : r.units) members[u.name] = u.members;
  for (const auto& l : r.liaisons) {
    ranked_liaison x;
    x.from = l.from;
    x.to = l.to;
    x.smaller = std::min(members[l.from], members[l.to]);
    x.edges = l.edges;
    x.person = l.person;
    out.push_back(std::move(x));
  }
  std::sort(out.begin(), out.end(), [](const ranked_liaison& a, const ranked_liaison& b) {
    if (a.smaller != b.smaller) return a.smaller > b.smaller;
    return std::tie(a.from, a.to) < std::tie(b.from, b.to);
  });
  return out;
}

}  // namespace

people_ranking rank_people(const people_input& in, const people_report& r) {
  people_ranking out;
  const undirected u = undirected_of(in);
  const auto [root, group_size] = largest_group(in, u);
  if (group_size == 0) return out;
  out.group = group_size;
  const cut_parts c = cut_parts_from(u, root);

  const std::vector<std::string> unit = reported_units(in, r);
  std::vector<std::pair<std::uint32_t, key_person>> found;  // person index, what it cuts off
  for (std::uint32_t v = 0; v < in.ids.size(); ++v) {
    if (c.disc[v] == none) continue;
    // The parts without v: those below it that hang on it, and the rest of
    // the group (for the root there is no rest).
    const std::uint64_t rest = out.group - 1 - c.below[v];
    const std::uint64_t parts = c.parts_below[v] + (v == root ? 0 : 1);
    if (parts < 2) continue;
    key_person k;
    k.unit = unit[v];
    if (r.reveal) k.person = in.ids[v];
    k.cut_off = out.group - 1 - std::max(c.largest_below[v], v == root ? 0 : rest);
    k.parts = parts;
    found.emplace_back(v, std::move(k));
  }
  // Ties by person id, also when persons are not named.
  std::sort(found.begin(), found.end(), [&](const auto& x, const auto& y) {
    if (x.second.cut_off != y.second.cut_off) return x.second.cut_off > y.second.cut_off;
    return in.ids[x.first] < in.ids[y.first];
  });
  for (auto& [v, k] : found) out.key_people.push_back(std::move(k));
  out.liaisons = ranked_liaisons(r);
  return out;
}

}  // namespace orgflow
