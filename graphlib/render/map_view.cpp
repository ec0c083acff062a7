// The `map` and `groups` views of cli.md as DOT text, and view_dot().
//
// `map`: every unit a node labelled with its name, its kind shown by shape
// and style, groups as nested clusters, flows as blue edges labelled with
// what they carry and how often, handoffs as bold orange edges labelled with
// item and volume, a title with a legend of only what the picture uses. With
// an analysis, the findings are marked: a needed route that does not exist is
// a dashed red edge, stale routes are coloured by outdated share, overloaded
// units are filled on a heat scale, single points of failure get a double
// border, isolated units say so.
//
// `groups`: each top-level group collapsed into one node, the flows and
// handoffs between groups aggregated with counts. The map falls back to it
// above map_limit units and says so in its title.
//
// Everything is deterministic: nodes are written in sorted id order, clusters
// in sorted group order, edges in file order, aggregated edges in sorted
// order; every number is printed without the locale. Edge texts are
// `xlabel`s: Graphviz 2.42's dot fails on clusters with edge `label`s.
#include <algorithm>
#include <cmath>
#include <functional>
#include <map>
#include <set>
#include <stdexcept>

#include "orgflow/number.hpp"
#include "orgflow/quantity.hpp"
#include "render/dot_text.hpp"
#include "render/view_build.hpp"
#include "render/view_style.hpp"

namespace orgflow::render_detail {

std::string_view engine_name(layout_engine e) {
  switch (e) {
    case layout_engine::dot: return "dot";
    case layout_engine::neato: return "neato";
    case layout_engine::fdp: return "fdp";
    case layout_engine::sfdp: return "sfdp";
  }
  return "dot";
}

namespace {

// ---------------------------------------------------------------- DOT text

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

// ---------------------------------------------------------------- findings

std::optional<double> metric_double(const finding& f, std::string_view key) {
  const metric_value* v = f.metric(key);
  if (!v) return std::nullopt;
  if (const auto* d = std::get_if<double>(v)) return *d;
  if (const auto* i = std::get_if<std::int64_t>(v)) return static_cast<double>(*i);
  return std::nullopt;
}

std::optional<std::string> metric_string(const finding& f, std::string_view key) {
  const metric_value* v = f.metric(key);
  if (!v) return std::nullopt;
  if (const auto* s = std::get_if<std::string>(v)) return *s;
  return std::nullopt;
}

struct stale_mark {
  double share = -1;  // the largest outdated share of the routes through this flow; -1 unknown
  std::vector<std::string> notes;
};

struct gap_mark {
  std::string owner, consumer;
  std::vector<std::string> artifacts;  // ids, in finding order
};

/// What the analysis says, per unit and per flow, in the form the views draw.
struct marks {
  std::map<std::string, double> load;                     // LOAD.OVER: unit -> rho
  std::map<std::string, std::vector<std::string>> spof;   // unit -> reasons
  std::set<std::string> isolated;                         // GAP.ISOLATED
  std::map<std::size_t, stale_mark> stale;                // flow index -> mark
  std::vector<gap_mark> gaps;                             // GAP.NO_ROUTE, one per (owner, consumer)
  std::map<std::string, const unit_metrics*> metrics;     // unit -> metrics, for tooltips
  bool any() const { return !load.empty() || !spof.empty() || !isolated.empty() || !stale.empty() || !gaps.empty(); }
};

class model_index {
 public:
  explicit model_index(const model& m) : m_(m) {
    for (std::size_t i = 0; i < m.units.size(); ++i) units_.emplace(m.units[i].id, i);
    for (std::size_t i = 0; i < m.artifacts.size(); ++i) artifacts_.emplace(m.artifacts[i].id, i);
    for (std::size_t i = 0; i < m.flows.size(); ++i) flows_.emplace(m.flows[i].id, i);
  }
  const unit* find_unit(const std::string& id) const {
    auto it = units_.find(id);
    return it == units_.end() ? nullptr : &m_.units[it->second];
  }
  std::string unit_name(const std::string& id) const {
    const unit* u = find_unit(id);
    return u ? u->display_name() : id;
  }
  std::string artifact_name(const std::string& id) const {
    auto it = artifacts_.find(id);
    return it == artifacts_.end() ? id : m_.artifacts[it->second].display_name();
  }
  std::optional<std::size_t> flow_index(const std::string& id) const {
    auto it = flows_.find(id);
    if (it == flows_.end()) return std::nullopt;
    return it->second;
  }
  /// Units sorted by id (first occurrence of each id).
  std::vector<const unit*> sorted_units() const {
    std::vector<const unit*> out;
    for (const auto& [id, i] : units_) out.push_back(&m_.units[i]);
    return out;
  }
  const model& source() const { return m_; }

