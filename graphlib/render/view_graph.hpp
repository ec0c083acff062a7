// The graph a view draws, before any styling: boxes (units, or groups
// collapsed into one box) and arrows, where the parallel flows between two
// boxes fold into one arrow, and so do the parallel handoffs (those that give
// work back, `returns`, apart from those that hand it on). Each arrow
// knows its members and its strength (volume, else the occurrences an
// importer counted, else how many it folds), which sets its width and decides
// which arrows an overview keeps.
//
// select_overview() picks what a view too large to read shows: the boxes
// that carry findings and their closest neighbours (or, without findings, the
// boxes with the strongest ties), and the strongest arrows between them,
// within fixed limits. Everything is deterministic: boxes in key order, arrows
// in the file order of their first member, ties broken by those orders.
// Internal to graphlib/render.
#pragma once

#include <cstddef>
#include <limits>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "render/model_marks.hpp"

namespace orgflow::render_detail {

enum class arrow_kind { flow, handoff, gap };

/// The strength of an arrow, compared in this order: the volume per hour of
/// its members (those that have one), then the occurrences an importer
/// counted (`x-occurrences`, 1 for a member without), then its members.
struct strength {
  double volume_per_h = 0;
  std::size_t with_volume = 0;       // members that have a volume
  double occurrences = 0;
  std::size_t with_occurrences = 0;  // members that have x-occurrences
  std::size_t members = 0;
  strength& operator+=(const strength& o);
  friend bool operator<(const strength& a, const strength& b);
};

struct box {
  enum class type { unit, group, pool };
  std::string key;                 // unit id; a collapsed group's id; pool_key
  type kind = type::unit;
  std::size_t units = 1;           // model units inside it
  std::size_t inner_flows = 0;     // flows and handoffs with both ends inside (collapsed boxes)
  std::size_t inner_handoffs = 0;
  std::size_t critical = 0;        // critical and warning findings that concern its units
  std::size_t warnings = 0;
  strength weight;                 // the strengths of its arrows added up
  double score = 0;                // the scores of its arrows added up
};

struct arrow {
  arrow_kind kind = arrow_kind::flow;
  std::string from, to;               // box keys
  std::vector<std::size_t> members;   // flow or handoff indices in file order; gaps: indices into marks::gaps
  /// Handoffs only: every member gives finished work back (`returns`). Such
  /// handoffs fold apart from the others between the same boxes, so that an
  /// arrow is either work handed on or work given back, never both.
  bool returns = false;
  strength weight;
  /// The strength as a share of the strongest arrow of its kind, in [0, 1]
  /// (by volume when some arrow of the kind has one, else by occurrences,
  /// else by members): flows and handoffs compare on this.
  double score = 0;
};

/// The key of the box that pools units in no group (sorts before every id).
inline const std::string pool_key = "\x01pool";

struct view_graph {
  std::map<std::string, box> boxes;           // by key: the order nodes are written
  std::map<std::string, std::string> box_of;  // unit id -> its box (units drawn in no box are absent)
  std::vector<arrow> arrows;                  // flows, handoffs, gaps; each in file order of its first member
  std::size_t folded_flows = 0, folded_handoffs = 0;  // flows and handoffs drawn (inside no box)
};

/// What goes into a view graph.
struct graph_scope {
  static constexpr std::size_t no_collapse = std::numeric_limits<std::size_t>::max();
  /// Groups at this depth (0: the outermost) are collapsed into one box each.
  std::size_t collapse_depth = no_collapse;
  /// Units in no group (and that are no group) share one box.
  bool pool_ungrouped = false;
  /// Only these units (nullptr: all); a collapsed box is in when any of its units is.
  const std::set<std::string>* units = nullptr;
  /// Only these flows and handoffs (nullptr: every one between units in scope).
  const std::set<std::size_t>* flows = nullptr;
  const std::set<std::size_t>* handoffs = nullptr;
  /// Units that get a box of their own although they are group units (a focus
  /// view's units); group units also get one when they are the end of a flow,
  /// a handoff or a missing route, or carry a mark.
  const std::set<std::string>* group_units_shown = nullptr;
};

/// The view graph of a model. O((units + flows + handoffs) log).
view_graph build_graph(const model_index& ix, const group_tree& gt, const marks& mk, const analysis_result* a,
                       const graph_scope& scope);

/// The number of boxes when groups at depth `d` are collapsed (units in no
/// group count one each). O(units).
std::size_t boxes_at_depth(const model_index& ix, const group_tree& gt, std::size_t d);

/// A part of a view graph to draw.
struct selection {
  std::set<std::string> boxes;
  std::vector<std::size_t> arrows;  // indices into view_graph::arrows, ascending
  std::size_t boxes_with_findings = 0;  // of the boxes chosen, those that carry findings
};

/// Everything.
selection select_all(const view_graph& g);

/// At most `max_boxes` boxes and `max_arrows` arrows: first the boxes of
/// `must` (in order), then the boxes with critical or warning findings (most
/// critical first, then most warnings, then strongest), then, in turns, the
/// strongest neighbour of each chosen box not chosen yet; without any
/// finding, the strongest boxes (by score). Arrows between chosen boxes:
/// missing routes first (they are findings; those that fold the most first,
/// at most a quarter of `max_arrows` unless every arrow fits), then each
/// box's strongest arrow, then the strongest others (by score). Ties go to the smaller key, then the earlier arrow.
/// O(A log A) for A arrows.
selection select_overview(const view_graph& g, const std::vector<std::string>& must, std::size_t max_boxes,
                          std::size_t max_arrows);

}  // namespace orgflow::render_detail
