// The terminal report of `orgflow analyze` (issue 3): a one-line verdict,
// then the findings grouped by severity, each with its title, its evidence
// (a delivery path in names with each hop's cadence and latency, or the flow,
// handoff or units it is about) and its recommendation, then one line on the
// needs. Lines are wrapped at word boundaries to fit 100 columns; ANSI
// colours only when text_options.color is set (the tool decides: a terminal
// and no NO_COLOR). Names are shown without control characters, so a unit
// name cannot move the cursor or recolour the screen.
#include <algorithm>
#include <string>
#include <vector>

#include "orgflow/number.hpp"
#include "orgflow/text.hpp"
#include "orgflow/report.hpp"
#include "report/writer_common.hpp"

namespace orgflow {

namespace {

using report_detail::display_width;
using report_detail::terminal_text;

constexpr std::size_t line_width = 100;

struct painter {
  bool on = false;
  std::string operator()(const char* code, const std::string& s) const {
    return on ? std::string("\x1b[") + code + "m" + s + "\x1b[0m" : s;
  }
};

// Splits on spaces and fills lines up to `line_width` columns: the first line
// starts with `first`, the others with `rest` (both counted in the width). A
// word longer than a line stays whole on its own line: nothing is cut
// mid-word. `paint` colours each line's text, not its indentation.
std::string wrap(const std::string& text, const std::string& first, const std::string& rest,
                 const painter& paint, const char* code) {
  if (!code) return report_detail::wrap_text(text, first, rest, line_width);
  return report_detail::wrap_text(text, first, rest, line_width,
                                  [&](const std::string& line) { return paint(code, line); });
}

std::string severity_heading(severity s) {
  switch (s) {
    case severity::critical: return "CRITICAL";
    case severity::warning: return "WARNING";
    case severity::info: return "INFO";
  }
  return "INFO";
}

const char* severity_colour(severity s) {
  switch (s) {
    case severity::critical: return "1;31";
    case severity::warning: return "1;33";
    case severity::info: return "1;36";
  }
  return "1";
}

std::string names_list(const report_detail::model_index& index, const std::vector<std::string>& ids) {
  // A GAP.SPLIT can concern thousands of units: name the first few.
  constexpr std::size_t shown = 8;
  std::string out;
  for (std::size_t i = 0; i < ids.size() && i < shown; ++i) {
    if (i) out += ", ";
    out += terminal_text(index.unit_name(ids[i]));
  }
  if (ids.size() > shown) out += " and " + std::to_string(ids.size() - shown) + " more";
  return out;
}

// What the finding is about, in names: its delivery path, else the flow or
// handoff it names, else its units.
std::pair<std::string, std::string> evidence_line(const report_detail::model_index& index,
                                                  const analysis_result& r, const finding& f) {
  const auto steps = report_detail::evidence_path(index, r, f);
  if (!steps.empty()) return {"Path", report_detail::path_in_names(index, steps, terminal_text)};
  {
    if (const flow* fl = report_detail::ref_flow(index, f)) {
      return {"Flow", terminal_text(index.unit_name(fl->from)) + " \u2192 " + terminal_text(index.unit_name(fl->to)) +
                          " (" + terminal_text(report_detail::hop_label(*fl)) + ")"};
    }
    if (const handoff* h = report_detail::ref_handoff(index, f)) {
      std::string s = terminal_text(index.unit_name(h->from)) + " \u21d2 " + terminal_text(index.unit_name(h->to));
      std::vector<std::string> notes;
      if (h->process) notes.push_back(terminal_text(*h->process));
      if (h->item) notes.push_back(terminal_text(*h->item));
      if (h->wait_ms() > 0) notes.push_back("waits " + human_duration(h->wait_ms()));
      if (!notes.empty()) {
        s += " (";
        for (std::size_t i = 0; i < notes.size(); ++i) s += (i ? ", " : "") + notes[i];
        s += ")";
      }
      return {"Handoff", s};
    }
  }
  if (f.units.empty()) return {"", ""};
  return {f.units.size() == 1 ? "Unit" : "Units", names_list(index, f.units)};
}

}  // namespace

std::string write_analysis_text(const model& m, const analysis_result& r, const text_options& o) {
  std::string all;
  write_analysis_text(m, r, o, [&all](std::string_view piece) { all += piece; });
  return all;
}

void write_analysis_text(const model& m, const analysis_result& r, const text_options& o, const text_sink& sink) {
  const painter paint{o.color};
  const report_detail::model_index index(m);
  const auto counts = report_detail::severity_counts(r);
  std::string out;

  std::string verdict = terminal_text(m.display_name()) + ": " + report_detail::findings_phrase(counts);
  const auto accepted = report_detail::accepted_findings(r);
  if (!accepted.empty())
    verdict += ", and " + count_of(static_cast<std::int64_t>(accepted.size()), "accepted finding", "accepted findings") +
               " listed last";
  verdict += ".";
  out += wrap(verdict, "", "", paint, "1");
  out += wrap(report_detail::coverage_line(r.coverage), "", "", paint, nullptr);
  for (const std::string& note : coverage_notes(r.coverage)) out += wrap(note, "", "", paint, nullptr);
  if (r.filtered) out += wrap(report_detail::filtered_line(r), "", "", paint, nullptr);

  const std::size_t number_width = std::to_string(std::max<std::size_t>(r.findings.size(), 1)).size();
  for (severity s : {severity::critical, severity::warning, severity::info}) {
    const auto group = report_detail::findings_of(r, s);
    if (group.empty()) continue;
    out += "\n" + paint(severity_colour(s), severity_heading(s) + " (" + std::to_string(group.size()) + ")") + "\n";
    for (const auto& [number, f] : group) {
      std::string num = std::to_string(number);
      const std::string head = "  " + std::string(number_width - num.size(), ' ') + num + ". ";
      const std::string indent(display_width(head), ' ');
      out += "\n";
      out += wrap(terminal_text(f->title), head, indent, paint, "1");
      out += indent + paint("2", terminal_text(f->code)) + "\n";
      const auto [label, evidence] = evidence_line(index, r, *f);
      if (!label.empty()) {
        const std::string lead = indent + label + ": ";
        out += wrap(evidence, lead, std::string(display_width(lead), ' '), paint, nullptr);
      }
      if (!f->recommendation.empty()) {
        const std::string lead = indent + "Do: ";
        out += wrap(terminal_text(f->recommendation), lead, std::string(display_width(lead), ' '), paint, nullptr);
      }
      report_detail::hand_out_large(out, sink);
    }
  }

  if (!accepted.empty()) {
    out += "\n" + paint("1", "ACCEPTED (" + std::to_string(accepted.size()) + ", not counted above)") + "\n";
    for (const auto& [number, f] : accepted) {
      std::string num = std::to_string(number);
      const std::string head = "  " + std::string(number_width - std::min(num.size(), number_width), ' ') + num + ". ";
      const std::string indent(display_width(head), ' ');
      out += "\n";
      out += wrap("[" + std::string(to_string(f->level)) + "] " + terminal_text(f->title), head, indent, paint, nullptr);
      out += indent + paint("2", terminal_text(f->code)) + "\n";
      const std::string lead = indent + "Accepted: ";
      out += wrap(terminal_text(*f->accepted), lead, std::string(display_width(lead), ' '), paint, nullptr);
    }
  }

  std::int64_t declared = 0, implicit = 0, own = 0, delivered = 0, missing = 0;
  for (const auto& n : r.needs) {
    (n.implicit ? implicit : declared) += 1;
    if (n.own) ++own;
    else if (n.delivered) ++delivered;
    else ++missing;
  }
  if (!r.needs.empty()) {
    std::string line = "Needs: " + std::to_string(r.needs.size()) + " (" + std::to_string(declared) + " declared, " +
                       std::to_string(implicit) + " implied by handoffs); " + std::to_string(delivered) +
                       " delivered, " + std::to_string(missing) + " with no route";
    if (own) line += ", " + std::to_string(own) + " held by their owner";
    out += "\n" + wrap(line + ".", "", "       ", paint, nullptr);
  } else {
    out += "\n" + wrap("Needs: none declared, so no delivery or staleness was judged.", "", "       ", paint, nullptr);
  }
  sink(out);
}

}  // namespace orgflow
