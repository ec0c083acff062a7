// Writers for the results of analyze(): the JSON of cli.md ("JSON report of
// analyze"), a text report for a terminal, and Markdown for documents.
// Writers only format: every number, finding and path comes from the
// analysis_result; names come from the model.
#pragma once

#include <string>

#include "orgflow/analysis.hpp"
#include "orgflow/model.hpp"

namespace orgflow {

/// The `analyze` JSON of cli.md, byte for byte deterministic, with a final
/// newline. Numbers follow analyses.md, Output (hours, per hour, 6 decimals).
std::string write_analysis_json(const model& m, const analysis_result& r);

struct text_options {
  bool color = false;  // ANSI colours (the tool sets it only on a terminal without NO_COLOR)
};
/// A terminal report: a one-line verdict, then findings grouped by severity,
/// each with its evidence path in names (`Product Development → Sales
/// (quarterly) → Marketing (monthly, 2d)`) and its recommendation.
std::string write_analysis_text(const model& m, const analysis_result& r, const text_options& o = {});
/// The same report as Markdown.
std::string write_analysis_markdown(const model& m, const analysis_result& r);

}  // namespace orgflow
