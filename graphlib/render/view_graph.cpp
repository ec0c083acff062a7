// Boxes, folded arrows and the choice of what an overview shows (see
// view_graph.hpp).
#include "render/view_graph.hpp"

#include <algorithm>
#include <charconv>
#include <tuple>

namespace orgflow::render_detail {

namespace {

/// `x-occurrences` of an imported flow or handoff, when it is a whole number.
std::optional<double> occurrences(const json_extras& x) {
  for (const auto& [key, json] : x.x_members) {
    if (key != "x-occurrences") continue;
    std::uint64_t n = 0;
    const auto [end, ec] = std::from_chars(json.data(), json.data() + json.size(), n);
    if (ec == std::errc() && end == json.data() + json.size()) return static_cast<double>(n);
  }
  return std::nullopt;
}

strength member_strength(const std::optional<rate_value>& volume, const json_extras& x) {
  strength s;
  s.members = 1;
  if (volume) {
    s.volume_per_h = volume->per_hour();
    s.with_volume = 1;
  }
  if (const auto n = occurrences(x)) {
    s.occurrences = *n;
    s.with_occurrences = 1;
  } else {
    s.occurrences = 1;
  }
  return s;
}

}  // namespace

strength& strength::operator+=(const strength& o) {
  volume_per_h += o.volume_per_h;
  with_volume += o.with_volume;
  occurrences += o.occurrences;
  with_occurrences += o.with_occurrences;
  members += o.members;
  return *this;
}

bool operator<(const strength& a, const strength& b) {
  return std::tie(a.volume_per_h, a.occurrences, a.members) < std::tie(b.volume_per_h, b.occurrences, b.members);
}

namespace {

// Group units with a node of their own: the ends of flows, handoffs and
// missing routes, units with a mark, and those the scope asks for; the
// others are drawn as their frame (or inside their collapsed box).
std::set<std::string> group_nodes_of(const group_tree& gt, const marks& mk, const graph_scope& scope) {
  std::set<std::string> group_nodes = gt.groups_with_arrows;
  auto note_group = [&](const std::string& id) {
    if (gt.is_group(id)) group_nodes.insert(id);
  };
  for (const auto& gap : mk.gaps) {
    note_group(gap.owner);
    note_group(gap.consumer);
  }
  for (const auto& [u, r] : mk.load) note_group(u);
  for (const auto& [u, r] : mk.spof) note_group(u);
  for (const auto& u : mk.isolated) note_group(u);
  if (scope.group_units_shown)
    for (const auto& u : *scope.group_units_shown) note_group(u);
  return group_nodes;
}

// Each unit in its box: its own, its collapsed group's or the pool of
// ungrouped units; a group unit without a node is a frame, not a box.
void place_units(const model_index& ix, const group_tree& gt, const graph_scope& scope,
                 const std::set<std::string>& group_nodes, view_graph& g) {
  for (const unit* u : ix.sorted_units()) {
    if (scope.units && !scope.units->count(u->id)) continue;
    std::string key;
    box::type kind = box::type::unit;
    if (scope.collapse_depth != graph_scope::no_collapse) {
      const std::string c = gt.at_depth(u->id, scope.collapse_depth);
      if (!c.empty() && gt.is_group(c)) {
        key = c;
        kind = box::type::group;
      }
    }
    if (key.empty() && scope.pool_ungrouped && gt.top(u->id).empty()) {
      key = pool_key;
      kind = box::type::pool;
    }
    if (key.empty()) {
      if (gt.is_group(u->id) && !group_nodes.count(u->id)) continue;  // a frame, not a box
      key = u->id;
    }
    g.box_of.emplace(u->id, key);
    auto [it, inserted] = g.boxes.try_emplace(key);
    if (inserted) {
      it->second.key = key;
      it->second.kind = kind;
      it->second.units = 0;
    }
    ++it->second.units;
  }
}

void count_findings(const analysis_result& a, view_graph& g) {
  // Each box counts a finding once, however many of its units it names
  // (one list reused for every finding: a large model has 100,000 of them).
  std::vector<const std::string*> touched;
  for (const auto& f : a.findings) {
    if (f.level == severity::info) continue;
    touched.clear();
    for (const auto& u : f.units)
      if (auto it = g.box_of.find(u); it != g.box_of.end()) touched.push_back(&it->second);
    std::sort(touched.begin(), touched.end(), [](const std::string* x, const std::string* y) { return *x < *y; });
    touched.erase(std::unique(touched.begin(), touched.end(),
                              [](const std::string* x, const std::string* y) { return *x == *y; }),
                  touched.end());
    for (const std::string* key : touched)
      ++(f.level == severity::critical ? g.boxes[*key].critical : g.boxes[*key].warnings);
  }
}

// Flows, handoffs and missing routes folded into one arrow per pair of boxes
// and kind; those inside a box are counted there.
void fold_arrows(const model& m, const marks& mk, const graph_scope& scope, view_graph& g) {
  std::map<std::tuple<int, std::string, std::string>, std::size_t> at;
  auto fold = [&](arrow_kind kind, const std::string& from_unit, const std::string& to_unit, std::size_t member,
                  const strength& s, bool returns = false) -> bool {
    const auto a_it = g.box_of.find(from_unit), b_it = g.box_of.find(to_unit);
    if (a_it == g.box_of.end() || b_it == g.box_of.end()) return false;
    const std::string& from = a_it->second;
    const std::string& to = b_it->second;
    if (from == to) {
      if (kind == arrow_kind::flow) ++g.boxes[from].inner_flows;
      if (kind == arrow_kind::handoff) ++g.boxes[from].inner_handoffs;
      return false;
    }
    auto [it, inserted] =
        at.try_emplace(std::make_tuple(2 * static_cast<int>(kind) + (returns ? 1 : 0), from, to), g.arrows.size());
    if (inserted) {
      arrow ar;
      ar.kind = kind;
      ar.returns = returns;
      ar.from = from;
      ar.to = to;
      g.arrows.push_back(std::move(ar));
    }
    arrow& ar = g.arrows[it->second];
    ar.members.push_back(member);
    ar.weight += s;
    return true;
  };
  for (std::size_t i = 0; i < m.flows.size(); ++i) {
    if (scope.flows && !scope.flows->count(i)) continue;
    const flow& f = m.flows[i];
    if (fold(arrow_kind::flow, f.from, f.to, i, member_strength(f.volume, f.extras))) ++g.folded_flows;
  }
  for (std::size_t i = 0; i < m.handoffs.size(); ++i) {
    if (scope.handoffs && !scope.handoffs->count(i)) continue;
    const handoff& h = m.handoffs[i];
    if (fold(arrow_kind::handoff, h.from, h.to, i, member_strength(h.volume, h.extras), h.is_return()))
      ++g.folded_handoffs;
  }
  for (std::size_t i = 0; i < mk.gaps.size(); ++i) {
    strength s;
    s.members = 1;
    s.occurrences = 1;
    fold(arrow_kind::gap, mk.gaps[i].owner, mk.gaps[i].consumer, i, s);
  }
}

// Scores: each arrow's strength relative to the strongest of its kind, and
// each box's the sum of its arrows'.
void score_arrows(view_graph& g) {
  for (const arrow_kind kind : {arrow_kind::flow, arrow_kind::handoff, arrow_kind::gap}) {
    double max_volume = 0, max_occurrences = 0, max_members = 0;
    bool volumes = false;
    for (const arrow& ar : g.arrows) {
      if (ar.kind != kind) continue;
      volumes = volumes || ar.weight.with_volume > 0;
      max_volume = std::max(max_volume, ar.weight.volume_per_h);
      max_occurrences = std::max(max_occurrences, ar.weight.occurrences);
      max_members = std::max(max_members, static_cast<double>(ar.weight.members));
    }
    for (arrow& ar : g.arrows) {
      if (ar.kind != kind) continue;
      if (volumes && max_volume > 0) ar.score = ar.weight.volume_per_h / max_volume;
      else if (max_occurrences > 0) ar.score = ar.weight.occurrences / max_occurrences;
      else if (max_members > 0) ar.score = static_cast<double>(ar.weight.members) / max_members;
    }
  }
  for (const arrow& ar : g.arrows) {
    if (ar.kind == arrow_kind::gap) continue;
    g.boxes[ar.from].weight += ar.weight;
    g.boxes[ar.to].weight += ar.weight;
    g.boxes[ar.from].score += ar.score;
    g.boxes[ar.to].score += ar.score;
  }
}

}  // namespace

view_graph build_graph(const model_index& ix, const group_tree& gt, const marks& mk, const analysis_result* a,
                       const graph_scope& scope) {
  view_graph g;
  place_units(ix, gt, scope, group_nodes_of(gt, mk, scope), g);
  if (a) count_findings(*a, g);
  fold_arrows(ix.source(), mk, scope, g);
  score_arrows(g);
  return g;
}

std::size_t boxes_at_depth(const model_index& ix, const group_tree& gt, std::size_t d) {
  std::set<std::string> keys;
  for (const unit* u : ix.sorted_units()) {
    const std::string c = gt.at_depth(u->id, d);
    if (!c.empty() && gt.is_group(c)) keys.insert(c);
    else if (!gt.is_group(u->id)) keys.insert(u->id);  // group units above d are frames
  }
  return keys.size();
}

selection select_all(const view_graph& g) {
  selection s;
  for (const auto& [key, b] : g.boxes) {
    s.boxes.insert(key);
    if (b.critical + b.warnings > 0) ++s.boxes_with_findings;
  }
  for (std::size_t i = 0; i < g.arrows.size(); ++i) s.arrows.push_back(i);
  return s;
}

namespace {

// The boxes of an overview: `must` first, then the boxes with findings, each
// growing its neighbourhood by the strongest arrows; without findings, the
// strongest boxes seed the picture one at a time. In the order chosen.
std::vector<std::string> choose_boxes(const view_graph& g, const std::vector<std::string>& must, std::size_t max_boxes,
                                      selection& s) {
  std::vector<std::string> chosen;
  auto add = [&](const std::string& key) {
    if (chosen.size() >= max_boxes || !g.boxes.count(key) || !s.boxes.insert(key).second) return;
    chosen.push_back(key);
  };
  for (const auto& key : must) add(key);

  // Stronger first, then the smaller key (boxes iterate in key order and the
  // sort is stable).
  auto stronger = [&](const std::string& x, const std::string& y) { return g.boxes.at(y).score < g.boxes.at(x).score; };
  std::vector<std::string> seeds;
  for (const auto& [key, b] : g.boxes)
    if (b.critical + b.warnings > 0) seeds.push_back(key);
  std::stable_sort(seeds.begin(), seeds.end(), [&](const std::string& x, const std::string& y) {
    const box& bx = g.boxes.at(x);
    const box& by = g.boxes.at(y);
    if (bx.critical != by.critical) return bx.critical > by.critical;
    if (bx.warnings != by.warnings) return bx.warnings > by.warnings;
    return stronger(x, y);
  });
  for (const auto& key : seeds) add(key);

  // Neighbours by the strongest arrow between the two boxes (either way).
  std::map<std::string, std::map<std::string, double>> tie;
  for (const arrow& ar : g.arrows) {
    if (ar.kind == arrow_kind::gap) continue;
    double& x = tie[ar.from][ar.to];
    x = std::max(x, ar.score);
    double& y = tie[ar.to][ar.from];
    y = std::max(y, ar.score);
  }
  std::map<std::string, std::vector<std::string>> neighbours;
  for (auto& entry : tie) {
    const auto& weights = entry.second;  // a plain reference: lambdas cannot capture a structured binding in C++17
    auto& list = neighbours[entry.first];
    for (const auto& [other, w] : weights) list.push_back(other);
    std::stable_sort(list.begin(), list.end(),
                     [&weights](const std::string& x, const std::string& y) { return weights.at(x) > weights.at(y); });
  }
  // Without findings, the strongest boxes seed the picture one at a time,
  // each growing its neighbourhood before the next is taken.
  std::vector<std::string> strongest;
  if (chosen.empty()) {
    for (const auto& [key, b] : g.boxes) strongest.push_back(key);
    std::stable_sort(strongest.begin(), strongest.end(), stronger);
  }
  std::size_t next_strongest = 0;
  std::map<std::string, std::size_t> cursor;
  while (chosen.size() < max_boxes) {
    bool progress = false;
    const std::vector<std::string> round = chosen;
    for (const auto& key : round) {
      auto it = neighbours.find(key);
      if (it == neighbours.end()) continue;
      std::size_t& c = cursor[key];
      while (c < it->second.size() && s.boxes.count(it->second[c])) ++c;
      if (c < it->second.size()) {
        add(it->second[c]);
        progress = true;
      }
      if (chosen.size() >= max_boxes) break;
    }
    if (progress) continue;
    // Nothing more next to what is chosen: with findings, the picture is
    // complete; without, the next strongest box starts another part.
    while (next_strongest < strongest.size() && s.boxes.count(strongest[next_strongest])) ++next_strongest;
    if (next_strongest >= strongest.size()) break;
    add(strongest[next_strongest]);
  }
  for (const auto& key : chosen)
    if (g.boxes.at(key).critical + g.boxes.at(key).warnings > 0) ++s.boxes_with_findings;
  return chosen;
}

// The arrows between chosen boxes: missing routes first (at most a quarter),
// then one arrow for each box, then the heaviest.
void choose_arrows(const view_graph& g, const std::vector<std::string>& chosen, std::size_t max_arrows, selection& s) {
  std::vector<std::size_t> candidates;
  for (std::size_t i = 0; i < g.arrows.size(); ++i)
    if (s.boxes.count(g.arrows[i].from) && s.boxes.count(g.arrows[i].to)) candidates.push_back(i);
  std::set<std::size_t> picked;
  auto pick = [&](std::size_t i) {
    if (picked.size() < max_arrows) picked.insert(i);
  };
  auto heavier = [&](std::size_t x, std::size_t y) { return g.arrows[x].score > g.arrows[y].score; };
  // Missing routes first, those that fold the most first, but at most a
  // quarter of the arrows: the flows that do exist are the picture.
  std::vector<std::size_t> gaps;
  for (std::size_t i : candidates)
    if (g.arrows[i].kind == arrow_kind::gap) gaps.push_back(i);
  std::stable_sort(gaps.begin(), gaps.end(), heavier);
  const std::size_t gap_room = std::max<std::size_t>(1, max_arrows / 4);
  for (std::size_t k = 0; k < gaps.size() && (k < gap_room || candidates.size() <= max_arrows); ++k) pick(gaps[k]);
  std::vector<std::size_t> by_weight;
  for (std::size_t i : candidates)
    if (g.arrows[i].kind != arrow_kind::gap) by_weight.push_back(i);
  std::stable_sort(by_weight.begin(), by_weight.end(), heavier);
  for (const auto& key : chosen) {
    for (std::size_t i : by_weight) {
      if (g.arrows[i].from != key && g.arrows[i].to != key) continue;
      if (!picked.count(i)) pick(i);
      break;
    }
  }
  for (std::size_t i : by_weight) pick(i);
  s.arrows.assign(picked.begin(), picked.end());
}

}  // namespace

selection select_overview(const view_graph& g, const std::vector<std::string>& must, std::size_t max_boxes,
                          std::size_t max_arrows) {
  selection s;
  const std::vector<std::string> chosen = choose_boxes(g, must, max_boxes, s);
  choose_arrows(g, chosen, max_arrows, s);
  return s;
}

}  // namespace orgflow::render_detail
