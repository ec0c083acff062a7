// DOT helpers shared by the views (see dot_build.hpp).
#include "render/dot_build.hpp"
#include "orgflow/text.hpp"

namespace orgflow::render_detail {

std::string node_name(std::string_view unit_id) { return quoted(std::string("u:") + std::string(unit_id)); }
std::string cluster_name(std::string_view group_id) { return quoted(std::string("cluster_") + std::string(group_id)); }

std::string font(std::string_view colour, int points, std::string_view body) {
  std::string out = "<FONT POINT-SIZE=\"" + std::to_string(points) + "\"";
  if (!colour.empty()) out += " COLOR=\"" + std::string(colour) + "\"";
  out += ">";
  out += body;
  out += "</FONT>";
  return out;
}

std::string join(const std::vector<std::string>& parts, std::string_view sep) {
  std::string out;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (i) out += sep;
    out += parts[i];
  }
  return out;
}

std::string swatch(std::string_view fill, std::string_view border, std::string_view style, std::string_view text,
                   std::string_view text_colour_) {
  std::string out = "<TD BORDER=\"1\" COLOR=\"" + std::string(border) + "\" BGCOLOR=\"" + std::string(fill) + "\"";
  if (!style.empty()) out += " STYLE=\"" + std::string(style) + "\"";
  out += " CELLPADDING=\"3\">" + font(text_colour_, 10, text) + "</TD>";
  return out;
}

// A line drawn as the bottom border of an empty cell: no glyph, so it looks
// the same in every font.
namespace {

std::string line_cell(std::string_view colour, int thickness, bool dashed) {
  std::string out = "<TD SIDES=\"B\" BORDER=\"" + std::to_string(thickness) + "\" COLOR=\"" + std::string(colour) +
                    "\" WIDTH=\"30\" HEIGHT=\"10\" FIXEDSIZE=\"TRUE\" CELLPADDING=\"0\"";
  if (dashed) out += " STYLE=\"dashed\"";
  return out + "></TD>";
}

}  // namespace

std::string line_sample(std::string_view colour, int thickness, bool dashed, std::string_view text) {
  return line_cell(colour, thickness, dashed) + legend_text(text);
}

std::string legend_text(std::string_view text) {
  return "<TD ALIGN=\"LEFT\">" + font(muted_colour, 10, text) + "</TD>";
}

namespace {

std::string legend_row(std::string_view heading, const std::vector<std::string>& cells) {
  if (cells.empty()) return {};
  // FIXEDSIZE without a size keeps the row at its natural width, left
  // aligned; otherwise Graphviz stretches every row to the widest and spreads
  // the cells apart. (dot prints a harmless warning about it.)
  std::string out = "<TR><TD ALIGN=\"LEFT\"><TABLE BORDER=\"0\" CELLSPACING=\"4\" CELLPADDING=\"1\" "
                    "ALIGN=\"LEFT\" FIXEDSIZE=\"TRUE\"><TR>";
  out += "<TD ALIGN=\"LEFT\">" + font(muted_colour, 10, "<B>" + std::string(heading) + "</B>") + "</TD>";
  for (const auto& c : cells) out += c;
  out += "</TR></TABLE></TD></TR>";
  return out;
}


std::string legend_markup(const legend& l) {
  std::string rows;
  std::vector<std::string> units;
  for (unit_kind k : l.kinds) {
    const kind_style s = style_of(k);
    std::string st = k == unit_kind::external ? "dashed" : (k == unit_kind::system ? "" : "rounded");
    units.push_back(swatch(s.fill, s.border, st, s.legend, s.fontcolor));
  }
  if (l.groups) units.push_back(swatch(l.group_fill, cluster_border, "rounded", l.group_word));
  rows += legend_row("Units", units);
  std::vector<std::string> lines;
  if (l.flows) lines.push_back(line_sample(flow_colour, 2, false, l.flow_words));
  if (l.handoffs) lines.push_back(line_sample(handoff_colour, 4, false, l.handoff_words));
  if (l.returns) lines.push_back(line_sample(handoff_colour, 3, true, "finished work given back (returns)"));
  if (l.critical) lines.push_back(line_sample(critical_colour, 7, false, "critical path (the longest waits)"));
  if (l.loops) lines.push_back(line_sample(loop_colour, 4, false, "rework loop"));
  rows += legend_row("Arrows", lines);
  std::vector<std::string> found;
  if (l.gaps) found.push_back(line_sample(finding_colour, 2, true, "needed, but no route"));
  if (!l.stale_colours.empty()) {
    std::string cells;
    const std::pair<double, const char*> steps[] = {{0.0, "under 50%"}, {0.5, "50-80%"}, {0.8, "80% or more"}};
    std::string samples;
    for (const auto& [lo, words] : steps) {
      const char* c = stale_colour(lo);
      if (!l.stale_colours.count(c)) continue;
      samples += line_sample(c, 3, false, words);
    }
    if (l.stale_colours.count(stale_colour(-1)))
      samples += line_sample(stale_colour(-1), 3, false, "share unknown");
    found.push_back("<TD ALIGN=\"LEFT\">" + font(muted_colour, 10, "stale route, outdated:") + "</TD>" + samples);
  }
  if (!l.load_steps_used.empty()) {
    std::string samples = "<TD ALIGN=\"LEFT\">" + font(muted_colour, 10, "overloaded:") + "</TD>";
    for (double step : load_steps) {
      if (!l.load_steps_used.count(step)) continue;
      const heat h = load_heat(step);
      samples += swatch(h.fill, "#7b2d26", "rounded", h.legend, h.text);
    }
    found.push_back(samples);
  }
  if (l.spof)
    found.push_back("<TD BORDER=\"0\"><TABLE BORDER=\"1\" CELLBORDER=\"1\" CELLSPACING=\"2\" STYLE=\"rounded\" COLOR=\"" +
                    std::string(finding_colour) + "\"><TR><TD BORDER=\"0\" CELLPADDING=\"1\">" +
                    font(text_colour, 10, "single point of failure") + "</TD></TR></TABLE></TD>");
  if (l.isolated) found.push_back(swatch("#ffffff", finding_colour, "dashed", "isolated: no flow in or out"));
  rows += legend_row("Findings", found);
  for (const auto& [heading, cells] : l.extra_rows) rows += legend_row(heading, cells);
  return rows;
}

}  // namespace

