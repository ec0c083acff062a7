// `orgflow analyze MODEL [--format text|json|md] [-o FILE] [--fail-on LEVEL]`
// (cli.md): every analysis of analyses.md, written by the report layer. The
// exit status says whether a finding reached --fail-on, so that a model kept
// in version control can gate a review.
#include "commands.hpp"
#include "common.hpp"
#include "orgflow/analysis.hpp"
#include "orgflow/report.hpp"

namespace orgflow::tool {

int run_analyze(const analyze_args& a) {
  refuse_overwrite(a.output, {a.model});
  const model m = load_model_file(a.model);
  const analysis_result r = analyze(m);
  std::string text;
  if (a.format == "json") {
    text = write_analysis_json(m, r);
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
    // severity is ordered critical < warning < info: "at or above" is <=.
    if (threshold && f.level <= *threshold) return exit_findings;
  }
  return exit_ok;
}

}  // namespace orgflow::tool
