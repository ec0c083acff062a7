// The plan of `orgflow diagnose --plan` (cli.md, "JSON of diagnose"): what it
// would take to remove the causes of a symptom. Each critical or warning
// cause becomes a concrete change in the grammar of `orgflow whatif` (a
// direct on-change flow for a need, a way back for missing feedback, a
// format or an automated flow for friction, a capacity that brings the load
// to 80 %); the changes are applied together and the changed model is
// diagnosed again. Rework loops have no change: they are a process decision.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include "orgflow/analysis.hpp"
#include "orgflow/diagnosis.hpp"
#include "orgflow/model.hpp"

namespace orgflow {

struct plan {
  /// The changes in the grammar of "Changes for whatif", as strings
  /// (`--add-flow 'finance->marketing carries=prices cadence=on-change'`),
  /// in the order the causes rank; a change an earlier cause already asked
  /// for appears once.
  std::vector<std::string> changes;
  /// The 1-based finding numbers (in the original report) of the critical
  /// and warning causes that no change removes.
  std::vector<std::size_t> unremovable;
  /// The model with every change applied, its analysis, and the diagnosis
  /// of the same symptom in it. `after` points into `after_result`, which
  /// is why a plan is handed out behind a unique_ptr and never copied.
  model changed;
  analysis_result after_result;
  diagnosis after;
};

/// Builds and applies the plan for diagnosis `d` of model `m` (made from
/// analyze(m), which must still be alive), and diagnoses the changed model
/// again. The changes name flows by their ids in `m`. Costs a copy of `m`,
/// one analysis and one diagnosis of the changed model, and O(handoffs) per
/// capacity change. A diagnosis without critical or warning causes gives a
/// plan without changes: `changed` is a copy of `m`, analysed again.
std::unique_ptr<plan> make_plan(const model& m, const diagnosis& d, const analysis_options& options = {});

/// `--add-flow 'O->U ...'` and the like, quoted for a POSIX shell where the
/// argument needs it (the flow ids of `--set-flow` hold `>` and `#`): the
/// form a person can paste into a terminal. O(length). A change without an
/// argument (no space), the empty string included, comes back unchanged.
std::string shell_ready_change(const std::string& change);

}  // namespace orgflow
