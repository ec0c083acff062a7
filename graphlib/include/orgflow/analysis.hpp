// The results of orgflow's analyses (../shared/spec/analyses.md): findings
// with their codes, severities, units and evidence; one row per need; metrics
// per unit, process and group. analyze() computes all of it from a valid
// model; it never prints and never throws for a valid model.
//
// Values are kept in the model's exact units (milliseconds, per-hour doubles);
// the writers in orgflow/report.hpp turn them into hours and rounded numbers.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "orgflow/finding_codes.hpp"
#include "orgflow/model.hpp"

namespace orgflow {

enum class severity { critical = 0, warning = 1, info = 2 };
/// "critical", "warning" or "info". O(1).
std::string_view to_string(severity s);
/// Parses `critical`, `warning`, `info`; nullopt otherwise (an empty string
/// too). O(1).
std::optional<severity> parse_severity(std::string_view s);

/// Marker for a duration metric: written in hours (`*_h` keys).
struct hours_value {
  millis ms = 0;
  /// Equal milliseconds. O(1).
  friend bool operator==(hours_value a, hours_value b) { return a.ms == b.ms; }
};

/// One value of a finding's `metrics` object (cli.md, metrics by code).
/// monostate is JSON null.
using metric_value = std::variant<std::monostate, bool, std::int64_t, double, hours_value, std::string,
                                  std::vector<std::string>, std::vector<std::vector<std::string>>,
                                  std::vector<std::int64_t>>;

struct finding {
  std::string code;                     // e.g. "STALE.ROUTE"
  severity level = severity::info;
  std::vector<std::string> units;       // sorted unit ids the finding concerns
  std::optional<std::string> artifact;  // artifact id, when about one
  std::optional<std::string> process;   // process name, when about one
  std::optional<std::string> ref;       // the flow or handoff id, when about one
  ref_kind ref_type = ref_kind::none;   // what `ref` names (the registry's entry for the code)
  std::vector<std::string> path;        // evidence path of unit ids (need codes), else empty
  std::vector<std::string> path_flows;  // the flows the delivery chose along `path` (one fewer)
  /// The `metrics` members in the order cli.md lists them.
  std::vector<std::pair<std::string, metric_value>> metrics;
  std::string title;           // plain English, from the model's names
  std::string recommendation;  // plain English, from the model's names
  /// The reason of the model's `accepted` entry that matches it: counted and
  /// listed apart, never failing a build (model-format.md, "accepted").
  std::optional<std::string> accepted;
  /// Left out by a filter (apply_filter); it keeps its place and number.
  bool hidden = false;

