// The model and its analysis as views draw them (see model_marks.hpp).
#include "render/model_marks.hpp"

#include <algorithm>

#include "orgflow/number.hpp"
#include "orgflow/quantity.hpp"
#include "orgflow/text.hpp"
#include "render/dot_build.hpp"
#include "render/view_style.hpp"

namespace orgflow::render_detail {

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

group_tree::group_tree(const model_index& ix) {
  for (const unit* u : ix.sorted_units()) {
    if (u->group && ix.find_unit(*u->group)) {
      members[*u->group].push_back(u->id);
      groups.insert(*u->group);
      parent[u->id] = *u->group;
    }
  }
  for (const auto& g : groups)
    if (!parent.count(g)) roots.push_back(g);
  // Depths top down from the roots (a valid model has no group cycle; a
  // unit on one would get no depth and count as a root).
  std::vector<std::pair<std::string, std::size_t>> stack;
  for (const unit* u : ix.sorted_units())
    if (!parent.count(u->id)) stack.emplace_back(u->id, 0);
  while (!stack.empty()) {
    auto [id, d] = stack.back();
    stack.pop_back();
    if (!depth.emplace(id, d).second) continue;
    if (auto it = members.find(id); it != members.end()) {
      max_group_depth = std::max(max_group_depth, d);
      for (const auto& child : it->second) stack.emplace_back(child, d + 1);
    }
  }
  for (const unit* u : ix.sorted_units()) depth.emplace(u->id, 0);
  // Computed once per model: every view asks (build_graph), and a large
  // model's report draws a dozen views.
  const model& m = ix.source();
  auto note = [this](const std::string& id) {
    if (is_group(id)) groups_with_arrows.insert(id);
  };
  for (const auto& f : m.flows) {
    note(f.from);
    note(f.to);
  }
  for (const auto& h : m.handoffs) {
    note(h.from);
    note(h.to);
  }
}

std::string group_tree::top(const std::string& id) const {
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

std::string group_tree::at_depth(const std::string& id, std::size_t d) const {
  auto it = depth.find(id);
  if (it == depth.end() || it->second < d) return {};
  std::string cur = id;
  for (std::size_t k = it->second; k > d; --k) cur = parent.at(cur);
  return cur;
}

marks collect_marks(const model_index& ix, const analysis_result* a, const finding* only) {
  marks out;
  if (!a) return out;
  const model& m = ix.source();
  for (const auto& u : a->units) out.metrics.emplace(u.id, &u);
  std::map<std::pair<std::string, std::string>, std::size_t> gap_at;
  // Need rows by (unit, artifact): a stale finding finds its path's flows there.
  // (Built only when a stale finding asks: a finding:N view marks one finding.)
  std::map<std::pair<std::string, std::string>, const need_row*> need_at;
  auto need_of = [&](const std::string& unit_id, const std::string& artifact_id) -> const need_row* {
    if (only) {  // one lookup: no index
      for (const auto& row : a->needs)
        if (row.unit == unit_id && row.artifact == artifact_id) return &row;
      return nullptr;
    }
    if (need_at.empty())
      for (const auto& row : a->needs) need_at.emplace(std::make_pair(row.unit, row.artifact), &row);
    auto it = need_at.find(std::make_pair(unit_id, artifact_id));
    return it == need_at.end() ? nullptr : it->second;
  };
  for (const auto& f : a->findings) {
    if (only && &f != only) continue;
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
      if (f.artifact)
        if (const need_row* row = need_of(consumer, *f.artifact))
          for (const auto& id : row->flows)
            if (auto fi = ix.flow_index(id)) flows.push_back(*fi);
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
  std::string out = human_cadence(f.cadence_ms());
  if (f.latency_ms() > 0) out += ", takes " + human_duration(f.latency_ms());
  if (f.is_manual()) out += ", by hand";
  return out;
}

std::string unit_tooltip(const model_index& ix, const group_tree& gt, const unit& u, const marks& mk) {
  std::vector<std::string> lines;
  lines.push_back(u.display_name() + " (" + std::string(style_of(u.kind_or_default()).legend) + ")");
  if (u.group) lines.push_back("in " + ix.unit_name(*u.group));
  if (gt.is_group(u.id)) lines.push_back("group of " + std::to_string(gt.members.at(u.id).size()) + " units");
  std::vector<std::string> work;
  if (u.capacity) work.push_back("capacity " + human_rate(u.capacity->per_hour(), u.capacity->period_ms));
  if (u.staff) work.push_back("staff " + std::to_string(*u.staff));
  if (u.demand) work.push_back("demand " + human_rate(u.demand->per_hour(), u.demand->period_ms));
  if (!work.empty()) lines.push_back(join(work, ", "));
  if (auto it = mk.metrics.find(u.id); it != mk.metrics.end()) {
    const unit_metrics& um = *it->second;
    std::string l = "flows in " + std::to_string(um.flows_in) + ", out " + std::to_string(um.flows_out);
    if (um.relays > 0) l += ", relays " + std::to_string(um.relays) + " deliveries";
    lines.push_back(l);
    if (um.utilization) {
      std::string w = "utilization " + percent(*um.utilization);
      if (um.wait_h) w += ", work waits " + human_hours(*um.wait_h) + " before it starts";
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
  std::string timing = "cadence " + human_cadence(f.cadence_ms());
  if (f.latency_ms() > 0) timing += ", latency " + human_duration(f.latency_ms());
  lines.push_back(timing);
  std::vector<std::string> more;
  if (f.channel) more.push_back("channel " + *f.channel);
  if (f.format) more.push_back("format " + *f.format);
  if (f.is_manual()) more.push_back("copied by hand");
  if (f.reliability) more.push_back("reliability " + format_number(*f.reliability, 3));
  if (f.volume) more.push_back("volume " + human_rate(f.volume->per_hour(), f.volume->period_ms));
  if (!more.empty()) lines.push_back(join(more, ", "));
  if (stale)
    for (const auto& n : stale->notes) lines.push_back("stale: " + n);
  return join(lines, "\n");
}

std::string handoff_tooltip(const model_index& ix, const handoff& h) {
  std::vector<std::string> lines;
  lines.push_back((h.is_return() ? "Work given back: " : "Work: ") + ix.unit_name(h.from) + " \xE2\x86\x92 " +
                  ix.unit_name(h.to));
  if (h.is_return()) lines.push_back("returns finished work: not rework, and no feedback of its own is needed");
  if (h.process) lines.push_back("process " + *h.process);
  std::vector<std::string> parts;
  if (h.item) parts.push_back("item " + *h.item);
  if (h.volume) parts.push_back("volume " + human_rate(h.volume->per_hour(), h.volume->period_ms));
  if (h.wait) parts.push_back("waits " + human_duration(h.wait->ms));
  if (!parts.empty()) lines.push_back(join(parts, ", "));
  if (h.context && !h.context->empty()) {
    std::vector<std::string> names;
    for (const auto& id : *h.context) names.push_back(ix.artifact_name(id));
    lines.push_back("needs with it: " + join(names, ", "));
  }
  return join(lines, "\n");
}

}  // namespace orgflow::render_detail
