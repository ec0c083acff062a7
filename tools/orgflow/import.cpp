// `orgflow import KIND INPUT... -o MODEL` (cli.md): builds a model from BPMN,
// an event log, communication data, a DOT graph or a workbook through
// graphlib's importers. What the importer mapped and skipped goes to standard error; a
// rejected input prints its diagnostics and writes nothing.
#include <iostream>

#include "commands.hpp"
#include "common.hpp"
#include "orgflow/import.hpp"
#include "orgflow/message_text.hpp"
#include "orgflow/quantity.hpp"
#include "orgflow/sheet.hpp"
#include "sheet_commands.hpp"

namespace orgflow::tool {

namespace {

int finish(const import_result& r, const std::string& output) {
  for (const auto& line : r.summary) std::cerr << tidy_message(line) << '\n';
  if (!r.value) {
    print_diagnostics(r.diagnostics);
    throw usage_error("");
  }
  write_output(output, save_model(*r.value));
  return exit_ok;
}

}  // namespace

int run_import_bpmn(const import_bpmn_args& a) {
  refuse_overwrite(a.output, a.inputs);
  return finish(import_bpmn(a.inputs), a.output);
}

int run_import_eventlog(const import_eventlog_args& a) {
  refuse_overwrite(a.output, {a.input});
  eventlog_options o;
  o.case_key = a.case_key;
  o.activity_key = a.activity_key;
  o.timestamp_key = a.timestamp_key;
  o.unit_key = a.unit_key;
  o.process = a.process;
  o.min_occurrences = a.min_occurrences;
  o.pseudonymise = a.pseudonymise;
  o.reveal = a.reveal;
  return finish(import_eventlog(a.input, o), a.output);
}

int run_import_csv(const import_csv_args& a) {
  const table_args& t = a.tables;
  const bool person_level = !t.interactions.empty() || !t.people.empty();
  const bool unit_level = !a.unit_pairs.empty() || !a.unit_members.empty();
  if (person_level && unit_level)
    throw usage_error("give either INTERACTIONS with --people, or --unit-pairs with --unit-members, not both");
  std::optional<duration_value> period;
  if (a.period) {
    std::string why;
    period = parse_duration(*a.period, &why);
    if (!period) throw usage_error("--period: " + why);
  }
  if (unit_level) {
    if (a.unit_pairs.empty() || a.unit_members.empty())
      throw usage_error("--unit-pairs and --unit-members go together (the ties per pair of units, and the people per unit)");
    refuse_overwrite(a.output, {a.unit_pairs, a.unit_members});
    unit_tables_options o;
    o.min_group = a.min_group;
    o.period = period;
    return finish(import_unit_tables(a.unit_pairs, a.unit_members, o), a.output);
  }
  if (t.interactions.empty()) throw usage_error("INTERACTIONS is required (or --unit-pairs with --unit-members)");
  if (t.people.empty()) throw usage_error("--people is required with INTERACTIONS");
  refuse_overwrite(a.output, {t.interactions, t.people});
  interactions_options o;
  fill_tables(t, o.interactions, o.people);
  o.min_group = a.min_group;
  o.period = period;
  return finish(import_interactions(t.interactions, t.people, o), a.output);
}

int run_import_dot(const import_dot_args& a) {
  refuse_overwrite(a.output, {a.input});
  return finish(import_dot(a.input), a.output);
}

int run_import_sheet(const import_sheet_args& a) {
  refuse_overwrite(a.output, {a.input});
  return finish(import_sheet(a.input), a.output);
}

}  // namespace orgflow::tool
