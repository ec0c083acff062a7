// The orgflow model: plain structs for units, artifacts, flows, handoffs,
// needs and symptoms, exactly as ../shared/spec/model-format.md defines them,
// and the functions that load a model from JSON text (with every problem
// reported at once) and write it back.
//
// A model that load_model() returns is valid: every reference resolves, ids
// are unique, quantities are parsed. Code that builds or changes a model
// (importers, whatif) can check it again with validate_model(), which writes
// the model and loads it back, so that one set of rules serves both paths.
//
// Optional members are std::optional so that "absent" and "given" stay apart:
// export writes back only what the author wrote (plus what code added), and
// the *_or_default() accessors give the spec's defaults to the analyses.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace orgflow {

/// Durations are exact integer milliseconds (model-format.md, Exact rules).
using millis = std::int64_t;
inline constexpr millis ms_per_second = 1000;
inline constexpr millis ms_per_minute = 60 * ms_per_second;
inline constexpr millis ms_per_hour = 60 * ms_per_minute;
inline constexpr millis ms_per_day = 24 * ms_per_hour;

/// A duration as parsed, with the text it was written as (empty when the
/// value was made in code; the writer then prints a canonical form).
struct duration_value {
  millis ms = 0;
  std::string text;
  /// Equal by length (`7d` equals `1w`); the text is not compared. O(1).
  friend bool operator==(const duration_value& a, const duration_value& b) { return a.ms == b.ms; }
  friend bool operator!=(const duration_value& a, const duration_value& b) { return !(a == b); }
};

/// A cadence: 0 ms is on-change; otherwise one batch every `ms`.
struct cadence_value {
  millis ms = 0;
  std::string text;
  /// on_change(): ms is 0. Equality by ms alone (`weekly` equals `7d`). All
  /// O(1).
  bool on_change() const { return ms == 0; }
  friend bool operator==(const cadence_value& a, const cadence_value& b) { return a.ms == b.ms; }
  friend bool operator!=(const cadence_value& a, const cadence_value& b) { return !(a == b); }
};

/// A rate (items per period), kept exactly as a fraction: `count` items
/// (the written decimal number times 10^scale_digits, an integer) per
/// `period_ms * 10^scale_digits` milliseconds. per_hour() is the double the
/// analyses use; exact comparisons can use the fraction.
struct rate_value {
  std::uint64_t count = 0;   // decimal digits of the number without the dot
  int scale_digits = 0;      // how many of them were after the dot
  millis period_ms = ms_per_hour;
  std::string text;
  /// Items per hour and per millisecond, from the reduced fraction (exact
  /// as far as a double goes); 0 for a count of 0. O(1).
  double per_hour() const;
  double per_ms() const;
  /// Equal as values: the reduced fractions match (`1/d` equals `7/w`). O(1).
  friend bool operator==(const rate_value& a, const rate_value& b);
  friend bool operator!=(const rate_value& a, const rate_value& b) { return !(a == b); }
};

/// Members of a JSON object that are kept for writing back: the order in
/// which the author wrote the members (known and `x-` alike) and the `x-`
/// members as compact JSON text. The writer follows `order`, so `x-` members
/// stay in place; members added in code go after them in canonical order.
struct json_extras {
  std::vector<std::string> order;
  std::vector<std::pair<std::string, std::string>> x_members;  // key, compact JSON
  /// Compares the `x-` members (in order), not `order`. O(size of the members).
  friend bool operator==(const json_extras& a, const json_extras& b) { return a.x_members == b.x_members; }
};

enum class unit_kind { department, team, role, system, external };
/// "department", "team", "role", "system" or "external". O(1).
std::string_view to_string(unit_kind k);

struct unit {
  std::string id;
  std::optional<std::string> name;
  std::optional<unit_kind> kind;
  std::optional<std::string> group;
  std::optional<rate_value> capacity;
  std::optional<std::int64_t> staff;
  std::optional<rate_value> demand;
  std::optional<std::vector<std::string>> accepts;
  std::optional<std::int64_t> members;
  json_extras extras;

