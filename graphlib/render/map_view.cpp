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
#include "render/dot_build.hpp"
#include "render/dot_text.hpp"
#include "render/view_build.hpp"
#include "render/view_style.hpp"

namespace orgflow::render_detail {

namespace {

constexpr std::size_t tooltip_members = 12;  // members an arrow's tooltip details; the rest are counted

/// "Price list, Forecast, +1": the first two names, then how many more.
std::string names_summary(const std::vector<std::string>& names) {
  if (names.size() <= 2) return join(names, ", ");
  return names[0] + ", " + names[1] + ", +" + std::to_string(names.size() - 2);
}

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

std::string occurrence_words(const strength& s) {
  if (s.with_volume || s.with_occurrences == 0 || s.occurrences < 2) return {};
  return format_number(s.occurrences, 0) + " times";
}

struct arrow_text {
  std::vector<std::string> lines;  // HTML
  std::string tooltip;             // plain
};

arrow_text flow_text(const model_index& ix, const arrow& ar, const marks& mk, const focus* fc, const view_graph& g) {
  const model& m = ix.source();
  arrow_text t;
  const bool collapsed = g.boxes.at(ar.from).kind != box::type::unit || g.boxes.at(ar.to).kind != box::type::unit;
  const auto from_name = [&]() { return ar.from == pool_key ? std::string("units in no group") : ix.unit_name(ar.from); };
  const auto to_name = [&]() { return ar.to == pool_key ? std::string("units in no group") : ix.unit_name(ar.to); };
  if (ar.members.size() == 1 && !collapsed) {
    const flow& f = m.flows[ar.members.front()];
    const std::string what = carries_text(ix, f);
    if (!what.empty()) t.lines.push_back(html_wrapped(what, 26, 3));
    const bool general = what.empty();
    if (!general || f.cadence_ms() != 0 || f.latency_ms() != 0 || f.is_manual())
      t.lines.push_back("<I>" + html_text(general ? "talk, " + timing_text(f) : timing_text(f)) + "</I>");
    if (const std::string n = occurrence_words(ar.weight); !n.empty()) t.lines.push_back(html_text(n));
    const auto st = mk.stale.find(ar.members.front());
    t.tooltip = flow_tooltip(ix, f, st == mk.stale.end() ? nullptr : &st->second);
  } else {
    // Several flows: how many, what they carry, how often.
    std::vector<std::string> names;
    std::set<std::string> seen;
    millis fastest = -1, slowest = -1;
    bool manual = false, same_timing = true;
    std::string timing;
    for (std::size_t fi : ar.members) {
      const flow& f = m.flows[fi];
      std::vector<std::string> parts;
      if (f.carries_all()) parts.push_back("everything");
      else if (!f.carries || f.carries->empty()) parts.push_back("talk");
      else
        for (const auto& id : *f.carries) parts.push_back(shorten(ix.artifact_name(id)));
      for (auto& p : parts)
        if (seen.insert(p).second) names.push_back(p);
      const millis c = f.cadence_ms();
      fastest = fastest < 0 ? c : std::min(fastest, c);
      slowest = std::max(slowest, c);
      manual = manual || f.is_manual();
      const std::string tt = timing_text(f);
      if (timing.empty()) timing = tt;
      else if (tt != timing) same_timing = false;
    }
    std::string head = plural(ar.members.size(), "flow", "flows");
    if (!names.empty()) head += ": " + names_summary(names);
    t.lines.push_back(html_wrapped(head, 28, 3));
    if (!collapsed) {
      std::string when = same_timing ? timing
                                     : (fastest == slowest ? human_cadence(fastest)
                                                           : human_cadence(fastest) + " to " + human_cadence(slowest)) +
                                           (manual ? ", some by hand" : "");
      t.lines.push_back("<I>" + html_text(when) + "</I>");
    }
    if (const std::string n = occurrence_words(ar.weight); !n.empty()) t.lines.push_back(html_text(n));
    std::vector<std::string> lines;
    lines.push_back("Information: " + from_name() + " \xE2\x86\x92 " + to_name() + ", " +
                    plural(ar.members.size(), "flow", "flows"));
    for (std::size_t k = 0; k < ar.members.size() && k < tooltip_members; ++k) {
      const flow& f = m.flows[ar.members[k]];
      std::string line = "- ";
      if (collapsed) line += ix.unit_name(f.from) + " \xE2\x86\x92 " + ix.unit_name(f.to) + ": ";
      const std::string what = carries_text(ix, f);
      line += (what.empty() ? std::string("talk") : what) + ", " + timing_text(f);
      if (const auto st = mk.stale.find(ar.members[k]); st != mk.stale.end()) line += " (stale)";
      lines.push_back(line);
    }
    if (ar.members.size() > tooltip_members)
      lines.push_back("and " + plural(ar.members.size() - tooltip_members, "more flow", "more flows"));
    t.tooltip = join(lines, "\n");
  }
  if (fc)
    for (std::size_t fi : ar.members)
      if (auto it = fc->flow_notes.find(fi); it != fc->flow_notes.end()) t.lines.push_back(html_text(it->second));
  return t;
}

arrow_text handoff_text(const model_index& ix, const arrow& ar, const focus* fc, const view_graph& g) {
  const model& m = ix.source();
  arrow_text t;
  const bool collapsed = g.boxes.at(ar.from).kind != box::type::unit || g.boxes.at(ar.to).kind != box::type::unit;
  std::vector<std::string> items;
  std::set<std::string> seen;
  const rate_value* like = nullptr;  // the first member's volume: the total is written in its period
  millis longest_wait = -1;
  for (std::size_t hi : ar.members) {
    const handoff& h = m.handoffs[hi];
    if (h.item && seen.insert(*h.item).second) items.push_back(shorten(*h.item));
    if (h.volume && !like) like = &*h.volume;
    if (h.wait) longest_wait = std::max(longest_wait, h.wait->ms);
  }
  std::string text;
  if (ar.members.size() == 1 && !collapsed) {
    const handoff& h = m.handoffs[ar.members.front()];
    std::vector<std::string> parts;
    if (h.item) parts.push_back(shorten(*h.item));
    if (h.volume) parts.push_back(human_rate(h.volume->per_hour(), h.volume->period_ms));
    text = html_wrapped((ar.returns ? std::string("gives back ") : std::string()) + join(parts, ", "), 26, 2);
    t.tooltip = handoff_tooltip(ix, h);
  } else {
    std::string head = ar.returns ? plural(ar.members.size(), "handoff gives back", "handoffs give back")
                                  : plural(ar.members.size(), "handoff", "handoffs");
    if (!items.empty()) head += (ar.returns ? " " : ": ") + names_summary(items);
    if (like) head += " \xC2\xB7 " + human_rate(ar.weight.volume_per_h, like->period_ms);
    text = html_wrapped(head, 28, 3);
    std::vector<std::string> lines;
    const auto name = [&](const std::string& key) {
      return key == pool_key ? std::string("units in no group") : ix.unit_name(key);
    };
    lines.push_back((ar.returns ? "Work given back: " : "Work: ") + name(ar.from) + " \xE2\x86\x92 " + name(ar.to) + ", " +
                    plural(ar.members.size(), "handoff", "handoffs") +
                    (like ? ", " + human_rate(ar.weight.volume_per_h, like->period_ms) + " in all" : std::string()));
    for (std::size_t k = 0; k < ar.members.size() && k < tooltip_members; ++k) {
      const handoff& h = m.handoffs[ar.members[k]];
      std::string line = "- ";
      if (collapsed) line += ix.unit_name(h.from) + " \xE2\x86\x92 " + ix.unit_name(h.to) + ": ";
      std::vector<std::string> parts;
      if (h.item) parts.push_back(*h.item);
      if (h.process) parts.push_back("process " + *h.process);
      if (h.volume) parts.push_back(human_rate(h.volume->per_hour(), h.volume->period_ms));
      if (h.wait) parts.push_back("waits " + human_duration(h.wait->ms));
      line += parts.empty() ? std::string("work") : join(parts, ", ");
      lines.push_back(line);
    }
    if (ar.members.size() > tooltip_members)
      lines.push_back("and " + plural(ar.members.size() - tooltip_members, "more handoff", "more handoffs"));
    t.tooltip = join(lines, "\n");
  }
  if (const std::string n = occurrence_words(ar.weight); !n.empty())
    text += (text.empty() ? "" : "<BR/>") + html_text(n);
  if (fc && fc->handoff_wait && longest_wait >= 0)
    text += (text.empty() ? "" : "<BR/>") +
            html_text((ar.members.size() > 1 ? "waits up to " : "waits ") + human_duration(longest_wait));
  if (fc)
    for (std::size_t hi : ar.members)
      if (auto it = fc->handoff_notes.find(hi); it != fc->handoff_notes.end())
        text += (text.empty() ? "" : "<BR/>") + html_text(it->second);
  if (!text.empty()) t.lines.push_back("<B>" + text + "</B>");
  return t;
}

std::string box_display(const model_index& ix, const std::string& key) {
  return key == pool_key ? std::string("Units in no group") : ix.unit_name(key);
}

}  // namespace

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

built_view build_map(const model& m, const render_options& o, const map_request& rq, const view_parts& parts) {
  const model_index& ix = parts.ix;
  const group_tree& gt = parts.gt;
  const marks& mk = parts.mk;
  const view_graph& g = parts.g;
  const focus* fc = rq.fc;
  std::vector<std::string> must = rq.must;
  if (rq.keep_all_boxes)
    for (const auto& [key, b] : g.boxes) must.push_back(key);
  const selection sel = !rq.trim ? select_all(g)
                                 : select_overview(g, must, rq.keep_all_boxes ? g.boxes.size() : rq.max_boxes,
                                                   rq.max_arrows);
  const bool trimmed = sel.boxes.size() < g.boxes.size() || sel.arrows.size() < g.arrows.size();
  const bool collapsing = rq.collapse_depth != graph_scope::no_collapse || rq.pool_ungrouped;

  // Frames: the groups above the drawn boxes that are not collapsed.
  const auto collapsed = [&](const std::string& key) {
    return sel.boxes.count(key) != 0 && g.boxes.at(key).kind == box::type::group;
  };
  std::map<std::string, bool> shown;
  std::function<bool(const std::string&)> cluster_shown = [&](const std::string& grp) {
    auto it = shown.find(grp);
    if (it != shown.end()) return it->second;
    shown[grp] = false;  // (a cycle, impossible in a valid model, ends here)
    bool any = sel.boxes.count(grp) != 0;
    for (const auto& member : gt.members.at(grp))
      any = ((gt.is_group(member) && !collapsed(member)) ? cluster_shown(member) : sel.boxes.count(member) != 0) || any;
    shown[grp] = any;
    return any;
  };
  std::size_t flat = 0;  // boxes and frames outside every frame
  for (const auto& key : sel.boxes)
    if (key == pool_key || (!gt.parent.count(key) && (collapsed(key) || !gt.is_group(key)))) ++flat;
  for (const auto& r : gt.roots)
    if (!collapsed(r) && cluster_shown(r)) ++flat;

  const layout_engine engine = choose_engine(o.layout, sel.boxes.size(), flat, sel.arrows.size());
  const bool dense = sel.arrows.size() > dense_arrows;
  // Edge texts: real labels only where dot makes room for them quickly.
  const bool inline_labels = rq.inline_allowed && engine == layout_engine::dot && !dense &&
                             sel.boxes.size() <= map_units && sel.arrows.size() <= map_arrows;
  const char* edge_text = inline_labels ? "label" : "xlabel";
  // neato and sfdp draw no clusters: each unit then names its group, and the
  // legend does not promise frames.
  const bool frames = engine == layout_engine::dot || engine == layout_engine::fdp;

  legend lg;
  if (collapsing) {
    lg.group_word = "group (all its units in one box)";
    lg.group_fill = cluster_fill(1);
  }
  dot_writer w;
  w.open("digraph \"orgflow map\"");

  // Boxes, in key order.
  for (const auto& key : sel.boxes) {
    const box& b = g.boxes.at(key);
    attr_list a;
    if (b.kind != box::type::unit) {
      lg.groups = true;
      std::string label, tip;
      std::string sub = plural(b.units, "unit", "units");
      if (b.inner_flows) sub += ", " + plural(b.inner_flows, "flow", "flows") + " inside";
      if (b.inner_handoffs) sub += ", " + plural(b.inner_handoffs, "handoff", "handoffs") + " inside";
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
      if (b.warnings) parts.push_back(plural(b.warnings, "warning", "warnings"));
      if (!parts.empty()) {
        label += "<BR/>" + font(finding_colour, 9, "<B>" + html_text(join(parts, ", ")) + "</B>");
        tip += "\nfindings: " + join(parts, ", ");
      }
      a.html("label", label).tip(tip);
      w.line(node_name(key == pool_key ? "(no group)" : key) + " " + a.text() + ";");
      continue;
    }
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

  // Frames, nested, in sorted group order; members listed by id.
  std::function<void(const std::string&, std::size_t)> emit_cluster = [&](const std::string& grp, std::size_t depth) {
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
      if (gt.is_group(member) && !collapsed(member)) emit_cluster(member, depth + 1);
      else if (sel.boxes.count(member)) w.line(node_name(member) + ";");
    }
    w.close();
  };
  if (frames)
    for (const auto& r : gt.roots)
      if (!collapsed(r)) emit_cluster(r, 0);

  // Arrows, in graph order: flows, handoffs, missing routes.
  width_scale flow_width(1.3, 5.0), handoff_width(2.0, 6.5);
  for (std::size_t i : sel.arrows) {
    if (g.arrows[i].kind == arrow_kind::flow) flow_width.see(g.arrows[i].weight);
    if (g.arrows[i].kind == arrow_kind::handoff) handoff_width.see(g.arrows[i].weight);
  }
  const auto name_of = [](const std::string& key) { return node_name(key == pool_key ? "(no group)" : key); };
  for (std::size_t i : sel.arrows) {
    const arrow& ar = g.arrows[i];
    attr_list a;
    if (ar.kind == arrow_kind::flow) {
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
    } else if (ar.kind == arrow_kind::handoff) {
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
    } else {
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
    w.line(name_of(ar.from) + " -> " + name_of(ar.to) + " " + a.text() + ";");
  }
  if (flow_width.varies()) lg.flow_words = "information (what it carries, how often; " + flow_width.words() + ")";
  if (handoff_width.varies()) lg.handoff_words = "work handed over (item, volume; " + handoff_width.words() + ")";

  // The title: what the picture shows of how much.
  std::string subtitle;
  const std::string arrows_drawn = sel.arrows.size() < g.arrows.size()
                                       ? " \xC2\xB7 the " + with_thousands(sel.arrows.size()) + " strongest of " +
                                             plural(g.arrows.size(), "arrow", "arrows") + " drawn"
                                       : std::string();
  if (fc) {
    subtitle = fc->subtitle;
  } else {
    subtitle = rq.purpose == map_purpose::groups ? "Groups: " : rq.purpose == map_purpose::overview ? "Overview: " : "Map: ";
    if (collapsing)
      subtitle += plural(m.units.size(), "unit", "units") + " in " + plural(sel.boxes.size(), "box", "boxes");
    else if (sel.boxes.size() < g.boxes.size())
      subtitle += with_thousands(sel.boxes.size()) + " of " + plural(m.units.size(), "unit", "units");
    else
      subtitle += plural(m.units.size(), "unit", "units");
    subtitle += " \xC2\xB7 " + plural(m.flows.size(), "information flow", "information flows") + " \xC2\xB7 " +
                plural(m.handoffs.size(), "handoff", "handoffs") + findings_summary(o.analysis) + arrows_drawn;
  }
  // A remark about the drawing: why it shows what it shows.
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
                                                        plural(g.arrows.size(), "arrow", "arrows")
                                                  : std::string()) +
             ")";
  } else if (!rq.note.empty()) {
    remark = "(" + rq.note + ")";
  }
  if (!frames && !gt.groups.empty() && !collapsing)
    remark += std::string(remark.empty() ? "" : " ") + "(laid out with " + std::string(engine_name(engine)) +
              ", which draws no frames: each unit names its group; --view groups shows the groups alone)";
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
