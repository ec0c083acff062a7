// The leadership report (cli.md `orgflow report MODEL -o FILE`; issues 5 and
// 11): an executive summary first (what to fix first, in at most five lines
// whatever the model's size), the map (the overview when the model is too
// large for one readable map), each symptom's diagnosis, the top findings
// each with its focus diagram and recommendation, the other findings one line
// each, what the person-level data says when it is given, then tables of
// needs and load (the rows with a problem first when there are many).
//
// HTML is one self-contained file: inline CSS and SVG, no script, no external
// resource, and a Content-Security-Policy that forbids every load, so it
// works offline, prints to PDF, and a stray request shows up as an error.
// Its diagrams open at their natural size in a frame that scrolls; buttons
// made of CSS alone fit them to the page or double them. Markdown comes with
// its diagrams as SVG files beside it.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "orgflow/analysis.hpp"
#include "orgflow/diagnosis.hpp"
#include "orgflow/model.hpp"
#include "orgflow/people_rank.hpp"
#include "orgflow/render.hpp"

namespace orgflow {

struct document_options {
  /// The view of the map section and its layout (render_options; `map` is
  /// the overview when the model is too large for one readable map).
  std::string view = "map";
  std::optional<layout_engine> layout;
  /// The findings detailed (in report order), each with its focus diagram
  /// (a Graphviz layout); the others are listed one line each, at most
  /// list_limit of them, then counted by code.
  std::size_t top = 10;
  std::size_t list_limit = 200;
  /// Rows of the needs and load tables; with more, the rows with a problem
  /// are shown first and the others counted.
  std::size_t table_limit = 200;
  /// Layouts drawn side by side (0: one per core).
  unsigned jobs = 0;
  /// Person-level data (`report --interactions FILE --people FILE`), or none.
  const people_findings* people = nullptr;
};

/// One file of a report: a name relative to the main file's folder, and its
/// bytes. The first file is the main one.
struct document_file {
  std::string name;
  std::string content;
};

/// The page of `orgflow people --format html` (one self-contained file,
/// like the report): what to fix first, the picture of the units and their
/// ties, the ranked lists, and a table per unit. `p.report` must be set.
/// Cost: the Graphviz layout of the picture (render_ties) dominates; the
/// rest is O(units + unit-matrix cells + key people + liaisons) with log
/// factors. When the picture cannot be drawn, a sentence says why in its
/// place. Without key people and single liaisons (a report of no people
/// included), the first screen says that no person alone holds the
/// organization together; a report of no people has empty tables.
std::string write_people_html(const people_findings& p, const std::string& title);

/// The HTML report (one file). Check o.view and o.layout with
/// view_problem() (orgflow/render.hpp) first: a view it rejects throws
/// std::invalid_argument here. Cost: the Graphviz layouts dominate: the map
/// and one focus diagram per detailed finding (at most o.top), side by side
/// in up to o.jobs child processes, plus the person-level picture with
/// o.people; the text is O(findings + need rows + units + the causes shown
/// of `ds`), the lists cut at o.list_limit and the tables at o.table_limit
/// rows. An empty model gives a whole page: the coverage notes, a map of
/// its title alone, "No findings", no needs and no load; an empty `ds`
/// leaves the diagnoses out.
std::string write_html_report(const model& m, const analysis_result& r, const std::vector<diagnosis>& ds,
                              const document_options& o = {});

/// The Markdown report, `stem` naming the main file without its extension
/// (`report` for report.md): the Markdown first, then the SVG diagrams it
/// links to (`report-map.svg`, `report-finding-3.svg`, ...). Same cost as
/// write_html_report(). A diagram that Graphviz cannot draw is left out
/// (for the map, a sentence says why). An empty model gives the Markdown
/// and the map's SVG; an empty `ds` leaves the diagnoses out.
std::vector<document_file> write_markdown_report(const model& m, const analysis_result& r,
                                                 const std::vector<diagnosis>& ds, const std::string& stem,
                                                 const document_options& o = {});

}  // namespace orgflow