  /// The name, else the id; the kind, else department; the staff, else 1.
  /// All O(1).
  const std::string& display_name() const { return name ? *name : id; }
  unit_kind kind_or_default() const { return kind.value_or(unit_kind::department); }
  std::int64_t staff_or_default() const { return staff.value_or(1); }
  /// Member-wise, quantities compared as values. O(size of the element).
  friend bool operator==(const unit&, const unit&);
};

struct artifact {
  std::string id;
  std::optional<std::string> name;
  std::string owner;
  std::optional<duration_value> changes;
  std::optional<duration_value> max_age;
  std::optional<std::string> format;
  json_extras extras;

  /// The name, else the id. O(1).
  const std::string& display_name() const { return name ? *name : id; }
  /// Member-wise, quantities compared as values. O(size of the element).
  friend bool operator==(const artifact&, const artifact&);
};

struct flow {
  std::string id;             // as written, or generated `from->to#n`
  bool id_generated = false;  // generated ids are never written back
  std::string from;
  std::string to;
  std::optional<std::vector<std::string>> carries;  // ["*"] = everything
  std::optional<std::string> channel;
  std::optional<duration_value> latency;
  std::optional<cadence_value> cadence;
  std::optional<std::string> format;
  std::optional<bool> manual;
  std::optional<double> reliability;
  std::optional<rate_value> volume;
  json_extras extras;

  /// True when carries is exactly ["*"]. O(1).
  bool carries_all() const { return carries && carries->size() == 1 && (*carries)[0] == "*"; }
  /// True when the flow is part of G[A]: it lists `artifact` or is `*`.
  /// O(carries); false without carries (absent or empty).
  bool carries_artifact(std::string_view artifact) const;
  /// Latency and cadence in ms (0 when absent: no delay, on change), manual
  /// (false when absent), reliability (1 when absent). All O(1).
  millis latency_ms() const { return latency ? latency->ms : 0; }
  millis cadence_ms() const { return cadence ? cadence->ms : 0; }
  bool is_manual() const { return manual.value_or(false); }
  double reliability_or_default() const { return reliability.value_or(1.0); }
  /// Member-wise, quantities compared as values. O(size of the element).
  friend bool operator==(const flow&, const flow&);
};

struct handoff {
  std::string id;
  bool id_generated = false;
  std::string from;
  std::string to;
  std::optional<std::string> process;
  std::optional<std::string> item;
  std::optional<rate_value> volume;
  std::optional<duration_value> wait;
  std::optional<std::vector<std::string>> context;
  /// The handoff hands the finished work or its result back (a report, a
  /// resolved ticket, an answer): it closes the work, it is not rework, and
  /// it needs no feedback of its own.
  std::optional<bool> returns;
  json_extras extras;

  /// The wait in ms (0 when absent) and whether it returns work (false when
  /// absent). Both O(1).
  millis wait_ms() const { return wait ? wait->ms : 0; }
  bool is_return() const { return returns.value_or(false); }
  /// Member-wise, quantities compared as values. O(size of the element).
  friend bool operator==(const handoff&, const handoff&);
};

struct need {
  std::string unit;
  std::string artifact;
  std::optional<duration_value> max_age;
  std::optional<std::string> purpose;
  json_extras extras;
  /// Member-wise, quantities compared as values. O(size of the element).
  friend bool operator==(const need&, const need&);
};

struct symptom {
  std::string id;
  std::string unit;                      // where the problem shows
  std::optional<std::string> performer;  // whose people someone proposes to train (default: unit)
  std::string description;
  std::optional<std::vector<std::string>> artifacts;
  std::optional<std::string> process;
  json_extras extras;
  /// Member-wise. O(size of the element).
  friend bool operator==(const symptom&, const symptom&);
};