 private:
  const model& m_;
  std::map<std::string, std::size_t> units_, artifacts_, flows_;
};

marks collect_marks(const model_index& ix, const analysis_result* a) {
  marks out;
  if (!a) return out;
  const model& m = ix.source();
  for (const auto& u : a->units) out.metrics.emplace(u.id, &u);
  std::map<std::pair<std::string, std::string>, std::size_t> gap_at;
  for (const auto& f : a->findings) {
    if (f.code == "GAP.NO_ROUTE") {
      const std::string owner = metric_string(f, "owner").value_or(f.units.empty() ? "" : f.units.front());
      const std::string consumer = metric_string(f, "consumer").value_or(f.units.empty() ? "" : f.units.back());
      if (!ix.find_unit(owner) || !ix.find_unit(consumer) || owner == consumer) continue;
      auto [it, inserted] = gap_at.emplace(std::make_pair(owner, consumer), out.gaps.size());
      if (inserted) out.gaps.push_back({owner, consumer, {}});
      if (f.artifact) out.gaps[it->second].artifacts.push_back(*f.artifact);
    } else if (f.code == "STALE.ROUTE") {
      const std::string consumer = metric_string(f, "consumer").value_or(f.path.empty() ? "" : f.path.back());
      const double share = metric_double(f, "outdated_share").value_or(-1);
      // The flows of the delivery path: from the need row, else the first
      // flow of each hop in file order that carries the artifact.
      std::vector<std::size_t> flows;
      for (const auto& row : a->needs) {
        if (row.unit == consumer && f.artifact && row.artifact == *f.artifact) {
          for (const auto& id : row.flows)
            if (auto fi = ix.flow_index(id)) flows.push_back(*fi);
          break;
        }
      }
      if (flows.empty() && f.artifact) {
        for (std::size_t k = 0; k + 1 < f.path.size(); ++k) {
          for (std::size_t fi = 0; fi < m.flows.size(); ++fi) {
            const flow& fl = m.flows[fi];
            if (fl.from == f.path[k] && fl.to == f.path[k + 1] && fl.carries_artifact(*f.artifact)) {
              flows.push_back(fi);
              break;
            }
          }
        }
      }
      std::string note = ix.unit_name(consumer) + " works from an outdated " +
                         (f.artifact ? ix.artifact_name(*f.artifact) : std::string("artifact"));
      if (share >= 0) note += " " + percent(share) + " of the time";
      for (std::size_t fi : flows) {
        auto& mark = out.stale[fi];
        mark.share = std::max(mark.share, share);
        mark.notes.push_back(note);
      }
    } else if (f.code == "LOAD.OVER") {
      if (f.units.empty()) continue;
      if (auto rho = metric_double(f, "rho")) out.load[f.units.front()] = *rho;
    } else if (f.code == "RISK.CUT_UNIT") {
      if (f.units.empty()) continue;
      out.spof[f.units.front()].push_back("if it stops, the organization falls apart into separate parts");
    } else if (f.code == "RISK.SINGLE_ROUTE") {
      const auto x = metric_string(f, "unit");
      if (!x) continue;
      out.spof[*x].push_back("every route of " + (f.artifact ? ix.artifact_name(*f.artifact) : std::string("an artifact")) +
                             " to its consumers passes through it");
    } else if (f.code == "GAP.ISOLATED") {
      for (const auto& u : f.units) out.isolated.insert(u);
    }
  }
  return out;
}

// ---------------------------------------------------------------- groups

/// The group tree: for each group id, its direct member units (sorted ids)
/// and its direct subgroups (sorted ids).
struct group_tree {
  std::map<std::string, std::vector<std::string>> members;  // group -> units whose group it is
  std::set<std::string> groups;                             // every unit id used as a group
  std::vector<std::string> roots;                           // groups with no group, sorted
  std::map<std::string, std::string> parent;                // unit -> its group

