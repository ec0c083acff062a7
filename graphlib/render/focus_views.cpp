// The views of cli.md and how each is chosen (build_view): `map` (every
// unit while a map stays readable, else the overview), `overview`, `full`,
// `groups`, and the focus views `unit:`, `artifact:`, `process:` and
// `finding:`, each a part of the model drawn the map's way (map_view.cpp),
// trimmed to a readable size when it is large. The layout engine follows
// the size of what is drawn (choose_engine), so that no layout known to take
// minutes is ever started.
#include <algorithm>
#include <stdexcept>

#include "orgflow/check.hpp"
#include "orgflow/quantity.hpp"
#include "orgflow/text.hpp"
#include "render/dot_build.hpp"
#include "render/view_build.hpp"

namespace orgflow::render_detail {

double screen_fit(double width, double height) {
  if (width <= 0 || height <= 0) return 0;
  return std::min(1600.0 / width, 1000.0 / height);
}

std::string_view engine_name(layout_engine e) {
  switch (e) {
    case layout_engine::dot: return "dot";
    case layout_engine::neato: return "neato";
    case layout_engine::fdp: return "fdp";
    case layout_engine::sfdp: return "sfdp";
  }
  return "dot";
}

layout_engine choose_engine(std::optional<layout_engine> requested, std::size_t boxes, std::size_t flat,
                            std::size_t arrows) {
  auto within = [&](layout_engine e) {
    switch (e) {
      case layout_engine::dot: return boxes <= dot_boxes && flat <= flat_dot_limit && arrows <= dot_arrows;
      case layout_engine::neato:
      case layout_engine::fdp: return boxes <= spring_boxes && arrows <= spring_arrows;
      case layout_engine::sfdp: return boxes <= sfdp_boxes && arrows <= sfdp_arrows;
    }
    return false;
  };
  if (requested) {
    if (within(*requested)) return *requested;
    const std::string name(engine_name(*requested));
    std::string limit;
    switch (*requested) {
      case layout_engine::dot:
        limit = with_thousands(dot_boxes) + " boxes (" + with_thousands(flat_dot_limit) + " outside every group) and " +
                with_thousands(dot_arrows) + " arrows";
        break;
      case layout_engine::neato:
      case layout_engine::fdp:
        limit = with_thousands(spring_boxes) + " boxes and " + with_thousands(spring_arrows) + " arrows";
        break;
      case layout_engine::sfdp:
        limit = with_thousands(sfdp_boxes) + " boxes and " + with_thousands(sfdp_arrows) + " arrows";
        break;
    }
    throw std::invalid_argument("--layout " + name + " would take too long for this view (" +
                                count_of(boxes, "box", "boxes") + ", " + count_of(arrows, "arrow", "arrows") + "; " +
                                name + " is used up to " + limit + "): leave --layout out, or choose a smaller view");
  }
  return within(layout_engine::dot) ? layout_engine::dot : layout_engine::sfdp;
}

namespace {

const char* const view_names = "map, overview, full, groups, artifact:ID, process:ID, unit:ID or finding:N";

// N of `finding:N` when it is a number from 1 to `count`, else 0.
std::size_t finding_number(std::string_view number, std::size_t count) {
  std::size_t n = 0;
  for (char c : number) {
    if (c < '0' || c > '9' || n > 1000000) return 0;
    n = n * 10 + static_cast<std::size_t>(c - '0');
  }
  return n <= count ? n : 0;
}

// What is wrong with the name of the view (view_problem without --layout).
std::optional<std::string> name_problem(const model& m, const render_options& o) {
  if (o.view == "map" || o.view == "full" || o.view == "overview" || o.view == "groups") return std::nullopt;
  const auto colon = o.view.find(':');
  if (colon == std::string::npos) return "unknown view '" + o.view + "': use " + view_names;
  const std::string kind = o.view.substr(0, colon), arg = o.view.substr(colon + 1);
  if (kind == "unit") {
    if (!m.find_unit(arg)) return "the model has no unit '" + arg + "' (in --view unit:" + arg + ")";
  } else if (kind == "artifact") {
    if (!m.find_artifact(arg)) return "the model has no artifact '" + arg + "' (in --view artifact:" + arg + ")";
  } else if (kind == "process") {
    if (std::none_of(m.handoffs.begin(), m.handoffs.end(), [&](const handoff& h) { return h.process == arg; }))
      return "no handoff belongs to the process '" + arg + "' (in --view process:" + arg + ")";
  } else if (kind == "finding") {
    if (!o.analysis) return "the view finding:" + arg + " needs the analysis of the model";
    if (finding_number(arg, o.analysis->findings.size()) == 0)
      return "there is no finding " + arg + ": the analysis has " +
             count_of(o.analysis->findings.size(), "finding", "findings") + " (count from 1)";
  } else {
    return "unknown view '" + o.view + "': use " + view_names;
  }
  return std::nullopt;
}

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
  check_invariant(u != nullptr, "unit_focus: view_problem checks the unit");
  const model& m = ix.source();
  focus f;
  add_neighbourhood(m, f, id);
  f.centre.insert(id);
  f.core.push_back(id);
  std::size_t in = 0, out = 0;
  for (std::size_t fi : f.flows) (m.flows[fi].to == id ? in : out) += 1;
  f.subtitle = u->display_name() + " and its neighbours: " + count_of(in, "flow", "flows") + " in, " +
               count_of(out, "flow", "flows") + " out, " + count_of(f.handoffs.size(), "handoff", "handoffs");
  return f;
}

focus artifact_focus(const model_index& ix, const std::string& id, const analysis_result* a) {
  const model& m = ix.source();
  const auto ai = m.find_artifact(id);
  check_invariant(ai.has_value(), "artifact_focus: view_problem checks the artifact");
  const artifact& art = m.artifacts[*ai];
  focus f;
  f.units.insert(art.owner);
  f.centre.insert(art.owner);
  f.core.push_back(art.owner);
  std::string owner_note = "owner";
  if (art.changes) owner_note += ", changes " + human_every(art.changes->ms);
  f.unit_notes[art.owner] = owner_note;
  for (std::size_t fi = 0; fi < m.flows.size(); ++fi) {
    const flow& fl = m.flows[fi];
    if (!fl.carries_artifact(id)) continue;
    add_flow(m, f, fi);
    const millis e = fl.latency_ms() + fl.cadence_ms() / 2;  // expected lag of the hop (analyses.md)
    f.flow_notes[fi] = e == 0 ? std::string("this hop: no lag") : "this hop: " + human_duration(e) + " lag on average";
  }
  std::size_t consumers = 0, unreached = 0;
  std::set<std::string> seen;
  auto consumer = [&](const std::string& u) {
    if (u == art.owner || !seen.insert(u).second) return;
    ++consumers;
    f.units.insert(u);
    f.core.push_back(u);
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
    std::string note = "needs it: " + human_duration(row->expected_lag.value_or(0)) + " late on average";
    if (row->tolerance) note += " (" + human_duration(*row->tolerance) + " allowed)";
    f.unit_notes[u] = note;
  };
  for (const auto& n : m.needs)
    if (n.artifact == id) consumer(n.unit);
  if (a)
    for (const auto& row : a->needs)
      if (row.artifact == id) consumer(row.unit);
  f.subtitle = "How " + art.display_name() + " travels from " + ix.unit_name(art.owner) + ": " +
               count_of(f.flows.size(), "flow carries", "flows carry") + " it, " +
               count_of(consumers, "unit needs", "units need") + " it";
  if (unreached) f.note = count_of(unreached, "unit that needs it is", "units that need it are") + " not reached at all";
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
  check_invariant(!f.handoffs.empty(), "process_focus: view_problem checks the process");
  std::string extra;
  if (a) {
    for (const auto& p : a->processes) {
      if (p.name != name || !p.critical_path) continue;
      const auto& path = *p.critical_path;
      f.core.insert(f.core.end(), path.begin(), path.end());
      for (std::size_t k = 0; k + 1 < path.size(); ++k)
        for (std::size_t hi : f.handoffs)
          if (m.handoffs[hi].from == path[k] && m.handoffs[hi].to == path[k + 1]) {
            f.critical.insert(hi);
            break;
          }
      if (p.critical_wait) extra = ", the critical path waits " + human_duration(*p.critical_wait);
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
    if (loops) f.note = count_of(loops, "rework loop", "rework loops") + ": work goes back and forth";
  }
  f.subtitle = "Process " + name + ": " + count_of(f.handoffs.size(), "handoff", "handoffs") + " between " +
               count_of(f.units.size(), "unit", "units") + extra;
  return f;
}

focus finding_focus(const model_index& ix, const std::string& number, const analysis_result* a,
                    const finding*& only) {
  const std::size_t n = a ? finding_number(number, a->findings.size()) : 0;
  check_invariant(n != 0, "finding_focus: view_problem checks the finding number");
  const model& m = ix.source();
  const finding& fd = a->findings[n - 1];
  only = &fd;
  focus f;
  for (const auto& u : fd.units) f.units.insert(u);
  for (const auto& u : fd.path) f.units.insert(u);
  f.core = fd.units;
  f.core.insert(f.core.end(), fd.path.begin(), fd.path.end());
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


/// The view with, when it puts texts on its arrows, the same view with
/// xlabels to fall back on.
built_view with_fallback(const model& m, const render_options& o, map_request rq, const view_parts& parts) {
  built_view v = build_map(m, o, rq, parts);
  if (v.inline_labels) {
    rq.inline_allowed = false;
    v.fallback_dot = build_map(m, o, rq, parts).dot;
  }
  return v;
}

/// An overview, ranked left to right, with the same ranked top down as an
/// alternative when dot lays it out (which way reads better depends on the
/// shape: a hub with many spokes is a tall column one way and a very wide row
/// the other).
built_view both_ways(const model& m, const render_options& o, map_request rq, const view_parts& parts) {
  built_view v = with_fallback(m, o, rq, parts);
  if (v.engine == layout_engine::dot) {
    rq.top_down = true;
    v.alternatives.push_back(with_fallback(m, o, rq, parts));
  }
  return v;
}

/// The overview: a level of groups when one makes between 3 and
/// overview_groups boxes (the deepest such level), else the units with
/// findings and their closest neighbours (or the most connected units).
/// `whole` are the parts of the whole map, reused when no level of groups fits.
built_view overview(const model& m, const render_options& o, std::string why, const view_parts& whole) {
  map_request rq;
  rq.purpose = map_purpose::overview;
  rq.note = std::move(why);
  rq.trim = true;
  rq.max_arrows = overview_arrows;
  const group_tree& gt = whole.gt;
  if (!gt.groups.empty()) {
    for (std::size_t d = gt.max_group_depth + 1; d-- > 0;) {
      const std::size_t b = boxes_at_depth(whole.ix, gt, d);
      if (b <= overview_groups && b >= 3 && b < m.units.size()) {
        rq.collapse_depth = d;
        rq.keep_all_boxes = true;
        rq.max_boxes = b;
        const view_parts parts(whole, o, rq);
        return both_ways(m, o, rq, parts);
      }
    }
  }
  rq.max_boxes = overview_boxes;
  return both_ways(m, o, rq, whole);
}

std::string too_many(std::size_t boxes, std::size_t arrows) {
  return with_thousands(boxes) + " units and " + count_of(arrows, "arrow", "arrows");
}

}  // namespace

built_view build_view(const model& m, const render_options& o, std::shared_ptr<const model_context> ctx) {
  // A library caller that skipped view_problem() gets the same sentence.
  if (const auto problem = name_problem(m, o)) throw std::invalid_argument(*problem);
  if (o.view == "map" || o.view == "full" || o.view == "overview") {
    const map_request rq;
    const view_parts whole(m, o, rq, ctx);
    const std::size_t boxes = whole.g.boxes.size(), arrows = whole.g.arrows.size();
    const bool readable = boxes <= map_units && arrows <= map_arrows;
    if (o.view == "overview" || (o.view == "map" && !readable))
      return overview(m, o,
                      readable ? std::string() : too_many(m.units.size(), arrows) + " are more than one map can show readably",
                      whole);
    if (o.view == "full" && (boxes > sfdp_boxes || arrows > sfdp_arrows))
      return overview(m, o,
                      too_many(m.units.size(), arrows) + " are too many to draw in full (Graphviz's sfdp, the fastest "
                          "layout, is used up to " + too_many(sfdp_boxes, sfdp_arrows) + ")",
                      whole);
    return with_fallback(m, o, rq, whole);
  }
  if (!ctx) ctx = std::make_shared<const model_context>(m);
  if (o.view == "groups") {
    const model_index& ix = ctx->ix;
    const group_tree& gt = ctx->gt;
    std::size_t ungrouped = 0;
    for (const unit* u : ix.sorted_units())
      if (gt.top(u->id).empty()) ++ungrouped;
    map_request rq;
    rq.purpose = map_purpose::groups;
    rq.collapse_depth = 0;
    rq.pool_ungrouped = gt.roots.size() + ungrouped > flat_dot_limit && ungrouped > 1;
    const view_parts parts(m, o, rq, ctx);
    return with_fallback(m, o, rq, parts);
  }
  const auto colon = o.view.find(':');
  if (colon != std::string::npos) {
    const std::string kind = o.view.substr(0, colon), arg = o.view.substr(colon + 1);
    const model_index& ix = ctx->ix;
    focus f;
    map_request rq;
    rq.purpose = map_purpose::focus;
    if (kind == "unit") f = unit_focus(ix, arg);
    else if (kind == "artifact") f = artifact_focus(ix, arg, o.analysis);
    else if (kind == "process") f = process_focus(ix, arg, o.analysis);
    else f = finding_focus(ix, arg, o.analysis, rq.only_finding);
    rq.fc = &f;
    // A focus view larger than a readable map keeps its core units and their
    // closest neighbours.
    const view_parts parts(m, o, rq, ctx);
    if (parts.g.boxes.size() > map_units || parts.g.arrows.size() > map_arrows) {
      rq.trim = true;
      rq.must = f.core;
      rq.max_boxes = map_units;
      rq.max_arrows = map_arrows;
    }
    return with_fallback(m, o, rq, parts);
  }
  check_invariant(false, "build_view: name_problem knows every view");
  return {};
}

}  // namespace orgflow::render_detail

namespace orgflow {

std::string view_dot(const model& m, const render_options& o) { return render_detail::build_view(m, o).dot; }

std::optional<std::string> view_problem(const model& m, const render_options& o) {
  if (auto problem = render_detail::name_problem(m, o)) return problem;
  if (!o.layout) return std::nullopt;
  // Whether the requested layout is fast enough depends on the view's size.
  try {
    render_detail::build_view(m, o);
  } catch (const std::invalid_argument& e) {
    return std::string(e.what());
  }
  return std::nullopt;
}

}  // namespace orgflow
