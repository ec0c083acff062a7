// `orgflow diff OLD NEW` (cli.md): which findings a new version of a model
// resolves, keeps (with changed numbers) and adds. Exit 1 when there are new
// findings, so a review of a model kept in version control can gate on it.
#include "common.hpp"
#include "compare_commands.hpp"
#include "orgflow/analysis.hpp"
#include "orgflow/report.hpp"
#include "orgflow/whatif.hpp"

namespace orgflow::tool {

int run_diff(const diff_args& a) {
  if (a.old_model == "-" && a.new_model == "-") throw usage_error("diff: only one of OLD and NEW can be '-'");
  refuse_overwrite(a.output, {a.old_model, a.new_model});
  const model before = load_model_file(a.old_model);
  const model after = load_model_file(a.new_model);
  const analysis_result rb = analyze(before, lean_analysis()), ra = analyze(after, lean_analysis());
  const comparison c = compare(before, rb, after, ra);
  const comparison_context ctx{shown_name(a.old_model), shown_name(a.new_model), {}};
  text_options o;
  o.color = a.output == "-" && stdout_wants_color();
  const std::string text = write_comparison_as(a.format, before, after, c, ctx, o);
  write_output(a.output, text);
  // Exit 1 only for new findings the new version does not accept.
  for (const finding* f : c.added)
    if (!f->accepted) return exit_findings;
  return exit_ok;
}

}  // namespace orgflow::tool
