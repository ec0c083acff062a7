// The leadership report (cli.md `orgflow report MODEL -o FILE`; issue 5): an
// executive summary first (the few things to fix, in plain sentences with the
// numbers that matter), the map, each symptom's diagnosis, each finding with
// its focus diagram and recommendation, then tables of needs and load.
//
// HTML is one self-contained file: inline CSS and SVG, no script, no external
// resource, and a Content-Security-Policy that forbids every load, so it
// works offline, prints to PDF, and a stray request shows up as an error.
// Markdown comes with its diagrams as SVG files beside it.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "orgflow/analysis.hpp"
#include "orgflow/diagnosis.hpp"
#include "orgflow/model.hpp"

namespace orgflow {

struct document_options {
  /// Focus diagrams are drawn for at most this many findings (in report
  /// order); the rest are listed without one. Each is a Graphviz layout.
  std::size_t max_finding_diagrams = 25;
};

/// One file of a report: a name relative to the main file's folder, and its
/// bytes. The first file is the main one.
struct document_file {
  std::string name;
  std::string content;
};

/// The HTML report (one file).
std::string write_html_report(const model& m, const analysis_result& r, const std::vector<diagnosis>& ds,
                              const document_options& o = {});

/// The Markdown report, `stem` naming the main file without its extension
/// (`report` for report.md): the Markdown first, then the SVG diagrams it
/// links to (`report-map.svg`, `report-finding-3.svg`, ...).
std::vector<document_file> write_markdown_report(const model& m, const analysis_result& r,
                                                 const std::vector<diagnosis>& ds, const std::string& stem,
                                                 const document_options& o = {});

}  // namespace orgflow
