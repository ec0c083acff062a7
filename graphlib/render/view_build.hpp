// Internal interface of the render layer: a view of the model as DOT text
// plus the layout engine chosen for it. view_dot() returns the text;
// render_view() lays it out (layout.cpp). The view and the engine are chosen
// here, by the size of what would be drawn, before any layout starts, so that
// a layout known to take too long is never started.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "orgflow/render.hpp"
#include "render/view_graph.hpp"

namespace orgflow::render_detail {

// Sizes where a view changes its strategy, counted after parallel arrows are
// folded ("arrows": one per pair of boxes and kind, plus missing routes).
// Measured with Graphviz 2.42 on the 2-core development machine (see
// docs/views.md, which documents each of them):
//  - up to map_units boxes and map_arrows arrows, a full map is readable, and
//    `dot` with text on the arrows lays it out in well under a second;
inline constexpr std::size_t map_units = 60;
inline constexpr std::size_t map_arrows = 150;
//  - above that, `map` is an overview of at most overview_boxes boxes (or
//    overview_groups groups) and overview_arrows arrows: groups, or the units
//    with findings and their neighbours, which stays readable on a screen and
//    in a report;
inline constexpr std::size_t overview_boxes = 30;
inline constexpr std::size_t overview_arrows = 60;
//    (a level of groups is the overview when it makes between 3 and
//    overview_groups boxes: the structure an organization knows itself by);
inline constexpr std::size_t overview_groups = 40;
//  - `dot` (text beside the arrows) is used up to dot_boxes boxes, of which
//    at most flat_dot_limit outside every frame, and dot_arrows arrows (a
//    flat graph of 150 boxes and 300 arrows: 0.5 s; of 68 boxes and 600
//    arrows: 6 s); above, `sfdp`;
inline constexpr std::size_t dot_boxes = 400;
inline constexpr std::size_t flat_dot_limit = 150;
inline constexpr std::size_t dot_arrows = 300;
//  - neato and fdp (only on request) are quadratic in the boxes: up to
//    spring_boxes boxes and spring_arrows arrows;
inline constexpr std::size_t spring_boxes = 300;
inline constexpr std::size_t spring_arrows = 1500;
//  - `sfdp` draws at most sfdp_boxes boxes and sfdp_arrows arrows; `full`
//    above that is the overview, and says so;
inline constexpr std::size_t sfdp_boxes = 2000;
inline constexpr std::size_t sfdp_arrows = 12000;
//  - with more than dense_arrows arrows, arrows are translucent and lose their
//    texts (their width and tooltip still say what they carry).
inline constexpr std::size_t dense_arrows = 200;

/// Small views put edge texts on the edges as real `label`s with
/// `newrank=true`: dot then makes room for them and nothing collides. Graphviz
/// 2.42 can fail on that ("trouble in init_rank") or put a unit inside a frame
/// it does not belong to, so when that layout fails or takes longer than
/// inline_label_seconds of CPU time (not wall time, so that a busy machine
/// gets the same picture), the view uses `xlabel`s, placed after layout.
inline constexpr int inline_label_seconds = 5;
/// Every other layout gets this much CPU time at most (a safety net: the
/// limits above keep layouts far below it).
inline constexpr int layout_seconds = 60;

/// A PNG is at most this many pixels on a side; larger drawings are scaled
/// down to fit.
inline constexpr int png_max_pixels = 8000;
inline constexpr int png_dpi = 110;

struct built_view {
  std::string dot;
  layout_engine engine = layout_engine::dot;
  /// When `dot` is the inline-label variant: the same view with xlabels, to
  /// use if the first layout fails or times out. Empty otherwise.
  std::string fallback_dot;
  bool inline_labels = false;  // edge texts are `label`s (dot makes room for them)
  /// Other ways to draw the same view (an overview ranked top down as well
  /// as left to right): each is laid out too, side by side, and the drawing
  /// that fits a screen at the largest scale is kept (the first on a tie).
  std::vector<built_view> alternatives;
};

/// How large a drawing of `width` x `height` (any unit) shows when fitted to
/// a 16:10 screen: the larger, the more readable.
double screen_fit(double width, double height);

/// A part of the model drawn the map's way: the focus views (`unit:`,
/// `artifact:`, `process:`, `finding:`) restrict it to some units and edges.
struct focus {
  std::string subtitle;                        // what the view shows, for the title
  std::string note;                            // a sentence in red under it, or empty
  std::set<std::string> units;                 // units drawn
  std::set<std::size_t> flows, handoffs;       // edges drawn (indices)
  std::set<std::string> centre;                // units drawn with a heavy border
  std::vector<std::string> core;               // units kept first when the view is too large to draw whole
  std::map<std::string, std::string> unit_notes;     // an extra line under a unit's name
  std::map<std::size_t, std::string> flow_notes;     // an extra line on a flow
  std::map<std::size_t, std::string> handoff_notes;  // an extra line on a handoff
  std::set<std::size_t> critical, loop;        // handoffs on the critical path / in a rework loop
  bool handoff_wait = false;                   // write each handoff's wait on it
};

/// Why a view is drawn: sets its subtitle and note.
enum class map_purpose { map, overview, groups, focus };

/// What build_map() draws.
struct map_request {
  map_purpose purpose = map_purpose::map;
  const focus* fc = nullptr;
  const finding* only_finding = nullptr;  // mark only this finding (a finding:N view)
  std::size_t collapse_depth = graph_scope::no_collapse;  // groups at this depth as one box each
  bool pool_ungrouped = false;
  bool trim = false;                 // draw at most max_boxes boxes and max_arrows arrows
  std::vector<std::string> must;     // boxes kept first when trimming
  bool keep_all_boxes = false;       // trim arrows only
  std::size_t max_boxes = 0, max_arrows = 0;
  std::string note;                  // a remark about the drawing, in parentheses
  bool inline_allowed = true;        // edge texts as `label`s where the size allows
  bool top_down = false;             // dot ranks top down instead of left to right
};

/// What a view draws, before any choice of what to leave out: the model's
/// index and group tree, the marks of its analysis, and the view graph the
/// request asks for. Built once per view (it is most of the work on a large
/// model); its drawings (texts on the arrows or beside them, left to right or
/// top down) are written from it. A second graph of the same model (a level
/// of groups for the overview) reuses the index, tree and marks.
/// The model's index and group tree: the same for every view of a model,
/// built once when several views are drawn (render_views).
struct model_context {
  explicit model_context(const model& m) : ix(m), gt(ix) {}
  model_index ix;
  group_tree gt;
};
struct view_base {
  view_base(std::shared_ptr<const model_context> c, const render_options& o, const finding* only);
  std::shared_ptr<const model_context> ctx;
  marks mk;
};
struct view_parts {
  view_parts(const model& m, const render_options& o, const map_request& rq,
             std::shared_ptr<const model_context> ctx = nullptr);
  view_parts(const view_parts& other, const render_options& o, const map_request& rq);  // shares other's base
  std::shared_ptr<const view_base> base;
  const model_index& ix;
  const group_tree& gt;
  const marks& mk;
  view_graph g;
};

/// Builds the view named by o.view (with `ctx`, the model's context built
/// once for several views). Throws std::invalid_argument for an unknown view
/// name, and for a --layout that would take too long at the view's size.
built_view build_view(const model& m, const render_options& o, std::shared_ptr<const model_context> ctx = nullptr);

/// Draws a view graph the map's way (map_view.cpp).
built_view build_map(const model& m, const render_options& o, const map_request& rq, const view_parts& parts);

/// The engine for a drawing of `boxes` boxes (`flat` of them outside every
/// frame) and `arrows` arrows: `requested` when given and within its limit
/// (else std::invalid_argument naming the limit), else dot or sfdp.
layout_engine choose_engine(std::optional<layout_engine> requested, std::size_t boxes, std::size_t flat,
                            std::size_t arrows);

/// The view of a tie picture (tie_view.cpp).
built_view build_ties(const tie_picture& p, std::optional<layout_engine> layout);

/// Lays out and renders a built view (its fallback when the first layout
/// fails; alternatives are not tried). Throws environment_error.
std::string render_built(const built_view& v, output_format format);

/// Lays out and renders DOT text in a child process (layout.cpp). Throws
/// environment_error with Graphviz's message when it fails or crashes.
/// render_view() uses it; tests call it to check the failure path.
std::string render_dot(const std::string& dot, layout_engine engine, output_format format);

}  // namespace orgflow::render_detail
