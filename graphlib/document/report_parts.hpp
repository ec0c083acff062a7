// Pieces shared by the HTML and Markdown leadership reports: the plan of the
// executive summary, diagrams drawn by the render layer and made safe to
// inline, HTML escaping, and the prose of distances and evidence. Internal to
// graphlib/document.
#pragma once

#include <string>
#include <vector>

#include "orgflow/analysis.hpp"
#include "orgflow/diagnosis.hpp"
#include "orgflow/document.hpp"
#include "orgflow/model.hpp"
#include "orgflow/people_rank.hpp"
#include "orgflow/render.hpp"
#include "orgflow/text.hpp"
#include "report/writer_common.hpp"

namespace orgflow::document_detail {

using text_detail::html_text;

struct summary_item {
  severity level = severity::info;
  std::string title;           // the finding's title, ending with a full stop
  std::string recommendation;  // what to do
  std::size_t more = 0;        // further findings of the same code and artifact
  /// "N more findings like this one." or empty.
  std::string more_text() const;
};

/// The executive summary: a headline, at most five things to fix first
/// (critical, then warning findings in report order, one per code and
/// artifact, with "N more like this one" when several repeat; with
/// person-level data, its two most serious findings take the last places),
/// then one sentence per diagnosed symptom (the first verdicts_shown of
/// them, and how many more there are).
struct summary_plan {
  std::string headline;
  std::vector<std::string> verdicts;
  std::size_t more_verdicts = 0;
  std::vector<summary_item> items;
};
inline constexpr std::size_t summary_items = 5;
inline constexpr std::size_t verdicts_shown = 2;
summary_plan plan_summary(const model& m, const analysis_result& r, const std::vector<diagnosis>& ds,
                          const people_findings* people = nullptr);

/// What person-level data says a leader should fix first: the person the
/// organization hangs on most, and the single liaison between the largest
/// units (with how many more there are). Empty without such findings.
std::vector<summary_item> people_summary_items(const people_findings& p);

/// A diagram as SVG ready to inline: no XML prolog, no comments, ids
/// prefixed with `prefix` so several diagrams can share one page; with its
/// natural width in CSS pixels. ok false with a sentence in `error` when
/// Graphviz failed or the view does not exist.
struct diagram {
  bool ok = false;
  std::string svg;
  std::string error;
  bool bad_view = false;  // the view does not exist (the user's error, not Graphviz's)
  double width_px = 0;
};
/// Several diagrams of a model, laid out side by side (render_views): for
/// inlining (`prefixes` given, one per view) or, without prefixes, as
/// Graphviz wrote them (files beside a Markdown report).
std::vector<diagram> draw_all(const model& m, const std::vector<render_options>& views,
                              const std::vector<std::string>& prefixes, unsigned jobs);
/// An SVG made ready to inline (see diagram).
diagram inline_svg(std::string svg, const std::string& prefix);

/// A diagram in a frame that opens it at its natural size and scrolls, with
/// three buttons of CSS alone (no script): fit to the page, natural size,
/// twice that. `id` makes the buttons of each figure its own.
std::string zoomable_figure(const diagram& d, const std::string& id, const std::string& caption);
/// The CSS of zoomable figures.
extern const char* const zoom_css;

/// The start of an HTML page up to <body>: the Content-Security-Policy that
/// forbids every load, and the page's CSS (with zoom_css).
std::string html_head(const std::string& title);

/// A severity as a coloured badge.
std::string badge(severity s);

std::string map_caption(const analysis_result& r);
std::string cause_words(const report_detail::model_index& index, const diagnosis& d, const cause& c);

/// Causes shown per diagnosis; "N more causes: orgflow diagnose ... lists
/// them all" says how many are left out.
inline constexpr std::size_t causes_shown = 15;
std::string more_causes(const diagnosis& d);
/// The same for the risks near the performer (the diagnosis's context),
/// shown up to causes_shown too.
std::string more_context(const diagnosis& d);

/// The evidence of a finding in names: its delivery path with each hop's
/// cadence and latency, else nothing.
template <typename Escape>
std::string evidence_words(const report_detail::model_index& index, const analysis_result& r, const finding& f,
                           Escape&& escape) {
  const auto steps = report_detail::evidence_path(index, r, f);
  if (steps.empty()) return {};
  return report_detail::path_in_names(index, steps, escape);
}

/// The needs and load tables; with more than `limit` rows, the rows with a
/// problem (a need not delivered or delivered too late; a unit at 85% of
/// its capacity or more) come first, and a sentence says how many are left out.
std::string needs_table_html(const report_detail::model_index& index, const analysis_result& r, std::size_t limit);
std::string load_table_html(const report_detail::model_index& index, const analysis_result& r, std::size_t limit);
std::string needs_table_markdown(const report_detail::model_index& index, const analysis_result& r, std::size_t limit);
std::string load_table_markdown(const report_detail::model_index& index, const analysis_result& r, std::size_t limit);

/// Which findings the report shows and how (the report has no filter): the
/// first `top` findings that are not accepted, each in detail with its focus
/// diagram; the other findings that are not accepted one line each, at most
/// `limit` of them, the rest counted by code; the accepted ones listed apart
/// (at most `limit`), never counted in the summary. Indices are 0-based into
/// analysis_result::findings, in report order.
struct finding_plan {
  std::vector<std::size_t> top;
  std::vector<std::size_t> listed;
  std::vector<std::pair<std::string, std::size_t>> unlisted;  // code, count (in code order)
  std::vector<std::size_t> accepted;
  std::size_t open = 0;  // findings that are not accepted
};
finding_plan plan_findings(const analysis_result& r, std::size_t top, std::size_t limit);

/// The diagrams of a report, laid out side by side: the map in o.view and
/// o.layout, then the focus view of each finding in shown.top.
std::vector<render_options> report_views(const analysis_result& r, const document_options& o,
                                         const finding_plan& shown);
/// "The 10 most serious of 120 findings in detail, ..." or empty when every
/// open finding is detailed.
std::string top_sentence(const finding_plan& p);
/// "And 30 more findings: 20 GAP.ISOLATED and 10 ... orgflow analyze MODEL
/// lists them all." or empty.
std::string unlisted_sentence(const finding_plan& p);
/// "2 findings are accepted in the model and not counted: ..." heading text.
std::string accepted_sentence(const analysis_result& r, const finding_plan& p);

/// What the model covers (analyses.md, Coverage): the counts ("23
/// information flows, ..., 5 units with a capacity", no full stop), and one
/// note per empty layer (coverage_notes); notes empty when every layer is there.
struct coverage_text {
  std::string counts;
  std::vector<std::string> notes;
};
coverage_text model_covers(const analysis_result& r);

}  // namespace orgflow::document_detail