/// A finding the organization has decided to live with, for now
/// (model-format.md, "accepted"). It matches a finding when `code` equals the
/// finding's and every other member it gives equals the finding's (`units`
/// compared as sets; `from` and `to` with the finding's metrics).
struct accepted_finding {
  std::string code;
  std::vector<std::string> units;
  std::optional<std::string> artifact;
  std::optional<std::string> process;
  std::optional<std::string> ref;
  std::optional<std::string> from;
  std::optional<std::string> to;
  std::string reason;
  json_extras extras;
  /// Member-wise (`units` in order here). O(size of the element).
  friend bool operator==(const accepted_finding&, const accepted_finding&);
};

/// A whole model. Arrays keep file order: the spec consults it for ties
/// ("first in the file") and for generated ids.
struct model {
  std::optional<std::string> name;
  std::vector<unit> units;
  std::vector<artifact> artifacts;
  std::vector<flow> flows;
  std::vector<handoff> handoffs;
  std::vector<need> needs;
  std::vector<symptom> symptoms;
  std::vector<accepted_finding> accepted;
  bool has_accepted = false;  // the model has an `accepted` array (even empty)
  json_extras extras;

  /// The name, else "(untitled model)". O(1).
  const std::string& display_name() const;  // name, else "(untitled model)"
  /// The format version export writes (model-format.md: 1 and 2 are read alike).
  static constexpr int format_version = 2;
  /// Index of the first unit / artifact / symptom with this id (references
  /// resolve to the first), or nullopt. Linear (O(units), O(artifacts),
  /// O(symptoms)); build a map for hot loops. Always nullopt on an empty
  /// model.
  std::optional<std::size_t> find_unit(std::string_view id) const;
  std::optional<std::size_t> find_artifact(std::string_view id) const;
  std::optional<std::size_t> find_symptom(std::string_view id) const;
  /// Every array compared element by element, in order. O(size of the
  /// model); two empty models are equal.
  friend bool operator==(const model&, const model&);
};

/// One problem with an input: where (file plus JSON pointer, or line and
/// column for syntax errors; 1-based, column in bytes) and a plain sentence
/// that says how to fix it.
struct diagnostic {
  std::string file;
  std::string pointer;  // empty for syntax errors
  int line = 0;         // 0 when a pointer is given
  int column = 0;
  std::string message;
  /// `file:/pointer: message` or `file:line:column: message`; `file:
  /// message` when it has neither. O(length).
  std::string to_string() const;
};

struct load_result {
  std::optional<model> value;  // set exactly when diagnostics is empty
  std::vector<diagnostic> diagnostics;
  /// value is set (and diagnostics empty). O(1).
  bool ok() const { return value.has_value(); }
};

/// Parses and validates a model (model-format.md), reporting every problem in
/// document order. `file_name` only labels diagnostics. Never throws for bad
/// input. O(length of the text) (ids and references resolved through hash
/// maps), plus sorting the diagnostics. An empty or blank text is one
/// diagnostic ("the file is empty"); the smallest valid model is
/// `{"orgflow": 2, "units": []}`.
load_result load_model(std::string_view json_text, std::string_view file_name);

/// Writes a model as JSON text: 2-space indent, members in the order the
/// author wrote them (`x-` members in place), quantities as written (or in a
/// canonical form when made in code), generated ids left out, a final
/// newline. Loading the result gives an equal model; writing is idempotent.
/// O(size of the model). An empty model gives `"orgflow": 2` and
/// `"units": []` (plus any array its author wrote empty).
std::string save_model(const model& m);

/// Checks a model built or changed in code against every rule of the format
/// (by writing it and loading it back); empty when valid. O(size of the
/// model), one save_model and one load_model. An empty model is valid.
std::vector<diagnostic> validate_model(const model& m, std::string_view file_name = "<model>");

/// Recomputes generated flow and handoff ids (`from->to#n`), as after load,
/// also for an element whose id is empty. O(flows + handoffs), through a
/// hash map of unit pairs; a model without flows and handoffs is unchanged.
void assign_generated_ids(model& m);

}  // namespace orgflow
