// Pieces shared by the HTML and Markdown leadership reports: the plan of the
// executive summary, diagrams drawn by the render layer and made safe to
// inline, HTML escaping, and the prose of distances and evidence. Internal to
// graphlib/document.
#pragma once

#include <string>
#include <vector>

#include "orgflow/analysis.hpp"
#include "orgflow/diagnosis.hpp"
#include "orgflow/model.hpp"
#include "orgflow/render.hpp"
#include "report/writer_common.hpp"

namespace orgflow::document_detail {

/// `s` as HTML text: `&`, `<`, `>`, `"`, `'` as entities, control
/// characters dropped, invalid UTF-8 as U+FFFD. Safe in text and in quoted
/// attribute values.
std::string html_text(std::string_view s);

struct summary_item {
  severity level = severity::info;
  std::string title;           // the finding's title, ending with a full stop
  std::string recommendation;  // what to do
  std::size_t more = 0;        // further findings of the same code and artifact
  /// "N more findings like this one." or empty.
  std::string more_text() const;
};

/// The executive summary: a headline, one sentence per diagnosed symptom,
/// and the three to five things to fix first (critical, then warning
/// findings in report order, one per code and artifact, with "and N more
/// like it" when several repeat).
struct summary_plan {
  std::string headline;
  std::vector<std::string> verdicts;
  std::vector<summary_item> items;
};
summary_plan plan_summary(const model& m, const analysis_result& r, const std::vector<diagnosis>& ds);

/// A diagram as SVG ready to inline: no XML prolog, no comments, ids
/// prefixed with `prefix` so several diagrams can share one page. Its
/// natural size is kept (the page's CSS only shrinks it to fit), so a small
/// focus diagram is not blown up to the width of the page. ok false with a sentence in `error` when Graphviz failed or
/// the view does not exist.
struct diagram {
  bool ok = false;
  std::string svg;
  std::string error;
};
diagram draw(const model& m, const render_options& o, const std::string& prefix);

/// The SVG as Graphviz wrote it, only made standalone-safe (comments
/// dropped), for the files beside a Markdown report.
diagram draw_file(const model& m, const render_options& o);

std::string map_caption(const analysis_result& r);
std::string cause_words(const report_detail::model_index& index, const diagnosis& d, const cause& c);
std::string join_words(const std::vector<std::string>& items);

/// The evidence of a finding in names: its delivery path with each hop's
/// cadence and latency, else nothing.
template <typename Escape>
std::string evidence_words(const report_detail::model_index& index, const analysis_result& r, const finding& f,
                           Escape&& escape) {
  const auto steps = report_detail::evidence_path(index, r, f);
  if (steps.empty()) return {};
  return report_detail::path_in_names(index, steps, escape);
}

std::string needs_table_html(const report_detail::model_index& index, const analysis_result& r);
std::string load_table_html(const report_detail::model_index& index, const analysis_result& r);
std::string needs_table_markdown(const report_detail::model_index& index, const analysis_result& r);
std::string load_table_markdown(const report_detail::model_index& index, const analysis_result& r);

}  // namespace orgflow::document_detail
