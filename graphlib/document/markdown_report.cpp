// The leadership report as Markdown with its diagrams as SVG files beside it
// (see orgflow/document.hpp): the same sections as the HTML report, for a
// wiki or a document repository. Names pass through markdown_text, so a unit
// named `<img src=x onerror=alert(1)>` shows as those characters.
#include <string>

#include "document/report_parts.hpp"
#include "orgflow/document.hpp"
#include "orgflow/number.hpp"

namespace orgflow {

namespace {

using namespace document_detail;
using report_detail::markdown_text;
using report_detail::model_index;

std::string sev(severity s) { return "**" + std::string(to_string(s)) + "**"; }

}  // namespace

std::vector<document_file> write_markdown_report(const model& m, const analysis_result& r,
                                                 const std::vector<diagnosis>& ds, const std::string& stem,
                                                 const document_options& o) {
  const model_index index(m);
  // The Markdown is built apart from the list of files: pushing a diagram
  // may move the vector's elements, and a reference into it would dangle.
  std::string out;
  std::vector<document_file> diagrams;
  out += "# " + markdown_text(m.display_name()) + "\n\n";
  out += "How information and work move between " + std::to_string(m.units.size()) +
         " units, and where that movement breaks. Report by orgflow.\n\n";

  const summary_plan plan = plan_summary(m, r, ds);
  out += "## Summary\n\n**" + markdown_text(plan.headline) + "**\n\n";
  for (const std::string& v : plan.verdicts) out += markdown_text(v) + "\n\n";
  if (!plan.items.empty()) {
    out += "What to fix first:\n\n";
    for (std::size_t i = 0; i < plan.items.size(); ++i)
      out += std::to_string(i + 1) + ". " + sev(plan.items[i].level) + " **" + markdown_text(plan.items[i].title) +
             "** " + markdown_text(plan.items[i].recommendation) +
             (plan.items[i].more ? " " + markdown_text(plan.items[i].more_text()) : std::string()) + "\n";
    out += "\n";
  }

  out += "## The map\n\n";
  {
    render_options ro;
    ro.view = "map";
    ro.analysis = &r;
    const diagram d = draw_file(m, ro);
    if (d.ok) {
      diagrams.push_back({stem + "-map.svg", d.svg});
      out += "![" + markdown_text(map_caption(r)) + "](" + stem + "-map.svg)\n\n";
    } else {
      out += markdown_text(d.error) + "\n\n";
    }
  }

  if (!ds.empty()) {
    out += "## Will training fix it?\n\n";
    for (const diagnosis& d : ds) {
      out += "### " +
             markdown_text(d.query.description ? *d.query.description : "Problem at " + index.unit_name(d.query.unit)) +
             "\n\n**" + markdown_text(d.summary) + "**\n\n";
      if (!d.causes.empty()) {
        out += "| # | Cause | Kind | What to do |\n|---:|---|---|---|\n";
        for (std::size_t i = 0; i < d.causes.size(); ++i) {
          const cause& c = d.causes[i];
          out += "| " + std::to_string(i + 1) + " | " + sev(c.source->level) + " " + markdown_text(c.source->title) +
                 " | " + markdown_text(cause_words(index, d, c)) + " | " + markdown_text(c.source->recommendation) +
                 " |\n";
        }
        out += "\n";
      }
      if (!d.unknowns.empty())
        out += "What the model does not say about " + markdown_text(index.unit_name(d.performer)) + ": " +
               markdown_text(join_words(d.unknowns)) + ".\n\n";
    }
  }

  out += "## Findings\n\n";
  if (r.findings.empty()) out += "No findings: as far as the model goes, information and work flow well.\n\n";
  for (std::size_t i = 0; i < r.findings.size(); ++i) {
    const finding& f = r.findings[i];
    out += "### " + std::to_string(i + 1) + ". " + markdown_text(f.title) + "\n\n";
    out += sev(f.level) + " `" + f.code + "`\n\n";
    const std::string evidence = evidence_words(index, r, f, markdown_text);
    if (!evidence.empty()) out += "Evidence: " + evidence + "\n\n";
    if (!f.recommendation.empty()) out += "What to do: " + markdown_text(f.recommendation) + "\n\n";
    if (i < o.max_finding_diagrams) {
      render_options ro;
      ro.view = "finding:" + std::to_string(i + 1);
      ro.analysis = &r;
      const diagram d = draw_file(m, ro);
      if (d.ok) {
        const std::string name = stem + "-finding-" + std::to_string(i + 1) + ".svg";
        diagrams.push_back({name, d.svg});
        out += "![The evidence of finding " + std::to_string(i + 1) + "](" + name + ")\n\n";
      }
    }
  }

  out += "## Who needs what, and how fresh it arrives\n\n" + needs_table_markdown(index, r) + "\n";
  out += "## Load\n\n" + load_table_markdown(index, r) + "\n";
  out += "Lags are averages over time (half a batch interval of waiting per hop, plus latency); the outdated share "
         "is the chance that, at a random moment, the unit works from an outdated version. Utilization is work "
         "arriving over capacity; waits use the M/M/c queue.\n";
  std::vector<document_file> files;
  files.push_back({stem + ".md", std::move(out)});
  for (auto& d : diagrams) files.push_back(std::move(d));
  return files;
}

}  // namespace orgflow
