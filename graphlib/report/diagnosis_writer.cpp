// Writers for `orgflow diagnose` (cli.md, "JSON of diagnose", version 2): the
// JSON object per diagnosis (with its plan when asked), and the text and
// Markdown an L&D lead or a director reads. The text names the performer and
// the verdict in its first sentence, groups the causes by category in plain
// words (each with its evidence and what to do), then the risks near the
// performer that are not causes, then what the model does not say, then the
// plan. Every count it prints is the length of the list it prints.
#include <array>
#include <string>
#include <vector>

#include "orgflow/number.hpp"
#include "orgflow/plan.hpp"
#include "orgflow/report.hpp"
#include "orgflow/text.hpp"
#include "report/diagnosis_words.hpp"
#include "report/json_values.hpp"
#include "report/writer_common.hpp"

namespace orgflow {

namespace {

using namespace report_detail;

std::string severity_word(severity s) { return std::string(to_string(s)); }

// The width the terminal reports fill (as analyze's text report).
constexpr std::size_t line_width = 100;

std::string json_number_array(const std::vector<std::size_t>& v) {
  std::string out = "[";
  for (std::size_t i = 0; i < v.size(); ++i) out += (i ? ", " : "") + std::to_string(v[i]);
  return out + "]";
}

std::string indent_lines(const std::string& text, const std::string& pad) {
  std::string out;
  std::size_t start = 0;
  while (start < text.size()) {
    const std::size_t end = text.find('\n', start);
    const std::size_t stop = end == std::string::npos ? text.size() : end;
    if (stop > start) out += pad;
    out.append(text, start, stop - start);
    if (end == std::string::npos) break;
    out += '\n';
    start = end + 1;
  }
  return out;
}

std::string diagnosis_object(const diagnosis& d, const plan* p) {
  std::string out = "{\n";
  out += "  \"symptom\": " + json_opt_string(d.query.symptom_id) + ",\n";
  out += "  \"unit\": " + json_string(d.query.unit) + ",\n";
  out += "  \"performer\": " + json_string(d.performer) + ",\n";
  out += "  \"process\": " + json_opt_string(d.query.process) + ",\n";
  out += "  \"verdict\": " + json_string(std::string(to_string(d.result))) + ",\n";
  out += "  \"summary\": " + json_string(d.summary) + ",\n";
  out += "  \"causes\": [";
  for (std::size_t i = 0; i < d.causes.size(); ++i) {
    const cause& c = d.causes[i];
    const finding& f = *c.source;
    out += i ? ",\n    " : "\n    ";
    out += "{\"code\": " + json_string(f.code) + ", \"severity\": " + json_string(severity_word(f.level)) +
           ", \"link\": " + json_string(std::string(to_string(c.link))) +
           ", \"category\": " + json_string(std::string(to_string(c.category()))) +
           ", \"named\": " + json_bool(c.named) + ", \"units\": " + json_string_array(f.units) +
           ", \"artifact\": " + json_opt_string(f.artifact) + ", \"process\": " + json_opt_string(f.process) +
           ", \"ref\": " + json_opt_string(f.ref) + ", \"finding\": " + std::to_string(c.finding_index + 1) +
           ", \"title\": " + json_string(f.title) + ", \"recommendation\": " + json_string(f.recommendation) +
           (f.accepted ? ", \"accepted\": " + json_string(*f.accepted) : std::string()) + "}";
  }
  out += d.causes.empty() ? "],\n" : "\n  ],\n";
  out += "  \"context\": [";
  for (std::size_t i = 0; i < d.context.size(); ++i) {
    const finding& f = *d.context[i].source;
    out += i ? ",\n    " : "\n    ";
    out += "{\"code\": " + json_string(f.code) + ", \"severity\": " + json_string(severity_word(f.level)) +
           ", \"units\": " + json_string_array(f.units) + ", \"artifact\": " + json_opt_string(f.artifact) +
           ", \"process\": " + json_opt_string(f.process) + ", \"ref\": " + json_opt_string(f.ref) +
           ", \"finding\": " + std::to_string(d.context[i].finding_index + 1) + ", \"title\": " + json_string(f.title) +
           (f.accepted ? ", \"accepted\": " + json_string(*f.accepted) : std::string()) + "}";
  }
  out += d.context.empty() ? "],\n" : "\n  ],\n";
  out += "  \"unknowns\": " + json_string_array(d.unknowns);
  if (p) {
    out += ",\n  \"plan\": {\n    \"changes\": " + json_string_array(p->changes) + ",\n";
    out += "    \"unremovable\": " + json_number_array(p->unremovable) + ",\n";
    out += "    \"after\": " + indent_lines(diagnosis_object(p->after, nullptr), "    ").substr(4) + "\n  }";
  }
  out += "\n}";
  return out;
}

// One cause for the terminal: its rank, severity and title, then where it
// comes from, its evidence path and what to do.
std::string cause_text(const model_index& index, const analysis_result& r, const cause& c, std::size_t rank,
                       const text_options& o) {
  const finding& f = *c.source;
  auto paint = [&](const char* code, const std::string& s) {
    return o.color ? std::string("\x1b[") + code + "m" + s + "\x1b[0m" : s;
  };
  const char* colour = f.level == severity::critical ? "1;31" : f.level == severity::warning ? "33" : "36";
  const std::string number = std::to_string(rank) + ". ";
  const std::string indent(2 + number.size(), ' ');
  std::string out = wrap_text("[" + severity_word(f.level) + "] " + terminal_text(f.title), "  " + number, indent,
                              line_width, [&](const std::string& l) { return paint(colour, l); });
  out += wrap_text(f.code + ", finding " + std::to_string(c.finding_index + 1) +
                       (c.named ? "; about what the symptom names" : "") +
                       (f.accepted ? "; accepted: " + terminal_text(*f.accepted) : ""),
                   indent, indent, line_width);
  const auto steps = evidence_path(index, r, f);
  if (!steps.empty())
    out += wrap_text(path_in_names(index, steps, terminal_text), indent + "Evidence: ", indent + "          ",
                     line_width);
  if (!f.recommendation.empty())
    out += wrap_text(terminal_text(f.recommendation), indent + "Do: ", indent + "    ", line_width);
  return out;
}

// The causes grouped by category (ranks kept), the risks nearby, the
// unknowns: the body of one diagnosis in text.
std::string diagnosis_body_text(const model& m, const analysis_result& r, const diagnosis& d, const text_options& o) {
  const model_index index(m);
  const std::string p = terminal_text(index.unit_name(d.performer));
  const std::string u = terminal_text(index.unit_name(d.query.unit));
  std::string out;
  out += wrap_text(verdict_line(d), "", "", line_width);
  for (cause_category cat : cause_categories) {
    std::vector<std::size_t> ranks;
    bool at_u = false;
    for (std::size_t i = 0; i < d.causes.size(); ++i)
      if (d.causes[i].category() == cat) {
        ranks.push_back(i);
        at_u = at_u || at_symptom(d.causes[i].link);
      }
    if (ranks.empty()) continue;
    out += "\n" + category_heading(cat, p, u, at_u) + " (" + std::to_string(ranks.size()) + "):\n";
    for (std::size_t i : ranks) out += cause_text(index, r, d.causes[i], i + 1, o);
  }
  if (!d.context.empty()) {
    out += "\nRisks near " + p + " (not causes) (" + std::to_string(d.context.size()) + "):\n";
    for (const context_entry& c : d.context)
      out += wrap_text("[" + severity_word(c.source->level) + "] " + terminal_text(c.source->title) + " (" +
                           c.source->code + ", finding " + std::to_string(c.finding_index + 1) + ")",
                       "  - ", "    ", line_width);
  }
  if (!d.unknowns.empty()) {
    out += "\nWhat the model does not say about " + p + " (" + std::to_string(d.unknowns.size()) + "):\n";
    for (const std::string& x : d.unknowns) out += wrap_text(unknown_advice(x, p), "  - ", "    ", line_width);
  } else if (d.result == verdict::no_structural_cause) {
    out += "\n" + wrap_text("The model declares what " + p +
                                " needs, its capacity, the flows into it and the work it hands on: it leaves out "
                                "nothing the diagnosis looks at.",
                            "", "", line_width);
  }
  return out;
}

std::string plan_text(const plan& pl, const diagnosis& before, const text_options& o) {
  std::string out = "\nWhat it would take (" + count_of(static_cast<std::int64_t>(pl.changes.size()), "change", "changes") +
                    ", checked by diagnosing the changed model):\n";
  for (std::size_t i = 0; i < pl.changes.size(); ++i)
    out += "  " + std::to_string(i + 1) + ". orgflow whatif MODEL " + terminal_text(shell_ready_change(pl.changes[i])) + "\n";
  if (pl.changes.empty()) out += "  (no change: none of the causes can be removed by a change to the model)\n";
  out += "\nAfter " + std::string(pl.changes.size() == 1 ? "this change" : "these changes") + ":\n";
  out += wrap_text(terminal_text(pl.after.summary), "  ", "  ", line_width);
  out += indent_lines(diagnosis_body_text(pl.changed, pl.after_result, pl.after, o), "  ");
  if (!pl.unremovable.empty()) {
    out += "\nWhat no change removes (" + std::to_string(pl.unremovable.size()) + "):\n";
    for (std::size_t n : pl.unremovable) {
      for (const cause& c : before.causes) {
        if (c.finding_index + 1 != n) continue;
        const std::string why = c.source->code == "PROCESS.LOOP"
                                    ? "Rework is a process decision: agree on what a complete hand-over contains."
                                    : "The receiver accepts no format: agree on one with it.";
        out += wrap_text(terminal_text(c.source->title) + " (finding " + std::to_string(n) + "). " + why, "  - ",
                         "    ", line_width);
      }
    }
  }
  return out;
}

}  // namespace

std::string diagnosis_json_object(const model& m, const analysis_result& r, const diagnosis& d) {
  (void)m;
  (void)r;
  return diagnosis_object(d, nullptr);
}

std::string write_diagnoses_json(const model& m, const analysis_result& r, const std::vector<diagnosis>& ds,
                                 bool as_array, const plan* p) {
  (void)m;
  (void)r;
  if (!as_array) return ds.empty() ? std::string("null\n") : diagnosis_object(ds.front(), p) + "\n";
  std::string out = "{\"diagnoses\": [";
  for (std::size_t i = 0; i < ds.size(); ++i) {
    out += i ? ",\n" : "\n";
    out += diagnosis_object(ds[i], nullptr);
  }
  out += ds.empty() ? "]}\n" : "\n]}\n";
  return out;
}

std::string write_diagnoses_text(const model& m, const analysis_result& r, const std::vector<diagnosis>& ds,
                                 const text_options& o, const plan* p) {
  const model_index index(m);
  auto paint = [&](const char* code, const std::string& s) {
    return o.color ? std::string("\x1b[") + code + "m" + s + "\x1b[0m" : s;
  };
  std::string out;
  for (std::size_t k = 0; k < ds.size(); ++k) {
    const diagnosis& d = ds[k];
    if (k) out += "\n" + std::string(78, '-') + "\n\n";
    out += wrap_text(terminal_text(d.summary), "", "", line_width, [&](const std::string& l) { return paint("1", l); });
    std::string where = d.query.symptom_id ? "Symptom " + terminal_text(*d.query.symptom_id) + " at "
                                           : "A problem at ";
    where += terminal_text(index.unit_name(d.query.unit));
    if (d.performer != d.query.unit) where += "; the people proposed for training: " + terminal_text(index.unit_name(d.performer));
    if (d.query.process) where += "; process " + terminal_text(*d.query.process);
    if (!d.query.artifacts.empty()) {
      std::vector<std::string> names;
      for (const std::string& a : d.query.artifacts) names.push_back(terminal_text(index.artifact_name(a)));
      where += "; it names " + join_words(names);
    }
    out += wrap_text(where + ".", "", "", line_width);
    out += diagnosis_body_text(m, r, d, o);
    if (p && k == 0) out += plan_text(*p, d, o);
  }
  return out;
}

std::string write_diagnoses_markdown(const model& m, const analysis_result& r, const std::vector<diagnosis>& ds,
                                     const plan* p) {
  // `diagnose --all` on a model without symptoms: say so, as the text does.
  if (ds.empty()) return markdown_text(m.display_name()) + " declares no symptom to diagnose.\n";
  const model_index index(m);
  std::string out;
  auto cause_rows = [&](const model_index& idx, const analysis_result& res, const diagnosis& d) {
    std::string rows = "| # | Severity | Category | Cause | What to do |\n|---|---|---|---|---|\n";
    for (std::size_t i = 0; i < d.causes.size(); ++i) {
      const cause& c = d.causes[i];
      const finding& f = *c.source;
      std::string what = markdown_text(f.title);
      const auto steps = evidence_path(idx, res, f);
      if (!steps.empty()) what += "<br>" + path_in_names(idx, steps, markdown_text);
      rows += "| " + std::to_string(i + 1) + " | " + severity_word(f.level) + " | " +
              std::string(to_string(c.category())) + " | " + what + " | " + markdown_text(f.recommendation) + " |\n";
    }
    return rows + "\n";
  };
  for (std::size_t k = 0; k < ds.size(); ++k) {
    const diagnosis& d = ds[k];
    const std::string perf = markdown_text(index.unit_name(d.performer));
    if (k) out += "\n";
    out += "## " + (d.query.description ? markdown_text(*d.query.description) : "Problem at " + markdown_text(index.unit_name(d.query.unit))) + "\n\n";
    out += "**" + markdown_text(d.summary) + "**\n\n";
    out += "Verdict: `" + std::string(to_string(d.result)) + "`. Performer: " + perf + ". " +
           count_of(static_cast<std::int64_t>(d.structural_causes()), "cause", "causes") + " to fix first.\n\n";
    if (!d.causes.empty()) out += cause_rows(index, r, d);
    if (!d.context.empty()) {
      out += "Risks near " + perf + " (not causes):\n\n";
      for (const context_entry& c : d.context)
        out += "- " + markdown_text(c.source->title) + " (" + c.source->code + ", finding " +
               std::to_string(c.finding_index + 1) + ")\n";
      out += "\n";
    }
    if (!d.unknowns.empty()) {
      out += "What the model does not say:\n\n";
      for (const std::string& u : d.unknowns) out += "- " + markdown_text(unknown_advice(u, index.unit_name(d.performer))) + "\n";
      out += "\n";
    }
    if (p && k == 0) {
      out += "### What it would take\n\n";
      for (std::size_t i = 0; i < p->changes.size(); ++i)
        out += std::to_string(i + 1) + ". `orgflow whatif MODEL " + shell_ready_change(p->changes[i]) + "`\n";
      if (p->changes.empty()) out += "No change to the model removes these causes.\n";
      const model_index after_index(p->changed);
      out += "\nAfter the changes: **" + markdown_text(p->after.summary) + "**\n\n";
      if (!p->after.causes.empty()) out += cause_rows(after_index, p->after_result, p->after);
      if (!p->unremovable.empty()) {
        out += "What no change removes: ";
        for (std::size_t i = 0; i < p->unremovable.size(); ++i)
          out += (i ? ", " : "") + std::string("finding ") + std::to_string(p->unremovable[i]);
        out += " (rework is a process decision; a receiver that accepts no format needs an agreement).\n";
      }
    }
  }
  return out;
}

}  // namespace orgflow
