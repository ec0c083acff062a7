// What the arrows of a map say (render/map_view.cpp draws them): the
// labels and tooltips of folded flows and handoffs, the summary of many
// names, and the widths that grow with what an arrow carries. Internal to
// the render layer.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <string>
#include <vector>

#include "render/model_marks.hpp"
#include "render/view_build.hpp"
#include "render/view_graph.hpp"

namespace orgflow::render_detail {

/// "Price list, Forecast, +1": the first two names, then how many more.
/// O(total length).
std::string names_summary(const std::vector<std::string>& names);

/// Arrow widths from strengths: by volume when some arrow of the kind has
/// one, else by the occurrences an importer counted, else by how many
/// members an arrow folds; the square root, so that the area of ink grows
/// with the amount.
class width_scale {
 public:
  width_scale(double thin, double thick) : thin_(thin), thick_(thick) {}
  void see(const strength& s) {
    max_volume_ = std::max(max_volume_, s.with_volume ? s.volume_per_h : 0.0);
    max_occ_ = std::max(max_occ_, s.with_occurrences ? s.occurrences : 0.0);
    max_members_ = std::max(max_members_, s.members);
  }
  double width(const strength& s) const {
    double share = 0;
    if (max_volume_ > 0) share = s.volume_per_h / max_volume_;
    else if (max_occ_ > 0) share = s.occurrences / max_occ_;
    else if (max_members_ > 1) share = static_cast<double>(s.members - 1) / static_cast<double>(max_members_ - 1);
    return thin_ + (thick_ - thin_) * std::sqrt(std::max(0.0, std::min(1.0, share)));
  }
  bool varies() const { return max_volume_ > 0 || max_occ_ > 0 || max_members_ > 1; }
  /// What the width says, for the legend.
  std::string words() const {
    if (max_volume_ > 0) return "thicker: more per week";
    if (max_occ_ > 0) return "thicker: more often in the data";
    return "thicker: more of them";
  }

 private:
  double thin_, thick_;
  double max_volume_ = 0, max_occ_ = 0;
  std::size_t max_members_ = 0;
};

/// What an arrow says: HTML lines for its label, a plain tooltip.
struct arrow_text {
  std::vector<std::string> lines;  // HTML
  std::string tooltip;             // plain
};

/// The label and tooltip of a (folded) flow arrow: what it carries, how often,
/// with the focus view's notes. O(members).
arrow_text flow_text(const model_index& ix, const arrow& ar, const marks& mk, const focus* fc, const view_graph& g);

/// The label and tooltip of a (folded) handoff arrow: the items and their
/// volume, with the focus view's notes. O(members).
arrow_text handoff_text(const model_index& ix, const arrow& ar, const focus* fc, const view_graph& g);

/// A box's name as a tooltip says it ("Units in no group" for the pool).
std::string box_display(const model_index& ix, const std::string& key);

}  // namespace orgflow::render_detail
