// The leadership report as one self-contained HTML file (see
// orgflow/document.hpp). Everything a model says is text here, never markup:
// names pass through html_text(); diagrams are Graphviz SVG, which escapes
// names itself, stripped of comments and with ids made unique per diagram
// before they are inlined. The file has no script and a Content-Security-
// Policy of `default-src 'none'` (styles inline only), so it can load nothing.
#include <algorithm>
#include <map>
#include <set>
#include <stdexcept>
#include <string>

#include "document/report_parts.hpp"
#include "orgflow/document.hpp"
#include "orgflow/io.hpp"
#include "orgflow/number.hpp"
#include "orgflow/render.hpp"
#include "report/writer_common.hpp"

namespace orgflow {

namespace {

using namespace document_detail;
using report_detail::model_index;

const char* const css = R"(
:root { --ink:#1f2933; --muted:#52606d; --line:#d9e2ec; --crit:#b42318; --warn:#b54708; --info:#175cd3; }
* { box-sizing: border-box; }
body { font-family: "Liberation Sans", Arial, Helvetica, sans-serif; color: var(--ink); margin: 0 auto;
       max-width: 1100px; padding: 24px 32px 64px; line-height: 1.45; }
h1 { font-size: 28px; margin: 0 0 4px; }
h2 { font-size: 21px; margin: 36px 0 10px; padding-bottom: 4px; border-bottom: 2px solid var(--line); }
h3 { font-size: 17px; margin: 22px 0 6px; }
.sub { color: var(--muted); margin: 0 0 18px; }
.verdict { font-size: 18px; font-weight: bold; }
.summary { background: #f5f7fa; border-left: 6px solid var(--crit); padding: 14px 20px; margin: 16px 0; }
.summary.ok { border-left-color: #067647; }
.summary ol { margin: 8px 0 0; padding-left: 22px; }
.summary li { margin: 6px 0; }
.badge { display: inline-block; font-size: 12px; font-weight: bold; text-transform: uppercase; color: #fff;
         border-radius: 4px; padding: 1px 7px; margin-right: 6px; vertical-align: 1px; }
.critical { background: var(--crit); } .warning { background: var(--warn); } .info { background: var(--info); }
.finding { border: 1px solid var(--line); border-radius: 6px; padding: 10px 16px; margin: 12px 0; break-inside: avoid; }
.finding .title { font-weight: bold; }
.evidence { color: var(--muted); }
.todo { margin-top: 4px; }
.todo::before { content: "What to do: "; font-weight: bold; }
figure { margin: 12px 0; text-align: center; }
figure svg { max-width: 100%; height: auto; }
figcaption { color: var(--muted); font-size: 13px; }
table { border-collapse: collapse; width: 100%; font-size: 13px; margin: 8px 0; }
th, td { border-bottom: 1px solid var(--line); padding: 4px 6px; text-align: left; vertical-align: top; }
th { background: #f5f7fa; }
td.num { text-align: right; white-space: nowrap; }
.note { color: var(--muted); font-size: 13px; }
@media print { body { padding: 0; max-width: none; } h2 { break-after: avoid; } figure { break-inside: avoid; } }
)";

std::string badge(severity s) {
  const std::string w(to_string(s));
  return "<span class=\"badge " + w + "\">" + w + "</span>";
}

std::string figure(const std::string& svg, const std::string& caption) {
  return "<figure>" + svg + "<figcaption>" + html_text(caption) + "</figcaption></figure>\n";
}

}  // namespace

std::string write_html_report(const model& m, const analysis_result& r, const std::vector<diagnosis>& ds,
                              const document_options& o) {
  const model_index index(m);
  const std::string title = m.display_name();
  std::string out;
  out.reserve(1 << 16);
  out += "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n";
  out += "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; "
         "img-src data:\">\n";
  out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  out += "<title>" + html_text(title) + " \u2014 orgflow report</title>\n<style>" + std::string(css) +
         "</style>\n</head>\n<body>\n";
  out += "<h1>" + html_text(title) + "</h1>\n";
  out += "<p class=\"sub\">How information and work move between " + std::to_string(m.units.size()) +
         " units, and where that movement breaks. Report by orgflow.</p>\n";

  // Executive summary.
  const summary_plan plan = plan_summary(m, r, ds);
  out += std::string("<section class=\"summary") + (plan.items.empty() ? " ok" : "") + "\">\n";
  out += "<p class=\"verdict\">" + html_text(plan.headline) + "</p>\n";
  for (const std::string& line : plan.verdicts) out += "<p>" + html_text(line) + "</p>\n";
  if (!plan.items.empty()) {
    out += "<p><b>What to fix first:</b></p>\n<ol>\n";
    for (const summary_item& it : plan.items) {
      out += "<li>" + badge(it.level) + "<b>" + html_text(it.title) + "</b> " + html_text(it.recommendation);
      if (it.more) out += " <span class=\"note\">" + html_text(it.more_text()) + "</span>";
      out += "</li>\n";
    }
    out += "</ol>\n";
  }
  out += "</section>\n";

  // The map.
  out += "<h2>The map</h2>\n";
  {
    render_options ro;
    ro.view = "map";
    ro.analysis = &r;
    const diagram d = draw(m, ro, "map");
    out += d.ok ? figure(d.svg, map_caption(r)) : "<p class=\"note\">" + html_text(d.error) + "</p>\n";
  }

  // Diagnoses.
  if (!ds.empty()) {
    out += "<h2>Will training fix it?</h2>\n";
    for (const diagnosis& d : ds) {
      out += "<h3>" + html_text(d.query.description ? *d.query.description : "Problem at " + index.unit_name(d.query.unit)) +
             "</h3>\n";
      out += "<p><b>" + html_text(d.summary) + "</b></p>\n";
      if (!d.causes.empty()) {
        out += "<table><tr><th>#</th><th>Cause</th><th>Kind</th><th>What to do</th></tr>\n";
        for (std::size_t i = 0; i < d.causes.size(); ++i) {
          const cause& c = d.causes[i];
          out += "<tr><td class=\"num\">" + std::to_string(i + 1) + "</td><td>" + badge(c.source->level) +
                 html_text(c.source->title) + "</td><td>" + html_text(cause_words(index, d, c)) + "</td><td>" +
                 html_text(c.source->recommendation) + "</td></tr>\n";
        }
        out += "</table>\n";
      }
      if (!d.unknowns.empty()) {
        out += "<p class=\"note\">What the model does not say about " + html_text(index.unit_name(d.performer)) +
               ": " + html_text(join_words(d.unknowns)) + ".</p>\n";
      }
    }
  }

  // Findings, each with its focus diagram.
  out += "<h2>Findings</h2>\n";
  if (r.findings.empty()) out += "<p>No findings: as far as the model goes, information and work flow well.</p>\n";
  for (std::size_t i = 0; i < r.findings.size(); ++i) {
    const finding& f = r.findings[i];
    out += "<div class=\"finding\" id=\"finding-" + std::to_string(i + 1) + "\">\n";
    out += "<div class=\"title\">" + std::to_string(i + 1) + ". " + badge(f.level) + html_text(f.title) + "</div>\n";
    const std::string evidence = evidence_words(index, r, f, html_text);
    if (!evidence.empty()) out += "<div class=\"evidence\">" + evidence + "</div>\n";
    if (!f.recommendation.empty()) out += "<div class=\"todo\">" + html_text(f.recommendation) + "</div>\n";
    if (i < o.max_finding_diagrams) {
      render_options ro;
      ro.view = "finding:" + std::to_string(i + 1);
      ro.analysis = &r;
      const diagram d = draw(m, ro, "f" + std::to_string(i + 1));
      if (d.ok) out += figure(d.svg, "The evidence of finding " + std::to_string(i + 1) + " (" + f.code + ")");
    }
    out += "</div>\n";
  }
  if (r.findings.size() > o.max_finding_diagrams)
    out += "<p class=\"note\">Diagrams are drawn for the first " + std::to_string(o.max_finding_diagrams) +
           " findings; draw any other with <code>orgflow render MODEL --view finding:N -o finding.svg</code>.</p>\n";

  // Tables.
  out += "<h2>Who needs what, and how fresh it arrives</h2>\n";
  out += needs_table_html(index, r);
  out += "<h2>Load</h2>\n";
  out += load_table_html(index, r);
  out += "<p class=\"note\">Lags are averages over time (half a batch interval of waiting per hop, plus latency); "
         "the outdated share is the chance that, at a random moment, the unit works from an outdated version. "
         "Utilization is work arriving over capacity; waits use the M/M/c queue.</p>\n";
  out += "</body>\n</html>\n";
  return out;
}

}  // namespace orgflow
