// Drawing a view graph the map's way (build_map): every box a node labelled
// with its name, its kind shown by shape and style; groups as nested frames
// (or, collapsed, as one box that says how many units it holds); parallel
// flows between two boxes as one blue arrow that says what they carry and how
// often ("3 flows: Price list, Forecast, +1"), parallel handoffs as one bold
// orange arrow with the items and their total volume, each wider as its
// volume grows; a title with a legend of only what the picture uses. With an
// analysis, the findings are marked: a needed route that does not exist is a
// dashed red arrow, stale routes are coloured by outdated share, overloaded
// units are filled on a heat scale, single points of failure get a double
// border, isolated units say so, collapsed boxes count their findings.
//
// Everything is deterministic: nodes in sorted key order, clusters in sorted
// group order, arrows in the file order of their first member; every number
// printed without the locale.
#include <algorithm>
#include <cmath>
#include <functional>
#include <map>
#include <set>

#include "orgflow/number.hpp"
#include "orgflow/text.hpp"
#include "orgflow/quantity.hpp"
#include "render/arrow_text.hpp"
#include "render/dot_build.hpp"
#include "text/dot_text.hpp"
#include "render/view_build.hpp"
#include "render/view_style.hpp"

namespace orgflow::render_detail {

namespace {

graph_scope scope_of(const map_request& rq) {
  graph_scope scope;
  scope.collapse_depth = rq.collapse_depth;
  scope.pool_ungrouped = rq.pool_ungrouped;
  if (rq.fc) {
    scope.units = &rq.fc->units;
    scope.flows = &rq.fc->flows;
    scope.handoffs = &rq.fc->handoffs;
    scope.group_units_shown = &rq.fc->units;
  }
  return scope;
}

}  // namespace

view_base::view_base(std::shared_ptr<const model_context> c, const render_options& o, const finding* only)
    : ctx(std::move(c)), mk(collect_marks(ctx->ix, o.analysis, only)) {}

view_parts::view_parts(const model& m, const render_options& o, const map_request& rq,
                       std::shared_ptr<const model_context> ctx)
    : base(std::make_shared<const view_base>(ctx ? std::move(ctx) : std::make_shared<const model_context>(m), o,
                                             rq.only_finding)),
      ix(base->ctx->ix), gt(base->ctx->gt), mk(base->mk), g(build_graph(ix, gt, mk, o.analysis, scope_of(rq))) {}

view_parts::view_parts(const view_parts& other, const render_options& o, const map_request& rq)
    : base(other.base), ix(base->ctx->ix), gt(base->ctx->gt), mk(base->mk),
      g(build_graph(ix, gt, mk, o.analysis, scope_of(rq))) {}

namespace {

// One map being drawn: what its parts share (the view graph, the marks, the
// boxes and arrows selected, the choices made from their number) and the
// DOT text and legend they add to. Each member draws one kind of thing.
struct map_drawing {
  const model_index& ix;
  const group_tree& gt;
  const marks& mk;
  const view_graph& g;
  const focus* fc;
  const selection& sel;
  legend& lg;
  dot_writer& w;
  bool frames = true;             // groups drawn as frames (dot and fdp)
  bool dense = false;             // too many arrows for their texts
  const char* edge_text = "label";
  std::map<std::string, bool> shown;  // cluster_shown, computed once per group

  // A selected group box: the group drawn as one box.
  bool collapsed(const std::string& key) const {
    return sel.boxes.count(key) != 0 && g.boxes.at(key).kind == box::type::group;
  }

  // Whether a group's frame holds anything drawn.
  bool cluster_shown(const std::string& grp) {
    auto it = shown.find(grp);
    if (it != shown.end()) return it->second;
    shown[grp] = false;  // (a cycle, impossible in a valid model, ends here)
    bool any = sel.boxes.count(grp) != 0;
    for (const auto& member : gt.members.at(grp))
      any = ((gt.is_group(member) && !collapsed(member)) ? cluster_shown(member) : sel.boxes.count(member) != 0) || any;
    shown[grp] = any;
    return any;
  }

  // Boxes and frames outside every frame.
  std::size_t flat_count() {
    std::size_t flat = 0;
    for (const auto& key : sel.boxes)
      if (key == pool_key || (!gt.parent.count(key) && (collapsed(key) || !gt.is_group(key)))) ++flat;
    for (const auto& r : gt.roots)
      if (!collapsed(r) && cluster_shown(r)) ++flat;
    return flat;
  }

