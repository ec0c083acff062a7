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

// The summary: the headline, what to fix first, the verdicts and what the
// model covers.
void summary_markdown(const model& m, const analysis_result& r, const std::vector<diagnosis>& ds,
                      const document_options& o, std::string& out) {
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

  const coverage_text covers = model_covers(r);
  if (covers.notes.empty()) {
    out += markdown_text("What this model covers: " + covers.counts + ".") + "\n\n";
  } else {
    out += "**What this model covers:** " + markdown_text(covers.counts + ".") + "\n\n";
    for (const std::string& note : covers.notes) out += "> " + markdown_text(note) + "\n>\n";
    out.resize(out.size() - 2);
    out += "\n";
  }
}

// "Will training fix it?": each diagnosis with its causes, the risks near
// the performer and what the model does not say.
void training_markdown(const model_index& index, const std::vector<diagnosis>& ds, std::string& out) {
  if (ds.empty()) return;
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

// The findings detailed with their diagrams (added to `diagrams`), then the
// others listed, then the accepted ones.
void findings_markdown(const model_index& index, const analysis_result& r, const finding_plan& shown,
                       const std::vector<diagram>& drawn, const std::string& stem, std::string& out,
                       std::vector<document_file>& diagrams) {
  out += "## Findings\n\n";
  if (shown.open == 0) out += "No findings: as far as the model goes, information and work flow well.\n\n";
  if (const std::string line = top_sentence(shown); !line.empty()) out += markdown_text(line) + "\n\n";
  for (std::size_t k = 0; k < shown.top.size(); ++k) {
    const std::size_t i = shown.top[k];
    const finding& f = r.findings[i];
    out += "### " + std::to_string(i + 1) + ". " + markdown_text(f.title) + "\n\n";
    out += sev(f.level) + " `" + f.code + "`\n\n";
    const std::string evidence = evidence_words(index, r, f, markdown_text);
    if (!evidence.empty()) out += "Evidence: " + evidence + "\n\n";
    if (!f.recommendation.empty()) out += "What to do: " + markdown_text(f.recommendation) + "\n\n";
    if (drawn[k + 1].ok) {
      const std::string name = stem + "-finding-" + std::to_string(i + 1) + ".svg";
      diagrams.push_back({name, drawn[k + 1].svg});
      out += "![The evidence of finding " + std::to_string(i + 1) + "](" + name + ")\n\n";
    }
  }
  auto rows = [&](const std::vector<std::size_t>& which, bool reason) {
    std::string t = std::string("| # | Finding | ") + (reason ? "Why it is accepted" : "What to do") +
                    " |\n|---:|---|---|\n";
    for (std::size_t i : which) {
      const finding& f = r.findings[i];
      t += "| " + std::to_string(i + 1) + " | " + sev(f.level) + " " + markdown_text(f.title) + " | " +
           markdown_text(reason ? *f.accepted : f.recommendation) + " |\n";
    }
    return t + "\n";
  };
  if (!shown.listed.empty()) out += "### Other findings\n\n" + rows(shown.listed, false);
  if (const std::string line = unlisted_sentence(shown); !line.empty()) out += markdown_text(line) + "\n\n";
  if (!shown.accepted.empty())
    out += "### Accepted findings\n\n" + markdown_text(accepted_sentence(r, shown)) + "\n\n" + rows(shown.accepted, true);
}

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
  const finding_plan shown = plan_findings(r, o.top, o.list_limit);
  const std::vector<diagram> drawn = draw_all(m, report_views(r, o, shown), {}, o.jobs);
  if (drawn.front().bad_view) throw std::invalid_argument(drawn.front().error);

  out += "# " + markdown_text(m.display_name()) + "\n\n";
  out += "How information and work move between " + with_thousands(m.units.size()) +
         " units, and where that movement breaks. Report by orgflow.\n\n";

  summary_markdown(m, r, ds, o, out);
  out += "## The map\n\n";
  if (drawn.front().ok) {
    diagrams.push_back({stem + "-map.svg", drawn.front().svg});
    out += "![" + markdown_text(map_caption(r)) + "](" + stem + "-map.svg)\n\n";
  } else {
    out += markdown_text(drawn.front().error) + "\n\n";
  }

  training_markdown(index, ds, out);
  findings_markdown(index, r, shown, drawn, stem, out, diagrams);
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
