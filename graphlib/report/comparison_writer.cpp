// Writers for `orgflow whatif` and `orgflow diff`: findings resolved, new and
// still present (with the numbers that changed), the needs whose delivery
// changed, the units whose load changed, and the verdicts of the model's
// symptoms before and after. JSON for programs (member order fixed, numbers
// through orgflow/number.hpp), text for a terminal, Markdown for a review.
#include <cmath>
#include <string>
#include <vector>

#include "orgflow/number.hpp"
#include "orgflow/report.hpp"
#include "orgflow/text.hpp"
#include "report/json_values.hpp"
#include "report/writer_common.hpp"

namespace orgflow {

namespace {

using namespace report_detail;

std::string finding_json(const finding& f) {
  return "{\"code\": " + json_string(f.code) + ", \"severity\": " + json_string(std::string(to_string(f.level))) +
         ", \"title\": " + json_string(f.title) + ", \"units\": " + json_string_array(f.units) +
         ", \"artifact\": " + json_opt_string(f.artifact) + ", \"process\": " + json_opt_string(f.process) +
         ", \"ref\": " + json_opt_string(f.ref) + "}";
}

std::string need_side_json(const need_row* n) {
  if (!n) return "null";
  return "{\"delivered\": " + json_bool(n->delivered) + ", \"expected_lag_h\": " + json_hours(n->expected_lag) +
         ", \"worst_lag_h\": " + json_hours(n->worst_lag) + ", \"reliability\": " + format_number(n->reliability) +
         ", \"outdated_share\": " + format_number(n->outdated_share) + ", \"hops\": " +
         (n->hops ? std::to_string(*n->hops) : std::string("null")) + ", \"path\": " +
         (n->delivered ? json_string_array(n->path) : std::string("null")) + "}";
}

std::string unit_side_json(const unit_metrics* u) {
  if (!u) return "null";
  return "{\"utilization\": " + format_number(u->utilization) + ", \"wait_h\": " + format_number(u->wait_h) + "}";
}

std::string verdict_json(const std::optional<verdict>& v) {
  return v ? json_string(std::string(to_string(*v))) : std::string("null");
}

template <typename T, typename F>
std::string json_list(const std::vector<T>& v, F each) {
  std::string out = "[";
  for (std::size_t i = 0; i < v.size(); ++i) out += (i ? ",\n    " : "\n    ") + each(v[i]);
  return out + (v.empty() ? "]" : "\n  ]");
}

std::size_t changed_kept(const comparison& c) {
  std::size_t n = 0;
  for (const kept_finding& k : c.kept)
    if (!k.changes.empty() || k.severity_changed()) ++n;
  return n;
}

std::string counts_sentence(const comparison& c) {
  auto count = [](std::size_t n, const char* one, const char* many) {
    return std::to_string(n) + " " + (n == 1 ? one : many);
  };
  return count(c.resolved.size(), "finding resolved", "findings resolved") + ", " +
         count(c.added.size(), "new", "new") + ", " + count(c.kept.size(), "still present", "still present") + " (" +
         std::to_string(changed_kept(c)) + " with changed numbers)";
}

std::string percent(const std::optional<double>& share) { return share ? human_percent(*share) : std::string("-"); }

std::string need_side_text(const need_row* n) {
  if (!n) return "no need";
  if (!n->delivered) return "never arrives";
  if (n->expected_lag.value_or(0) == 0) return "on time";
  std::string out = human_duration(*n->expected_lag) + " late on average";
  if (n->outdated_share) out += " (outdated " + percent(n->outdated_share) + " of the time)";
  return out;
}

// The width the terminal reports fill (as analyze's text report).
constexpr std::size_t line_width = 100;

std::string wait_text(const std::optional<double>& h) {
  return h ? human_hours(*h)
           : std::string("-");
}

// A metric value as people read it: durations, rates, shares, unit names.
std::string readable_value(const model_index& index, const std::string& key, const metric_value& v) {
  if (std::holds_alternative<std::monostate>(v)) return "none";
  if (const auto* h = std::get_if<hours_value>(&v)) return human_duration(h->ms);
  if (const auto* b = std::get_if<bool>(&v)) return *b ? "yes" : "no";
  if (const auto* d = std::get_if<double>(&v)) {
    if (key == "rho" || key == "share" || key == "outdated_share" || key == "reliability") return human_percent(*d);
    if (key.size() > 6 && key.compare(key.size() - 6, 6, "_per_h") == 0) return human_rate(*d);
    if (key == "Wq_h") return wait_text(*d);
    return format_number(*d, 2);
  }
  if (const auto* i = std::get_if<std::int64_t>(&v)) return std::to_string(*i);
  if (const auto* s = std::get_if<std::string>(&v)) {
    if (key == "from" || key == "to" || key == "owner" || key == "consumer" || key == "unit")
      return index.unit_name(*s);
    return *s;
  }
  if (const auto* l = std::get_if<std::vector<std::string>>(&v)) {
    std::vector<std::string> names;
    const bool units = key == "consumers" || key == "slowest_hop";
    for (const std::string& x : *l) names.push_back(units ? index.unit_name(x) : x);
    if (key == "slowest_hop") {
      std::string out;
      for (std::size_t i = 0; i < names.size(); ++i) out += (i ? " \u2192 " : "") + names[i];
      return out;
    }
    if (key == "handoffs") return count_of(static_cast<std::int64_t>(l->size()), "handoff", "handoffs");
    return names.empty() ? "none" : join_words(names);
  }
  if (const auto* n = std::get_if<std::vector<std::int64_t>>(&v)) {
    std::vector<std::string> parts;
    for (std::int64_t x : *n) parts.push_back(std::to_string(x));
    return join_words(parts);
  }
  if (const auto* ll = std::get_if<std::vector<std::vector<std::string>>>(&v))
    return count_of(static_cast<std::int64_t>(ll->size()), "part", "parts");
  return json_metric(v);
}

// What a metric means, for people; empty for the ones people need not see
// (ids of flows and handoffs: the title already says which).
std::string metric_label(const std::string& key) {
  static const std::pair<const char*, const char*> labels[] = {
      {"reachable_in_G", "other information gets there"},
      {"expected_lag_h", "average lag"},
      {"worst_lag_h", "worst lag"},
      {"tolerance_h", "tolerated age"},
      {"outdated_share", "share of time outdated"},
      {"slowest_hop", "slowest hop"},
      {"slowest_w_h", "worst lag of the slowest hop"},
      {"reliability", "changes that get through"},
      {"on_delivery_path", "on a delivery path"},
      {"format", "format"},
      {"accepts", "formats accepted"},
      {"handoffs", "handoffs"},
      {"processes", "processes"},
      {"kind", "kind"},
      {"components", "parts"},
      {"sizes", "sizes of the parts"},
      {"carries", "carries"},
      {"consumers", "units cut off"},
      {"parts", "sizes of the parts"},
      {"rho", "load"},
      {"lambda_per_h", "work arriving"},
      {"capacity_per_h", "capacity"},
      {"staff", "staff"},
      {"Wq_h", "average wait"},
      {"capacity_for_rho_085_per_h", "capacity needed for 85% load"},
      {"relays", "delivery paths relayed"},
      {"delivered_needs", "needs delivered"},
      {"share", "share of delivery paths"},
      {"wait_h", "wait"},
      {"implicit", "needed with handed-over work"},
      {"owner", "owner"},
      {"consumer", "consumer"},
      {"unit", "unit"},
      {"from", "from"},
      {"to", "to"},
  };
  for (const auto& [k, label] : labels)
    if (key == k) return label;
  return "";
}

// "average lag 32 days -> 2 days; load 142% -> 88%": the kept finding's
// changed numbers as people read them.
std::string changes_text(const model_index& before, const model_index& after, const kept_finding& k) {
  std::vector<std::string> parts;
  if (k.severity_changed())
    parts.push_back("severity " + std::string(to_string(k.before->level)) + " -> " +
                    std::string(to_string(k.after->level)));
  for (const changed_metric& ch : k.changes) {
    const std::string label = metric_label(ch.key);
    if (label.empty()) continue;
    parts.push_back(label + " " + readable_value(before, ch.key, ch.before) + " -> " +
                    readable_value(after, ch.key, ch.after));
  }
  std::string out;
  for (std::size_t i = 0; i < parts.size(); ++i) out += (i ? "; " : "") + parts[i];
  return out;
}

}  // namespace

std::string write_comparison_json(const model& before, const model& after, const comparison& c,
                                  const comparison_context& ctx) {
  (void)before;
  (void)after;
  std::string out = "{\n";
  out += "  \"orgflow_comparison\": 2,\n";
  out += "  \"before\": " + json_string(ctx.before_label) + ",\n";
  out += "  \"after\": " + json_string(ctx.after_label) + ",\n";
  out += "  \"changes\": " + json_string_array(ctx.changes) + ",\n";
  out += "  \"summary\": {\"resolved\": " + std::to_string(c.resolved.size()) +
         ", \"added\": " + std::to_string(c.added.size()) + ", \"kept\": " + std::to_string(c.kept.size()) +
         ", \"kept_changed\": " + std::to_string(changed_kept(c)) + "},\n";
  out += "  \"resolved\": " + json_list(c.resolved, [](const finding* f) { return finding_json(*f); }) + ",\n";
  out += "  \"added\": " + json_list(c.added, [](const finding* f) { return finding_json(*f); }) + ",\n";
  out += "  \"kept\": " + json_list(c.kept, [](const kept_finding& k) {
    std::string s = finding_json(*k.after);
    s.pop_back();
    s += ", \"severity_before\": " + json_string(std::string(to_string(k.before->level))) + ", \"changes\": {";
    for (std::size_t i = 0; i < k.changes.size(); ++i) {
      if (i) s += ", ";
      s += json_string(k.changes[i].key) + ": {\"before\": " + json_metric(k.changes[i].before) +
           ", \"after\": " + json_metric(k.changes[i].after) + "}";
    }
    return s + "}}";
  }) + ",\n";
  out += "  \"needs\": " + json_list(c.needs, [](const need_change& n) {
    return "{\"unit\": " + json_string(n.unit) + ", \"artifact\": " + json_string(n.artifact) +
           ", \"before\": " + need_side_json(n.before) + ", \"after\": " + need_side_json(n.after) + "}";
  }) + ",\n";
  out += "  \"units\": " + json_list(c.units, [](const unit_change& u) {
    return "{\"id\": " + json_string(u.id) + ", \"before\": " + unit_side_json(u.before) +
           ", \"after\": " + unit_side_json(u.after) + "}";
  }) + ",\n";
  out += "  \"verdicts\": " + json_list(c.verdicts, [](const verdict_change& v) {
    return "{\"symptom\": " + json_string(v.symptom) + ", \"before\": " + verdict_json(v.before) +
           ", \"after\": " + verdict_json(v.after) + ", \"summary_before\": " + json_string(v.summary_before) +
           ", \"summary_after\": " + json_string(v.summary_after) + "}";
  }) + "\n";
  out += "}\n";
  return out;
}

std::string write_comparison_text(const model& before, const model& after, const comparison& c,
                                  const comparison_context& ctx, const text_options& o) {
  const model_index old_index(before), new_index(after);
  auto paint = [&](const char* code, const std::string& s) {
    return o.color ? std::string("\x1b[") + code + "m" + s + "\x1b[0m" : s;
  };
  auto sev = [&](severity s) {
    const char* code = s == severity::critical ? "1;31" : s == severity::warning ? "33" : "36";
    return paint(code, "[" + std::string(to_string(s)) + "]");
  };
  std::string out;
  out += paint("1", terminal_text(ctx.before_label) + " -> " + terminal_text(ctx.after_label) + ": " +
                        counts_sentence(c) + ".") + "\n";
  if (!ctx.changes.empty()) {
    out += "Changes, in order:\n";
    for (const std::string& ch : ctx.changes) out += "  " + terminal_text(ch) + "\n";
  }
  if (!c.resolved.empty()) {
    out += "\n" + paint("32", "Resolved:") + "\n";
    for (const finding* f : c.resolved)
      out += wrap_text(sev(f->level) + " " + terminal_text(f->title), "  - ", "    ", line_width);
  }
  if (!c.added.empty()) {
    out += "\n" + paint("1;31", "New:") + "\n";
    for (const finding* f : c.added) {
      out += wrap_text(sev(f->level) + " " + terminal_text(f->title), "  + ", "    ", line_width);
      if (!f->recommendation.empty())
        out += wrap_text(terminal_text(f->recommendation), "    Do: ", "        ", line_width);
    }
  }
  bool header = false;
  for (const kept_finding& k : c.kept) {
    const std::string changed = changes_text(old_index, new_index, k);
    if (changed.empty()) continue;
    if (!header) out += "\nStill present, with changed numbers:\n";
    header = true;
    out += wrap_text(sev(k.after->level) + " " + terminal_text(k.after->title), "  * ", "    ", line_width);
    out += wrap_text(terminal_text(changed), "    ", "    ", line_width);
  }
  if (!c.needs.empty()) {
    out += "\nNeeds whose delivery changed:\n";
    for (const need_change& n : c.needs) {
      const model_index& idx = n.after ? new_index : old_index;
      out += wrap_text(terminal_text(idx.unit_name(n.unit)) + " / " + terminal_text(idx.artifact_name(n.artifact)) +
                           ": " + need_side_text(n.before) + " -> " + need_side_text(n.after),
                       "  ", "    ", line_width);
    }
  }
  if (!c.units.empty()) {
    out += "\nUnits whose load changed:\n";
    for (const unit_change& u : c.units) {
      const model_index& idx = u.after ? new_index : old_index;
      out += "  " + terminal_text(idx.unit_name(u.id)) + ": load " +
             percent(u.before ? u.before->utilization : std::nullopt) + " -> " +
             percent(u.after ? u.after->utilization : std::nullopt) + ", wait " +
             wait_text(u.before ? u.before->wait_h : std::nullopt) + " -> " +
             wait_text(u.after ? u.after->wait_h : std::nullopt) + "\n";
    }
  }
  if (!c.verdicts.empty()) {
    out += "\nDiagnoses of the model's symptoms:\n";
    for (const verdict_change& v : c.verdicts) {
      auto word = [](const std::optional<verdict>& x) {
        return x ? std::string(to_string(*x)) : std::string("(absent)");
      };
      out += "  " + terminal_text(v.symptom) + ": " + word(v.before) + " -> " + word(v.after) + "\n";
      if (!v.summary_before.empty() && v.summary_before != v.summary_after)
        out += wrap_text("Before: " + terminal_text(v.summary_before), "    ", "    ", line_width);
      if (!v.summary_after.empty())
        out += wrap_text((v.summary_before.empty() || v.summary_before == v.summary_after ? "" : "After: ") +
                             terminal_text(v.summary_after),
                         "    ", "    ", line_width);
    }
  }
  return out;
}

std::string write_comparison_markdown(const model& before, const model& after, const comparison& c,
                                      const comparison_context& ctx) {
  const model_index old_index(before), new_index(after);
  std::string out = "## " + markdown_text(ctx.before_label) + " → " + markdown_text(ctx.after_label) + "\n\n";
  out += markdown_text(counts_sentence(c)) + ".\n\n";
  if (!ctx.changes.empty()) {
    out += "Changes, in order:\n\n";
    for (const std::string& ch : ctx.changes) out += "- " + markdown_text(ch) + "\n";
    out += "\n";
  }
  auto table = [&](const char* heading, const std::vector<const finding*>& fs) {
    if (fs.empty()) return;
    out += std::string("### ") + heading + "\n\n| Severity | Finding | Code |\n|---|---|---|\n";
    for (const finding* f : fs)
      out += "| " + std::string(to_string(f->level)) + " | " + markdown_text(f->title) + " | " + f->code + " |\n";
    out += "\n";
  };
  table("Resolved", c.resolved);
  table("New", c.added);
  bool header = false;
  for (const kept_finding& k : c.kept) {
    const std::string changed = changes_text(old_index, new_index, k);
    if (changed.empty()) continue;
    if (!header) out += "### Still present, with changed numbers\n\n| Finding | What changed |\n|---|---|\n";
    header = true;
    out += "| " + markdown_text(k.after->title) + " | " + markdown_text(changed) + " |\n";
  }
  if (header) out += "\n";
  if (!c.needs.empty()) {
    out += "### Needs whose delivery changed\n\n| Unit | Information | Before | After |\n|---|---|---|---|\n";
    for (const need_change& n : c.needs) {
      const model_index& idx = n.after ? new_index : old_index;
      out += "| " + markdown_text(idx.unit_name(n.unit)) + " | " + markdown_text(idx.artifact_name(n.artifact)) +
             " | " + markdown_text(need_side_text(n.before)) + " | " + markdown_text(need_side_text(n.after)) + " |\n";
    }
    out += "\n";
  }
  if (!c.units.empty()) {
    out += "### Units whose load changed\n\n| Unit | Utilization before | after | Wait before | after |\n|---|---|---|---|---|\n";
    for (const unit_change& u : c.units) {
      const model_index& idx = u.after ? new_index : old_index;
      out += "| " + markdown_text(idx.unit_name(u.id)) + " | " +
             percent(u.before ? u.before->utilization : std::nullopt) + " | " +
             percent(u.after ? u.after->utilization : std::nullopt) + " | " +
             wait_text(u.before ? u.before->wait_h : std::nullopt) + " | " +
             wait_text(u.after ? u.after->wait_h : std::nullopt) + " |\n";
    }
    out += "\n";
  }
  if (!c.verdicts.empty()) {
    out += "### Diagnoses\n\n| Symptom | Before | After |\n|---|---|---|\n";
    for (const verdict_change& v : c.verdicts)
      out += "| " + markdown_text(v.symptom) + " | " + (v.before ? std::string(to_string(*v.before)) : "-") + " | " +
             (v.after ? std::string(to_string(*v.after)) : "-") + " |\n";
    out += "\n";
  }
  return out;
}

std::string write_comparison_as(std::string_view format, const model& before, const model& after,
                                const comparison& c, const comparison_context& ctx, const text_options& o) {
  if (format == "json") return write_comparison_json(before, after, c, ctx);
  if (format == "md") return write_comparison_markdown(before, after, c, ctx);
  return write_comparison_text(before, after, c, ctx, o);
}

}  // namespace orgflow
