// `orgflow render MODEL -o FILE [--view VIEW] [--layout ENGINE]` (cli.md): a
// diagram of one view, in the format FILE's extension names. The analysis
// runs first so that the view can mark its findings.
#include <stdexcept>

#include "commands.hpp"
#include "common.hpp"
#include "orgflow/analysis.hpp"
#include "orgflow/render.hpp"

namespace orgflow::tool {

int run_render(const render_args& a) {
  const std::optional<output_format> format = format_from_path(a.output);
  if (!format) {
    throw usage_error("cannot tell the format of '" + a.output +
                      "': name the output file with the extension .svg, .png, .pdf or .dot");
  }
  refuse_overwrite(a.output, {a.model});
  const model& m = keep_until_exit(load_model_file(a.model));
  const analysis_result& analysis = keep_until_exit(analyze(m, lean_analysis()));
  render_options o;
  o.view = a.view;
  if (a.layout) o.layout = parse_layout(*a.layout);  // the grammar admits only known engines
  o.analysis = &analysis;
  // A view this model does not have (`artifact:nope`, `finding:99`) or a
  // layout too slow for it.
  if (const auto problem = view_problem(m, o)) throw usage_error(*problem);
  write_output(a.output, render_view(m, o, *format));
  return exit_ok;
}

}  // namespace orgflow::tool