  // A box for a collapsed group or the pool of units in no group.
  void group_box(const std::string& key, const box& b) {
    attr_list a;
    lg.groups = true;
    std::string label, tip;
    std::string sub = count_of(b.units, "unit", "units");
    if (b.inner_flows) sub += ", " + count_of(b.inner_flows, "flow", "flows") + " inside";
    if (b.inner_handoffs) sub += ", " + count_of(b.inner_handoffs, "handoff", "handoffs") + " inside";
    if (b.kind == box::type::pool) {
      label = "<B>" + html_text("Units in no group") + "</B><BR/>" + font(muted_colour, 9, html_text(sub));
      tip = with_thousands(b.units) + " units that belong to no group";
      a.str("shape", "box").str("style", "rounded,filled,dashed").str("fillcolor", "#ffffff").str("color", cluster_border);
    } else {
      const unit* gu = ix.find_unit(key);
      label = "<B>" + html_name(gu->display_name(), 22, 3) + "</B><BR/>" + font(muted_colour, 9, html_text(sub));
      tip = gu->display_name() + ": " + sub;
      if (!frames && gu->group && ix.find_unit(*gu->group))
        label += "<BR/>" + font(muted_colour, 8, html_wrapped("in " + shorten(ix.unit_name(*gu->group)), 28, 2));
      a.str("shape", "box").str("style", "rounded,filled").str("fillcolor", cluster_fill(1))
          .str("color", cluster_border).str("penwidth", "1.4").str("id", "group-" + key);
    }
    std::vector<std::string> parts;
    if (b.critical) parts.push_back(with_thousands(b.critical) + " critical");
    if (b.warnings) parts.push_back(count_of(b.warnings, "warning", "warnings"));
    if (!parts.empty()) {
      label += "<BR/>" + font(finding_colour, 9, "<B>" + html_text(join(parts, ", ")) + "</B>");
      tip += "\nfindings: " + join(parts, ", ");
    }
    a.html("label", label).tip(tip);
    w.line(node_name(key == pool_key ? "(no group)" : key) + " " + a.text() + ";");
  }

  // A unit's box: its kind, its load, and the marks of its findings.
  void unit_box(const std::string& key) {
    attr_list a;
    const unit* u = ix.find_unit(key);
    const unit_kind kind = u->kind_or_default();
    const kind_style s = style_of(kind);
    lg.kinds.insert(kind);
    std::string label = html_name(u->display_name(), 20, 4);
    if (fc)
      if (auto it = fc->unit_notes.find(u->id); it != fc->unit_notes.end())
        label += "<BR/>" + font(muted_colour, 9, html_wrapped(it->second, 28, 3));
    if (!frames && u->group && ix.find_unit(*u->group))
      label += "<BR/>" + font(muted_colour, 8, html_wrapped("in " + shorten(ix.unit_name(*u->group)), 28, 2));
    std::string fill = s.fill, fontcolor = s.fontcolor, border = s.border, style = s.style;
    double pen = s.penwidth;
    if (auto it = mk.load.find(u->id); it != mk.load.end()) {
      const heat h = load_heat(it->second);
      fill = h.fill;
      fontcolor = h.text;
      border = "#7b2d26";
      label += "<BR/>" + font(h.text, 9, "<B>" + html_text(percent(it->second)) + " busy</B>");
      for (double step : load_steps)
        if (load_heat(step).fill == h.fill) lg.load_steps_used.insert(step);
    }
    if (mk.isolated.count(u->id)) {
      border = finding_colour;
      if (style.find("dashed") == std::string::npos) style += ",dashed";
      label += "<BR/>" + font(finding_colour, 9, "isolated: no flow in or out");
      lg.isolated = true;
      pen = 1.6;
    }
    bool double_border = false;
    if (mk.spof.count(u->id)) {
      // A double border; a cylinder drawn twice looks like two systems, so
      // systems get a heavy red outline instead.
      border = finding_colour;
      if (kind == unit_kind::system) pen = 3;
      else double_border = true;
      lg.spof = true;
    }
    if (fc && fc->centre.count(u->id)) pen = 3;  // the unit a focus view is about
    a.str("shape", s.shape).str("style", style).str("fillcolor", fill).str("color", border)
        .str("fontcolor", fontcolor).num("penwidth", pen).html("label", label)
        .str("id", "unit-" + u->id).tip(unit_tooltip(ix, gt, *u, mk));
    if (double_border) a.str("peripheries", "2");
    w.line(node_name(u->id) + " " + a.text() + ";");
  }

