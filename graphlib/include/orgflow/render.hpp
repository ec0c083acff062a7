// Diagrams of a model through Graphviz, in process (cgraph + gvc): the views
// of cli.md (`map`, ...). The renderer draws what the model and the analysis
// say; it computes nothing of its own.
#pragma once

#include <optional>
#include <string>
#include <string_view>

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
  std::string view = "map";                 // map, ... (cli.md, Views)
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

/// The model as a plain DOT graph for `export --to dot`: units as nodes,
/// groups as clusters, flows and handoffs as edges with their attributes
/// (carries, cadence, latency, ...), so that `import dot` can read it back.
std::string export_dot(const model& m);

}  // namespace orgflow
