// Writers for `orgflow diagnose` (cli.md, JSON of diagnose): the JSON object
// per diagnosis, and the text and Markdown a manager reads: the verdict in
// one plain sentence, the causes ranked with their evidence paths, distance
// and recommendation, then what the model does not say, so the reader knows
// how far to trust it.
#include <string>
#include <vector>

#include "orgflow/number.hpp"
#include "orgflow/report.hpp"
#include "report/json_values.hpp"
#include "report/writer_common.hpp"

namespace orgflow {

namespace {

using namespace report_detail;

std::string distance_text(const model_index& index, const diagnosis& d, std::int64_t distance) {
  if (distance == 0) return "at " + index.unit_name(d.query.unit);
  if (distance == 1) return "1 step upstream";
  return std::to_string(distance) + " steps upstream";
}

// What each unknown means for the reader, and what to add to the model.
std::string unknown_advice(const std::string& unknown, const std::string& unit_name) {
  if (unknown == "no needs declared")
    return "no needs declared: say which information " + unit_name +
           " relies on (needs), so orgflow can check that it arrives, and fresh";
  if (unknown == "no capacity")
    return "no capacity: give " + unit_name + " a capacity (and staff), so orgflow can tell whether it is overloaded";
  if (unknown == "no inbound flows")
    return "no inbound flows: no information reaches " + unit_name +
           " in the model; map how it learns what it needs (meetings, e-mail, systems)";
  return unknown;
}

std::string severity_word(severity s) { return std::string(to_string(s)); }

// The width the terminal reports fill (as analyze's text report).
constexpr std::size_t line_width = 100;

}  // namespace

std::string diagnosis_json_object(const model& m, const analysis_result& r, const diagnosis& d) {
  (void)m;
  (void)r;
  std::string out = "{\n";
  out += "  \"symptom\": " + json_opt_string(d.query.symptom_id) + ",\n";
  out += "  \"unit\": " + json_string(d.query.unit) + ",\n";
  out += "  \"process\": " + json_opt_string(d.query.process) + ",\n";
  out += "  \"verdict\": " + json_string(std::string(to_string(d.result))) + ",\n";
  out += "  \"summary\": " + json_string(d.summary) + ",\n";
  out += "  \"scope\": " + json_string_array(d.scope) + ",\n";
  out += "  \"causes\": [";
  for (std::size_t i = 0; i < d.causes.size(); ++i) {
    const cause& c = d.causes[i];
    const finding& f = *c.source;
    out += i ? ",\n    " : "\n    ";
    out += "{\"code\": " + json_string(f.code) + ", \"severity\": " + json_string(severity_word(f.level)) +
           ", \"title\": " + json_string(f.title) + ", \"units\": " + json_string_array(f.units) +
           ", \"artifact\": " + json_opt_string(f.artifact) + ", \"process\": " + json_opt_string(f.process) +
           ", \"ref\": " + json_opt_string(f.ref) + ", \"finding\": " + std::to_string(c.finding_index + 1) +
           ", \"distance\": " + std::to_string(c.distance) + ", \"score\": " + format_number(c.score) +
           ", \"recommendation\": " + json_string(f.recommendation) + "}";
  }
  out += d.causes.empty() ? "],\n" : "\n  ],\n";
  out += "  \"unknowns\": " + json_string_array(d.unknowns) + "\n";
  out += "}";
  return out;
}

std::string write_diagnoses_json(const model& m, const analysis_result& r, const std::vector<diagnosis>& ds,
                                 bool as_array) {
  if (!as_array) return ds.empty() ? std::string("null\n") : diagnosis_json_object(m, r, ds.front()) + "\n";
  std::string out = "[";
  for (std::size_t i = 0; i < ds.size(); ++i) {
    out += i ? ",\n" : "\n";
    out += diagnosis_json_object(m, r, ds[i]);
  }
  out += ds.empty() ? "]\n" : "\n]\n";
  return out;
}

std::string write_diagnoses_text(const model& m, const analysis_result& r, const std::vector<diagnosis>& ds,
                                 const text_options& o) {
  const model_index index(m);
  auto paint = [&](const char* code, const std::string& s) {
    return o.color ? std::string("\x1b[") + code + "m" + s + "\x1b[0m" : s;
  };
  auto sev_code = [](severity s) { return s == severity::critical ? "1;31" : s == severity::warning ? "33" : "36"; };
  std::string out;
  for (std::size_t k = 0; k < ds.size(); ++k) {
    const diagnosis& d = ds[k];
    const std::string unit_name = terminal_text(index.unit_name(d.query.unit));
    if (k) out += "\n" + std::string(78, '-') + "\n\n";
    out += wrap_text(terminal_text(d.summary), "", "", line_width, [&](const std::string& l) { return paint("1", l); });
    std::string where = d.query.symptom_id ? "Symptom: " + terminal_text(*d.query.symptom_id) : "Unit: " + unit_name;
    if (d.query.process) where += ", process " + terminal_text(*d.query.process);
    where += ". Scope: " + std::to_string(d.scope.size()) + (d.scope.size() == 1 ? " unit" : " units") +
             " whose information or work reaches " + unit_name + ".";
    out += wrap_text(where, "", "", line_width);
    if (!d.causes.empty()) {
      out += "\nCauses, most likely first:\n";
      for (std::size_t i = 0; i < d.causes.size(); ++i) {
        const cause& c = d.causes[i];
        const finding& f = *c.source;
        const std::string number = std::to_string(i + 1) + ". ";
        const std::string indent(number.size() + 1, ' ');
        out += wrap_text("[" + severity_word(f.level) + "] " + terminal_text(f.title), " " + number, indent, line_width,
                         [&](const std::string& l) { return paint(sev_code(f.level), l); });
        out += wrap_text(distance_text(index, d, c.distance) + ", score " + format_number(c.score, 2) + ", " + f.code +
                             " (finding " + std::to_string(c.finding_index + 1) + ")",
                         indent, indent, line_width);
        const auto steps = evidence_path(index, r, f);
        if (!steps.empty())
          out += wrap_text(path_in_names(index, steps, terminal_text), indent + "Evidence: ", indent + "          ",
                           line_width);
        if (!f.recommendation.empty())
          out += wrap_text(terminal_text(f.recommendation), indent + "Do: ", indent + "    ", line_width);
      }
    }
    if (d.result == verdict::no_structural_cause && d.unknowns.empty()) {
      out += "\n" + wrap_text("Nothing in how information and work reach " + unit_name +
                                  " explains the problem, and the model declares its needs, a capacity and the "
                                  "flows into it, so it leaves out nothing the diagnosis looks at. Check the "
                                  "people's skills and knowledge: training may help.",
                              "", "", line_width);
    } else if (d.result == verdict::no_structural_cause) {
      out += "\n" + wrap_text("Nothing in how information and work reach " + unit_name +
                                  " explains the problem, as far as the model goes. Check the people's skills and "
                                  "knowledge, and check what the model does not say:",
                              "", "", line_width);
    } else if (!d.unknowns.empty()) {
      out += "\nWhat the model does not say about " + unit_name + ":\n";
    }
    for (const std::string& u : d.unknowns) out += wrap_text(unknown_advice(u, unit_name), "  - ", "    ", line_width);
  }
  return out;
}

std::string write_diagnoses_markdown(const model& m, const analysis_result& r, const std::vector<diagnosis>& ds) {
  const model_index index(m);
  std::string out;
  for (std::size_t k = 0; k < ds.size(); ++k) {
    const diagnosis& d = ds[k];
    const std::string unit_name = markdown_text(index.unit_name(d.query.unit));
    if (k) out += "\n";
    out += "## " + (d.query.description ? markdown_text(*d.query.description) : "Problem at " + unit_name) + "\n\n";
    out += "**" + markdown_text(d.summary) + "**\n\n";
    out += "Verdict: `" + std::string(to_string(d.result)) + "`. Scope: " + std::to_string(d.scope.size()) +
           (d.scope.size() == 1 ? " unit" : " units") + ".\n\n";
    if (!d.causes.empty()) {
      out += "| # | Severity | Cause | Where | Score | What to do |\n|---|---|---|---|---|---|\n";
      for (std::size_t i = 0; i < d.causes.size(); ++i) {
        const cause& c = d.causes[i];
        const finding& f = *c.source;
        std::string what = markdown_text(f.title);
        const auto steps = evidence_path(index, r, f);
        if (!steps.empty()) what += "<br>" + path_in_names(index, steps, markdown_text);
        out += "| " + std::to_string(i + 1) + " | " + severity_word(f.level) + " | " + what + " | " +
               markdown_text(distance_text(index, d, c.distance)) + " | " + format_number(c.score, 2) + " | " +
               markdown_text(f.recommendation) + " |\n";
      }
      out += "\n";
    }
    if (!d.unknowns.empty()) {
      out += "What the model does not say:\n\n";
      for (const std::string& u : d.unknowns) out += "- " + markdown_text(unknown_advice(u, index.unit_name(d.query.unit))) + "\n";
      out += "\n";
    }
  }
  return out;
}

}  // namespace orgflow
