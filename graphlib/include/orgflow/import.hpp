// Importers (cli.md `orgflow import KIND INPUT... -o MODEL`): each turns
// data written by others into a valid model and says plainly what it could
// not map. Bad input (malformed XML, a missing column, a bad timestamp) is
// reported as diagnostics naming the file and the place (line and column, or
// record number); a file that cannot be read throws environment_error.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "orgflow/model.hpp"

namespace orgflow {

struct import_result {
  std::optional<model> value;            // set exactly when diagnostics is empty
  std::vector<diagnostic> diagnostics;   // why the input was rejected
  std::vector<std::string> summary;      // for standard error: what was mapped, skipped and why
};

/// BPMN 2.0 XML files (one model from all of them).
import_result import_bpmn(const std::vector<std::string>& paths);

/// Event logs: XES (`.xes`, `.xes.gz`) or CSV (`.csv`, `.csv.gz`). Keys name
/// an XES attribute or a CSV column (header name or 1-based number).
struct eventlog_options {
  std::optional<std::string> case_key;       // CSV: required unless a column is named case/case:concept:name/case_id
  std::optional<std::string> activity_key;   // default concept:name
  std::optional<std::string> timestamp_key;  // default time:timestamp
  std::optional<std::string> unit_key;       // default org:group, falling back to org:resource
  std::optional<std::string> process;        // process name of every handoff
  /// Unit pairs seen fewer times are left out (handoffs are evidence); units
  /// left with no handoff are dropped. 1 keeps every pair.
  std::int64_t min_occurrences = 5;
  /// Replace unit names by `resource-1`, `resource-2`, ... (numbered in order
  /// of first appearance) also when the units are not org:resource values;
  /// when they are, names are replaced unless `reveal` is set.
  bool pseudonymise = false;
  bool reveal = false;  // keep people's names (org:resource values)
};
import_result import_eventlog(const std::string& path, const eventlog_options& o);

/// How to read a delimited table (people.md, Column options).
struct interactions_table {
  std::string delimiter = ",";  // one character, "tab" or "whitespace"
  bool header = true;
  std::optional<std::string> from, to, count;  // header name or 1-based number
  bool matrix = false;                           // square matrix instead of records
};
struct people_table {
  std::string delimiter = ",";
  bool header = true;
  std::optional<std::string> person, unit;
};
struct interactions_options {
  interactions_table interactions;
  people_table people;
  std::int64_t min_group = 5;                 // units with fewer members are merged
  std::optional<duration_value> period;       // the data's period, for volume
};
/// Person-to-person interactions aggregated to a unit-level model.
import_result import_interactions(const std::string& interactions_path, const std::string& people_path,
                                  const interactions_options& o);

/// Communication data already counted per unit (docs/scale.md): PAIRS, a CSV
/// `from,to,ties[,records]` (distinct person ties between the people of two
/// units, and their summed counts), and MEMBERS, a CSV `unit,people`. Builds
/// the model import_interactions builds from the person-level data the counts
/// come from (only its name differs). Problems come back as diagnostics with
/// file, line and column, all at once up to 20 per file; an empty PAIRS gives
/// a model of units without flows. O(rows + units log units).
struct unit_tables_options {
  std::int64_t min_group = 5;            // units with fewer members are merged
  std::optional<duration_value> period;  // the data's period, for volume (needs records)
};
import_result import_unit_tables(const std::string& pairs_path, const std::string& members_path,
                                 const unit_tables_options& o);

/// A Graphviz DOT graph: nodes to units, clusters to groups, edges to flows.
import_result import_dot(const std::string& path);

}  // namespace orgflow
