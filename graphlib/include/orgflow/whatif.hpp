// What-if and diff (cli.md, `orgflow whatif`, `orgflow diff`): changes to a
// copy of a model, and the comparison of two analyses — findings resolved,
// added and still present (with changed numbers), and the key figures before
// and after (needs' lags and outdated shares, units' utilization and waits,
// the diagnosis verdicts of the model's symptoms).
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
  enum class kind { add_flow, remove_flow, remove_unit, set_capacity, set_staff };
  kind what = kind::add_flow;
  std::string text;       // the argument as written, for messages
  flow new_flow;          // add_flow
  std::string target;     // remove_flow: flow id; remove_unit/set_*: unit id
  rate_value capacity;    // set_capacity
  std::int64_t staff = 1; // set_staff
};

/// Parses `--add-flow 'FROM->TO carries=A,B cadence=on-change latency=1d'`
/// (keys: carries, cadence, latency, channel, format, manual, reliability,
/// volume, id), `--remove-flow ID`, `--remove-unit ID`, and `--set
/// UNIT.capacity=RATE` / `--set UNIT.staff=N` (the unit id is everything
/// before the last `.`). `option` is the option name without dashes
/// (`add-flow`, `remove-flow`, `remove-unit`, `set`). nullopt with a message
/// in *why for a malformed change.
std::optional<model_change> parse_change(std::string_view option, std::string_view argument, std::string* why);

/// Applies changes in order to `m` (ids as they were before the changes;
/// generated ids are derived again afterwards). A change that names an
/// unknown unit, flow or artifact is an error: the returned messages say
/// which, and `m` is then unspecified. Removal follows cli.md: a removed unit
/// takes with it its flows, handoffs, needs and symptoms, and the artifacts it
/// owns (with the needs for them and their mentions in carries, context and
/// symptoms); units grouped under it lose their group.
std::vector<std::string> apply_changes(model& m, const std::vector<model_change>& changes);

/// The identity of a finding across two versions of a model: code, artifact,
/// units, process and the flow or handoff it is about.
struct finding_key {
  std::string code;
  std::optional<std::string> artifact;
  std::vector<std::string> units;
  std::optional<std::string> process;
  std::optional<std::string> ref;
  static finding_key of(const finding& f);
  friend bool operator<(const finding_key& a, const finding_key& b);
  friend bool operator==(const finding_key& a, const finding_key& b);
};

struct changed_metric {
  std::string key;
  metric_value before, after;
};

struct kept_finding {
  const finding* before = nullptr;
  const finding* after = nullptr;
  std::vector<changed_metric> changes;  // metrics whose value differs (and severity)
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
  std::string summary_after;             // the diagnosis summary after (or before, when gone)
};

struct comparison {
  std::vector<const finding*> resolved;  // in the old order
  std::vector<const finding*> added;     // in the new order
  std::vector<kept_finding> kept;        // in the new order
  std::vector<need_change> needs;        // needs whose delivery changed, by unit then artifact
  std::vector<unit_change> units;        // units whose utilization or wait changed, by id
  std::vector<verdict_change> verdicts;  // every symptom of either model, by id
  bool changed() const;                  // anything resolved, added, or a kept finding changed
};

/// Compares two versions of a model and their analyses. The results must
/// outlive the comparison (it points into them).
comparison compare(const model& old_model, const analysis_result& old_result, const model& new_model,
                   const analysis_result& new_result);

}  // namespace orgflow
