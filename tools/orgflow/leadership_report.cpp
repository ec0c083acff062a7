// `orgflow report MODEL -o FILE` (cli.md; issue 5): the leadership report,
// `.html` (one self-contained file) or `.md` (with its diagrams as SVG files
// beside it). Every symptom of the model is diagnosed in it.
#include "common.hpp"
#include "compare_commands.hpp"
#include "orgflow/analysis.hpp"
#include "orgflow/diagnosis.hpp"
#include "orgflow/document.hpp"
#include "orgflow/io.hpp"

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
  refuse_overwrite(a.output, {a.model});
  const model m = load_model_file(a.model);
  const analysis_result r = analyze(m, lean_analysis());
  std::vector<diagnosis> ds;
  for (std::size_t i = 0; i < m.symptoms.size(); ++i) ds.push_back(diagnose(m, r, query_for_symptom(m, i)));
  if (html) {
    write_output(a.output, write_html_report(m, r, ds));
    return exit_ok;
  }
  const auto files = write_markdown_report(m, r, ds, stem);
  // The Markdown and its diagrams are one output: written together, or not
  // at all (orgflow/io.hpp, write_files_atomic).
  std::vector<output_part> parts{{a.output, files[0].content}};
  for (std::size_t i = 1; i < files.size(); ++i) {
    refuse_overwrite(folder + files[i].name, {a.model});
    parts.push_back({folder + files[i].name, files[i].content});
  }
  write_files_atomic(parts);
  return exit_ok;
}

}  // namespace orgflow::tool
