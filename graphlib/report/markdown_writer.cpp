// The Markdown report of `orgflow analyze --format md`, for pasting into a
// wiki page or a document: a heading with the verdict, a summary table,
// the findings by severity (title, evidence path in names, recommendation),
// then tables of needs (lags in days or hours, outdated share in %), of load
// (utilization, waits, relays) and of processes. Every name from the model
// goes through markdown_text, so `<img src=x onerror=alert(1)>` or a name
// with pipes shows as those characters and never breaks a table.
#include <cmath>
#include <string>
#include <vector>

#include "orgflow/number.hpp"
#include "orgflow/text.hpp"
#include "orgflow/report.hpp"
#include "report/writer_common.hpp"

namespace orgflow {

namespace {

using report_detail::markdown_text;

std::string title_case(severity s) {
  switch (s) {
    case severity::critical: return "Critical";
    case severity::warning: return "Warning";
    case severity::info: return "Info";
  }
  return "Info";
}

std::string names(const report_detail::model_index& index, const std::vector<std::string>& ids) {
  constexpr std::size_t shown = 12;
  std::string out;
  for (std::size_t i = 0; i < ids.size() && i < shown; ++i) {
    if (i) out += ", ";
    out += markdown_text(index.unit_name(ids[i]));
  }
  if (ids.size() > shown) out += " and " + std::to_string(ids.size() - shown) + " more";
  return out;
}

std::string evidence(const report_detail::model_index& index, const analysis_result& r, const finding& f) {
  const auto steps = report_detail::evidence_path(index, r, f);
  if (!steps.empty()) return "Path: " + report_detail::path_in_names(index, steps, markdown_text);
  {
    if (const flow* fl = report_detail::ref_flow(index, f))
      return "Flow: " + markdown_text(index.unit_name(fl->from)) + " \u2192 " + markdown_text(index.unit_name(fl->to)) +
             " (" + markdown_text(report_detail::hop_label(*fl)) + ")";
    if (const handoff* h = report_detail::ref_handoff(index, f)) {
      std::string s = "Handoff: " + markdown_text(index.unit_name(h->from)) + " \u21d2 " +
                      markdown_text(index.unit_name(h->to));
      if (h->process) s += " (" + markdown_text(*h->process) + ")";
      return s;
    }
  }
  if (f.units.empty()) return "";
  return (f.units.size() == 1 ? "Unit: " : "Units: ") + names(index, f.units);
}

std::string lag_cell(const std::optional<millis>& ms) { return ms ? human_duration(*ms) : "\u2013"; }

}  // namespace

std::string write_analysis_markdown(const model& m, const analysis_result& r) {
  std::string all;
  write_analysis_markdown(m, r, [&all](std::string_view piece) { all += piece; });
  return all;
}

namespace {

// The severity table, the needs in one line and what the model covers.
void summary_section(const analysis_result& r, const std::array<std::int64_t, 3>& counts, std::string& out) {
  out += "## Summary\n\n";
  out += "| Severity | Findings |\n| --- | ---: |\n";
  for (severity s : {severity::critical, severity::warning, severity::info})
    out += "| " + title_case(s) + " | " + std::to_string(counts[static_cast<std::size_t>(s)]) + " |\n";
  std::int64_t delivered = 0, missing = 0, stale = 0;
  for (const auto& n : r.needs) {
    if (n.own) continue;
    if (!n.delivered) ++missing;
    else {
      ++delivered;
      if (n.tolerance && n.worst_lag && *n.worst_lag > *n.tolerance) ++stale;
    }
  }
  out += "\n" + std::to_string(r.needs.size()) + " needs: " + std::to_string(delivered) + " delivered (" +
         std::to_string(stale) + " too late at worst), " + std::to_string(missing) + " with no route.\n";
  out += "\n" + report_detail::coverage_line(r.coverage) + "\n";
  for (const std::string& note : coverage_notes(r.coverage)) out += "\n> " + note + "\n";
  if (r.filtered) out += "\n" + report_detail::filtered_line(r) + "\n";
}

// Findings by severity, numbered as in `orgflow render --view finding:N`.
void findings_section(const report_detail::model_index& index, const analysis_result& r, std::string& out, const text_sink& sink) {
  if (!r.findings.empty()) out += "\n## Findings\n";
  for (severity s : {severity::critical, severity::warning, severity::info}) {
    const auto group = report_detail::findings_of(r, s);
    if (group.empty()) continue;
    out += "\n### " + title_case(s) + "\n\n";
    for (const auto& [number, f] : group) {
      // Numbered as in `orgflow render --view finding:N`.
      const std::string marker = std::to_string(number) + ". ";
      // Continuation lines indented by the marker's width, so that they stay
      // in the list item from "10. " on too.
      const std::string indent(marker.size(), ' ');
      out += marker + "**" + markdown_text(f->title) + "** (`" + f->code + "`)";
      const std::string ev = evidence(index, r, *f);
      if (!ev.empty()) out += "  \n" + indent + ev;
      if (!f->recommendation.empty()) out += "  \n" + indent + "*What to do:* " + markdown_text(f->recommendation);
      out += "\n";
      report_detail::hand_out_large(out, sink);
    }
  }
}

void accepted_section(const analysis_result& r, std::string& out) {
  const auto accepted = report_detail::accepted_findings(r);
  if (!accepted.empty()) {
    out += "\n## Accepted (not counted above)\n\n";
    for (const auto& [number, f] : accepted) {
      const std::string marker = std::to_string(number) + ". ";
      const std::string indent(marker.size(), ' ');
      out += marker + "**" + markdown_text(f->title) + "** (`" + f->code + "`, " + std::string(to_string(f->level)) +
             ")  \n" + indent + "*Accepted:* " + markdown_text(*f->accepted) + "\n";
    }
  }
}

void needs_section(const report_detail::model_index& index, const analysis_result& r, std::string& out, const text_sink& sink) {
  if (!r.needs.empty()) {
    out += "\n## Needs\n\n";
    out += "| Unit | Artifact | Owner | Expected lag | Worst lag | Tolerance | Outdated | Reliability | Path |\n";
    out += "| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | --- |\n";
    for (const auto& n : r.needs) {
      std::string artifact = markdown_text(index.artifact_name(n.artifact));
      if (n.implicit) artifact += " (implied by handoff " + markdown_text(n.source_handoff.value_or("?")) + ")";
      std::string path;
      if (n.own) path = "held by its owner";
      else if (!n.delivered) path = "**no route**";
      else {
        for (std::size_t i = 0; i < n.path.size(); ++i) path += (i ? " \u2192 " : "") + markdown_text(index.unit_name(n.path[i]));
      }
      out += "| " + markdown_text(index.unit_name(n.unit)) + " | " + artifact + " | " +
             markdown_text(index.unit_name(n.owner)) + " | " + lag_cell(n.expected_lag) + " | " +
             lag_cell(n.worst_lag) + " | " + lag_cell(n.tolerance) + " | " +
             (n.outdated_share ? human_percent(*n.outdated_share) : "\u2013") + " | " +
             (n.reliability ? human_percent(*n.reliability) : "\u2013") + " | " + path + " |\n";
      report_detail::hand_out_large(out, sink);
    }
  }
}

void load_section(const report_detail::model_index& index, const analysis_result& r, std::string& out) {
  bool any_load = false;
  for (const auto& u : r.units) any_load = any_load || u.utilization || u.relays > 0;
  if (any_load) {
    out += "\n## Load\n\n";
    out += "| Unit | Utilization | Wait before work starts | Relays | Flows in | Flows out |\n";
    out += "| --- | ---: | ---: | ---: | ---: | ---: |\n";
    for (const auto& u : r.units) {
      if (!u.utilization && u.relays == 0) continue;
      std::string wait = "\u2013";
      if (u.wait_h) wait = human_hours(*u.wait_h);
      else if (u.utilization && *u.utilization >= 1) wait = "grows without bound";
      out += "| " + markdown_text(index.unit_name(u.id)) + " | " + (u.utilization ? human_percent(*u.utilization) : "\u2013") +
             " | " + wait + " | " + std::to_string(u.relays) + " | " + std::to_string(u.flows_in) + " | " +
             std::to_string(u.flows_out) + " |\n";
    }
  }
}

void processes_section(const report_detail::model_index& index, const analysis_result& r, std::string& out) {
  if (!r.processes.empty()) {
    out += "\n## Processes\n\n";
    out += "| Process | Handoffs | Units | Loops | Critical path | Critical wait |\n";
    out += "| --- | ---: | ---: | ---: | --- | ---: |\n";
    for (const auto& p : r.processes) {
      std::string path = "\u2013";
      if (p.critical_path) {
        path.clear();
        for (std::size_t i = 0; i < p.critical_path->size(); ++i)
          path += (i ? " \u21d2 " : "") + markdown_text(index.unit_name((*p.critical_path)[i]));
      }
      out += "| " + markdown_text(p.name) + " | " + std::to_string(p.handoffs) + " | " + std::to_string(p.units.size()) +
             " | " + std::to_string(p.loops) + " | " + path + " | " +
             (p.critical_path && p.critical_wait ? human_duration(*p.critical_wait) : "\u2013") + " |\n";
    }
  }
}

}  // namespace

void write_analysis_markdown(const model& m, const analysis_result& r, const text_sink& sink) {
  const report_detail::model_index index(m);
  const auto counts = report_detail::severity_counts(r);
  std::string out;
  out += "# Analysis of " + markdown_text(m.display_name()) + "\n\n";
  std::string phrase = report_detail::findings_phrase(counts);
  phrase[0] = static_cast<char>(phrase[0] == 'n' ? 'N' : phrase[0]);
  out += phrase + ".\n\n";
  summary_section(r, counts, out);
  findings_section(index, r, out, sink);
  accepted_section(r, out);
  needs_section(index, r, out, sink);
  load_section(index, r, out);
  processes_section(index, r, out);
  sink(out);
}

}  // namespace orgflow
