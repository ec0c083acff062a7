// `orgflow analyze MODEL [--format text|json|md|csv|xlsx] [-o FILE] [--fail-on LEVEL]
// [--code PATTERN]... [--min-severity S] [--for-unit ID]...` (cli.md): every
// analysis, written by the report layer. The exit status says whether a
// finding that is shown and not accepted reached --fail-on, so that a model
// kept in version control can gate a review.
#include "commands.hpp"
#include "common.hpp"
#include "orgflow/analysis.hpp"
#include "orgflow/io.hpp"
#include "orgflow/report.hpp"
#include "orgflow/sheet.hpp"

namespace orgflow::tool {

int run_analyze(const analyze_args& a) {
  refuse_overwrite(a.output, {a.model});
  if (a.format == "xlsx" && a.output == "-")
    throw usage_error("--format xlsx needs -o FILE.xlsx (a workbook is not text for a terminal)");
  const model& m = keep_until_exit(load_model_file(a.model));
  const finding_filter filter = make_filter(a.filter, m, a.model);
  // Only the JSON report lists the members of groups and the betweenness of units.
  analysis_options options = lean_analysis();
  options.group_members = options.betweenness = a.format == "json";
  analysis_result& r = keep_until_exit(analyze(m, options));
  if (!filter.empty()) apply_filter(r, filter);
  print_accepted_warnings(a.model, r);
  // A workbook is built whole and checked against the limits of .xlsx
  // before anything is written.
  std::optional<workbook> wb;
  if (a.format == "xlsx") {
    wb = analysis_to_workbook(m, r);
    if (const auto limits = check_xlsx_limits(*wb, a.output); !limits.empty()) {
      print_diagnostics(limits);
      throw usage_error("");
    }
  }
  // The report goes out as it is written: with long delivery paths it can
  // be a gigabyte, which is then never held in memory whole.
  output_file out(a.output);
  const text_sink sink = [&out](std::string_view piece) { out.write(piece); };
  if (a.format == "json") {
    write_analysis_json(m, r, sink);
  } else if (a.format == "csv") {
    out.write(write_findings_csv(r));
  } else if (a.format == "xlsx") {
    out.write(write_xlsx(*wb));
  } else if (a.format == "md") {
    write_analysis_markdown(m, r, sink);
  } else {
    text_options o;
    o.color = a.output == "-" && stdout_wants_color();
    write_analysis_text(m, r, o, sink);
  }
  out.commit();
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
