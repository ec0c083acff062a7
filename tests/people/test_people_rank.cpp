// Tests of the ranking of person-level findings for leaders (issue 11, item
// 4; orgflow/people_rank.hpp): articulation people by the people their
// removal cuts off from the largest part left, then person id; single
// liaisons by the size of the smaller unit, then unit ids. A hand-worked
// graph, and a property against removing each person and counting.
#include <catch2/catch.hpp>
#include <rapidcheck/catch.h>

#include <algorithm>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "orgflow/people.hpp"
#include "orgflow/people_rank.hpp"

namespace {

using namespace orgflow;

people_report analyse(const people_input& in) {
  people_options o;
  o.min_group = 1;
  o.reveal = true;
  o.betweenness = betweenness_mode::none;
  return analyze_people(in, o);
}

}  // namespace

//   a1 - a2 - a3 - b1 - b2          units: a = a1..a4, b = b1 b2, c = c1 c2 c3
//        |                           c1 - c2 - c3 - c1 (a triangle, apart)
//        a4
// The largest group is the six of the path (c is smaller). Without a2:
// {a1} {a4} {a3 b1 b2}: 2 cut off in 3 parts. Without a3: {a1 a2 a4} {b1 b2}:
// 2 cut off. Without b1: {b2}: 1. a2 and a3 tie at 2: by id, a2 first.
TEST_CASE("articulation people are ranked by the people they cut off, then id") {
  people_input in;
  in.ids = {"a1", "a2", "a3", "a4", "b1", "b2", "c1", "c2", "c3"};
  in.units = {"a", "a", "a", "a", "b", "b", "c", "c", "c"};
  in.arcs = {{0, 1}, {1, 2}, {2, 4}, {4, 5}, {1, 3}, {6, 7}, {7, 8}, {8, 6}};
  const people_report r = analyse(in);
  const people_ranking k = rank_people(in, r);
  CHECK(k.group == 6);
  REQUIRE(k.key_people.size() == 3);
  CHECK(k.key_people.size() == r.articulation);
  CHECK(k.key_people[0].person == "a2");
  CHECK(k.key_people[0].cut_off == 2);
  CHECK(k.key_people[0].parts == 3);
  CHECK(k.key_people[1].person == "a3");
  CHECK(k.key_people[1].cut_off == 2);
  CHECK(k.key_people[1].parts == 2);
  CHECK(k.key_people[2].person == "b1");
  CHECK(k.key_people[2].unit == "b");
  CHECK(k.key_people[2].cut_off == 1);
  // Without --reveal the ranking keeps its order and names no one.
  people_options o;
  o.min_group = 1;
  o.betweenness = betweenness_mode::none;
  const people_ranking hidden = rank_people(in, analyze_people(in, o));
  REQUIRE(hidden.key_people.size() == 3);
  for (const key_person& p : hidden.key_people) CHECK_FALSE(p.person);
  CHECK(hidden.key_people[0].cut_off == 2);
  CHECK(hidden.key_people[0].parts == 3);
}

//   a (4 people) - b (2) through a1 and b1 only;  a - c (3) through a2 and c1.
// Single liaisons: a->b, b->a (smaller: 2), a->c, c->a (smaller: 3).
// Ranked: the pairs with c first (3), then with b; each pair by (from, to).
TEST_CASE("single liaisons are ranked by the smaller unit, then unit ids") {
  people_input in;
  in.ids = {"a1", "a2", "a3", "a4", "b1", "b2", "c1", "c2", "c3"};
  in.units = {"a", "a", "a", "a", "b", "b", "c", "c", "c"};
  in.arcs = {{0, 1}, {1, 2}, {2, 3}, {3, 0}, {0, 4}, {4, 5}, {1, 6}, {6, 7}, {7, 8}};
  const people_report r = analyse(in);
  const people_ranking k = rank_people(in, r);
  REQUIRE(k.liaisons.size() == r.liaisons.size());
  REQUIRE(k.liaisons.size() == 4);
  std::vector<std::tuple<std::string, std::string, std::uint64_t>> got;
  for (const auto& l : k.liaisons) got.emplace_back(l.from, l.to, l.smaller);
  CHECK(got == std::vector<std::tuple<std::string, std::string, std::uint64_t>>{
                   {"a", "c", 3}, {"c", "a", 3}, {"a", "b", 2}, {"b", "a", 2}});
  CHECK(k.liaisons[0].person == "a2");
}

