// Models of one organization combined into one (docs/merge.md): a BPMN
// import, a communication import and an interview workbook each see part of
// the same units. `orgflow merge MODEL... [--alias FILE] [--prefer first]`.
//
// The rules:
//  - units with the same id are one unit; an alias table maps other ids onto
//    them first (every member that names a unit follows);
//  - artifacts and symptoms with the same id, needs with the same unit and
//    artifact, and flows and handoffs with the same explicit id are one
//    element; their members merge: a member given once is taken, members that
//    agree (as values: `7d` agrees with `1w`; lists are merged as sets) are
//    kept once, members that differ are a conflict, reported with both
//    sources; the first model's value wins only with prefer_first;
//  - flows and handoffs without an id, and accepted findings, are unioned:
//    one that is identical to an earlier one (every member as a value) is
//    listed once and counted;
//  - a flow or handoff that aliases turn into a loop of one unit is dropped
//    and counted;
//  - every element gets `x-source`: the list of where it came from (an
//    input's label, or the `x-source` the element already had, so that
//    provenance survives merging merged models); the model gets the list of
//    its inputs' sources;
//  - the name is the first input's that has one; elements keep the order in
//    which they first appear; the result is checked with every rule of the
//    format.
// Merging is pure: no I/O, deterministic; O(total size · log) except that
// flows and handoffs without id are compared with the earlier ones between
// the same two units.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "orgflow/model.hpp"

namespace orgflow {

/// Unit ids mapped onto others (`--alias`), chains resolved: each entry maps
/// an alias to the id it finally stands for; in file order.
struct unit_aliases {
  struct entry {
    std::string alias;
    std::string id;
    std::string place;  // where it was written (`aliases.csv:4`), for messages
  };
  std::vector<entry> entries;
};

struct alias_result {
  std::optional<unit_aliases> value;  // set exactly when diagnostics is empty
  std::vector<diagnostic> diagnostics;
};

/// Reads an alias table: a CSV file with the columns `id` and `alias-of`
/// (header required; `,` or `;`), or, for a name ending in `.json`, a JSON
/// object `{"17": "sales"}` or an array of `{"id": ..., "alias-of": ...}`.
/// `alias-of` must be a valid unit id; an id given twice with different
/// targets, and chains that come back to their start, are errors. Throws
/// environment_error when the file cannot be read. O(entries log entries),
/// except that resolving a chain walks it: an entry at the start of a chain
/// of k aliases costs O(k²) (one long chain, O(k³) in all). An empty JSON
/// object or array gives an empty table, and so does an empty CSV file (its
/// missing header is not reported); an empty JSON file is not valid JSON.
alias_result read_aliases(const std::string& path);

struct merge_input {
  std::string label;  // how messages and x-source name it (the file name)
  model value;
};

struct merge_options {
  bool prefer_first = false;  // conflicts keep the first value instead of failing
};

struct merge_result {
  std::optional<model> value;  // set when there is no error
  /// Members that disagree, at the later input (`b.json:/units/3/name`), with
  /// the earlier value and its place in the message. Errors unless
  /// prefer_first; then warnings (and value is set).
  std::vector<diagnostic> conflicts;
  /// The merged model breaks a rule of the format (a group cycle made of
  /// two inputs' groups, ...): errors.
  std::vector<diagnostic> diagnostics;
  std::vector<std::string> summary;  // for standard error: what was merged, listed once, dropped
};

/// Merges `inputs` in order by the rules above, following `aliases`. Each
/// input is written as JSON and read back, and the merged result is loaded
/// with every rule of the format: O(total size · log), except that flows
/// and handoffs without id are compared with the earlier ones between the
/// same two units. With conflicts and without prefer_first, value is unset
/// and diagnostics empty (the merged model is not built). No inputs: an
/// empty model (no units, an empty `x-source`).
merge_result merge_models(const std::vector<merge_input>& inputs, const unit_aliases& aliases,
                          const merge_options& options = {});

}  // namespace orgflow
