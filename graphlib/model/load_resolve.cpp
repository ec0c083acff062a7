// The checker's work after the walk (load_checker.hpp): generated ids
// `from->to#n` for flows and handoffs without one, every reference resolved
// against the ids of its array (with a "did you mean" for a case slip), and
// cycles of "group" found once each.
#include <algorithm>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "model/load_checker.hpp"

namespace orgflow::load_detail {

void checker::generate_ids() {
  generate(m_.flows);
  generate(m_.handoffs);
}

std::string checker::referrer_name(space_kind kind, std::uint32_t index) const {
  if (index & need_flag) return need_labels_[index & ~need_flag];
  switch (kind) {
    case space_kind::unit: {
      const auto& id = m_.units[index].id;
      return id.empty() ? "the unit at /units/" + std::to_string(index) : "unit " + json_quoted(id);
    }
    case space_kind::artifact: {
      const auto& id = m_.artifacts[index].id;
      return id.empty() ? "the artifact at /artifacts/" + std::to_string(index) : "artifact " + json_quoted(id);
    }
    case space_kind::symptom: {
      const auto& id = m_.symptoms[index].id;
      return id.empty() ? "the symptom at /symptoms/" + std::to_string(index) : "symptom " + json_quoted(id);
    }
    case space_kind::flow: {
      const auto& f = m_.flows[index];
      return f.id_generated ? "flow " + f.id : "flow " + json_quoted(f.id);
    }
    case space_kind::handoff: {
      const auto& h = m_.handoffs[index];
      return h.id_generated ? "handoff " + h.id : "handoff " + json_quoted(h.id);
    }
  }
  return "an element";
}

id_space& checker::space_of(space_kind k) {
  switch (k) {
    case space_kind::unit: return units_;
    case space_kind::artifact: return artifacts_;
    case space_kind::symptom: return symptoms_;
    case space_kind::flow: return flows_;
    case space_kind::handoff: return handoffs_;
  }
  return units_;
}

void checker::resolve_references() {
  for (const reference& r : refs_) {
    id_space& space = space_of(r.target);
    if (space.first.count(r.id) || space.invalid.count(r.id)) continue;
    const std::string target = space_name(r.target);
    std::string msg;
    if (r.id == "*" && r.target == space_kind::artifact)
      msg = "\"*\" means everything only in a flow's \"carries\" (list the artifact ids here)";
    else {
      msg = referrer_name(r.referrer, r.referrer_index) + " refers to unknown " + target + " " + json_quoted(r.id);
      if (const std::string* similar = space.suggestion(r.id))
        msg += " (did you mean " + json_quoted(*similar) + "? ids are case-sensitive)";
      else
        msg += std::string(" (add ") + (r.target == space_kind::artifact ? "an " : "a ") + target +
               " with this id, or correct the reference)";
    }
    report(r.node, std::move(msg));
  }
}

// Each unit has at most one group, so the group relation is a functional
// graph: walking from every unit finds each cycle exactly once.
void checker::check_group_cycles() {
  const std::size_t n = m_.units.size();
  std::vector<std::uint32_t> next(n, none);
  for (std::size_t i = 0; i < n; ++i) {
    if (!m_.units[i].group) continue;
    const auto it = units_.first.find(*m_.units[i].group);
    if (it != units_.first.end()) next[i] = it->second.index;
  }
  std::vector<std::uint8_t> state(n, 0);  // 0 new, 1 on the current walk, 2 done
  std::vector<std::uint32_t> walk;
  for (std::size_t start = 0; start < n; ++start) {
    if (state[start]) continue;
    walk.clear();
    std::uint32_t u = static_cast<std::uint32_t>(start);
    while (u != none && state[u] == 0) {
      state[u] = 1;
      walk.push_back(u);
      u = next[u];
    }
    if (u != none && state[u] == 1) {
      // The cycle is the part of the walk from u on; name it from its
      // first unit in file order.
      const auto from = std::find(walk.begin(), walk.end(), u);
      const std::uint32_t first = *std::min_element(from, walk.end());
      std::string text = m_.units[first].id;
      std::uint32_t k = next[first];
      while (true) {
        text += " -> " + m_.units[k].id;
        if (k == first) break;
        k = next[k];
      }
      report(unit_nodes_[first].group, "groups form a cycle: " + text +
                                            " (a unit cannot be inside itself: remove one \"group\" of the cycle)");
    }
    for (std::uint32_t w : walk) state[w] = 2;
  }
}

}  // namespace orgflow::load_detail
