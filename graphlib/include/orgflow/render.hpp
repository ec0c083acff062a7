// Diagrams of a model through Graphviz, in process (cgraph + gvc): the views
// of cli.md (`map`, ...). The renderer draws what the model and the analysis
// say; it computes nothing of its own. Which view and which layout engine a
// drawing gets depends on its size, before any layout starts (docs/views.md):
// a map stays readable, a layout never runs for minutes, a PNG is at most
// 8,000 pixels on a side, and Graphviz's own messages never reach the
// terminal (they are part of the error when a layout fails).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "orgflow/analysis.hpp"
#include "orgflow/model.hpp"

namespace orgflow {

enum class output_format { svg, png, pdf, dot };
enum class layout_engine { dot, neato, fdp, sfdp };

/// The format named by a file's extension (`.svg`, `.png`, `.pdf`, `.dot`,
/// also `.gv`; case ignored); nullopt for any other and for a name without
/// one (an empty path too). O(length).
std::optional<output_format> format_from_path(std::string_view path);
/// `dot`, `neato`, `fdp` or `sfdp`; nullopt otherwise (an empty name too).
/// O(1).
std::optional<layout_engine> parse_layout(std::string_view name);

struct render_options {
  /// map, overview, full, groups, artifact:ID, process:ID, unit:ID, finding:N
  /// (cli.md, Views; docs/views.md)
  std::string view = "map";
  std::optional<layout_engine> layout;      // default: chosen by the view and its size
  const analysis_result* analysis = nullptr;// findings to mark, when given
};

/// Why `o` cannot be drawn for `m`, as a sentence for the user that names
/// the option (`--view unit:X`, `--layout`), or nullopt when it can: an
/// unknown view name, a unit, artifact or process the model lacks, a
/// finding number out of range or without the analysis, a requested layout
/// too slow for the view's size. User input problems are values
/// (docs/architecture.md, "Errors"): check here before view_dot(),
/// render_view() or a report. O(units + artifacts + handoffs) for the name;
/// with o.layout set the view is built once to count its boxes (as
/// view_dot()). An empty model can draw map, overview, full and groups, and
/// no unit:, artifact:, process: or finding: view.
std::optional<std::string> view_problem(const model& m, const render_options& o);

/// The view's graph in DOT, before layout (deterministic text). A view that
/// view_problem() rejects throws std::invalid_argument with the same
/// sentence (a caller's mistake, like an index out of range). Cost: building
/// the view, roughly linear in the model and its findings with log factors
/// (about a second for the map of a large model); no layout. An empty model
/// gives a graph with only its title and subtitle.
std::string view_dot(const model& m, const render_options& o);

/// The view laid out and rendered to `format` (bytes of SVG, PNG, PDF, or
/// the DOT text for output_format::dot). Throws environment_error when
/// Graphviz fails, and std::invalid_argument for a view that view_problem()
/// rejects. Cost: the Graphviz layout dominates, in a child process limited
/// to 60 s of CPU time (5 s for a first try with texts on the arrows, which
/// then falls back to texts beside them); an overview is laid out in each
/// of its alternatives and the most readable kept. output_format::dot skips
/// the layout (view_dot()). An empty model gives a drawing of its title and
/// subtitle alone.
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
/// same bytes as render_view() gives for each. The views are built on up to
/// `jobs` threads, then laid out in up to `jobs` child processes. No views:
/// an empty vector (the model's index is still built, O(model)).
std::vector<rendered_view> render_views(const model& m, const std::vector<render_options>& views,
                                        output_format format, unsigned jobs = 0);

/// A picture of units and the weighted ties between their people
/// (person-level data aggregated to units, people.md): not a model, so not a
/// map. Drawn like a map: parallel ties fold, widths grow with the count, and
/// above the size of a readable map the strongest ties are kept (the units
/// that matter for the findings first).
struct tie_picture {
  std::string title;
  std::string subtitle;
  struct unit_box {
    std::string name;
    std::uint64_t members = 0;
    std::optional<double> ei;             // undirected E-I index, when it has ties
    bool silo = false;                    // drawn as a silo
    std::size_t brokers = 0;              // of the ten brokers, how many are its members
    std::size_t key_people = 0;           // articulation people among its members
    std::uint64_t worst_cut_off = 0;      // the most people one of them cuts off
    bool without_tie = false;             // no tie to another unit
  };
  struct tie {
    std::size_t from = 0, to = 0;  // indices into units
    std::uint64_t count = 0;       // arcs from members of `from` to members of `to`
    bool single_liaison = false;   // every tie between the two units touches one person
  };
  std::vector<unit_box> units;
  std::vector<tie> ties;
};

/// The tie picture's DOT text, and the picture itself (as render_view()).
/// Throws std::invalid_argument for a --layout too slow for its size.
/// tie_dot is roughly linear in units and ties, with log factors;
/// render_ties is dominated by the Graphviz layout (none for
/// output_format::dot). A picture without units gives a graph with only
/// its title and subtitle.
std::string tie_dot(const tie_picture& p, std::optional<layout_engine> layout = std::nullopt);
std::string render_ties(const tie_picture& p, output_format format, std::optional<layout_engine> layout = std::nullopt);

/// The model as a plain DOT graph for `export --to dot`: units as nodes,
/// groups as clusters, flows and handoffs as edges with their attributes
/// (carries, cadence, latency, ...), so that `import dot` can read it back.
/// O(units log units + flows + handoffs), but each cluster is indented by its
/// depth and written by a recursion as deep as the group nesting, so deeply
/// nested groups make the text O(units · depth). An empty model gives
/// `digraph "orgflow model" {` with `graph [orgflow="1"];` alone.
std::string export_dot(const model& m);

}  // namespace orgflow
