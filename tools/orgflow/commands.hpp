// The arguments and entry points of each `orgflow` subcommand. main.cpp owns
// the command-line grammar (CLI11) and fills these structs; each command's
// file turns them into graphlib calls. Keeping CLI11 out of the command files
// keeps its heavy header in one translation unit.
#pragma once

#include "findings_options.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace orgflow::tool {

struct validate_args {
  std::vector<std::string> models;
};
int run_validate(const validate_args& a);

struct export_args {
  std::string model;
  std::string to = "json";  // json | dot | xlsx | csv (-o names the folder)
  std::string output = "-";
};
int run_export(const export_args& a);

struct render_args {
  std::string model;
  std::string output;
  std::string view = "map";
  std::optional<std::string> layout;  // dot | neato | fdp | sfdp
};
int run_render(const render_args& a);

struct analyze_args {
  std::string model;
  std::string format = "text";  // text | json | md | csv | xlsx
  std::string output = "-";
  std::string fail_on = "never";  // critical | warning | info | never
  filter_args filter;
};
int run_analyze(const analyze_args& a);

struct import_bpmn_args {
  std::vector<std::string> inputs;
  std::string output;
};
int run_import_bpmn(const import_bpmn_args& a);

struct import_eventlog_args {
  std::string input;
  std::optional<std::string> case_key, activity_key, timestamp_key, unit_key, process;
  std::int64_t min_occurrences = 5;
  bool pseudonymise = false;
  bool reveal = false;
  std::string output;
};
int run_import_eventlog(const import_eventlog_args& a);

/// The column options shared by `import csv` and `people` (people.md,
/// Column options): how to read INTERACTIONS and PEOPLE.
struct table_args {
  std::string interactions;
  std::string people;
  std::string delimiter = ",";
  bool no_header = false;
  std::optional<std::string> from, to, count;
  bool matrix = false;
  std::string people_delimiter = ",";
  bool people_no_header = false;
  std::optional<std::string> person, unit;
};

struct import_csv_args {
  table_args tables;
  std::string unit_pairs, unit_members;  // the tables counted per unit (docs/scale.md)
  std::int64_t min_group = 5;
  std::optional<std::string> period;  // a duration, checked by the command
  std::string output;
};
int run_import_csv(const import_csv_args& a);

struct people_args {
  table_args tables;
  std::int64_t min_group = 5;
  bool reveal = false;
  std::optional<std::string> betweenness;  // exact | sample | none; absent: exact up to 20,000 people
  std::string format = "text";              // text | json | md | html
  std::string output = "-";
};
int run_people(const people_args& a);

struct import_dot_args {
  std::string input;
  std::string output;
};
int run_import_dot(const import_dot_args& a);

}  // namespace orgflow::tool