// Against the definition: remove each person of the largest group in turn,
// find the parts left by search, and count the people outside the largest.
TEST_CASE("the ranking agrees with removing each person and counting (property)") {
  rc::prop("cut-off counts and order", [] {
    const auto n = *rc::gen::inRange<std::uint32_t>(1, 40);
    const auto m = *rc::gen::inRange<std::uint32_t>(0, 3 * n);
    people_input in;
    for (std::uint32_t i = 0; i < n; ++i) {
      in.ids.push_back("p" + std::to_string(i));
      in.units.push_back(i % 3 == 0 ? "x" : "y");
    }
    for (std::uint32_t e = 0; e < m; ++e)
      in.arcs.emplace_back(*rc::gen::inRange<std::uint32_t>(0, n), *rc::gen::inRange<std::uint32_t>(0, n));
    const people_report r = analyse(in);
    const people_ranking k = rank_people(in, r);

    std::vector<std::set<std::uint32_t>> adj(n);
    for (const auto& [a, b] : in.arcs)
      if (a != b) adj[a].insert(b), adj[b].insert(a);
    // Parts of the people in `keep` without `removed`, as sizes.
    auto parts = [&](const std::vector<bool>& keep, std::uint32_t removed, std::uint32_t& smallest_of_largest) {
      std::vector<std::uint64_t> sizes;
      std::vector<std::uint32_t> firsts;
      std::vector<bool> seen(n, false);
      for (std::uint32_t s = 0; s < n; ++s) {
        if (!keep[s] || s == removed || seen[s]) continue;
        std::uint64_t size = 0;
        std::uint32_t first = s;
        std::vector<std::uint32_t> stack{s};
        seen[s] = true;
        while (!stack.empty()) {
          const std::uint32_t v = stack.back();
          stack.pop_back();
          ++size;
          if (in.ids[v] < in.ids[first]) first = v;
          for (std::uint32_t w : adj[v])
            if (keep[w] && w != removed && !seen[w]) seen[w] = true, stack.push_back(w);
        }
        sizes.push_back(size);
        firsts.push_back(first);
      }
      std::size_t best = 0;
      for (std::size_t i = 1; i < sizes.size(); ++i)
        if (sizes[i] > sizes[best] || (sizes[i] == sizes[best] && in.ids[firsts[i]] < in.ids[firsts[best]])) best = i;
      smallest_of_largest = sizes.empty() ? 0 : firsts[best];
      return sizes;
    };
    // The largest group of the whole graph (ties: the one holding the smallest id).
    std::uint32_t root = 0;
    const auto all = parts(std::vector<bool>(n, true), n, root);
    std::vector<bool> group(n, false);
    {
      std::vector<std::uint32_t> stack{root};
      group[root] = true;
      while (!stack.empty()) {
        const std::uint32_t v = stack.back();
        stack.pop_back();
        for (std::uint32_t w : adj[v])
          if (!group[w]) group[w] = true, stack.push_back(w);
      }
    }
    const auto group_size = static_cast<std::uint64_t>(std::count(group.begin(), group.end(), true));
    RC_ASSERT(k.group == group_size);
    std::vector<std::pair<std::uint64_t, std::string>> expected;  // (cut off, id)
    for (std::uint32_t v = 0; v < n; ++v) {
      if (!group[v]) continue;
      std::uint32_t ignored = 0;
      const auto left = parts(group, v, ignored);
      if (left.size() < 2) continue;
      expected.emplace_back(group_size - 1 - *std::max_element(left.begin(), left.end()), in.ids[v]);
    }
    std::sort(expected.begin(), expected.end(), [](const auto& a, const auto& b) {
      return a.first != b.first ? a.first > b.first : a.second < b.second;
    });
    RC_ASSERT(k.key_people.size() == expected.size());
    RC_ASSERT(k.key_people.size() == r.articulation);
    for (std::size_t i = 0; i < expected.size(); ++i) {
      RC_ASSERT(k.key_people[i].cut_off == expected[i].first);
      RC_ASSERT(k.key_people[i].person == std::optional<std::string>(expected[i].second));
    }
  });
}
