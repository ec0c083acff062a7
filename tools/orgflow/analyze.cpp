// `orgflow analyze MODEL [--format text|json|md|csv|xlsx] [-o FILE] [--fail-on LEVEL]
// [--code PATTERN]... [--min-severity S] [--for-unit ID]...` (cli.md): every
// analysis, written by the report layer. The exit status says whether a
// finding that is shown and not accepted reached --fail-on, so that a model
// kept in version control can gate a review.
#include "commands.hpp"
#include "common.hpp"
#include "orgflow/analysis.hpp"
#include "orgflow/report.hpp"
#include "orgflow/sheet.hpp"

namespace orgflow::tool {

int run_analyze(const analyze_args& a) {
  refuse_overwrite(a.output, {a.model});
  if (a.format == "xlsx" && a.output == "-")
    throw usage_error("--format xlsx needs -o FILE.xlsx (a workbook is not text for a terminal)");
  const model m = load_model_file(a.model);
  const finding_filter filter = make_filter(a.filter, m, a.model);
  analysis_result r = analyze(m);
  if (!filter.empty()) apply_filter(r, filter);
  print_accepted_warnings(a.model, r);
  std::string text;
  if (a.format == "json") {
    text = write_analysis_json(m, r);
  } else if (a.format == "csv") {
    text = write_findings_csv(r);
  } else if (a.format == "xlsx") {
    const workbook wb = analysis_to_workbook(m, r);
    if (const auto limits = check_xlsx_limits(wb, a.output); !limits.empty()) {
      print_diagnostics(limits);
      throw usage_error("");
    }
    text = write_xlsx(wb);
  } else if (a.format == "md") {
    text = write_analysis_markdown(m, r);
  } else {
    text_options o;
    o.color = a.output == "-" && stdout_wants_color();
    text = write_analysis_text(m, r, o);
  }
  write_output(a.output, text);
  if (a.fail_on == "never") return exit_ok;
  const std::optional<severity> threshold = parse_severity(a.fail_on);
  for (const auto& f : r.findings) {
    if (f.hidden || f.accepted) continue;  // --fail-on judges what is shown, never an accepted finding
    // severity is ordered critical < warning < info: "at or above" is <=.
    if (threshold && f.level <= *threshold) return exit_findings;
  }
  return exit_ok;
}

}  // namespace orgflow::tool
