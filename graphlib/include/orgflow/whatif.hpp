// What-if and diff (cli.md, `orgflow whatif`, `orgflow diff`): changes to a
// copy of a model, and the comparison of two analyses — findings resolved,
// added and still present (with changed numbers), matched by the identity of
// analyses.md ("Identity of a finding"), and the key figures before and after
// (needs' lags and outdated shares, units' utilization and waits, the
// diagnosis verdicts of the model's symptoms).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "orgflow/analysis.hpp"
#include "orgflow/diagnosis.hpp"
#include "orgflow/model.hpp"

namespace orgflow {

/// One change of `orgflow whatif`, as the user wrote it.
struct model_change {
  enum class kind { add_flow, remove_flow, remove_unit, set_capacity, set_staff, set_flow };
  /// The member `--set-flow ID.MEMBER=VALUE` changes.
  enum class flow_member { cadence, latency, format, manual, reliability };
  kind what = kind::add_flow;
  std::string text;        // the argument as written, for messages
  flow new_flow;           // add_flow; set_flow: the new value in the member it changes
  std::string target;      // remove_flow, set_flow: flow id; remove_unit, set_*: unit id
  rate_value capacity;     // set_capacity
  std::int64_t staff = 1;  // set_staff
  flow_member member = flow_member::cadence;  // set_flow
};

/// Parses one change (cli.md, "Changes for whatif"). `option` is the option
/// name without dashes:
/// - `add-flow`: `FROM->TO carries=A,B cadence=on-change latency=1d` (keys:
///   carries, cadence, latency, channel, format, manual, reliability,
///   volume, id);
/// - `remove-flow ID`, `remove-unit ID`;
/// - `set`: `UNIT.capacity=RATE` or `UNIT.staff=N` (the unit id is
///   everything before the last `.`);
/// - `set-flow`: `ID.cadence=CADENCE`, `ID.latency=DURATION`,
///   `ID.format=FORMAT`, `ID.manual=true|false`, `ID.reliability=R` (the id
///   is everything before the last `.` that precedes the first `=`).
/// nullopt with a message in *why for a malformed change (`why` may be
/// null, as for the quantity parsers). O(length). An empty argument is
/// malformed for every option, and an empty or unknown option is an error.
std::optional<model_change> parse_change(std::string_view option, std::string_view argument, std::string* why);

/// Applies changes in order to `m` (ids as they were before the changes;
/// generated ids are derived again afterwards). A change that names an
/// unknown unit, flow or artifact is an error: the returned messages say
/// which, and `m` is then unspecified. Removal follows cli.md: a removed unit
/// takes with it its flows, handoffs, needs and symptoms (also those it is
/// the performer of), and the artifacts it owns (with the needs for them and
/// their mentions in carries, context and symptoms); units grouped under it
/// lose their group; a flow whose carries loses its last artifact goes.
/// O(changes · (units + artifacts + flows + handoffs + needs + symptoms)).
/// No changes: no message, and only the generated ids are derived again.
std::vector<std::string> apply_changes(model& m, const std::vector<model_change>& changes);

/// The identity of a finding across two versions of a model (analyses.md,
/// "Identity of a finding"), by code: need codes by artifact, owner and
/// consumer; friction and waste by the flow's ends and its explicit id, else
/// its sorted carries and channel; GAP.NO_FEEDBACK by its pair;
/// PROCESS.SLOW_HANDOFF by process; PROCESS.LOOP by process and units;
/// RISK.SINGLE_ROUTE by unit and artifact; unit codes by unit; GAP.SPLIT by
/// code alone. Generated ids never enter an identity.
struct finding_identity {
  std::string code;
  std::vector<std::string> parts;
  /// By code, then parts. O(size of the identities).
  friend bool operator<(const finding_identity& a, const finding_identity& b);
  friend bool operator==(const finding_identity& a, const finding_identity& b);
};

/// The identity of every finding of `r` (analyze(m)), in the order of
/// r.findings. O(findings · units per finding + flows log flows). No
/// findings: an empty vector.
std::vector<finding_identity> identities_of(const model& m, const analysis_result& r);

struct changed_metric {
  std::string key;
  metric_value before, after;
};

struct kept_finding {
  const finding* before = nullptr;
  const finding* after = nullptr;
  std::vector<changed_metric> changes;  // metrics whose value differs (and severity)
  /// O(1); both pointers must be set.
  bool severity_changed() const { return before->level != after->level; }
};

struct need_change {
  std::string unit, artifact;
  const need_row* before = nullptr;  // null when the need is new
  const need_row* after = nullptr;   // null when the need is gone
};

struct unit_change {
  std::string id;
  const unit_metrics* before = nullptr;
  const unit_metrics* after = nullptr;
};

struct verdict_change {
  std::string symptom;
  std::optional<verdict> before, after;  // nullopt: the symptom is absent on that side
  std::string summary_before;            // the diagnosis summary before (empty when absent)
  std::string summary_after;             // the diagnosis summary after (empty when absent)
};

struct comparison {
  std::vector<const finding*> resolved;  // in the old order
  std::vector<const finding*> added;     // in the new order
  std::vector<kept_finding> kept;        // in the new order
  std::vector<need_change> needs;        // needs whose delivery changed, by unit then artifact
  std::vector<unit_change> units;        // units whose utilization or wait changed, by id
  std::vector<verdict_change> verdicts;  // every symptom of either model, by id
  /// O(resolved + added + kept); false for an empty comparison (needs, units
  /// and verdicts do not count).
  bool changed() const;                  // anything resolved, added, or a kept finding changed
};

/// Compares two versions of a model and their analyses; findings are
/// matched by identity (several findings with one identity pair up in their
/// order). The results must outlive the comparison (it points into them).
/// O(findings log findings + needs log needs + units log units + symptoms of
/// both models · diagnose()). Two results without findings, needs, unit
/// loads or symptoms give an empty comparison (changed() is false).
comparison compare(const model& old_model, const analysis_result& old_result, const model& new_model,
                   const analysis_result& new_result);

}  // namespace orgflow
