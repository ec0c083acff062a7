// Will training fix it? The diagnosis of a symptom (analyses.md, "Diagnosis:
// will training fix it?" and the Diagnosis exact rules, version 2).
//
// A symptom shows at a unit U; someone proposes to train the people of a
// performer P (U when not given). Only findings that stand in one of ten
// defined links to P's work (its needs, its feedback, the tools on its
// delivery paths, its capacity, rework it is part of; the same at U; waits
// and overload upstream of P) are causes, each with a category. Findings
// that are not causes but concern P or U, or a unit on the delivery path of
// a need of P, are the context: shown, never counted. The verdict is
// `structural`, `no-structural-cause` or `not-enough-data`.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "orgflow/analysis.hpp"
#include "orgflow/model.hpp"

namespace orgflow {

enum class verdict { structural, no_structural_cause, not_enough_data };
/// "structural", "no-structural-cause", "not-enough-data". O(1).
std::string_view to_string(verdict v);

/// The link between a finding and the symptom, in the order of the spec's
/// table (the first link that fits wins).
enum class cause_link {
  needs,
  feedback,
  tools,
  capacity,
  rework,
  needs_at_symptom,
  tools_at_symptom,
  capacity_at_symptom,
  waiting,
  upstream_capacity
};
/// "needs", "feedback", "tools", "capacity", "rework", "needs-at-symptom",
/// "tools-at-symptom", "capacity-at-symptom", "waiting", "upstream-capacity".
/// O(1).
std::string_view to_string(cause_link l);

/// What kind of obstacle a cause is (Gilbert's behaviour engineering model:
/// information, feedback and resources before skills).
enum class cause_category { information, feedback, resources, capacity, process };
/// "information", "feedback", "resources", "capacity", "process". O(1).
std::string_view to_string(cause_category c);
/// The category of a link: the needs links are information, feedback is
/// feedback, the tools links are resources, the capacity links (upstream
/// included) are capacity, rework and waiting are process. O(1).
cause_category category_of(cause_link l);

/// What to diagnose: a symptom of the model, or an ad-hoc one at a unit
/// (`orgflow diagnose --unit UNIT [--performer P] [--process X] [--artifact A]...`).
struct symptom_query {
  std::optional<std::string> symptom_id;  // set for a model symptom
  std::string unit;                       // U, where the problem shows
  std::optional<std::string> performer;   // P; U when not given
  std::optional<std::string> process;
  std::optional<std::string> description;
  std::vector<std::string> artifacts;     // the named artifacts
  /// P: the performer when given, else the unit. O(1).
  const std::string& performer_or_unit() const { return performer ? *performer : unit; }
};

struct cause {
  const finding* source = nullptr;  // into the analysis_result diagnosed
  std::size_t finding_index = 0;    // its position in analysis_result::findings (0-based)
  cause_link link = cause_link::needs;
  bool named = false;               // about an artifact the symptom names
  /// category_of(link). O(1).
  cause_category category() const { return category_of(link); }
};

/// A finding near the performer that is not a cause (single routes, cut
/// units, relays, waste, isolation nearby): shown, never counted.
struct context_entry {
  const finding* source = nullptr;
  std::size_t finding_index = 0;
};

struct diagnosis {
  symptom_query query;
  std::string performer;              // P as resolved, never empty
  verdict result = verdict::not_enough_data;
  std::vector<cause> causes;          // ranked (analyses.md, Ranking)
  std::vector<context_entry> context; // in the report's finding order
  std::vector<std::string> unknowns;  // fixed phrases of analyses.md, in their order
  std::string summary;                // one plain sentence, from the model's names
  /// The causes that decide the verdict: critical and warning ones.
  /// O(causes); 0 without causes.
  std::size_t structural_causes() const;
};

/// The query for a symptom of the model (by index into model.symptoms).
/// Throws std::out_of_range for an index past the end (any index, for a
/// model without symptoms). O(size of the symptom).
symptom_query query_for_symptom(const model& m, std::size_t symptom_index);

/// Diagnoses one symptom. The unit, the performer and the artifacts must
/// exist in `m` (check with model::find_unit first); `r` must be analyze(m).
/// O(findings + need rows · path length + units + artifacts + needs + flows
/// + handoffs), with log factors from the sets and maps it builds, plus
/// sorting the causes. A model with no finding gives no cause and no
/// context; the verdict is then `no-structural-cause` when P has a need for
/// an artifact it does not own, else `not-enough-data`.
diagnosis diagnose(const model& m, const analysis_result& r, const symptom_query& q);

/// Every symptom of the model diagnosed, in file order, on up to `threads`
/// threads (0: one per core): a large model's symptoms take a fraction of a
/// second each. The result does not depend on the threads. O(symptoms x
/// diagnose()). A model without symptoms gives an empty vector.
std::vector<diagnosis> diagnose_symptoms(const model& m, const analysis_result& r, unsigned threads = 0);

}  // namespace orgflow
