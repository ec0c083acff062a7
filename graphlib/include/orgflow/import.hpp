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

/// BPMN 2.0 XML files (one model from all of them), plain or gzip-compressed
/// (recognised by content), each read whole up to 256 MiB. Cost: about
/// linear in the size of the files (maps by id add a log factor), plus
/// writing and re-reading the built model to check it. An empty list of
/// paths gives an empty model (no units, no diagnostic); a file without a
/// pool, lane or process gives a model without units, and the summary says
/// so.
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
/// Streams the log: XES or CSV by the file name, else by content (`-` is
/// read as CSV). Cost: O(events), plus sorting the events of a case by time
/// when they are out of order, O(unit pairs log unit pairs) for the
/// handoffs (medians by selection, O(occurrences)), plus writing and
/// re-reading the built model to check it. A log without events (a CSV of
/// its header alone, an XES without traces) gives a model without units; an
/// empty CSV file (no header) is a diagnostic.
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
/// Person-to-person interactions aggregated to a unit-level model. Cost:
/// O(people + records) to read and aggregate (a matrix of n people is n²
/// cells), O(units log units + unit pairs log unit pairs) to build the
/// model, plus writing and re-reading it to check it. PEOPLE without a
/// person is a diagnostic; INTERACTIONS with a header but no record gives
/// the units without flows; an INTERACTIONS file without even a header is a
/// diagnostic.
import_result import_interactions(const std::string& interactions_path, const std::string& people_path,
                                  const interactions_options& o);

/// Communication data already counted per unit (docs/scale.md): PAIRS, a CSV
/// `from,to,ties[,records]` (distinct person ties between the people of two
/// units, and their summed counts), and MEMBERS, a CSV `unit,people`. Builds
/// the model import_interactions builds from the person-level data the counts
/// come from (only its name differs). Problems come back as diagnostics with
/// file, line and column, all at once up to 20 per file; a PAIRS without
/// rows gives a model of units without flows, while MEMBERS without a unit,
/// or a file without even a header, is a diagnostic. O(rows + units log
/// units + unit pairs log unit pairs), plus writing and re-reading the
/// built model to check it.
struct unit_tables_options {
  std::int64_t min_group = 5;            // units with fewer members are merged
  std::optional<duration_value> period;  // the data's period, for volume (needs records)
};
/// The import of PAIRS and MEMBERS described above (its cost and empty input
/// there).
import_result import_unit_tables(const std::string& pairs_path, const std::string& members_path,
                                 const unit_tables_options& o);

/// A Graphviz DOT graph: nodes to units, clusters to groups, edges to flows.
/// Cost: cgraph's parse, then linear in the size of the graph (each
/// cluster's nodes are visited), plus writing and re-reading the model to
/// check it. A blank file is a diagnostic ("the file is empty"); an empty
/// graph (`digraph {}`) gives a model without units.
import_result import_dot(const std::string& path);

}  // namespace orgflow
