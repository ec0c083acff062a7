// The picture of units and the ties between their people (tie_picture in
// orgflow/render.hpp), for `orgflow people --format html` and the people
// section of the report. The units become a small model (ties as flows that
// record how many arcs they stand for, as `import csv` writes them), so the
// view graph, the folding and the overview's choice of boxes and arrows are
// the map's; only the marks differ: silos are shaded, units with brokers get
// a heavy teal border, units whose people the organization hangs on say so
// in red, and ties that go through a single person are dashed.
#include <algorithm>
#include <cmath>
#include <set>

#include "orgflow/number.hpp"
#include "orgflow/text.hpp"
#include "render/dot_build.hpp"
#include "render/view_build.hpp"

namespace orgflow::render_detail {

namespace {

constexpr const char* silo_fill = "#e4e7eb";
constexpr const char* broker_colour = "#0b7285";
constexpr const char* liaison_colour = "#c2410c";

std::string unit_id(std::size_t i) { return "t" + std::to_string(i); }

model as_model(const tie_picture& p) {
  model m;
  m.name = p.title;
  for (std::size_t i = 0; i < p.units.size(); ++i) {
    unit u;
    u.id = unit_id(i);
    u.name = p.units[i].name;
    m.units.push_back(std::move(u));
  }
  for (const auto& t : p.ties) {
    if (t.from == t.to || t.from >= p.units.size() || t.to >= p.units.size()) continue;
    flow f;
    f.from = unit_id(t.from);
    f.to = unit_id(t.to);
    f.id = f.from + "->" + f.to + "#1";
    f.id_generated = true;
    f.extras.x_members.emplace_back("x-occurrences", std::to_string(t.count));
    m.flows.push_back(std::move(f));
  }
  return m;
}

std::string share_inside(double ei) { return percent((1.0 - ei) / 2.0); }

// What the picture shows, for its legend.
struct shown_marks {
  bool silo = false, broker = false, key = false, liaison = false;
};

// The units' boxes: name, people, and the silo, broker and key-people marks.
void draw_unit_boxes(const tie_picture& p, const selection& sel, dot_writer& w, shown_marks& seen) {
  for (const auto& key : sel.boxes) {
    const std::size_t i = static_cast<std::size_t>(std::stoul(key.substr(1)));
    const auto& u = p.units[i];
    std::string label = html_name(u.name, 20, 3) + "<BR/>" + font(muted_colour, 9, count_of(u.members, "person", "people"));
    std::vector<std::string> tip{u.name + ": " + count_of(u.members, "person", "people")};
    attr_list a;
    std::string fill = "#ffffff", border = "#334e68";
    double pen = 1.4;
    if (u.ei) tip.push_back(share_inside(*u.ei) + " of its ties stay inside (E-I index " + format_number(*u.ei, 2) + ")");
    if (u.silo) {
      seen.silo = true;
      fill = silo_fill;
      label += "<BR/>" + font(text_colour, 9, "<B>" + html_text(u.without_tie ? "silo: no tie to any other unit"
                                                                               : "silo: " + share_inside(u.ei.value_or(-1)) +
                                                                                     " of ties inside") + "</B>");
      tip.push_back(u.without_tie ? "no tie to any other unit" : "a silo: most of its ties stay inside");
    }
    if (u.brokers) {
      seen.broker = true;
      border = broker_colour;
      pen = 3.2;
      const std::string words = std::to_string(u.brokers) + " of the 10 brokers";
      label += "<BR/>" + font(broker_colour, 9, "<B>" + html_text(words) + "</B>");
      tip.push_back(words + " (the people most often on the shortest way between two others)");
    }
    if (u.key_people) {
      seen.key = true;
      const std::string words = "hangs on " + count_of(u.key_people, "person", "people") +
                                (u.worst_cut_off ? "; one cuts off " + with_thousands(u.worst_cut_off) : std::string());
      label += "<BR/>" + font(finding_colour, 9, "<B>" + html_text(words) + "</B>");
      tip.push_back(count_of(u.key_people, "person", "people") + " whose absence would split the largest connected group" +
                    (u.worst_cut_off ? "; the most one of them cuts off: " + count_of(u.worst_cut_off, "person", "people")
                                     : std::string()));
    }
    a.str("shape", "box").str("style", "rounded,filled").str("fillcolor", fill).str("color", border)
        .str("fontcolor", text_colour).num("penwidth", pen).html("label", label).tip(join(tip, "\n"));
    w.line(node_name(key) + " " + a.text() + ";");
  }
}

// The ties: width by count, dashed where every tie goes through one person.
void draw_ties(const tie_picture& p, const view_graph& g, const selection& sel, bool dense, const char* edge_text,
               dot_writer& w, shown_marks& seen) {
  std::set<std::pair<std::size_t, std::size_t>> through_one;
  for (const auto& t : p.ties)
    if (t.single_liaison) through_one.insert({std::min(t.from, t.to), std::max(t.from, t.to)});
  double max_count = 1;
  for (std::size_t k : sel.arrows) max_count = std::max(max_count, g.arrows[k].weight.occurrences);
  for (std::size_t k : sel.arrows) {
    const arrow& ar = g.arrows[k];
    const std::size_t a = static_cast<std::size_t>(std::stoul(ar.from.substr(1)));
    const std::size_t b = static_cast<std::size_t>(std::stoul(ar.to.substr(1)));
    const double n = ar.weight.occurrences;
    const bool one = through_one.count({std::min(a, b), std::max(a, b)}) != 0;
    attr_list at;
    const std::string colour = one ? liaison_colour : (dense ? std::string(flow_colour) + "59" : flow_colour);
    at.str("color", colour).num("penwidth", 1.2 + 4.3 * std::sqrt(n / max_count)).str("fontcolor", one ? liaison_colour : flow_label_colour);
    if (one) {
      seen.liaison = true;
      at.str("style", "dashed");
    }
    std::string words = count_of(static_cast<std::size_t>(n), "tie", "ties");
    if (one) words += ", through one person";
    if (!dense) at.html(edge_text, font("", 9, html_text(words)));
    at.tip(p.units[a].name + " \xE2\x86\x92 " + p.units[b].name + ": " + count_of(static_cast<std::size_t>(n), "tie", "ties") +
           (one ? "\nevery tie between the two units touches the same one person" : ""));
    w.line(node_name(ar.from) + " -> " + node_name(ar.to) + " " + at.text() + ";");
  }
}

legend tie_legend(const shown_marks& seen) {
  legend lg;
  lg.flows = true;
  lg.flow_words = "ties between their people (how many; thicker: more)";
  std::vector<std::string> cells{swatch("#ffffff", "#334e68", "rounded", "unit (its people)")};
  if (seen.silo) cells.push_back(swatch(silo_fill, "#334e68", "rounded", "silo: most ties stay inside"));
  if (seen.broker) cells.push_back(swatch("#ffffff", broker_colour, "rounded", "holds brokers"));
  if (seen.key) cells.push_back(legend_text("<FONT COLOR=\"" + std::string(finding_colour) + "\"><B>hangs on</B></FONT>: people whose absence splits the organization"));
  lg.extra_rows.push_back({"Units", cells});
  if (seen.liaison) lg.extra_rows.push_back({"Ties", {line_sample(liaison_colour, 2, true, "all ties between two units go through one person")}});
  return lg;
}

}  // namespace

built_view build_ties(const tie_picture& p, std::optional<layout_engine> layout) {
  const model m = as_model(p);
  const model_index ix(m);
  const group_tree gt(ix);
  const marks mk;
  const view_graph g = build_graph(ix, gt, mk, nullptr, graph_scope{});
  // Units that carry a finding come first when not everything fits.
  std::vector<std::size_t> order(p.units.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  auto weight = [&](std::size_t i) {
    const auto& u = p.units[i];
    return std::make_tuple(u.worst_cut_off, u.brokers, u.key_people, u.silo);
  };
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return weight(a) > weight(b); });
  std::vector<std::string> must;
  for (std::size_t i : order) {
    const auto& u = p.units[i];
    if (u.key_people || u.brokers || u.silo) must.push_back(unit_id(i));
  }
  const bool fits = g.boxes.size() <= map_units && g.arrows.size() <= map_arrows;
  const selection sel = fits ? select_all(g) : select_overview(g, must, overview_boxes, overview_arrows);
  const layout_engine engine = choose_engine(layout, sel.boxes.size(), sel.boxes.size(), sel.arrows.size());
  const bool dense = sel.arrows.size() > dense_arrows;
  const bool inline_labels = engine == layout_engine::dot && !dense;

