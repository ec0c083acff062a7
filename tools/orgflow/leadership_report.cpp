// `orgflow report MODEL -o FILE [--view VIEW] [--layout ENGINE] [--top N]
// [--interactions FILE --people FILE ...]` (cli.md; issues 5 and 11): the
// leadership report, `.html` (one self-contained file) or `.md` (with its
// diagrams as SVG files beside it). Every symptom of the model is diagnosed
// in it; person-level data, when given, is read as `orgflow people` reads it.
#include <stdexcept>

#include "common.hpp"
#include "compare_commands.hpp"
#include "findings_options.hpp"
#include "orgflow/analysis.hpp"
#include "orgflow/diagnosis.hpp"
#include "orgflow/document.hpp"
#include "orgflow/io.hpp"
#include "orgflow/render.hpp"
#include "people_command.hpp"

namespace orgflow::tool {

namespace {

bool ends_with(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

}  // namespace

int run_report(const report_args& a) {
  const bool html = ends_with(a.output, ".html") || ends_with(a.output, ".htm");
  const bool md = ends_with(a.output, ".md");
  if (!html && !md) throw usage_error("report: -o must name a .html or .md file (got '" + a.output + "')");
  const auto slash = a.output.find_last_of('/');
  const std::string folder = slash == std::string::npos ? "" : a.output.substr(0, slash + 1);
  const std::string base = slash == std::string::npos ? a.output : a.output.substr(slash + 1);
  const std::string stem = base.substr(0, base.size() - (md ? 3 : (ends_with(base, ".htm") ? 4 : 5)));
  const bool with_people = !a.tables.interactions.empty();
  if (with_people && a.tables.people.empty())
    throw usage_error("report: --interactions needs --people (the table of people and their units)");
  std::vector<std::string> inputs{a.model};
  if (with_people) inputs.insert(inputs.end(), {a.tables.interactions, a.tables.people});
  refuse_overwrite(a.output, inputs);
  const model& m = keep_until_exit(load_model_file(a.model));
  document_options o;
  o.view = a.view;
  if (a.layout) o.layout = parse_layout(*a.layout);  // the grammar admits only known engines
  o.top = static_cast<std::size_t>(a.top);
  people_data people;
  if (with_people) {
    read_people(a.tables, a.min_group, a.reveal, a.betweenness, people);
    o.people = &people.findings;
  }
  const analysis_result& r = keep_until_exit(analyze(m, lean_analysis()));
  print_accepted_warnings(a.model, r);
  // A view the model does not have, a layout too slow for it.
  render_options map_view;
  map_view.view = o.view;
  map_view.layout = o.layout;
  map_view.analysis = &r;
  if (const auto problem = view_problem(m, map_view)) throw usage_error(*problem);
  const std::vector<diagnosis> ds = diagnose_symptoms(m, r);
  if (html) {
    write_output(a.output, write_html_report(m, r, ds, o));
    return exit_ok;
  }
  const std::vector<document_file> files = write_markdown_report(m, r, ds, stem, o);
  // The Markdown and its diagrams are one output: written together, or not
  // at all (orgflow/io.hpp, write_files_atomic).
  std::vector<output_part> parts{{a.output, files[0].content}};
  for (std::size_t i = 1; i < files.size(); ++i) {
    refuse_overwrite(folder + files[i].name, inputs);
    parts.push_back({folder + files[i].name, files[i].content});
  }
  write_files_atomic(parts);
  return exit_ok;
}

}  // namespace orgflow::tool
