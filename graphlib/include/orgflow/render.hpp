// Diagrams of a model through Graphviz, in process (cgraph + gvc): the views
// of cli.md (`map`, ...). The renderer draws what the model and the analysis
// say; it computes nothing of its own. Which view and which layout engine a
// drawing gets depends on its size, before any layout starts (docs/views.md):
// a map stays readable, a layout never runs for minutes, a PNG is at most
// 8,000 pixels on a side, and Graphviz's own messages never reach the
// terminal (they are part of the error when a layout fails).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "orgflow/analysis.hpp"
#include "orgflow/model.hpp"

namespace orgflow {

enum class output_format { svg, png, pdf, dot };
enum class layout_engine { dot, neato, fdp, sfdp };

/// The format named by a file's extension (`.svg`, `.png`, `.pdf`, `.dot`);
/// nullopt for any other.
std::optional<output_format> format_from_path(std::string_view path);
std::optional<layout_engine> parse_layout(std::string_view name);

struct render_options {
  /// map, overview, full, groups, artifact:ID, process:ID, unit:ID, finding:N
  /// (cli.md, Views; docs/views.md)
  std::string view = "map";
  std::optional<layout_engine> layout;      // default: chosen by the view and its size
  const analysis_result* analysis = nullptr;// findings to mark, when given
};

/// The view's graph in DOT, before layout (deterministic text). Bad view
/// names throw std::invalid_argument with a message for the user.
std::string view_dot(const model& m, const render_options& o);

/// The view laid out and rendered to `format` (bytes of SVG, PNG, PDF, or
/// the DOT text for output_format::dot). Throws environment_error when
/// Graphviz fails.
std::string render_view(const model& m, const render_options& o, output_format format);

/// One view of render_views(): its bytes, or why there are none.
struct rendered_view {
  bool ok = false;
  std::string bytes;
  std::string error;      // a sentence for the user
  bool bad_view = false;  // the view does not exist in this model (not Graphviz's fault)
};

/// Several views of one model, laid out side by side in up to `jobs` child
/// processes (0: one per core); the results in the order of `views`, the
/// same bytes as render_view() gives for each.
std::vector<rendered_view> render_views(const model& m, const std::vector<render_options>& views,
                                        output_format format, unsigned jobs = 0);

/// The model as a plain DOT graph for `export --to dot`: units as nodes,
/// groups as clusters, flows and handoffs as edges with their attributes
/// (carries, cadence, latency, ...), so that `import dot` can read it back.
std::string export_dot(const model& m);

}  // namespace orgflow