  explicit group_tree(const model_index& ix) {
    for (const unit* u : ix.sorted_units()) {
      if (u->group && ix.find_unit(*u->group)) {
        members[*u->group].push_back(u->id);
        groups.insert(*u->group);
        parent[u->id] = *u->group;
      }
    }
    for (const auto& g : groups)
      if (!parent.count(g)) roots.push_back(g);
  }
  bool is_group(const std::string& id) const { return groups.count(id) != 0; }
  /// The outermost group above `id` (itself when it is a root group), or
  /// empty when the unit is in no group and is no group. Stops on a cycle
  /// (a valid model has none).
  std::string top(const std::string& id) const {
    std::string cur = id;
    std::set<std::string> seen;
    while (true) {
      auto it = parent.find(cur);
      if (it == parent.end() || !seen.insert(cur).second) break;
      cur = it->second;
    }
    if (cur == id && !is_group(id)) return {};
    return cur;
  }
};

// ---------------------------------------------------------------- labels

std::string carries_text(const model_index& ix, const flow& f) {
  if (f.carries_all()) return "everything";
  if (!f.carries || f.carries->empty()) return {};
  std::vector<std::string> names;
  std::set<std::string> seen;
  for (const auto& id : *f.carries)
    if (seen.insert(id).second) names.push_back(shorten(ix.artifact_name(id)));
  std::string out;
  const std::size_t shown = names.size() > 3 ? 2 : names.size();
  for (std::size_t i = 0; i < shown; ++i) {
    if (i) out += ", ";
    out += names[i];
  }
  if (shown < names.size()) out += " +" + std::to_string(names.size() - shown) + " more";
  return out;
}

std::string timing_text(const flow& f) {
  std::string out = humanize_cadence(f.cadence_ms());
  if (f.latency_ms() > 0) out += ", " + humanize_duration(f.latency_ms()) + " delay";
  if (f.is_manual()) out += ", by hand";
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

std::string unit_tooltip(const model_index& ix, const group_tree& gt, const unit& u, const marks& mk) {
  std::vector<std::string> lines;
  lines.push_back(u.display_name() + " (" + std::string(style_of(u.kind_or_default()).legend) + ")");
  if (u.group) lines.push_back("in " + ix.unit_name(*u.group));
  if (gt.is_group(u.id)) lines.push_back("group of " + std::to_string(gt.members.at(u.id).size()) + " units");
  std::vector<std::string> work;
  if (u.capacity) work.push_back("capacity " + rate_text(*u.capacity));
  if (u.staff) work.push_back("staff " + std::to_string(*u.staff));
  if (u.demand) work.push_back("demand " + rate_text(*u.demand));
  if (!work.empty()) lines.push_back(join(work, ", "));
  if (auto it = mk.metrics.find(u.id); it != mk.metrics.end()) {
    const unit_metrics& um = *it->second;
    std::string l = "flows in " + std::to_string(um.flows_in) + ", out " + std::to_string(um.flows_out);
    if (um.relays > 0) l += ", relays " + std::to_string(um.relays) + " deliveries";
    lines.push_back(l);
    if (um.utilization) {
      std::string w = "utilization " + percent(*um.utilization);
      if (um.wait_h) w += ", work waits " + format_number(*um.wait_h, 1) + "h before it starts";
      lines.push_back(w);
    }
  }
  if (auto it = mk.spof.find(u.id); it != mk.spof.end())
    for (const auto& r : it->second) lines.push_back("single point of failure: " + r);
  if (mk.isolated.count(u.id)) lines.push_back("isolated: no flow in or out");
  return join(lines, "\n");
}

std::string flow_tooltip(const model_index& ix, const flow& f, const stale_mark* stale) {
  std::vector<std::string> lines;
  lines.push_back("Information: " + ix.unit_name(f.from) + " \xE2\x86\x92 " + ix.unit_name(f.to));
  if (f.carries_all()) {
    lines.push_back("carries everything " + ix.unit_name(f.from) + " knows");
  } else if (f.carries && !f.carries->empty()) {
    std::vector<std::string> names;
    for (const auto& id : *f.carries) names.push_back(ix.artifact_name(id));
    lines.push_back("carries " + join(names, ", "));
  } else {
    lines.push_back("general communication (no named information)");
  }
  std::string timing = "cadence " + humanize_cadence(f.cadence_ms());
  if (f.latency_ms() > 0) timing += ", latency " + humanize_duration(f.latency_ms());
  lines.push_back(timing);
  std::vector<std::string> more;
  if (f.channel) more.push_back("channel " + *f.channel);
  if (f.format) more.push_back("format " + *f.format);
  if (f.is_manual()) more.push_back("copied by hand");
  if (f.reliability) more.push_back("reliability " + format_number(*f.reliability, 3));
  if (f.volume) more.push_back("volume " + rate_text(*f.volume));
  if (!more.empty()) lines.push_back(join(more, ", "));
  if (stale)
    for (const auto& n : stale->notes) lines.push_back("stale: " + n);
  return join(lines, "\n");
}

std::string handoff_tooltip(const model_index& ix, const handoff& h) {
  std::vector<std::string> lines;
  lines.push_back("Work: " + ix.unit_name(h.from) + " \xE2\x86\x92 " + ix.unit_name(h.to));
  if (h.process) lines.push_back("process " + *h.process);
  std::vector<std::string> parts;
  if (h.item) parts.push_back("item " + *h.item);
  if (h.volume) parts.push_back("volume " + rate_text(*h.volume));
  if (h.wait) parts.push_back("waits " + humanize_duration(h.wait->ms));
  if (!parts.empty()) lines.push_back(join(parts, ", "));
  if (h.context && !h.context->empty()) {
    std::vector<std::string> names;
    for (const auto& id : *h.context) names.push_back(ix.artifact_name(id));
    lines.push_back("needs with it: " + join(names, ", "));
  }
  return join(lines, "\n");
}

// ---------------------------------------------------------------- legend

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
};

std::string swatch(std::string_view fill, std::string_view border, std::string_view style, std::string_view text,
                   std::string_view text_colour_ = text_colour) {
  std::string out = "<TD BORDER=\"1\" COLOR=\"" + std::string(border) + "\" BGCOLOR=\"" + std::string(fill) + "\"";
  if (!style.empty()) out += " STYLE=\"" + std::string(style) + "\"";
  out += " CELLPADDING=\"3\">" + font(text_colour_, 10, text) + "</TD>";
  return out;
}

// A line drawn as the bottom border of an empty cell: no glyph, so it looks
// the same in every font.
std::string line_cell(std::string_view colour, int thickness, bool dashed) {
  std::string out = "<TD SIDES=\"B\" BORDER=\"" + std::to_string(thickness) + "\" COLOR=\"" + std::string(colour) +
                    "\" WIDTH=\"30\" HEIGHT=\"10\" FIXEDSIZE=\"TRUE\" CELLPADDING=\"0\"";
  if (dashed) out += " STYLE=\"dashed\"";
  return out + "></TD>";
}

std::string line_sample(std::string_view colour, int thickness, bool dashed, std::string_view text) {
  return line_cell(colour, thickness, dashed) + "<TD ALIGN=\"LEFT\">" + font(muted_colour, 10, text) + "</TD>";
}

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
  if (l.critical) lines.push_back(line_sample(handoff_colour, 7, false, "critical path (the longest waits)"));
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
  return rows;
}

std::string title_markup(const std::string& title, const std::string& subtitle, const std::string& note,
                         const legend& l) {
  std::string out = "<TABLE BORDER=\"0\" CELLBORDER=\"0\" CELLSPACING=\"0\" CELLPADDING=\"2\">";
  out += "<TR><TD ALIGN=\"LEFT\">" + font(text_colour, 20, "<B>" + html_wrapped(shorten(title, 2 * label_name_limit), 70, 2) + "</B>") + "</TD></TR>";
  // Long subtitles and notes (a focus view's recommendation) wrap, so the
  // title never makes a small diagram wide (and so tiny when fitted to a page).
  out += "<TR><TD ALIGN=\"LEFT\" BALIGN=\"LEFT\">" + font(muted_colour, 11, html_wrapped(subtitle, 110, 8)) +
         "</TD></TR>";
  if (!note.empty())
    // A finding's sentence in red; a remark about the drawing itself, in
    // parentheses, in the colour of the subtitle.
    out += "<TR><TD ALIGN=\"LEFT\" BALIGN=\"LEFT\">" +
           font(note[0] == '(' ? muted_colour : finding_colour, 11, "<B>" + html_wrapped(note, 100, 8) + "</B>") +
           "</TD></TR>";
  out += legend_markup(l);
  out += "</TABLE>";
  return out;
}

std::string plural(std::size_t n, std::string_view one, std::string_view many) {
  return with_thousands(n) + " " + std::string(n == 1 ? one : many);
}

std::string findings_summary(const analysis_result* a) {
  if (!a) return {};
  const auto c = a->count(severity::critical), w = a->count(severity::warning), i = a->count(severity::info);
  if (c + w + i == 0) return " \xC2\xB7 no findings";
  std::vector<std::string> parts;
  if (c) parts.push_back(std::to_string(c) + " critical");
  if (w) parts.push_back(std::to_string(w) + (w == 1 ? " warning" : " warnings"));
  if (i) parts.push_back(std::to_string(i) + " info");
  return " \xC2\xB7 findings: " + join(parts, ", ");
}

void graph_defaults(dot_writer& w, layout_engine engine, const std::string& title_html, bool inline_labels) {
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
    g.str("rankdir", "LR").str("nodesep", "0.35").str("ranksep", inline_labels ? "0.7" : "1.1").str("compound", "true");
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

// ---------------------------------------------------------------- map

/// A part of the map: the focus views (`unit:`, `artifact:`, `process:`,
/// `finding:`) draw the map's way, restricted to some units and edges.
struct focus {
  std::string subtitle;                        // what the view shows, for the title
  std::string note;                            // a sentence in red under it, or empty
  std::set<std::string> units;                 // units drawn
  std::set<std::size_t> flows, handoffs;       // edges drawn (indices)
  std::set<std::string> centre;                // units drawn with a heavy border
  std::map<std::string, std::string> unit_notes;     // an extra line under a unit's name
  std::map<std::size_t, std::string> flow_notes;     // an extra line on a flow
  std::map<std::size_t, std::string> handoff_notes;  // an extra line on a handoff
  std::set<std::size_t> critical, loop;        // handoffs on the critical path / in a rework loop
  bool handoff_wait = false;                   // write each handoff's wait on it
};

built_view build_map(const model& m, const render_options& o, bool inline_labels, const focus* fc = nullptr) {
  const model_index ix(m);
  const group_tree gt(ix);
  marks mk = collect_marks(ix, o.analysis);
  if (fc) {
    // Missing routes only between units of the view.
    std::vector<gap_mark> kept;
    for (auto& g : mk.gaps)
      if (fc->units.count(g.owner) && fc->units.count(g.consumer)) kept.push_back(std::move(g));
    mk.gaps = std::move(kept);
  }
  legend lg;

  // Which group units need a node of their own: those that are the end of a
  // flow or handoff or carry a mark; the others are drawn as their cluster.
  std::set<std::string> group_nodes;
  for (const auto& f : m.flows) {
    if (gt.is_group(f.from)) group_nodes.insert(f.from);
    if (gt.is_group(f.to)) group_nodes.insert(f.to);
  }
  for (const auto& h : m.handoffs) {
    if (gt.is_group(h.from)) group_nodes.insert(h.from);
    if (gt.is_group(h.to)) group_nodes.insert(h.to);
  }
  for (const auto& g : mk.gaps) {
    if (gt.is_group(g.owner)) group_nodes.insert(g.owner);
    if (gt.is_group(g.consumer)) group_nodes.insert(g.consumer);
  }
  for (const auto& [u, r] : mk.load) if (gt.is_group(u)) group_nodes.insert(u);
  for (const auto& [u, r] : mk.spof) if (gt.is_group(u)) group_nodes.insert(u);
  for (const auto& u : mk.isolated) if (gt.is_group(u)) group_nodes.insert(u);
  if (fc)  // a group unit in a focus view is drawn when it is one of the view's units
    for (const auto& u : fc->units)
      if (gt.is_group(u)) group_nodes.insert(u);
  auto has_node = [&](const std::string& id) {
    if (fc && !fc->units.count(id)) return false;
    return !gt.is_group(id) || group_nodes.count(id) != 0;
  };
  // A cluster is drawn when some node is drawn inside it.
  std::map<std::string, bool> shown;
  std::function<bool(const std::string&)> cluster_shown = [&](const std::string& g) {
    auto it = shown.find(g);
    if (it != shown.end()) return it->second;
    bool any = group_nodes.count(g) && has_node(g);
    for (const auto& member : gt.members.at(g))
      any = (gt.is_group(member) ? cluster_shown(member) : has_node(member)) || any;
    shown[g] = any;
    return any;
  };

  std::size_t root_nodes = 0;
  for (const unit* u : ix.sorted_units())
    if (has_node(u->id) && !gt.parent.count(u->id) && !gt.is_group(u->id)) ++root_nodes;
  for (const auto& g : gt.roots)
    if (cluster_shown(g)) ++root_nodes;

  layout_engine engine = layout_engine::dot;
  if (o.layout) engine = *o.layout;
  else if ((fc ? fc->units.size() : m.units.size()) > map_dot_limit || root_nodes > flat_dot_limit)
    engine = layout_engine::sfdp;
  // Edge texts: real labels only where dot makes room for them (see view_build.hpp).
  inline_labels = inline_labels && engine == layout_engine::dot;
  const char* edge_text = inline_labels ? "label" : "xlabel";
  // neato and sfdp draw no clusters: each unit then names its group, and the
  // legend does not promise frames.
  const bool frames = engine == layout_engine::dot || engine == layout_engine::fdp;
  // Hundreds of arrows: translucent, so that the boxes stay readable.
  const std::size_t edge_count = fc ? fc->flows.size() + fc->handoffs.size() : m.flows.size() + m.handoffs.size();
  const bool dense = edge_count > 300;

  dot_writer w;
  w.open("digraph \"orgflow map\"");

  // Nodes, in sorted id order.
  std::vector<std::string> node_lines;
  for (const unit* u : ix.sorted_units()) {
    if (!has_node(u->id)) continue;
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
    attr_list a;
    a.str("shape", s.shape).str("style", style).str("fillcolor", fill).str("color", border)
        .str("fontcolor", fontcolor).num("penwidth", pen).html("label", label)
        .str("id", "unit-" + u->id).tip(unit_tooltip(ix, gt, *u, mk));
    if (double_border) a.str("peripheries", "2");
    w.line(node_name(u->id) + " " + a.text() + ";");
  }

  // Clusters, nested, in sorted group order; members listed by id.
  std::function<void(const std::string&, std::size_t)> emit_cluster = [&](const std::string& g, std::size_t depth) {
    if (!cluster_shown(g)) return;
    lg.groups = true;
    const unit* gu = ix.find_unit(g);
    w.open("subgraph " + cluster_name(g));
    attr_list a;
    a.html("label", font(muted_colour, 12, "<B>" + html_name(gu->display_name(), 40, 2) + "</B>"))
        .str("labeljust", "l").str("labelloc", "t").str("style", "rounded,filled")
        .str("fillcolor", cluster_fill(depth)).str("color", cluster_border).str("penwidth", "1")
        .str("fontsize", "12").str("margin", "12").str("id", "group-" + g).tip(gu->display_name());
    w.line("graph " + a.text() + ";");
    if (group_nodes.count(g) && has_node(g)) w.line(node_name(g) + ";");
    for (const auto& member : gt.members.at(g)) {
      if (gt.is_group(member)) emit_cluster(member, depth + 1);
      else if (has_node(member)) w.line(node_name(member) + ";");
    }
    w.close();
  };
  if (frames)
    for (const auto& g : gt.roots) emit_cluster(g, 0);

  // Flows, in file order.
  for (std::size_t fi = 0; fi < m.flows.size(); ++fi) {
    const flow& f = m.flows[fi];
    if (fc && !fc->flows.count(fi)) continue;
    lg.flows = true;
    const auto st = mk.stale.find(fi);
    const stale_mark* stale = st == mk.stale.end() ? nullptr : &st->second;
    std::string colour = dense ? std::string(flow_colour) + "66" : flow_colour, label_colour = flow_label_colour;
    double pen = 1.3;
    std::vector<std::string> lines;
    const std::string what = carries_text(ix, f);
    if (!what.empty()) lines.push_back(html_wrapped(what, 26, 3));
    const bool general = what.empty();
    if (!general || f.cadence_ms() != 0 || f.latency_ms() != 0 || f.is_manual())
      lines.push_back("<I>" + html_text(general ? "talk, " + timing_text(f) : timing_text(f)) + "</I>");
    if (fc)
      if (auto it = fc->flow_notes.find(fi); it != fc->flow_notes.end())
        lines.push_back(html_text(it->second));
    if (stale) {
      colour = stale_colour(stale->share);
      label_colour = colour;
      lg.stale_colours.insert(stale_colour(stale->share));
      pen = 2.6;
      lines.push_back("<B>" + html_text(stale->share >= 0 ? "stale: " + percent(stale->share) + " outdated"
                                                          : std::string("stale route")) + "</B>");
    }
    attr_list a;
    a.str("color", colour).num("penwidth", pen).str("fontcolor", label_colour).tip(flow_tooltip(ix, f, stale));
    if (!lines.empty()) a.html(edge_text, font("", 9, join(lines, "<BR/>")));
    w.line(node_name(f.from) + " -> " + node_name(f.to) + " " + a.text() + ";");
  }
  // Handoffs, in file order.
  for (std::size_t hi = 0; hi < m.handoffs.size(); ++hi) {
    const handoff& h = m.handoffs[hi];
    if (fc && !fc->handoffs.count(hi)) continue;
    lg.handoffs = true;
    std::vector<std::string> parts;
    if (h.item) parts.push_back(shorten(*h.item));
    if (h.volume) parts.push_back(rate_text(*h.volume));
    std::string text = html_wrapped(join(parts, ", "), 26, 2);
    if (fc && fc->handoff_wait && h.wait) text += (text.empty() ? "" : "<BR/>") + html_text("waits " + humanize_duration(h.wait->ms));
    if (fc)
      if (auto it = fc->handoff_notes.find(hi); it != fc->handoff_notes.end())
        text += (text.empty() ? "" : "<BR/>") + html_text(it->second);
    std::string colour = dense ? std::string(handoff_colour) + "99" : handoff_colour;
    std::string text_colour_ = handoff_label_colour, pen = "2.8";
    if (fc && fc->loop.count(hi)) {
      colour = loop_colour;
      text_colour_ = loop_colour;
      lg.loops = true;
    }
    if (fc && fc->critical.count(hi)) {
      pen = "5";
      lg.critical = true;
    }
    attr_list a;
    a.str("color", colour).str("style", "bold").str("penwidth", pen).str("arrowsize", "0.8")
        .str("fontcolor", text_colour_).tip(handoff_tooltip(ix, h));
    if (!text.empty()) a.html(edge_text, font("", 9, "<B>" + text + "</B>"));
    w.line(node_name(h.from) + " -> " + node_name(h.to) + " " + a.text() + ";");
  }
  // Needed routes that do not exist, in finding order.
  for (const auto& g : mk.gaps) {
    lg.gaps = true;
    std::vector<std::string> names;
    for (const auto& id : g.artifacts) names.push_back(ix.artifact_name(id));
    const std::string what = "needed: " + join(names, ", ");
    attr_list a;
    a.str("color", finding_colour).str("style", "dashed").str("penwidth", "1.8").str("constraint", "false")
        .str("fontcolor", finding_colour)
        .html(edge_text, font("", 9, "<B>" + html_wrapped(what, 28, 3) + "</B>"))
        .tip("No route: " + ix.unit_name(g.consumer) + " needs " + join(names, ", ") + " from " +
             ix.unit_name(g.owner) + ", and nothing brings it there");
    w.line(node_name(g.owner) + " -> " + node_name(g.consumer) + " " + a.text() + ";");
  }

  std::string subtitle = fc ? fc->subtitle
                            : "Map: " + plural(m.units.size(), "unit", "units") + " \xC2\xB7 " +
                                  plural(m.flows.size(), "information flow", "information flows") + " \xC2\xB7 " +
                                  plural(m.handoffs.size(), "handoff", "handoffs") + findings_summary(o.analysis);
  std::string body = w.take();
  dot_writer head;
  head.open("digraph \"orgflow map\"");
  std::string note = fc ? fc->note : std::string();
  if (!frames && !gt.groups.empty() && note.empty())
    note = "(a large map, laid out with " + std::string(engine_name(engine)) +
           ": each unit names its group; --view groups shows the groups alone)";
  if (!fc && o.analysis)  // a split organization: say so where everyone reads first
    for (const auto& f : o.analysis->findings)
      if (f.code == "GAP.SPLIT" && !f.title.empty()) note = f.title;
  graph_defaults(head, engine, title_markup(m.display_name(), subtitle, note, lg), inline_labels);
  std::string out = head.take();
  // `body` starts with the same opening line: keep only what follows it.
  out += body.substr(body.find('\n') + 1);
  out += "}\n";
  return {out, engine, {}};
}

// ---------------------------------------------------------------- groups

built_view build_groups(const model& m, const render_options& o, const std::string& note) {
  const model_index ix(m);
  const group_tree gt(ix);
  legend lg;
  lg.group_word = "group (all its units in one box)";
  lg.group_fill = cluster_fill(1);
  lg.flow_words = "information flows between them (how many)";
  lg.handoff_words = "work handed over between them (how many)";

  // Each unit's node: its top group, else itself; when too many units are in
  // no group, they share one node.
  std::size_t ungrouped = 0;
  for (const unit* u : ix.sorted_units())
    if (gt.top(u->id).empty()) ++ungrouped;
  const bool pool_ungrouped = gt.roots.size() + ungrouped > flat_dot_limit && ungrouped > 1;
  const std::string pool_key = "\x01pool";  // sorts before every id
  auto node_of = [&](const std::string& unit_id) {
    std::string t = gt.top(unit_id);
    if (!t.empty()) return t;
    return pool_ungrouped ? pool_key : unit_id;
  };
  std::map<std::string, std::size_t> size;
  for (const unit* u : ix.sorted_units()) ++size[node_of(u->id)];

  // Finding counts per node (a finding counts once per node it touches).
  std::map<std::string, std::pair<std::size_t, std::size_t>> found;  // critical, warning
  if (o.analysis) {
    for (const auto& f : o.analysis->findings) {
      std::set<std::string> nodes;
      for (const auto& u : f.units)
        if (ix.find_unit(u)) nodes.insert(node_of(u));
      for (const auto& n : nodes) {
        if (f.level == severity::critical) ++found[n].first;
        else if (f.level == severity::warning) ++found[n].second;
      }
    }
  }

  struct agg { std::size_t flows = 0, handoffs = 0; std::set<std::string> items; };
  std::map<std::pair<std::string, std::string>, agg> edges;
  std::map<std::string, std::size_t> internal;
  for (const auto& f : m.flows) {
    const auto a = node_of(f.from), b = node_of(f.to);
    if (a == b) ++internal[a];
    else ++edges[{a, b}].flows;
  }
  for (const auto& h : m.handoffs) {
    const auto a = node_of(h.from), b = node_of(h.to);
    if (a != b) {
      auto& e = edges[{a, b}];
      ++e.handoffs;
      if (h.item) e.items.insert(*h.item);
    }
  }
  std::map<std::pair<std::string, std::string>, std::set<std::string>> gaps;
  if (o.analysis) {
    const marks mk = collect_marks(ix, o.analysis);
    for (const auto& g : mk.gaps) {
      const auto a = node_of(g.owner), b = node_of(g.consumer);
      if (a != b) gaps[{a, b}].insert(g.artifacts.begin(), g.artifacts.end());
    }
  }

  const std::size_t nodes = size.size();
  layout_engine engine = layout_engine::dot;
  if (o.layout) engine = *o.layout;
  else if (nodes > flat_dot_limit || edges.size() > 4 * flat_dot_limit) engine = layout_engine::sfdp;

  // A flat graph: dot makes room for real edge labels without trouble. With
  // hundreds of arrows, texts would only cover each other: the width of an
  // arrow shows the count, the tooltip says it, and arrows are translucent
  // so that the boxes stay readable.
  const bool dense = edges.size() > 200;
  const char* edge_text = dense ? "" : engine == layout_engine::dot ? "label" : "xlabel";
  const std::string flow_line = dense ? std::string(flow_colour) + "59" : flow_colour;
  const std::string handoff_line = dense ? std::string(handoff_colour) + "8c" : handoff_colour;
  dot_writer w;
  for (const auto& [key, count] : size) {
    attr_list a;
    std::string label;
    std::string tip;
    if (key == pool_key) {
      label = "<B>" + html_text("Units in no group") + "</B><BR/>" + font(muted_colour, 9, plural(count, "unit", "units"));
      tip = with_thousands(count) + " units that belong to no group";
      a.str("shape", "box").str("style", "rounded,filled,dashed").str("fillcolor", "#ffffff").str("color", cluster_border);
      lg.groups = true;
    } else if (gt.is_group(key)) {
      const unit* gu = ix.find_unit(key);
      std::string sub = plural(count, "unit", "units");
      if (auto it = internal.find(key); it != internal.end()) sub += ", " + plural(it->second, "flow", "flows") + " inside";
      label = "<B>" + html_name(gu->display_name(), 22, 3) + "</B><BR/>" + font(muted_colour, 9, html_text(sub));
      tip = gu->display_name() + ": " + sub;
      a.str("shape", "box").str("style", "rounded,filled").str("fillcolor", cluster_fill(1))
          .str("color", cluster_border).str("penwidth", "1.4").str("id", "group-" + key);
      lg.groups = true;
    } else {
      const unit* u = ix.find_unit(key);
      const kind_style s = style_of(u->kind_or_default());
      lg.kinds.insert(u->kind_or_default());
      label = html_name(u->display_name(), 20, 4);
      tip = u->display_name() + " (" + s.legend + ")";
      a.str("shape", s.shape).str("style", s.style).str("fillcolor", s.fill).str("color", s.border)
          .str("fontcolor", s.fontcolor).num("penwidth", s.penwidth).str("id", "unit-" + key);
    }
    if (auto it = found.find(key); it != found.end()) {
      std::vector<std::string> parts;
      if (it->second.first) parts.push_back(std::to_string(it->second.first) + " critical");
      if (it->second.second) parts.push_back(plural(it->second.second, "warning", "warnings"));
      if (!parts.empty()) {
        label += "<BR/>" + font(finding_colour, 9, "<B>" + html_text(join(parts, ", ")) + "</B>");
        tip += "\nfindings: " + join(parts, ", ");
      }
    }
    a.html("label", label).tip(tip);
    w.line(node_name(key == pool_key ? "(no group)" : key) + " " + a.text() + ";");
  }
  auto name_of = [&](const std::string& key) { return node_name(key == pool_key ? "(no group)" : key); };
  auto display = [&](const std::string& key) { return key == pool_key ? std::string("units in no group") : ix.unit_name(key); };
  for (const auto& [ends, e] : edges) {
    if (e.flows) {
      lg.flows = true;
      attr_list a;
      a.str("color", flow_line).num("penwidth", std::min(6.0, 1.0 + std::log2(static_cast<double>(e.flows))))
          .str("fontcolor", flow_label_colour);
      if (!dense) a.html(edge_text, font("", 9, plural(e.flows, "flow", "flows")));
      a
          .tip(plural(e.flows, "information flow", "information flows") + " from " + display(ends.first) + " to " + display(ends.second));
      w.line(name_of(ends.first) + " -> " + name_of(ends.second) + " " + a.text() + ";");
    }
    if (e.handoffs) {
      lg.handoffs = true;
      std::vector<std::string> items(e.items.begin(), e.items.end());
      std::string label = plural(e.handoffs, "handoff", "handoffs");
      if (!items.empty() && items.size() <= 2) label += ": " + join(items, ", ");
      attr_list a;
      a.str("color", handoff_line).str("style", "bold")
          .num("penwidth", std::min(7.0, 2.0 + std::log2(static_cast<double>(e.handoffs))))
          .str("fontcolor", handoff_label_colour);
      if (!dense) a.html(edge_text, font("", 9, "<B>" + html_wrapped(label, 26, 2) + "</B>"));
      a
          .tip(plural(e.handoffs, "handoff", "handoffs") + " of work from " + display(ends.first) + " to " +
               display(ends.second) + (items.empty() ? "" : "\nitems: " + join(items, ", ")));
      w.line(name_of(ends.first) + " -> " + name_of(ends.second) + " " + a.text() + ";");
    }
  }
  for (const auto& [ends, arts] : gaps) {
    lg.gaps = true;
    std::vector<std::string> names;
    for (const auto& id : arts) names.push_back(ix.artifact_name(id));
    std::string what = names.size() == 1 ? "needed: " + names.front() : "needed: " + plural(names.size(), "item", "items");
    attr_list a;
    a.str("color", finding_colour).str("style", "dashed").str("penwidth", "1.8").str("constraint", "false")
        .str("fontcolor", finding_colour).html(dense ? "xlabel" : edge_text,
                                               font("", 9, "<B>" + html_wrapped(what, 28, 2) + "</B>"))
        .tip("No route from " + display(ends.first) + " to " + display(ends.second) + " for: " + join(names, ", "));
    w.line(name_of(ends.first) + " -> " + name_of(ends.second) + " " + a.text() + ";");
  }

  std::string subtitle = "Groups: " + plural(m.units.size(), "unit", "units") + " in " +
                         plural(nodes, "box", "boxes") + " \xC2\xB7 " +
                         plural(m.flows.size(), "information flow", "information flows") + " \xC2\xB7 " +
                         plural(m.handoffs.size(), "handoff", "handoffs") + findings_summary(o.analysis);
  dot_writer head;
  head.open("digraph \"orgflow groups\"");
  graph_defaults(head, engine, title_markup(m.display_name(), subtitle, note, lg), false);
  std::string out = head.take() + w.take() + "}\n";
  return {out, engine, {}};
}

// ---------------------------------------------------------------- focus views

std::optional<std::size_t> handoff_index(const model& m, const std::string& id) {
  for (std::size_t i = 0; i < m.handoffs.size(); ++i)
    if (m.handoffs[i].id == id) return i;
  return std::nullopt;
}

void add_flow(const model& m, focus& f, std::size_t fi) {
  f.flows.insert(fi);
  f.units.insert(m.flows[fi].from);
  f.units.insert(m.flows[fi].to);
}

void add_handoff(const model& m, focus& f, std::size_t hi) {
  f.handoffs.insert(hi);
  f.units.insert(m.handoffs[hi].from);
  f.units.insert(m.handoffs[hi].to);
}

/// Every flow and handoff into or out of `id`.
void add_neighbourhood(const model& m, focus& f, const std::string& id) {
  f.units.insert(id);
  for (std::size_t i = 0; i < m.flows.size(); ++i)
    if (m.flows[i].from == id || m.flows[i].to == id) add_flow(m, f, i);
  for (std::size_t i = 0; i < m.handoffs.size(); ++i)
    if (m.handoffs[i].from == id || m.handoffs[i].to == id) add_handoff(m, f, i);
}

const need_row* find_need(const analysis_result* a, const std::string& unit_id, const std::string& artifact_id) {
  if (!a) return nullptr;
  for (const auto& row : a->needs)
    if (row.unit == unit_id && row.artifact == artifact_id) return &row;
  return nullptr;
}

void add_need_path(const model_index& ix, focus& f, const need_row& row) {
  for (const auto& id : row.flows)
    if (auto fi = ix.flow_index(id)) add_flow(ix.source(), f, *fi);
  f.units.insert(row.unit);
  f.units.insert(row.owner);
}

focus unit_focus(const model_index& ix, const std::string& id) {
  const unit* u = ix.find_unit(id);
  if (!u) throw std::invalid_argument("the model has no unit '" + id + "' (in --view unit:" + id + ")");
  const model& m = ix.source();
  focus f;
  add_neighbourhood(m, f, id);
  f.centre.insert(id);
  std::size_t in = 0, out = 0;
  for (std::size_t fi : f.flows) (m.flows[fi].to == id ? in : out) += 1;
  f.subtitle = u->display_name() + " and its neighbours: " + plural(in, "flow", "flows") + " in, " +
               plural(out, "flow", "flows") + " out, " + plural(f.handoffs.size(), "handoff", "handoffs");
  return f;
}

focus artifact_focus(const model_index& ix, const std::string& id, const analysis_result* a) {
  const model& m = ix.source();
  const auto ai = m.find_artifact(id);
  if (!ai) throw std::invalid_argument("the model has no artifact '" + id + "' (in --view artifact:" + id + ")");
  const artifact& art = m.artifacts[*ai];
  focus f;
  f.units.insert(art.owner);
  f.centre.insert(art.owner);
  std::string owner_note = "owner";
  if (art.changes) owner_note += ", changes every " + humanize_duration(art.changes->ms);
  f.unit_notes[art.owner] = owner_note;
  for (std::size_t fi = 0; fi < m.flows.size(); ++fi) {
    const flow& fl = m.flows[fi];
    if (!fl.carries_artifact(id)) continue;
    add_flow(m, f, fi);
    const millis e = fl.latency_ms() + fl.cadence_ms() / 2;  // expected lag of the hop (analyses.md)
    f.flow_notes[fi] = e == 0 ? std::string("this hop: no lag") : "this hop: " + humanize_duration(e) + " lag on average";
  }
  std::size_t consumers = 0, unreached = 0;
  std::set<std::string> seen;
  auto consumer = [&](const std::string& u) {
    if (u == art.owner || !seen.insert(u).second) return;
    ++consumers;
    f.units.insert(u);
    const need_row* row = find_need(a, u, id);
    if (!row) {
      f.unit_notes[u] = "needs it";
      return;
    }
    if (!row->delivered) {
      ++unreached;
      f.unit_notes[u] = "needs it: not reached";
      return;
    }
    std::string note = "needs it: " + humanize_duration(row->expected_lag.value_or(0)) + " late on average";
    if (row->tolerance) note += " (" + humanize_duration(*row->tolerance) + " allowed)";
    f.unit_notes[u] = note;
  };
  for (const auto& n : m.needs)
    if (n.artifact == id) consumer(n.unit);
  if (a)
    for (const auto& row : a->needs)
      if (row.artifact == id) consumer(row.unit);
  f.subtitle = "How " + art.display_name() + " travels from " + ix.unit_name(art.owner) + ": " +
               plural(f.flows.size(), "flow carries", "flows carry") + " it, " +
               plural(consumers, "unit needs", "units need") + " it";
  if (unreached) f.note = plural(unreached, "unit that needs it is", "units that need it are") + " not reached at all";
  return f;
}

focus process_focus(const model_index& ix, const std::string& name, const analysis_result* a) {
  const model& m = ix.source();
  focus f;
  f.handoff_wait = true;
  std::map<std::string, std::size_t> ids;
  for (std::size_t hi = 0; hi < m.handoffs.size(); ++hi) {
    if (m.handoffs[hi].process != name) continue;
    add_handoff(m, f, hi);
    ids.emplace(m.handoffs[hi].id, hi);
  }
  if (f.handoffs.empty())
    throw std::invalid_argument("no handoff belongs to the process '" + name + "' (in --view process:" + name + ")");
  std::string extra;
  if (a) {
    for (const auto& p : a->processes) {
      if (p.name != name || !p.critical_path) continue;
      const auto& path = *p.critical_path;
      for (std::size_t k = 0; k + 1 < path.size(); ++k)
        for (std::size_t hi : f.handoffs)
          if (m.handoffs[hi].from == path[k] && m.handoffs[hi].to == path[k + 1]) {
            f.critical.insert(hi);
            break;
          }
      if (p.critical_wait) extra = ", the critical path waits " + humanize_duration(*p.critical_wait);
    }
    std::size_t loops = 0;
    for (const auto& fd : a->findings) {
      if (fd.code != "PROCESS.LOOP" || fd.process != name) continue;
      ++loops;
      if (const metric_value* v = fd.metric("handoffs"))
        if (const auto* list = std::get_if<std::vector<std::string>>(v))
          for (const auto& id : *list)
            if (auto it = ids.find(id); it != ids.end()) f.loop.insert(it->second);
    }
    if (loops) f.note = plural(loops, "rework loop", "rework loops") + ": work goes back and forth";
  }
  f.subtitle = "Process " + name + ": " + plural(f.handoffs.size(), "handoff", "handoffs") + " between " +
               plural(f.units.size(), "unit", "units") + extra;
  return f;
}

focus finding_focus(const model_index& ix, const std::string& number, const analysis_result* a,
                    analysis_result& only) {
  if (!a) throw std::invalid_argument("the view finding:" + number + " needs the analysis of the model");
  std::size_t n = 0;
  for (char c : number) {
    if (c < '0' || c > '9' || n > 1000000) { n = 0; break; }
    n = n * 10 + static_cast<std::size_t>(c - '0');
  }
  if (n == 0 || n > a->findings.size())
    throw std::invalid_argument("there is no finding " + number + ": the analysis has " +
                                plural(a->findings.size(), "finding", "findings") + " (count from 1)");
  const model& m = ix.source();
  const finding& fd = a->findings[n - 1];
  only = *a;
  only.findings = {fd};
  focus f;
  for (const auto& u : fd.units) f.units.insert(u);
  for (const auto& u : fd.path) f.units.insert(u);
  const auto owner = metric_string(fd, "owner");
  const auto consumer = metric_string(fd, "consumer");
  if (fd.artifact && consumer)
    if (const need_row* row = find_need(a, *consumer, *fd.artifact)) add_need_path(ix, f, *row);
  if (fd.code == "RISK.SINGLE_ROUTE" && fd.artifact) {
    if (const metric_value* v = fd.metric("consumers"))
      if (const auto* list = std::get_if<std::vector<std::string>>(v))
        for (const auto& c : *list)
          if (const need_row* row = find_need(a, c, *fd.artifact)) add_need_path(ix, f, *row);
    if (owner) f.units.insert(*owner);
  }
  if (const auto flow_id = metric_string(fd, "flow"))
    if (auto fi = ix.flow_index(*flow_id)) add_flow(m, f, *fi);
  if (const auto h = metric_string(fd, "handoff"))
    if (auto hi = handoff_index(m, *h)) add_handoff(m, f, *hi);
  if (const metric_value* v = fd.metric("handoffs"))
    if (const auto* list = std::get_if<std::vector<std::string>>(v))
      for (const auto& id : *list)
        if (auto hi = handoff_index(m, id)) add_handoff(m, f, *hi);
  if (fd.ref) {
    if (auto fi = ix.flow_index(*fd.ref)) add_flow(m, f, *fi);
    else if (auto hi = handoff_index(m, *fd.ref)) add_handoff(m, f, *hi);
  }
  if ((fd.code == "RISK.CUT_UNIT" || fd.code == "LOAD.RELAY" || fd.code == "GAP.ISOLATED") && !fd.units.empty())
    add_neighbourhood(m, f, fd.units.front());
  if (fd.code == "LOAD.OVER" && !fd.units.empty())
    for (std::size_t hi = 0; hi < m.handoffs.size(); ++hi)
      if (m.handoffs[hi].to == fd.units.front()) add_handoff(m, f, hi);
  if (fd.code == "GAP.SPLIT")
    if (const metric_value* v = fd.metric("components"))
      if (const auto* comps = std::get_if<std::vector<std::vector<std::string>>>(v))
        for (const auto& comp : *comps) f.units.insert(comp.begin(), comp.end());
  if (f.flows.empty() && f.handoffs.empty()) {
    // Whatever joins the finding's units.
    for (std::size_t i = 0; i < m.flows.size(); ++i)
      if (f.units.count(m.flows[i].from) && f.units.count(m.flows[i].to)) f.flows.insert(i);
    for (std::size_t i = 0; i < m.handoffs.size(); ++i)
      if (f.units.count(m.handoffs[i].from) && f.units.count(m.handoffs[i].to)) f.handoffs.insert(i);
  }
  for (auto it = f.units.begin(); it != f.units.end();)  // ids the model does not know are dropped
    it = ix.find_unit(*it) ? std::next(it) : f.units.erase(it);
  f.subtitle = "Finding " + std::to_string(n) + " of " + std::to_string(a->findings.size()) + " (" +
               std::string(to_string(fd.level)) + ", " + fd.code + ")" +
               (fd.recommendation.empty() ? std::string() : ". What to do: " + fd.recommendation);
  f.note = fd.title;
  return f;
}

}  // namespace

built_view build_view(const model& m, const render_options& o) {
  if (o.view == "map") {
    if (m.units.size() > map_limit) {
      const std::string note = "(groups: " + with_thousands(m.units.size()) +
                               " units are too many to draw one by one; each box is a top-level group)";
      return build_groups(m, o, note);
    }
    const std::size_t edges = m.flows.size() + m.handoffs.size() + (o.analysis ? o.analysis->findings.size() : 0);
    if (m.units.size() <= inline_label_units && edges <= inline_label_edges) {
      built_view v = build_map(m, o, /*inline_labels=*/true);
      if (v.engine == layout_engine::dot) v.fallback_dot = build_map(m, o, /*inline_labels=*/false).dot;
      return v;
    }
    return build_map(m, o, /*inline_labels=*/false);
  }
  if (o.view == "groups") return build_groups(m, o, "");
  const auto colon = o.view.find(':');
  if (colon != std::string::npos) {
    const std::string kind = o.view.substr(0, colon), arg = o.view.substr(colon + 1);
    const model_index ix(m);
    analysis_result only;
    render_options focused = o;
    focus f;
    if (kind == "unit") f = unit_focus(ix, arg);
    else if (kind == "artifact") f = artifact_focus(ix, arg, o.analysis);
    else if (kind == "process") f = process_focus(ix, arg, o.analysis);
    else if (kind == "finding") {
      f = finding_focus(ix, arg, o.analysis, only);
      focused.analysis = &only;
    } else {
      throw std::invalid_argument("unknown view '" + o.view +
                                  "': use map, groups, artifact:ID, process:ID, unit:ID or finding:N");
    }
    // A focus view is small: labels on the arrows unless it is large.
    const bool small = f.units.size() <= inline_label_units && f.flows.size() + f.handoffs.size() <= inline_label_edges;
    built_view v = build_map(m, focused, small, &f);
    if (small && v.engine == layout_engine::dot) v.fallback_dot = build_map(m, focused, false, &f).dot;
    return v;
  }
  throw std::invalid_argument("unknown view '" + o.view +
                              "': use map, groups, artifact:ID, process:ID, unit:ID or finding:N");
}

}  // namespace orgflow::render_detail

namespace orgflow {

std::string view_dot(const model& m, const render_options& o) { return render_detail::build_view(m, o).dot; }

}  // namespace orgflow