  // A group's frame and, nested, those of its subgroups; members by id.
  void cluster(const std::string& grp, std::size_t depth) {
    if (!cluster_shown(grp)) return;
    lg.groups = true;
    const unit* gu = ix.find_unit(grp);
    w.open("subgraph " + cluster_name(grp));
    attr_list a;
    a.html("label", font(muted_colour, 12, "<B>" + html_name(gu->display_name(), 40, 2) + "</B>"))
        .str("labeljust", "l").str("labelloc", "t").str("style", "rounded,filled")
        .str("fillcolor", cluster_fill(depth)).str("color", cluster_border).str("penwidth", "1")
        .str("fontsize", "12").str("margin", "12").str("id", "group-" + grp).tip(gu->display_name());
    w.line("graph " + a.text() + ";");
    if (sel.boxes.count(grp)) w.line(node_name(grp) + ";");
    for (const auto& member : gt.members.at(grp)) {
      if (gt.is_group(member) && !collapsed(member)) cluster(member, depth + 1);
      else if (sel.boxes.count(member)) w.line(node_name(member) + ";");
    }
    w.close();
  }

  // A flow arrow, coloured by the staleness of what it carries.
  void flow_arrow(const arrow& ar, const width_scale& flow_width, attr_list& a) {
    lg.flows = true;
    double share = -2;  // the worst outdated share among stale members; -2: none is stale
    for (std::size_t fi : ar.members)
      if (auto st = mk.stale.find(fi); st != mk.stale.end()) share = std::max(share, st->second.share);
    arrow_text t = flow_text(ix, ar, mk, fc, g);
    std::string colour = dense ? std::string(flow_colour) + "59" : flow_colour, label_colour = flow_label_colour;
    double pen = flow_width.width(ar.weight);
    if (share > -2) {
      colour = stale_colour(share);
      label_colour = colour;
      lg.stale_colours.insert(stale_colour(share));
      pen = std::max(pen, 2.6);
      t.lines.push_back("<B>" + html_text(share >= 0 ? "stale: " + percent(share) + " outdated"
                                                     : std::string("stale route")) + "</B>");
    }
    a.str("color", colour).num("penwidth", pen).str("fontcolor", label_colour).tip(t.tooltip);
    if (!t.lines.empty() && !dense) a.html(edge_text, font("", 9, join(t.lines, "<BR/>")));
  }

  // A handoff arrow: a loop or the critical path in a focus view, work given
  // back dashed.
  void handoff_arrow(const arrow& ar, const width_scale& handoff_width, attr_list& a) {
    const arrow_text t = handoff_text(ix, ar, fc, g);
    std::string colour = dense ? std::string(handoff_colour) + "8c" : handoff_colour;
    std::string text_colour_ = handoff_label_colour;
    double pen = handoff_width.width(ar.weight);
    bool loop = false, critical = false;
    if (fc)
      for (std::size_t hi : ar.members) {
        loop = loop || fc->loop.count(hi) != 0;
        critical = critical || fc->critical.count(hi) != 0;
      }
    if (loop) {
      colour = loop_colour;
      text_colour_ = loop_colour;
      lg.loops = true;
    }
    if (critical) {
      colour = loop ? loop_colour : critical_colour;
      pen += 2.5;
      lg.critical = true;
    }
    // Work given back done is drawn dashed with an open head: it closes the
    // work, it is neither rework nor a handoff that waits for feedback.
    const bool back = ar.returns && !loop && !critical;
    (back ? lg.returns : lg.handoffs) = true;
    a.str("color", colour).str("style", back ? "bold,dashed" : "bold")
        .num("penwidth", back ? std::max(1.6, pen * 0.7) : pen).str("arrowsize", "0.8")
        .str("fontcolor", text_colour_).tip(t.tooltip);
    if (back) a.str("arrowhead", "onormal");
    if (!t.lines.empty() && !dense) a.html(edge_text, font("", 9, join(t.lines, "<BR/>")));
  }

