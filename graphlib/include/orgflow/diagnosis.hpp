// Will training fix it? The diagnosis of a symptom (analyses.md, Diagnosis
// and Exact rules): the scope of units upstream of the symptom's unit, the
// relevant findings ranked by score with their distance, a verdict, and what
// the model does not say.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "orgflow/analysis.hpp"
#include "orgflow/model.hpp"

namespace orgflow {

enum class verdict { structural, no_structural_cause };
std::string_view to_string(verdict v);  // "structural", "no-structural-cause"

/// What to diagnose: a symptom of the model, or an ad-hoc one at a unit
/// (`orgflow diagnose --unit UNIT [--process P]`).
struct symptom_query {
  std::optional<std::string> symptom_id;  // set for a model symptom
  std::string unit;
  std::optional<std::string> process;
  std::optional<std::string> description;
  std::vector<std::string> artifacts;     // artifacts the symptom names
};

struct cause {
  const finding* source = nullptr;  // into the analysis_result diagnosed
  std::size_t finding_index = 0;    // its position in analysis_result::findings (0-based)
  std::int64_t distance = 0;
  double score = 0;
};

struct diagnosis {
  symptom_query query;
  verdict result = verdict::no_structural_cause;
  std::vector<std::string> scope;    // sorted unit ids
  std::vector<cause> causes;         // ranked
  std::vector<std::string> unknowns; // fixed phrases of analyses.md
  std::string summary;               // one plain sentence, from the model's names
};

/// The query for a symptom of the model (by index into model.symptoms).
symptom_query query_for_symptom(const model& m, std::size_t symptom_index);

/// Diagnoses one symptom. The unit (and the artifacts) must exist in `m`
/// (check with model::find_unit first); `r` must be analyze(m). O(units +
/// flows + handoffs + findings · units per finding + causes · log causes).
diagnosis diagnose(const model& m, const analysis_result& r, const symptom_query& q);

}  // namespace orgflow
