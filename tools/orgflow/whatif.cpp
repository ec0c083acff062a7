// `orgflow whatif MODEL CHANGE...` (cli.md): the changes applied in order to
// a copy of the model, then the findings and key figures before and after.
// The comparison goes to standard output; `-o FILE` writes the changed model.
#include "common.hpp"
#include "compare_commands.hpp"
#include "orgflow/analysis.hpp"
#include "orgflow/report.hpp"
#include "orgflow/whatif.hpp"

namespace orgflow::tool {

int run_whatif(const whatif_args& a) {
  if (a.changes.empty())
    throw usage_error("whatif: give at least one change (--add-flow, --remove-flow, --remove-unit, --set, --set-flow)");
  std::vector<model_change> changes;
  std::vector<std::string> texts;
  for (const auto& [option, argument] : a.changes) {
    std::string why;
    auto c = parse_change(option, argument, &why);
    if (!c) throw usage_error("whatif: " + why);
    changes.push_back(*c);
    texts.push_back("--" + option + " " + argument);
  }
  if (a.output && *a.output == "-")
    throw usage_error("whatif: the comparison goes to standard output; give -o a file name for the changed model");
  if (a.output) refuse_overwrite(*a.output, {a.model});
  const model before = load_model_file(a.model);
  model after = before;
  const auto errors = apply_changes(after, changes);
  if (!errors.empty()) {
    std::string msg = "whatif: the changes do not fit " + shown_name(a.model) + ":";
    for (const auto& e : errors) msg += "\n  " + e;
    throw usage_error(msg);
  }
  const auto problems = validate_model(after, shown_name(a.model) + " (changed)");
  if (!problems.empty()) {
    print_diagnostics(problems);
    throw usage_error("whatif: the changed model is not valid; nothing was written");
  }
  const analysis_result rb = analyze(before, lean_analysis()), ra = analyze(after, lean_analysis());
  const comparison c = compare(before, rb, after, ra);
  const comparison_context ctx{"before", "after", texts};
  text_options o;
  o.color = stdout_wants_color();
  const std::string text = write_comparison_as(a.format, before, after, c, ctx, o);
  if (a.output) write_output(*a.output, save_model(after));
  write_output("-", text);
  return exit_ok;
}

}  // namespace orgflow::tool
