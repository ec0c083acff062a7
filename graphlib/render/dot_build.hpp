// Writing the DOT text of a view: attribute lists, indented blocks, HTML
// fonts, the title with its legend, and the graph defaults every view
// shares. The views (map_view.cpp, tie_view.cpp) describe what to draw; this
// file knows how DOT spells it. Internal to graphlib/render.
#pragma once

#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "orgflow/analysis.hpp"
#include "orgflow/number.hpp"
#include "orgflow/text.hpp"
#include "orgflow/render.hpp"
#include "text/dot_text.hpp"
#include "render/view_style.hpp"

namespace orgflow::render_detail {

// The text toolkit's DOT escaping, used throughout the views.
using namespace text_detail::dot;


/// An attribute list: values are ready DOT tokens (quoted() or html_label()).
class attr_list {
 public:
  attr_list& add(std::string_view key, std::string value) {
    items_.emplace_back(std::string(key), std::move(value));
    return *this;
  }
  attr_list& str(std::string_view key, std::string_view plain) { return add(key, quoted(plain)); }
  attr_list& num(std::string_view key, double v) { return add(key, quoted(format_number(v, 3))); }
  attr_list& html(std::string_view key, std::string_view markup) { return add(key, html_label(markup)); }
  /// A tooltip from plain text (escaped here).
  attr_list& tip(std::string_view text) { return add("tooltip", quoted(esc_tooltip(text))); }
  bool empty() const { return items_.empty(); }
  std::string text() const {
    std::string out = "[";
    bool first = true;
    for (const auto& [k, v] : items_) {
      if (!first) out += ", ";
      first = false;
      out += k;
      out += '=';
      out += v;
    }
    out += ']';
    return out;
  }

 private:
  std::vector<std::pair<std::string, std::string>> items_;
};

class dot_writer {
 public:
  void line(std::string_view s) {
    out_.append(2 * depth_, ' ');
    out_ += s;
    out_ += '\n';
  }
  void open(std::string_view head) {
    line(std::string(head) + " {");
    ++depth_;
  }
  void close() {
    --depth_;
    line("}");
  }
  std::string take() { return std::move(out_); }

 private:
  std::string out_;
  std::size_t depth_ = 0;
};

/// The DOT name of a unit's node (`u:ID`) and of a group's cluster.
std::string node_name(std::string_view unit_id);
std::string cluster_name(std::string_view group_id);

/// `<FONT POINT-SIZE=".." COLOR="..">body</FONT>`; no COLOR when empty.
std::string font(std::string_view colour, int points, std::string_view body);

/// `5,000 units`, `1 unit`.
std::string join(const std::vector<std::string>& parts, std::string_view sep);

/// What the legend under the title shows: only what the picture uses.
struct legend {
  std::set<unit_kind> kinds;
  bool groups = false, flows = false, handoffs = false;
  bool gaps = false, spof = false, isolated = false;
  std::set<const char*> stale_colours;  // compared by identity: one pointer per scale step
  std::set<double> load_steps_used;
  std::string group_word = "group";
  const char* group_fill = cluster_fill(0);
  std::string flow_words = "information (what it carries, how often)";
  std::string handoff_words = "work handed over (item, volume)";
  bool loops = false, critical = false;
  bool returns = false;  // a handoff that gives finished work back
  /// Rows after the standard ones: a heading and its cells (swatch(),
  /// line_sample() or plain `<TD>` markup).
  std::vector<std::pair<std::string, std::vector<std::string>>> extra_rows;
};

/// Legend cells: a filled box with a word in it, and a line with words beside it.
std::string swatch(std::string_view fill, std::string_view border, std::string_view style, std::string_view text,
                   std::string_view text_colour_ = text_colour);
std::string line_sample(std::string_view colour, int thickness, bool dashed, std::string_view text);
/// A cell of muted text.
std::string legend_text(std::string_view text);

/// The title block: the model's name, a subtitle, a sentence in red (a
/// finding's title; may be empty), a remark about the drawing (muted; may be
/// empty), and the legend.
std::string title_markup(const std::string& title, const std::string& subtitle, const std::string& alert,
                         const std::string& remark, const legend& l);

/// " · findings: 2 critical, 9 warnings" (or " · no findings"; empty without an analysis).
std::string findings_summary(const analysis_result* a);

/// The name Graphviz knows the engine by.
std::string_view engine_name(layout_engine e);

/// The graph, node and edge defaults of a view laid out with `engine`;
/// dot ranks left to right, or top down (`top_down`: overviews, whose many
/// cross arrows make long rows of ranks).
void graph_defaults(dot_writer& w, layout_engine engine, const std::string& title_html, bool inline_labels,
                    bool top_down = false);

}  // namespace orgflow::render_detail
