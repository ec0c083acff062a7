// The look of every view in one place: fonts, colours, shapes by unit kind,
// the heat scales for load and staleness, and small formatting helpers that
// views share. Colours were chosen to stay distinct for the common forms of
// colour blindness (blue for information, orange for work, red only for
// findings) and to keep dark text readable on every fill.
#pragma once

#include <string>
#include <string_view>

#include "orgflow/analysis.hpp"
#include "orgflow/model.hpp"

namespace orgflow::render_detail {

inline constexpr const char* font_family = "Helvetica,Arial,sans-serif";
inline constexpr const char* text_colour = "#1f2933";
inline constexpr const char* muted_colour = "#52606d";
inline constexpr const char* flow_colour = "#3e6c99";
inline constexpr const char* flow_label_colour = "#2c4f73";
inline constexpr const char* handoff_colour = "#d9822b";
inline constexpr const char* handoff_label_colour = "#9c5410";
inline constexpr const char* critical_colour = "#8a3c00";  // handoffs on a process's critical path
inline constexpr const char* finding_colour = "#c81e1e";
inline constexpr const char* loop_colour = "#6a3d9a";
inline constexpr const char* cluster_border = "#9aa5b1";

struct kind_style {
  const char* shape;
  const char* style;
  const char* fill;
  const char* border;
  const char* fontcolor;
  double penwidth;
  const char* legend;  // words for the legend
};

kind_style style_of(unit_kind k);

/// Fill of a cluster at nesting depth `depth` (0 = outermost): darker inside.
const char* cluster_fill(std::size_t depth);

/// Heat scale of utilization (LOAD.OVER starts at overload_utilization): fill and text colour.
struct heat { const char* fill; const char* text; const char* legend; };
heat load_heat(double rho);
/// The steps of load_heat, for the legend.
inline constexpr double load_steps[] = {overload_utilization, 1.0, 1.25, 1.5};

/// Colour of a stale route by outdated share (0..1); negative = unknown share.
const char* stale_colour(double share);
inline constexpr double stale_steps[] = {0.0, 0.5, 0.8};

/// A share as a whole percentage for people (human_percent), except that a
/// share just above 0 is `<1%` and one just below 1 is `99%`: a label never
/// says 0% or 100% of something that is not.
std::string percent(double share);

/// A rate exactly: as written, else canonical (for `export --to dot`;
/// labels and tooltips use human_rate).
std::string rate_text(const rate_value& r);

}  // namespace orgflow::render_detail
