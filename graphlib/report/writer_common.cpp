// Helpers shared by the JSON, text and Markdown writers (see
// writer_common.hpp): counts, and evidence paths in names.
#include "report/writer_common.hpp"

#include <functional>

#include <algorithm>
#include <tuple>

#include "orgflow/number.hpp"
#include "orgflow/quantity.hpp"
#include "orgflow/report.hpp"
#include "orgflow/text.hpp"

namespace orgflow::report_detail {

std::array<std::int64_t, 3> severity_counts(const analysis_result& r) {
  std::array<std::int64_t, 3> c{0, 0, 0};
  for (const auto& f : r.findings)
    if (!f.hidden && !f.accepted) ++c[static_cast<std::size_t>(f.level)];
  return c;
}

std::string findings_phrase(const std::array<std::int64_t, 3>& c) {
  const std::int64_t total = c[0] + c[1] + c[2];
  if (total == 0) return "no findings";
  std::string out = std::to_string(total) + (total == 1 ? " finding (" : " findings (");
  bool first = true;
  auto part = [&](std::int64_t n, const char* one, const char* many) {
    if (n == 0) return;
    if (!first) out += ", ";
    first = false;
    out += std::to_string(n) + " " + (n == 1 ? one : many);
  };
  part(c[0], "critical", "critical");
  part(c[1], "warning", "warnings");
  part(c[2], "info", "info");
  out += ")";
  return out;
}

model_index::model_index(const model& m) : model_(&m) {
  for (const auto& u : m.units) units_.add(u.id, &u);
  for (const auto& a : m.artifacts) artifacts_.add(a.id, &a);
  for (const auto& f : m.flows) flows_.add(f.id, &f);
  for (const auto& h : m.handoffs) handoffs_.add(h.id, &h);
}

const std::string& model_index::unit_name(const std::string& id) const {
  const unit* u = units_.find(id);
  return u ? u->display_name() : id;
}

const std::string& model_index::artifact_name(const std::string& id) const {
  const artifact* a = artifacts_.find(id);
  return a ? a->display_name() : id;
}

const flow* model_index::find_flow(const std::string& id) const { return flows_.find(id); }

const handoff* model_index::find_handoff(const std::string& id) const { return handoffs_.find(id); }

const flow* ref_flow(const model_index& index, const finding& f) {
  return f.ref && f.ref_type == ref_kind::flow ? index.find_flow(*f.ref) : nullptr;
}

const handoff* ref_handoff(const model_index& index, const finding& f) {
  return f.ref && f.ref_type == ref_kind::handoff ? index.find_handoff(*f.ref) : nullptr;
}

std::vector<path_step> evidence_path(const model_index& index, const analysis_result& r, const finding& f) {
  (void)r;  // the finding carries the flows the analysis chose
  std::vector<path_step> steps;
  for (std::size_t i = 0; i < f.path.size(); ++i) {
    path_step s{f.path[i], nullptr};
    if (i > 0 && i - 1 < f.path_flows.size()) s.via = index.find_flow(f.path_flows[i - 1]);
    steps.push_back(std::move(s));
  }
  return steps;
}

std::string hop_label(const flow& f) {
  std::string out = human_cadence(f.cadence_ms());
  if (f.latency_ms() > 0) out += ", " + human_duration(f.latency_ms()) + " delay";
  return out;
}

std::string coverage_counts(const model_coverage& c) {
  return count_of(c.flows, "information flow", "information flows") + ", " +
         count_of(c.handoffs, "handoff", "handoffs") + " of work, " + count_of(c.needs, "need", "needs") + ", " +
         count_of(c.capacities, "unit", "units") + " with a capacity";
}

std::string coverage_line(const model_coverage& c) { return "Coverage: " + coverage_counts(c) + "."; }

std::vector<std::pair<std::size_t, const finding*>> findings_of(const analysis_result& r, severity s) {
  std::vector<std::pair<std::size_t, const finding*>> out;
  for (std::size_t i = 0; i < r.findings.size(); ++i)
    if (r.findings[i].level == s && !r.findings[i].hidden && !r.findings[i].accepted)
      out.emplace_back(i + 1, &r.findings[i]);
  return out;
}

std::vector<std::pair<std::size_t, const finding*>> accepted_findings(const analysis_result& r) {
  std::vector<std::pair<std::size_t, const finding*>> out;
  for (std::size_t i = 0; i < r.findings.size(); ++i)
    if (!r.findings[i].hidden && r.findings[i].accepted) out.emplace_back(i + 1, &r.findings[i]);
  return out;
}

std::string filtered_line(const analysis_result& r) {
  if (!r.filtered) return "";
  return "Filtered: " + count_of(*r.filtered, "finding", "findings") +
         " left out of this report (numbers are those of the whole report).";
}

std::string wrap_text(std::string_view text, const std::string& first, const std::string& rest, std::size_t line_width,
                      const std::function<std::string(const std::string&)>& paint_line) {
  // Words are views into `text`: a report can hold 100,000 findings, and a
  // string per word made wrapping the slowest part of the writer.
  const std::string_view all = text;
  std::string out;
  std::string line;
  std::size_t width = display_width(first);
  const std::string* prefix = &first;
  auto flush = [&] {
    out += *prefix;
    out += paint_line ? paint_line(line) : line;
    out += '\n';
    prefix = &rest;
    width = display_width(rest);
    line.clear();
  };
  std::size_t i = 0;
  while (i < all.size()) {
    while (i < all.size() && all[i] == ' ') ++i;
    std::size_t j = i;
    while (j < all.size() && all[j] != ' ') ++j;
    if (j == i) break;
    const std::string_view w = all.substr(i, j - i);
    i = j;
    const std::size_t ww = display_width(w);
    if (!line.empty() && width + 1 + ww > line_width) flush();
    if (!line.empty()) { line += ' '; ++width; }
    line.append(w.data(), w.size());
    width += ww;
  }
  if (!line.empty() || out.empty()) flush();
  return out;
}

}  // namespace orgflow::report_detail

namespace orgflow {

std::vector<std::string> coverage_notes(const model_coverage& c) {
  std::vector<std::string> out;
  if (c.flows == 0 && c.handoffs == 0)
    out.emplace_back("This model shows neither how information moves nor how work does: add information flows (or "
                     "import communication data) and handoffs (or import a process model or an event log).");
  else if (c.flows == 0)
    out.emplace_back("This model shows how work moves, not how information does: add information flows or import "
                     "communication data to find information gaps.");
  else if (c.handoffs == 0)
    out.emplace_back("This model shows how information moves, not how work does: add handoffs (or import a process "
                     "model or an event log) to find waits, rework and missing feedback.");
  if (c.needs == 0)
    out.emplace_back("This model says nothing about which unit needs which information: add needs to find "
                     "information that never arrives or arrives too late.");
  if (c.capacities == 0)
    out.emplace_back("No unit in this model has a capacity: add capacities where work piles up to find overload.");
  return out;
}

}  // namespace orgflow
