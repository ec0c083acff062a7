// Arguments and entry points of `orgflow diagnose`, `orgflow whatif`,
// `orgflow diff` and `orgflow report` (cli.md; issue 4): will training fix it, what would a change
// do, and what did a new version of the model change. main.cpp fills these.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "commands.hpp"

namespace orgflow::tool {

struct diagnose_args {
  std::string model;
  std::optional<std::string> symptom;
  bool all = false;
  std::optional<std::string> unit;
  std::optional<std::string> performer;  // with --unit
  std::optional<std::string> process;
  std::vector<std::string> artifacts;    // with --unit
  bool plan = false;
  std::optional<std::string> plan_model;  // with --plan: write the changed model
  std::string format = "text";  // text | json | md
  std::string output = "-";
};
int run_diagnose(const diagnose_args& a);

struct whatif_args {
  std::string model;
  /// Changes in command-line order: (option name without dashes, argument).
  std::vector<std::pair<std::string, std::string>> changes;
  std::string format = "text";
  std::optional<std::string> output;  // the changed model, when given
};
int run_whatif(const whatif_args& a);

struct diff_args {
  std::string old_model;
  std::string new_model;
  std::string format = "text";
  std::string output = "-";
};
int run_diff(const diff_args& a);

struct report_args {
  std::string model;
  std::string output;  // .html or .md
  std::string view = "map";           // the map section's view, as `render --view`
  std::optional<std::string> layout;  // dot | neato | fdp | sfdp
  std::int64_t top = 10;              // findings detailed, each with its diagram
  /// Person-level data (`--interactions FILE --people FILE` and the column
  /// options of `people`), aggregated exactly as `orgflow people` does;
  /// tables.interactions is empty without it.
  table_args tables;
  std::int64_t min_group = 5;
  bool reveal = false;
  std::optional<std::string> betweenness;
};
int run_report(const report_args& a);

}  // namespace orgflow::tool