  shown_marks seen;
  dot_writer w;
  draw_unit_boxes(p, sel, w, seen);
  draw_ties(p, g, sel, dense, inline_labels ? "label" : "xlabel", w, seen);
  const legend lg = tie_legend(seen);

  std::string subtitle = p.subtitle;
  std::string remark;
  if (sel.boxes.size() < g.boxes.size() || sel.arrows.size() < g.arrows.size())
    remark = "(the " + with_thousands(sel.arrows.size()) + " strongest of " + count_of(g.arrows.size(), "tie", "ties") +
             " between " + with_thousands(sel.boxes.size()) + " of the " + count_of(g.boxes.size(), "unit", "units") +
             "; units with findings first)";
  dot_writer head;
  head.open("digraph \"orgflow people\"");
  graph_defaults(head, engine, title_markup(p.title, subtitle, "", remark, lg), inline_labels);
  std::string body = w.take();
  std::string out = head.take() + body + "}\n";
  built_view v;
  v.dot = std::move(out);
  v.engine = engine;
  return v;
}

}  // namespace orgflow::render_detail

namespace orgflow {

std::string tie_dot(const tie_picture& p, std::optional<layout_engine> layout) {
  return render_detail::build_ties(p, layout).dot;
}

std::string render_ties(const tie_picture& p, output_format format, std::optional<layout_engine> layout) {
  const render_detail::built_view v = render_detail::build_ties(p, layout);
  if (format == output_format::dot) return v.dot;
  return render_detail::render_built(v, format);
}

}  // namespace orgflow