  // A needed route that does not exist: a dashed red arrow naming what is needed.
  void gap_arrow(const arrow& ar, attr_list& a) {
    lg.gaps = true;
    std::vector<std::string> names, units_needing;
    std::set<std::string> seen;
    for (std::size_t gi : ar.members)
      for (const auto& id : mk.gaps[gi].artifacts)
        if (seen.insert(id).second) names.push_back(ix.artifact_name(id));
    const bool collapsed = g.boxes.at(ar.from).kind != box::type::unit || g.boxes.at(ar.to).kind != box::type::unit;
    std::vector<std::string> shown_names;
    for (const auto& n : names) shown_names.push_back(shorten(n));
    const std::string what = names.size() <= 2 ? "needed: " + join(shown_names, ", ")
                                               : "needed: " + names_summary(shown_names);
    std::string tip;
    if (!collapsed) {
      const gap_mark& gm = mk.gaps[ar.members.front()];
      tip = "No route: " + ix.unit_name(gm.consumer) + " needs " + join(names, ", ") + " from " +
            ix.unit_name(gm.owner) + ", and nothing brings it there";
    } else {
      tip = "No route from " + box_display(ix, ar.from) + " to " + box_display(ix, ar.to) + " for: " + join(names, ", ");
    }
    a.str("color", finding_colour).str("style", "dashed").str("penwidth", "1.8").str("constraint", "false")
        .str("fontcolor", finding_colour)
        .html(dense ? "xlabel" : edge_text, font("", 9, "<B>" + html_wrapped(what, 28, 3) + "</B>"))
        .tip(tip);
  }

