// What a view needs to know about the model and its analysis, in the form
// the views draw: an index of ids, the group tree (with depths, for
// collapsing groups), the findings turned into marks per unit and per flow,
// and the words of labels and tooltips. Internal to graphlib/render.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "orgflow/analysis.hpp"
#include "orgflow/model.hpp"

namespace orgflow::render_detail {

std::optional<double> metric_double(const finding& f, std::string_view key);
std::optional<std::string> metric_string(const finding& f, std::string_view key);

class model_index {
 public:
  explicit model_index(const model& m) : m_(m) {
    for (std::size_t i = 0; i < m.units.size(); ++i) units_.emplace(m.units[i].id, i);
    for (std::size_t i = 0; i < m.artifacts.size(); ++i) artifacts_.emplace(m.artifacts[i].id, i);
    for (std::size_t i = 0; i < m.flows.size(); ++i) flows_.emplace(m.flows[i].id, i);
  }
  const unit* find_unit(const std::string& id) const {
    auto it = units_.find(id);
    return it == units_.end() ? nullptr : &m_.units[it->second];
  }
  std::string unit_name(const std::string& id) const {
    const unit* u = find_unit(id);
    return u ? u->display_name() : id;
  }
  std::string artifact_name(const std::string& id) const {
    auto it = artifacts_.find(id);
    return it == artifacts_.end() ? id : m_.artifacts[it->second].display_name();
  }
  std::optional<std::size_t> flow_index(const std::string& id) const {
    auto it = flows_.find(id);
    if (it == flows_.end()) return std::nullopt;
    return it->second;
  }
  /// Units sorted by id (first occurrence of each id).
  std::vector<const unit*> sorted_units() const {
    std::vector<const unit*> out;
    for (const auto& [id, i] : units_) out.push_back(&m_.units[i]);
    return out;
  }
  const model& source() const { return m_; }

 private:
  const model& m_;
  std::map<std::string, std::size_t> units_, artifacts_, flows_;
};

/// The group tree: for each group id, its direct member units (sorted ids)
/// and its direct subgroups (sorted ids), and each unit's depth (the number
/// of groups above it).
struct group_tree {
  std::map<std::string, std::vector<std::string>> members;  // group -> units whose group it is
  std::set<std::string> groups;                             // every unit id used as a group
  std::vector<std::string> roots;                           // groups with no group, sorted
  std::map<std::string, std::string> parent;                // unit -> its group
  std::map<std::string, std::size_t> depth;                 // unit -> groups above it (0 at the top)
  std::size_t max_group_depth = 0;                          // the deepest group's depth
  std::set<std::string> groups_with_arrows;                 // groups that send or receive a flow or handoff

  explicit group_tree(const model_index& ix);
  bool is_group(const std::string& id) const { return groups.count(id) != 0; }
  /// The outermost group above `id` (itself when it is a root group), or
  /// empty when the unit is in no group and is no group.
  std::string top(const std::string& id) const;
  /// The group at depth `d` above `id` (itself when `id` is a group at that
  /// depth), or empty when `id` is not that deep.
  std::string at_depth(const std::string& id, std::size_t d) const;
};

struct stale_mark {
  double share = -1;  // the largest outdated share of the routes through this flow; -1 unknown
  std::vector<std::string> notes;
};

struct gap_mark {
  std::string owner, consumer;
  std::vector<std::string> artifacts;  // ids, in finding order
};

/// What the analysis says, per unit and per flow, in the form the views draw.
struct marks {
  std::map<std::string, double> load;                     // LOAD.OVER: unit -> rho
  std::map<std::string, std::vector<std::string>> spof;   // unit -> reasons
  std::set<std::string> isolated;                         // GAP.ISOLATED
  std::map<std::size_t, stale_mark> stale;                // flow index -> mark
  std::vector<gap_mark> gaps;                             // GAP.NO_ROUTE, one per (owner, consumer)
  std::map<std::string, const unit_metrics*> metrics;     // unit -> metrics, for tooltips
  bool any() const { return !load.empty() || !spof.empty() || !isolated.empty() || !stale.empty() || !gaps.empty(); }
};

/// The marks of a model's analysis (none without one), or of one of its
/// findings. O(findings + needs + flows).
marks collect_marks(const model_index& ix, const analysis_result* a, const finding* only = nullptr);

/// Label words: what a flow carries ("Price list, Forecast +2 more",
/// "everything", empty for general communication) and how often ("weekly, 2d
/// delay, by hand").
std::string carries_text(const model_index& ix, const flow& f);
std::string timing_text(const flow& f);

/// Tooltips: every detail the label leaves out.
std::string unit_tooltip(const model_index& ix, const group_tree& gt, const unit& u, const marks& mk);
std::string flow_tooltip(const model_index& ix, const flow& f, const stale_mark* stale);
std::string handoff_tooltip(const model_index& ix, const handoff& h);

}  // namespace orgflow::render_detail
