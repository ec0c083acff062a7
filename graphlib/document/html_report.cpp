// The leadership report as one self-contained HTML file (see
// orgflow/document.hpp). Everything a model says is text here, never markup:
// names pass through html_text(); diagrams are Graphviz SVG, which escapes
// names itself, stripped of comments and with ids made unique per diagram
// before they are inlined. The file has no script and a Content-Security-
// Policy of `default-src 'none'` (styles inline only), so it can load nothing;
// its diagrams zoom with radio buttons and CSS.
//
// The report is a sequence of sections, each written by its own function
// below, so that a section can be added between two others without touching
// them (a note on what the model covers belongs right after the summary).
#include <algorithm>
#include <map>
#include <set>
#include <stdexcept>
#include <string>

#include "document/people_parts.hpp"
#include "document/report_parts.hpp"
#include "orgflow/document.hpp"
#include "orgflow/io.hpp"
#include "orgflow/number.hpp"
#include "orgflow/render.hpp"
#include "report/diagnosis_words.hpp"
#include "report/writer_common.hpp"

namespace orgflow {

namespace {

using namespace document_detail;
using report_detail::model_index;

// What to fix first, in at most five lines, whatever the model's size.
std::string summary_section(const summary_plan& plan) {
  std::string out = std::string("<section class=\"summary") + (plan.items.empty() ? " ok" : "") + "\">\n";
  out += "<p class=\"verdict\">" + html_text(plan.headline) + "</p>\n";
  if (!plan.items.empty()) {
    out += "<p><b>What to fix first:</b></p>\n<ol>\n";
    for (const summary_item& it : plan.items) {
      out += "<li>" + badge(it.level) + "<b>" + html_text(it.title) + "</b> <span class=\"todo-inline\">" +
             html_text(it.recommendation) + "</span>";
      if (it.more) out += " <span class=\"note\">" + html_text(it.more_text()) + "</span>";
      out += "</li>\n";
    }
    out += "</ol>\n";
  }
  for (const std::string& line : plan.verdicts) out += "<p>" + html_text(line) + "</p>\n";
  if (plan.more_verdicts)
    out += "<p class=\"note\">" +
           html_text(with_thousands(plan.more_verdicts) + (plan.more_verdicts == 1 ? " more problem is" : " more problems are") +
                     " diagnosed under \"Will training fix it?\".") +
           "</p>\n";
  return out + "</section>\n";
}

std::string map_section(const analysis_result& r, const diagram& d) {
  std::string out = "<h2>The map</h2>\n";
  out += d.ok ? zoomable_figure(d, "map", map_caption(r)) : "<p class=\"note\">" + html_text(d.error) + "</p>\n";
  return out;
}

// Each symptom's diagnosis (version 2): the verdict, the causes grouped by
// category (ranks kept, at most causes_shown), the risks near the performer
// that are not causes, and what the model does not say.
std::string diagnoses_section(const model_index& index, const std::vector<diagnosis>& ds) {
  if (ds.empty()) return {};
  std::string out = "<h2>Will training fix it?</h2>\n";
  for (const diagnosis& d : ds) {
    const std::string p = index.unit_name(d.performer), u = index.unit_name(d.query.unit);
    out += "<h3>" + html_text(d.query.description ? *d.query.description : "Problem at " + u) + "</h3>\n";
    out += "<p><b>" + html_text(d.summary) + "</b></p>\n";
    std::string verdict = report_detail::verdict_line(d);
    if (d.performer != d.query.unit) verdict += " The people proposed for training: " + p + ".";
    out += "<p>" + html_text(verdict) + "</p>\n";
    for (const cause_category cat : report_detail::cause_categories) {
      std::vector<std::size_t> ranks;
      bool at_u = false;
      for (std::size_t i = 0; i < d.causes.size() && i < causes_shown; ++i)
        if (d.causes[i].category() == cat) {
          ranks.push_back(i);
          at_u = at_u || report_detail::at_symptom(d.causes[i].link);
        }
      if (ranks.empty()) continue;
      out += "<h4>" + html_text(report_detail::category_heading(cat, p, u, at_u)) + "</h4>\n";
      out += "<table><tr><th>#</th><th>Cause</th><th>Link</th><th>What to do</th></tr>\n";
      for (const std::size_t i : ranks) {
        const cause& c = d.causes[i];
        out += "<tr><td class=\"num\">" + std::to_string(i + 1) + "</td><td>" + badge(c.source->level) +
               html_text(c.source->title) + " <span class=\"note\">(finding " +
               std::to_string(c.finding_index + 1) + (c.source->accepted ? ", accepted" : "") + ")</span></td><td>" +
               html_text(cause_words(index, d, c)) + "</td><td>" + html_text(c.source->recommendation) +
               "</td></tr>\n";
      }
      out += "</table>\n";
    }
    if (d.causes.size() > causes_shown) out += "<p class=\"note\">" + html_text(more_causes(d)) + "</p>\n";
    if (!d.context.empty()) {
      out += "<p>" + html_text("Risks near " + p + " that are not causes:") + "</p>\n<ul>\n";
      for (std::size_t i = 0; i < d.context.size() && i < causes_shown; ++i) {
        const context_entry& c = d.context[i];
        out += "<li>" + badge(c.source->level) + html_text(c.source->title) + " <span class=\"note\">(" +
               html_text(c.source->code) + ", finding " + std::to_string(c.finding_index + 1) + ")</span></li>\n";
      }
      out += "</ul>\n";
      if (d.context.size() > causes_shown)
        out += "<p class=\"note\">" + html_text(more_context(d)) + "</p>\n";
    }
    if (!d.unknowns.empty()) {
      out += "<p class=\"note\">" + html_text("What the model does not say about " + p + ":") + "</p>\n<ul class=\"note\">\n";
      for (const std::string& x : d.unknowns) out += "<li>" + html_text(report_detail::unknown_advice(x, p)) + "</li>\n";
      out += "</ul>\n";
    }
  }
  return out;
}

// What the model covers, on the first screen: the counts in one line, and a
// note per missing layer (issue 10: a report of a model without flows must
// not read as "no problem found").
std::string coverage_section(const analysis_result& r) {
  const coverage_text c = model_covers(r);
  if (c.notes.empty()) return "<p class=\"note\">" + html_text("What this model covers: " + c.counts + ".") + "</p>\n";
  std::string out =
      "<section class=\"covers\">\n<p><b>What this model covers:</b> " + html_text(c.counts + ".") + "</p>\n<ul>\n";
  for (const std::string& note : c.notes) out += "<li>" + html_text(note) + "</li>\n";
  return out + "</ul>\n</section>\n";
}

// The top findings, each with its focus diagram; the others one line each;
// the accepted ones apart.
std::string findings_section(const model_index& index, const analysis_result& r, const finding_plan& plan,
                             const std::vector<diagram>& focus) {
  std::string out = "<h2>Findings</h2>\n";
  if (plan.open == 0)
    out += "<p>No findings: as far as the model goes, information and work flow well.</p>\n";
  if (const std::string line = top_sentence(plan); !line.empty()) out += "<p class=\"note\">" + html_text(line) + "</p>\n";
  for (std::size_t k = 0; k < plan.top.size(); ++k) {
    const std::size_t i = plan.top[k];
    const finding& f = r.findings[i];
    out += "<div class=\"finding\" id=\"finding-" + std::to_string(i + 1) + "\">\n";
    out += "<div class=\"title\">" + std::to_string(i + 1) + ". " + badge(f.level) + html_text(f.title) + "</div>\n";
    const std::string evidence = evidence_words(index, r, f, html_text);
    if (!evidence.empty()) out += "<div class=\"evidence\">" + evidence + "</div>\n";
    if (!f.recommendation.empty()) out += "<div class=\"todo\">" + html_text(f.recommendation) + "</div>\n";
    if (k < focus.size() && focus[k].ok)
      out += zoomable_figure(focus[k], "f" + std::to_string(i + 1),
                             "The evidence of finding " + std::to_string(i + 1) + " (" + f.code + ")");
    out += "</div>\n";
  }
  auto rows = [&](const std::vector<std::size_t>& which, bool reason) {
    std::string t = std::string("<table><tr><th>#</th><th>Finding</th><th>") + (reason ? "Why it is accepted" : "What to do") +
                    "</th></tr>\n";
    for (std::size_t i : which) {
      const finding& f = r.findings[i];
      t += "<tr id=\"finding-" + std::to_string(i + 1) + "\"><td class=\"num\">" + std::to_string(i + 1) + "</td><td>" +
           badge(f.level) + html_text(f.title) + "</td><td>" + html_text(reason ? *f.accepted : f.recommendation) +
           "</td></tr>\n";
    }
    return t + "</table>\n";
  };
  if (!plan.listed.empty()) out += "<h3>Other findings</h3>\n" + rows(plan.listed, false);
  if (const std::string line = unlisted_sentence(plan); !line.empty())
    out += "<p class=\"note\">" + html_text(line) + "</p>\n";
  if (!plan.accepted.empty())
    out += "<h3>Accepted findings</h3>\n<p class=\"note\">" + html_text(accepted_sentence(r, plan)) + "</p>\n" +
           rows(plan.accepted, true);
  return out;
}

std::string tables_section(const model_index& index, const analysis_result& r, const document_options& o) {
  std::string out = "<h2>Who needs what, and how fresh it arrives</h2>\n";
  out += needs_table_html(index, r, o.table_limit);
  out += "<h2>Load</h2>\n";
  out += load_table_html(index, r, o.table_limit);
  out += "<p class=\"note\">Lags are averages over time (half a batch interval of waiting per hop, plus latency); "
         "the outdated share is the chance that, at a random moment, the unit works from an outdated version. "
         "Utilization is work arriving over capacity; waits use the M/M/c queue.</p>\n";
  return out;
}

}  // namespace

std::string write_html_report(const model& m, const analysis_result& r, const std::vector<diagnosis>& ds,
                              const document_options& o) {
  const model_index index(m);
  const std::string title = m.display_name();

  // Every diagram of the report, laid out side by side: the map, then the
  // focus view of each top finding.
  const finding_plan plan = plan_findings(r, o.top, o.list_limit);
  std::vector<std::string> prefixes{"map"};
  for (const std::size_t i : plan.top) prefixes.push_back("f" + std::to_string(i + 1));
  std::vector<diagram> drawn = draw_all(m, report_views(r, o, plan), prefixes, o.jobs);
  // The map's view is the user's choice: a view that does not exist is their error.
  if (drawn.front().bad_view) throw std::invalid_argument(drawn.front().error);
  const std::vector<diagram> focus(drawn.begin() + 1, drawn.end());

  std::string out;
  out.reserve(1 << 16);
  out += html_head(title + " \u2014 orgflow report");
  out += "<h1>" + html_text(title) + "</h1>\n";
  out += "<p class=\"sub\">How information and work move between " + with_thousands(m.units.size()) +
         " units, and where that movement breaks. Report by orgflow.</p>\n";
  out += summary_section(plan_summary(m, r, ds, o.people));
  out += coverage_section(r);
  out += map_section(r, drawn.front());
  out += diagnoses_section(index, ds);
  out += findings_section(index, r, plan, focus);
  if (o.people) out += people_section_html(*o.people, 2);
  out += tables_section(index, r, o);
  out += "</body>\n</html>\n";
  return out;
}

}  // namespace orgflow
