// The `analyze` JSON report of cli.md ("JSON report of analyze"), written by
// hand so that every byte is ours: numbers through orgflow/number.hpp (6
// decimals, half to even, trailing zeros dropped; durations in hours exactly
// from integer milliseconds), strings through json_string (all UTF-8, control
// characters escaped, invalid bytes as \ufffd), absent values as null.
//
// Layout (stable, 2-space indent): the top-level members and each finding's
// members one per line; a finding's `metrics`, each need row, each unit,
// process and group on one line; arrays always on one line. Members come in
// the order cli.md lists them. Every finding carries the same members:
// `code, severity, title, units, artifact, process, ref, path, metrics,
// recommendation`, where `artifact`, `process`, `ref` are null when the
// finding is not about one and `path` is null when it has no evidence path
// (as an undelivered need row's path is null). docs/findings.md documents it.
#include <algorithm>
#include <string>

#include "orgflow/number.hpp"
#include "orgflow/report.hpp"
#include "report/json_values.hpp"
#include "report/writer_common.hpp"

namespace orgflow {

namespace {

using report_detail::append_json_string;
using report_detail::json_bool;
using report_detail::json_hours;
using report_detail::json_metric;
using report_detail::json_opt_string;
using report_detail::json_string;
using report_detail::json_string_array;

void append_opt_string(std::string& out, const std::optional<std::string>& s) {
  if (s) append_json_string(out, *s);
  else out += "null";
}

void append_string_array(std::string& out, const std::vector<std::string>& v) {
  out += '[';
  for (std::size_t i = 0; i < v.size(); ++i) {
    if (i) out += ", ";
    append_json_string(out, v[i]);
  }
  out += ']';
}

void write_finding(std::string& out, const finding& f) {
  out += "    {\n      \"code\": ";
  append_json_string(out, f.code);
  out += ",\n      \"severity\": ";
  append_json_string(out, to_string(f.level));
  out += ",\n      \"title\": ";
  append_json_string(out, f.title);
  out += ",\n      \"units\": ";
  append_string_array(out, f.units);
  out += ",\n      \"artifact\": ";
  append_opt_string(out, f.artifact);
  out += ",\n      \"process\": ";
  append_opt_string(out, f.process);
  out += ",\n      \"ref\": ";
  append_opt_string(out, f.ref);
  out += ",\n      \"path\": ";
  if (f.path.empty()) out += "null";
  else append_string_array(out, f.path);
  out += ",\n      \"metrics\": {";
  for (std::size_t i = 0; i < f.metrics.size(); ++i) {
    if (i) out += ", ";
    append_json_string(out, f.metrics[i].first);
    out += ": ";
    out += json_metric(f.metrics[i].second);
  }
  out += "},\n      \"recommendation\": ";
  append_json_string(out, f.recommendation);
  if (f.accepted) {
    out += ",\n      \"accepted\": ";
    append_json_string(out, *f.accepted);
  }
  out += "\n    }";
}

// Member order of a need row: the list in cli.md's prose ("Each need row:
// unit, artifact, owner, implicit, source_handoff, own, delivered, ...").
void write_need(std::string& out, const need_row& n) {
  out += "    {\"unit\": ";
  append_json_string(out, n.unit);
  out += ", \"artifact\": ";
  append_json_string(out, n.artifact);
  out += ", \"owner\": ";
  append_json_string(out, n.owner);
  out += ", \"implicit\": ";
  out += json_bool(n.implicit);
  out += ", \"source_handoff\": ";
  append_opt_string(out, n.source_handoff);
  out += ", \"own\": ";
  out += json_bool(n.own);
  out += ", \"delivered\": ";
  out += json_bool(n.delivered);
  out += ", \"expected_lag_h\": ";
  out += json_hours(n.expected_lag);
  out += ", \"worst_lag_h\": ";
  out += json_hours(n.worst_lag);
  out += ", \"reliability\": ";
  out += format_number(n.reliability);
  out += ", \"tolerance_h\": ";
  out += json_hours(n.tolerance);
  out += ", \"outdated_share\": ";
  out += format_number(n.outdated_share);
  out += ", \"hops\": ";
  out += n.hops ? std::to_string(*n.hops) : std::string("null");
  // An undelivered need has no path and no flows (analyses.md, Exact rules).
  out += ", \"path\": ";
  if (n.delivered) append_string_array(out, n.path);
  else out += "null";
  out += ", \"flows\": ";
  if (n.delivered) append_string_array(out, n.flows);
  else out += "null";
  out += "}";
}

// Objects keyed by id are written in byte order of their keys whatever order
// the result holds them in, so the bytes never depend on it.
template <typename T, typename Key>
std::vector<const T*> sorted_by(const std::vector<T>& v, Key key) {
  std::vector<const T*> out;
  out.reserve(v.size());
  for (const auto& x : v) out.push_back(&x);
  std::stable_sort(out.begin(), out.end(), [&](const T* a, const T* b) { return key(*a) < key(*b); });
  return out;
}

template <typename T, typename Key, typename Body>
void write_keyed_object(std::string& out, const text_sink& sink, const char* name, const std::vector<T>& v, Key key,
                        Body body, bool last) {
  out += "  \"";
  out += name;
  out += "\": {";
  const auto rows = sorted_by(v, key);
  for (std::size_t i = 0; i < rows.size(); ++i) {
    out += i ? ",\n    " : "\n    ";
    out += json_string(key(*rows[i])) + ": {" + body(*rows[i]) + "}";
    report_detail::hand_out_large(out, sink);
  }
  out += rows.empty() ? "}" : "\n  }";
  out += last ? "\n" : ",\n";
}

}  // namespace

std::string write_analysis_json(const model& m, const analysis_result& r) {
  std::string all;
  all.reserve(1024 + r.findings.size() * 700 + r.needs.size() * 400 + r.units.size() * 160);
  write_analysis_json(m, r, [&all](std::string_view piece) { all += piece; });
  return all;
}

void write_analysis_json(const model& m, const analysis_result& r, const text_sink& sink) {
  const auto counts = report_detail::severity_counts(r);
  std::string out;
  out += "{\n";
  out += "  \"orgflow_report\": 2,\n";
  // The model's own `name`; null when it has none (absent values are null),
  // rather than the "(untitled model)" that people see in text and Markdown.
  out += "  \"model\": " + json_opt_string(m.name) + ",\n";
  out += "  \"summary\": {\"critical\": " + std::to_string(counts[0]) + ", \"warning\": " +
         std::to_string(counts[1]) + ", \"info\": " + std::to_string(counts[2]) + "},\n";
  if (r.has_accepted) out += "  \"accepted\": " + std::to_string(r.accepted) + ",\n";
  out += "  \"coverage\": {\"flows\": " + std::to_string(r.coverage.flows) +
         ", \"handoffs\": " + std::to_string(r.coverage.handoffs) + ", \"needs\": " +
         std::to_string(r.coverage.needs) + ", \"capacities\": " + std::to_string(r.coverage.capacities) + "},\n";
  if (r.filtered) out += "  \"filtered\": " + std::to_string(*r.filtered) + ",\n";

  out += "  \"findings\": [";
  bool any = false;
  for (const finding& f : r.findings) {
    if (f.hidden) continue;
    out += any ? ",\n" : "\n";
    any = true;
    write_finding(out, f);
    report_detail::hand_out_large(out, sink);
  }
  out += any ? "\n  ],\n" : "],\n";

  out += "  \"needs\": [";
  for (std::size_t i = 0; i < r.needs.size(); ++i) {
    out += i ? ",\n" : "\n";
    write_need(out, r.needs[i]);
    report_detail::hand_out_large(out, sink);
  }
  out += r.needs.empty() ? "],\n" : "\n  ],\n";

  write_keyed_object(
      out, sink, "units", r.units, [](const unit_metrics& u) -> const std::string& { return u.id; },
      [](const unit_metrics& u) {
        return "\"flows_in\": " + std::to_string(u.flows_in) + ", \"flows_out\": " + std::to_string(u.flows_out) +
               ", \"betweenness\": " + format_number(u.betweenness) + ", \"relays\": " + std::to_string(u.relays) +
               ", \"utilization\": " + format_number(u.utilization) + ", \"wait_h\": " + format_number(u.wait_h);
      },
      false);
  write_keyed_object(
      out, sink, "processes", r.processes, [](const process_metrics& p) -> const std::string& { return p.name; },
      [](const process_metrics& p) {
        return "\"handoffs\": " + std::to_string(p.handoffs) + ", \"units\": " + json_string_array(p.units) +
               ", \"loops\": " + std::to_string(p.loops) + ", \"critical_path\": " +
               (p.critical_path ? json_string_array(*p.critical_path) : std::string("null")) +
               ", \"critical_wait_h\": " + (p.critical_path ? json_hours(p.critical_wait) : std::string("null"));
      },
      false);
  write_keyed_object(
      out, sink, "groups", r.groups, [](const group_metrics& g) -> const std::string& { return g.id; },
      [](const group_metrics& g) {
        return "\"members\": " + json_string_array(g.members) + ", \"internal\": " + std::to_string(g.internal) +
               ", \"external\": " + std::to_string(g.external) + ", \"ei\": " + format_number(g.ei);
      },
      true);
  out += "}\n";
  sink(out);
}

}  // namespace orgflow