  // Arrows, in graph order: flows, handoffs, missing routes.
  void arrows() {
    width_scale flow_width(1.3, 5.0), handoff_width(2.0, 6.5);
    for (std::size_t i : sel.arrows) {
      if (g.arrows[i].kind == arrow_kind::flow) flow_width.see(g.arrows[i].weight);
      if (g.arrows[i].kind == arrow_kind::handoff) handoff_width.see(g.arrows[i].weight);
    }
    const auto name_of = [](const std::string& key) { return node_name(key == pool_key ? "(no group)" : key); };
    for (std::size_t i : sel.arrows) {
      const arrow& ar = g.arrows[i];
      attr_list a;
      if (ar.kind == arrow_kind::flow) flow_arrow(ar, flow_width, a);
      else if (ar.kind == arrow_kind::handoff) handoff_arrow(ar, handoff_width, a);
      else gap_arrow(ar, a);
      w.line(name_of(ar.from) + " -> " + name_of(ar.to) + " " + a.text() + ";");
    }
    if (flow_width.varies()) lg.flow_words = "information (what it carries, how often; " + flow_width.words() + ")";
    if (handoff_width.varies()) lg.handoff_words = "work handed over (item, volume; " + handoff_width.words() + ")";
  }
};

}  // namespace

namespace {

// The title's second line: what the picture shows of how much.
std::string map_subtitle(const model& m, const render_options& o, const map_request& rq, const selection& sel,
                         const view_graph& g, bool collapsing) {
  const focus* fc = rq.fc;
  std::string subtitle;
  const std::string arrows_drawn = sel.arrows.size() < g.arrows.size()
                                       ? " \xC2\xB7 the " + with_thousands(sel.arrows.size()) + " strongest of " +
                                             count_of(g.arrows.size(), "arrow", "arrows") + " drawn"
                                       : std::string();
  if (fc) {
    subtitle = fc->subtitle;
  } else {
    subtitle = rq.purpose == map_purpose::groups ? "Groups: " : rq.purpose == map_purpose::overview ? "Overview: " : "Map: ";
    if (collapsing)
      subtitle += count_of(m.units.size(), "unit", "units") + " in " + count_of(sel.boxes.size(), "box", "boxes");
    else if (sel.boxes.size() < g.boxes.size())
      subtitle += with_thousands(sel.boxes.size()) + " of " + count_of(m.units.size(), "unit", "units");
    else
      subtitle += count_of(m.units.size(), "unit", "units");
    subtitle += " \xC2\xB7 " + count_of(m.flows.size(), "information flow", "information flows") + " \xC2\xB7 " +
                count_of(m.handoffs.size(), "handoff", "handoffs") + findings_summary(o.analysis) + arrows_drawn;
  }
  return subtitle;
}

// A remark about the drawing: why it shows what it shows.
std::string map_remark(const map_request& rq, const selection& sel, const view_graph& g, const group_tree& gt,
                       bool collapsing, bool frames, layout_engine engine) {
  const focus* fc = rq.fc;
  const bool trimmed = sel.boxes.size() < g.boxes.size() || sel.arrows.size() < g.arrows.size();
  std::string remark;
  if (rq.purpose == map_purpose::overview) {
    std::string shown = collapsing ? "each box is a group of units, with the strongest arrows between groups"
                        : sel.boxes_with_findings ? "the units with findings, then their closest neighbours, and the "
                                                    "strongest arrows between them"
                                                  : "the units with the strongest ties, and the strongest arrows between them";
    remark = "(" + (rq.note.empty() ? std::string() : rq.note + ". ") + "Shown: " + shown +
             ". --view full draws every unit, --view unit:ID one unit and its neighbours)";
  } else if (fc && trimmed) {
    remark = "(" + with_thousands(sel.boxes.size()) + " of its " + with_thousands(g.boxes.size()) +
             " units, those that matter most first" +
             (sel.arrows.size() < g.arrows.size() ? ", and the " + with_thousands(sel.arrows.size()) + " strongest of " +
                                                        count_of(g.arrows.size(), "arrow", "arrows")
                                                  : std::string()) +
             ")";
  } else if (!rq.note.empty()) {
    remark = "(" + rq.note + ")";
  }
  if (!frames && !gt.groups.empty() && !collapsing)
    remark += std::string(remark.empty() ? "" : " ") + "(laid out with " + std::string(engine_name(engine)) +
              ", which draws no frames: each unit names its group; --view groups shows the groups alone)";
  return remark;
}

}  // namespace

built_view build_map(const model& m, const render_options& o, const map_request& rq, const view_parts& parts) {
  const view_graph& g = parts.g;
  const group_tree& gt = parts.gt;
  const focus* fc = rq.fc;
  std::vector<std::string> must = rq.must;
  if (rq.keep_all_boxes)
    for (const auto& [key, b] : g.boxes) must.push_back(key);
  const selection sel = !rq.trim ? select_all(g)
                                 : select_overview(g, must, rq.keep_all_boxes ? g.boxes.size() : rq.max_boxes,
                                                   rq.max_arrows);
  const bool collapsing = rq.collapse_depth != graph_scope::no_collapse || rq.pool_ungrouped;

  legend lg;
  dot_writer w;
  map_drawing d{parts.ix, gt, parts.mk, g, fc, sel, lg, w, /*frames=*/true, /*dense=*/false, "label", {}};
  const layout_engine engine = choose_engine(o.layout, sel.boxes.size(), d.flat_count(), sel.arrows.size());
  d.dense = sel.arrows.size() > dense_arrows;
  // Edge texts: real labels only where dot makes room for them quickly.
  const bool inline_labels = rq.inline_allowed && engine == layout_engine::dot && !d.dense &&
                             sel.boxes.size() <= map_units && sel.arrows.size() <= map_arrows;
  d.edge_text = inline_labels ? "label" : "xlabel";
  // neato and sfdp draw no clusters: each unit then names its group, and the
  // legend does not promise frames.
  d.frames = engine == layout_engine::dot || engine == layout_engine::fdp;
  const bool frames = d.frames;

  if (collapsing) {
    lg.group_word = "group (all its units in one box)";
    lg.group_fill = cluster_fill(1);
  }
  w.open("digraph \"orgflow map\"");
  // Boxes, in key order.
  for (const auto& key : sel.boxes) {
    const box& b = g.boxes.at(key);
    if (b.kind != box::type::unit) d.group_box(key, b);
    else d.unit_box(key);
  }
  // Frames, nested, in sorted group order.
  if (frames)
    for (const auto& r : gt.roots)
      if (!d.collapsed(r)) d.cluster(r, 0);
  d.arrows();

  const std::string subtitle = map_subtitle(m, o, rq, sel, g, collapsing);
  std::string remark = map_remark(rq, sel, g, gt, collapsing, frames, engine);
  std::string alert = fc ? fc->note : std::string();
  if (!fc && o.analysis)  // a split organization: say so where everyone reads first
    for (const auto& f : o.analysis->findings)
      if (f.code == "GAP.SPLIT" && !f.title.empty()) alert = f.title;
  dot_writer head;
  head.open("digraph \"orgflow map\"");
  graph_defaults(head, engine, title_markup(m.display_name(), subtitle, alert, remark, lg), inline_labels,
                 rq.top_down);
  std::string body = w.take();
  std::string out = head.take();
  // `body` starts with the same opening line: keep only what follows it.
  out += body.substr(body.find('\n') + 1);
  out += "}\n";
  built_view v;
  v.dot = std::move(out);
  v.engine = engine;
  v.inline_labels = inline_labels;
  return v;
}

}  // namespace orgflow::render_detail
