// Internal interface of the render layer: a view of the model as DOT text
// plus the layout engine chosen for it. view_dot() returns the text;
// render_view() lays it out (layout.cpp). Kept apart so that the choice of
// engine by size is made once, where the view knows its size.
#pragma once

#include <string>

#include "orgflow/render.hpp"

namespace orgflow::render_detail {

/// Sizes where the map changes its strategy (measured on the 2-core machine,
/// see docs/views.md): `dot` with clusters and edge xlabels stays fast and
/// legible up to map_dot_limit units; above that `sfdp`; above map_limit the
/// map is replaced by the `groups` view (a drawing of thousands of boxes is
/// not legible at any size).
inline constexpr std::size_t map_dot_limit = 400;
inline constexpr std::size_t map_limit = 1000;
/// `dot` is slow on flat graphs (crossing minimisation over long cross
/// edges): when more than this many nodes sit outside every cluster, `sfdp`.
inline constexpr std::size_t flat_dot_limit = 150;

/// Small maps put edge texts on the edges as real `label`s with
/// `newrank=true`: dot then makes room for them and nothing collides. Graphviz
/// 2.42 is slow with that (33 s at 200 units) and can fail ("trouble in
/// init_rank"), so above this size, or when that layout fails or takes longer
/// than inline_label_seconds of CPU time (not wall time, so that a busy machine
/// gets the same picture), the map uses `xlabel`s, placed after layout.
inline constexpr std::size_t inline_label_units = 80;
inline constexpr std::size_t inline_label_edges = 240;
inline constexpr int inline_label_seconds = 20;

struct built_view {
  std::string dot;
  layout_engine engine = layout_engine::dot;
  /// When `dot` is the inline-label variant: the same view with xlabels, to
  /// use if the first layout fails or times out. Empty otherwise.
  std::string fallback_dot;
};

/// Builds the view named by o.view. Throws std::invalid_argument for an
/// unknown view name.
built_view build_view(const model& m, const render_options& o);

std::string_view engine_name(layout_engine e);

/// Lays out and renders DOT text in a child process (layout.cpp). Throws
/// environment_error with Graphviz's message when it fails or crashes.
/// render_view() uses it; tests call it to check the failure path.
std::string render_dot(const std::string& dot, layout_engine engine, output_format format);

}  // namespace orgflow::render_detail