std::string title_markup(const std::string& title, const std::string& subtitle, const std::string& alert,
                         const std::string& remark, const legend& l) {
  std::string out = "<TABLE BORDER=\"0\" CELLBORDER=\"0\" CELLSPACING=\"0\" CELLPADDING=\"2\">";
  out += "<TR><TD ALIGN=\"LEFT\" BALIGN=\"LEFT\">" +
         font(text_colour, 20, "<B>" + html_wrapped(shorten(title, 2 * label_name_limit), 70, 2) + "</B>") + "</TD></TR>";
  // Long subtitles and notes (a focus view's recommendation) wrap, so the
  // title never makes a small diagram wide (and so tiny when fitted to a page).
  out += "<TR><TD ALIGN=\"LEFT\" BALIGN=\"LEFT\">" + font(muted_colour, 11, html_wrapped(subtitle, 110, 8)) +
         "</TD></TR>";
  if (!alert.empty())
    out += "<TR><TD ALIGN=\"LEFT\" BALIGN=\"LEFT\">" +
           font(finding_colour, 11, "<B>" + html_wrapped(alert, 100, 8) + "</B>") + "</TD></TR>";
  if (!remark.empty())
    out += "<TR><TD ALIGN=\"LEFT\" BALIGN=\"LEFT\">" + font(muted_colour, 11, html_wrapped(remark, 110, 8)) +
           "</TD></TR>";
  out += legend_markup(l);
  out += "</TABLE>";
  return out;
}

std::string findings_summary(const analysis_result* a) {
  if (!a) return {};
  const auto c = a->count(severity::critical), w = a->count(severity::warning), i = a->count(severity::info);
  if (c + w + i == 0) return " \xC2\xB7 no findings";
  std::vector<std::string> parts;
  if (c) parts.push_back(with_thousands(static_cast<std::uint64_t>(c)) + " critical");
  if (w) parts.push_back(count_of(static_cast<std::size_t>(w), "warning", "warnings"));
  if (i) parts.push_back(with_thousands(static_cast<std::uint64_t>(i)) + " info");
  return " \xC2\xB7 findings: " + join(parts, ", ");
}

void graph_defaults(dot_writer& w, layout_engine engine, const std::string& title_html, bool inline_labels,
                    bool top_down) {
  attr_list g;
  g.str("layout", engine_name(engine))
      .str("fontname", font_family)
      .str("fontsize", "11")
      .html("label", title_html)
      .str("labelloc", "t")
      .str("labeljust", "l")
      .str("bgcolor", "#ffffff")
      .str("pad", "0.3")
      .str("outputorder", "edgesfirst")
      .str("forcelabels", "true")
      .str("tooltip", " ");
  if (engine == layout_engine::dot) {
    g.str("rankdir", top_down ? "TB" : "LR").str("nodesep", "0.35").str("ranksep", inline_labels ? "0.7" : "1.1").str("compound", "true");
    if (inline_labels) g.str("newrank", "true");
  } else {
    g.str("overlap", "prism").str("sep", "+8").str("splines", engine == layout_engine::sfdp ? "false" : "true");
  }
  w.line("graph " + g.text() + ";");
  attr_list n;
  n.str("fontname", font_family).str("fontsize", "11").str("margin", "0.14,0.07").str("fontcolor", text_colour);
  w.line("node " + n.text() + ";");
  attr_list e;
  e.str("fontname", font_family).str("fontsize", "9").str("arrowsize", "0.7");
  w.line("edge " + e.text() + ";");
}

}  // namespace orgflow::render_detail