  /// The value of metric `key`, or nullptr when the finding has none (always
  /// for a finding without metrics). O(metrics).
  const metric_value* metric(std::string_view key) const;
};

/// One row of `needs` (cli.md): a declared or implicit need and its delivery.
struct need_row {
  std::string unit;
  std::string artifact;
  std::string owner;
  bool implicit = false;
  std::optional<std::string> source_handoff;  // id of the handoff behind an implicit need
  bool own = false;                           // the owner's own need (always met)
  bool delivered = false;                     // a delivery path exists (own needs: true)
  std::optional<millis> expected_lag;         // E
  std::optional<millis> worst_lag;            // W
  std::optional<double> reliability;          // R
  std::optional<millis> tolerance;            // T
  std::optional<double> outdated_share;       // 1 - exp(-E/C)
  std::optional<std::int64_t> hops;
  std::vector<std::string> path;              // unit ids, owner first; empty when undelivered
  std::vector<std::string> flows;             // chosen flow ids along the path
  std::optional<std::string> purpose;         // the declared need's purpose (not in JSON)
};

/// LOAD.OVER: a warning from this utilization (rho = lambda / capacity) up,
/// critical from 1. The analysis compares exactly (100 lambda >= 85
/// capacity, analyses.md); writers and the map mark units with this value.
inline constexpr double overload_utilization = 0.85;

struct unit_metrics {
  std::string id;
  std::int64_t flows_in = 0;
  std::int64_t flows_out = 0;
  double betweenness = 0;
  std::int64_t relays = 0;                 // delivery paths it relays
  std::optional<double> utilization;       // rho, when the unit has a capacity
  std::optional<double> wait_h;            // Wq in hours, when defined
};

struct process_metrics {
  std::string name;
  std::int64_t handoffs = 0;
  std::vector<std::string> units;                        // sorted ids
  std::int64_t loops = 0;                                // PROCESS.LOOP components
  std::optional<std::vector<std::string>> critical_path; // null with a loop or no wait > 0
  std::optional<millis> critical_wait;
};

struct group_metrics {
  std::string id;
  std::vector<std::string> members;  // sorted ids, the group itself included (empty unless analysis_options::group_members)
  std::int64_t internal = 0;
  std::int64_t external = 0;
  std::optional<double> ei;
};

/// What the model covers (analyses.md, Coverage): a layer that is empty
/// cannot show the problems that live in it.
struct model_coverage {
  std::int64_t flows = 0;       // information flows
  std::int64_t handoffs = 0;    // work handoffs
  std::int64_t needs = 0;       // need rows: declared and implicit, deduplicated, own needs included
  std::int64_t capacities = 0;  // units with a capacity
};

struct analysis_result {
  std::string model_name;
  model_coverage coverage;
  std::vector<finding> findings;         // in the spec's order (analyses.md, Output)
  std::vector<need_row> needs;           // ordered by unit, then artifact
  std::vector<unit_metrics> units;       // ordered by id
  std::vector<process_metrics> processes;// ordered by name
  std::vector<group_metrics> groups;     // ordered by id
  /// The model has an `accepted` array: the report states how many findings
  /// it accepts (even 0).
  bool has_accepted = false;
  std::int64_t accepted = 0;             // findings accepted (shown or not)
  /// One sentence per `accepted` entry that matches no finding or names a
  /// unit or artifact the model does not have, with its JSON pointer
  /// (`/accepted/2: ...`): warnings, not errors.
  std::vector<std::string> accepted_warnings;
  /// Set by apply_filter: how many findings it left out.
  std::optional<std::int64_t> filtered;
  /// Findings of severity s that are shown and not accepted: what the
  /// summary counts and --fail-on judges. O(findings); 0 without findings.
  std::int64_t count(severity s) const;
};

/// Options for analyze(). threads = 0 uses the hardware concurrency.
struct analysis_options {
  unsigned threads = 0;
  /// Fill group_metrics::members. Only the JSON report prints them, and for
  /// groups nested deep they are most of the result (one id per unit and
  /// group containing it: 20,000 nested groups hold 200 million): callers
  /// that do not print them turn them off.
  bool group_members = true;
  /// Compute unit_metrics::betweenness (units x flows: most of the time of
  /// analyze() on a large model). Only the JSON report prints it, and no
  /// finding reads it: callers that print no JSON turn it off (it is then 0).
  bool betweenness = true;
};

/// Every analysis of analyses.md on a valid model (as load_model returns).
/// Deterministic: the same model gives the same result, whatever the order of
/// the arrays the spec never consults and whatever the thread count.
/// Cost: Brandes betweenness, O(units · flows), is most of it on a large
/// model (options.betweenness turns it off); then, per artifact that someone
/// needs, one Dijkstra and one dominator tree over the flows that carry it,
/// O(flows in G[A] · log units); GAP.NO_FEEDBACK's reachability, O((units +
/// flows + handoffs) · handoff receivers / 64); queue waits, O(total staff)
/// at most; group members, units · group depth (options.group_members);
/// matching the `accepted` entries, O(findings · accepted entries). The
/// analysis runs on options.threads threads; with more than one,
/// betweenness runs beside the rest on half of them (rounded up), the rest
/// on the others; the result does not depend on the count. An empty model
/// (no units) gives an empty result: no findings, need rows, unit, process
/// or group metrics, and coverage 0 everywhere.
analysis_result analyze(const model& m, const analysis_options& options = {});

/// Which findings to show (cli.md, filters): codes by glob (`*` matches any
/// run of characters; any pattern may match), a minimum severity, units (a
/// finding is shown when its units include any of them). Empty members do
/// not filter.
struct finding_filter {
  std::vector<std::string> codes;
  std::optional<severity> min_severity;
  std::vector<std::string> units;
  /// True when no member filters. O(1).
  bool empty() const { return codes.empty() && !min_severity && units.empty(); }
};

/// Marks the findings `f` leaves out as hidden and sets r.filtered; numbers
/// (positions in r.findings) do not change. Every finding's `hidden` is set
/// anew (a second filter replaces the first). O(findings · (patterns ·
/// pattern length · code length + filter units · units per finding)). An
/// empty filter shows every finding; a result without findings, or an empty
/// filter, gets r.filtered = 0.
void apply_filter(analysis_result& r, const finding_filter& f);

/// `pattern` matches the whole of `code`, `*` standing for any run of
/// characters (`RISK.*`, `*.ROUTE`). O(pattern · code). An empty pattern
/// matches only an empty code; `*` matches every code, the empty one too.
bool code_matches(std::string_view pattern, std::string_view code);

/// The spec's total order of findings: severity, code, units (element-wise),
/// artifact (none first), process (none first), then ref. O(the size of
/// the fields compared: codes, unit lists and the optional strings).
bool finding_less(const finding& a, const finding& b);

}  // namespace orgflow
