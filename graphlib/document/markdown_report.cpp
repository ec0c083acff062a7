// The leadership report as Markdown with its diagrams as SVG files beside it
// (see orgflow/document.hpp): the same sections as the HTML report, for a
// wiki or a document repository. Names pass through markdown_text, so a unit
// named `<img src=x onerror=alert(1)>` shows as those characters.
#include <stdexcept>
#include <string>

#include "document/people_parts.hpp"
#include "document/report_parts.hpp"
#include "orgflow/document.hpp"
#include "orgflow/io.hpp"
#include "orgflow/number.hpp"
#include "report/diagnosis_words.hpp"

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

  // Every diagram, laid out side by side: the map, then the top findings'.
  std::vector<render_options> views;
  render_options map;
  map.view = o.view;
  map.layout = o.layout;
  map.analysis = &r;
  views.push_back(map);
  const std::size_t top = std::min(o.top, r.findings.size());
  for (std::size_t i = 0; i < top; ++i) {
    render_options ro;
    ro.view = "finding:" + std::to_string(i + 1);
    ro.analysis = &r;
    views.push_back(ro);
  }
  const std::vector<diagram> drawn = draw_all(m, views, {}, o.jobs);
  if (drawn.front().bad_view) throw std::invalid_argument(drawn.front().error);

  out += "# " + markdown_text(m.display_name()) + "\n\n";
  out += "How information and work move between " + with_thousands(m.units.size()) +
         " units, and where that movement breaks. Report by orgflow.\n\n";

  const summary_plan plan = plan_summary(m, r, ds, o.people);
  out += "## Summary\n\n**" + markdown_text(plan.headline) + "**\n\n";
  if (!plan.items.empty()) {
    out += "What to fix first:\n\n";
    for (std::size_t i = 0; i < plan.items.size(); ++i)
      out += std::to_string(i + 1) + ". " + sev(plan.items[i].level) + " **" + markdown_text(plan.items[i].title) +
             "** " + markdown_text(plan.items[i].recommendation) +
             (plan.items[i].more ? " " + markdown_text(plan.items[i].more_text()) : std::string()) + "\n";
    out += "\n";
  }
  for (const std::string& v : plan.verdicts) out += markdown_text(v) + "\n\n";
  if (plan.more_verdicts)
    out += markdown_text(with_thousands(plan.more_verdicts) +
                         (plan.more_verdicts == 1 ? " more problem is" : " more problems are") +
                         " diagnosed under \"Will training fix it?\".") +
           "\n\n";

  out += "## The map\n\n";
  if (drawn.front().ok) {
    diagrams.push_back({stem + "-map.svg", drawn.front().svg});
    out += "![" + markdown_text(map_caption(r)) + "](" + stem + "-map.svg)\n\n";
  } else {
    out += markdown_text(drawn.front().error) + "\n\n";
  }

  if (!ds.empty()) {
    out += "## Will training fix it?\n\n";
    for (const diagnosis& d : ds) {
      const std::string p = index.unit_name(d.performer), u = index.unit_name(d.query.unit);
      out += "### " + markdown_text(d.query.description ? *d.query.description : "Problem at " + u) + "\n\n**" +
             markdown_text(d.summary) + "**\n\n";
      std::string verdict = report_detail::verdict_line(d);
      if (d.performer != d.query.unit) verdict += " The people proposed for training: " + p + ".";
      out += markdown_text(verdict) + "\n\n";
      if (!d.causes.empty()) {
        out += "| # | Cause | Category | Link | What to do |\n|---:|---|---|---|---|\n";
        for (std::size_t i = 0; i < d.causes.size() && i < causes_shown; ++i) {
          const cause& c = d.causes[i];
          out += "| " + std::to_string(i + 1) + " | " + sev(c.source->level) + " " + markdown_text(c.source->title) +
                 " (finding " + std::to_string(c.finding_index + 1) + (c.source->accepted ? ", accepted" : "") +
                 ") | " + std::string(to_string(c.category())) + " | " + markdown_text(cause_words(index, d, c)) +
                 " | " + markdown_text(c.source->recommendation) + " |\n";
        }
        out += "\n";
        if (d.causes.size() > causes_shown) out += markdown_text(more_causes(d)) + "\n\n";
      }
      if (!d.context.empty()) {
        out += markdown_text("Risks near " + p + " that are not causes:") + "\n\n";
        for (std::size_t i = 0; i < d.context.size() && i < causes_shown; ++i) {
          const context_entry& c = d.context[i];
          out += "- " + sev(c.source->level) + " " + markdown_text(c.source->title) + " (" + c.source->code +
                 ", finding " + std::to_string(c.finding_index + 1) + ")\n";
        }
        out += "\n";
        if (d.context.size() > causes_shown) out += markdown_text(more_context(d)) + "\n\n";
      }
      if (!d.unknowns.empty()) {
        out += markdown_text("What the model does not say about " + p + ":") + "\n\n";
        for (const std::string& x : d.unknowns) out += "- " + markdown_text(report_detail::unknown_advice(x, p)) + "\n";
        out += "\n";
      }
    }
  }

  out += "## Findings\n\n";
  if (r.findings.empty()) out += "No findings: as far as the model goes, information and work flow well.\n\n";
  if (top < r.findings.size())
    out += "The " + with_thousands(top) + " most serious of " + with_thousands(r.findings.size()) +
           " findings in detail, each with its evidence on a diagram; the others after them.\n\n";
  for (std::size_t i = 0; i < top; ++i) {
    const finding& f = r.findings[i];
    out += "### " + std::to_string(i + 1) + ". " + markdown_text(f.title) + "\n\n";
    out += sev(f.level) + " `" + f.code + "`\n\n";
    const std::string evidence = evidence_words(index, r, f, markdown_text);
    if (!evidence.empty()) out += "Evidence: " + evidence + "\n\n";
    if (!f.recommendation.empty()) out += "What to do: " + markdown_text(f.recommendation) + "\n\n";
    if (drawn[i + 1].ok) {
      const std::string name = stem + "-finding-" + std::to_string(i + 1) + ".svg";
      diagrams.push_back({name, drawn[i + 1].svg});
      out += "![The evidence of finding " + std::to_string(i + 1) + "](" + name + ")\n\n";
    }
  }
  const finding_list rest = rest_of_findings(r, top, o.list_limit);
  if (!rest.listed.empty()) {
    out += "### Other findings\n\n| # | Finding | What to do |\n|---:|---|---|\n";
    for (std::size_t i : rest.listed)
      out += "| " + std::to_string(i + 1) + " | " + sev(r.findings[i].level) + " " + markdown_text(r.findings[i].title) +
             " | " + markdown_text(r.findings[i].recommendation) + " |\n";
    out += "\n";
  }
  if (!rest.unlisted.empty()) {
    std::vector<std::string> parts;
    std::size_t n = 0;
    for (const auto& [code, count] : rest.unlisted) {
      parts.push_back(with_thousands(count) + " " + code);
      n += count;
    }
    out += markdown_text("And " + with_thousands(n) + " more findings: " + join_words(parts) +
                         ". orgflow analyze MODEL lists them all.") +
           "\n\n";
  }

  if (o.people) {
    std::string picture;
    try {
      const std::string svg = render_ties(people_picture(*o.people), output_format::svg);
      picture = stem + "-people.svg";
      diagrams.push_back({picture, svg});
    } catch (const environment_error&) {
      picture.clear();  // the section says what it can without the picture
    }
    out += people_section_markdown(*o.people, picture) + "\n";
  }

  out += "## Who needs what, and how fresh it arrives\n\n" + needs_table_markdown(index, r, o.table_limit) + "\n";
  out += "## Load\n\n" + load_table_markdown(index, r, o.table_limit) + "\n";
  out += "Lags are averages over time (half a batch interval of waiting per hop, plus latency); the outdated share "
         "is the chance that, at a random moment, the unit works from an outdated version. Utilization is work "
         "arriving over capacity; waits use the M/M/c queue.\n";
  std::vector<document_file> files;
  files.push_back({stem + ".md", std::move(out)});
  for (auto& d : diagrams) files.push_back(std::move(d));
  return files;
}

}  // namespace orgflow
