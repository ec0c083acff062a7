// Writers for `orgflow whatif` and `orgflow diff`: findings resolved, new and
// still present (with the numbers that changed), the needs whose delivery
// changed, the units whose load changed, and the verdicts of the model's
// symptoms before and after. JSON for programs (member order fixed, numbers
// through orgflow/number.hpp), text for a terminal, Markdown for a review.
#include <string>
#include <vector>

#include "orgflow/number.hpp"
#include "orgflow/report.hpp"
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

std::string percent(const std::optional<double>& share) {
  return share ? format_number(*share * 100.0, 1) + " %" : std::string("-");
}

std::string need_side_text(const need_row* n) {
  if (!n) return "no need";
  if (!n->delivered) return "not delivered";
  return lag_text(n->expected_lag.value_or(0)) + " lag, outdated " + percent(n->outdated_share);
}

std::string metric_text(const metric_value& v) {
  // The JSON text is short and exact; hours get a unit for people.
  if (const auto* h = std::get_if<hours_value>(&v)) return lag_text(h->ms);
  if (std::holds_alternative<std::monostate>(v)) return "-";
  return json_metric(v);
}

// The width the terminal reports fill (as analyze's text report).
constexpr std::size_t line_width = 100;

std::string wait_text(const std::optional<double>& h) { return h ? format_number(*h, 1) + " h" : std::string("-"); }

}  // namespace

std::string write_comparison_json(const model& before, const model& after, const comparison& c,
                                  const comparison_context& ctx) {
  (void)before;
  (void)after;
  std::string out = "{\n";
  out += "  \"orgflow_comparison\": 1,\n";
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
           ", \"after\": " + verdict_json(v.after) + ", \"summary\": " + json_string(v.summary_after) + "}";
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
    if (k.changes.empty() && !k.severity_changed()) continue;
    if (!header) out += "\nStill present, with changed numbers:\n";
    header = true;
    out += wrap_text(sev(k.after->level) + " " + terminal_text(k.after->title), "  * ", "    ", line_width) + "    ";
    if (k.severity_changed())
      out += "severity " + std::string(to_string(k.before->level)) + " -> " + std::string(to_string(k.after->level)) +
             (k.changes.empty() ? "" : "; ");
    for (std::size_t i = 0; i < k.changes.size(); ++i) {
      if (i) out += "; ";
      out += k.changes[i].key + " " + terminal_text(metric_text(k.changes[i].before)) + " -> " +
             terminal_text(metric_text(k.changes[i].after));
    }
    out += "\n";
  }
  if (!c.needs.empty()) {
    out += "\nNeeds whose delivery changed:\n";
    for (const need_change& n : c.needs) {
      const model_index& idx = n.after ? new_index : old_index;
      out += "  " + terminal_text(idx.unit_name(n.unit)) + " / " + terminal_text(idx.artifact_name(n.artifact)) +
             ": " + need_side_text(n.before) + " -> " + need_side_text(n.after) + "\n";
    }
  }
  if (!c.units.empty()) {
    out += "\nUnits whose load changed:\n";
    for (const unit_change& u : c.units) {
      const model_index& idx = u.after ? new_index : old_index;
      out += "  " + terminal_text(idx.unit_name(u.id)) + ": utilization " +
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
      out += "  " + terminal_text(v.symptom) + ": " + word(v.before) + " -> " + word(v.after) + "\n" +
             wrap_text(terminal_text(v.summary_after), "    ", "    ", line_width);
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
    if (k.changes.empty() && !k.severity_changed()) continue;
    if (!header) out += "### Still present, with changed numbers\n\n| Finding | Before | After |\n|---|---|---|\n";
    header = true;
    std::string b, a;
    if (k.severity_changed()) {
      b += std::string(to_string(k.before->level));
      a += std::string(to_string(k.after->level));
    }
    for (const changed_metric& ch : k.changes) {
      if (!b.empty()) b += "<br>";
      if (!a.empty()) a += "<br>";
      b += ch.key + " " + markdown_text(metric_text(ch.before));
      a += ch.key + " " + markdown_text(metric_text(ch.after));
    }
    out += "| " + markdown_text(k.after->title) + " | " + b + " | " + a + " |\n";
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
