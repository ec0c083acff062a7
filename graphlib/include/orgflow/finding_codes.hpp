// The registry of finding codes: one table in the library that says, for
// every code orgflow can report, its family, the severities it takes, the
// layers of a model it reads, what its `ref` names and how the map marks it.
// The analyses, writers, renderer, the model loader (which checks the codes
// of `accepted` entries) and the tests read it; a test fails when a code is
// emitted that the table lacks, or the table lists a code docs/findings.md
// does not explain.
#pragma once

#include <string_view>
#include <vector>

namespace orgflow {

/// What a finding's `ref` names.
enum class ref_kind { none, flow, handoff };

/// How the map marks a finding (docs/views.md).
enum class map_mark {
  missing_flow,   // a dashed red arrow owner -> consumer (GAP.NO_ROUTE)
  path,           // the delivery path drawn thick (STALE.ROUTE, LOSSY.ROUTE)
  flow,           // the flow it is about drawn in colour (FRICTION.*, WASTE.*)
  handoff_pair,   // the handoffs of a pair of units (GAP.NO_FEEDBACK)
  unit,           // a badge on the unit (GAP.ISOLATED, RISK.*, LOAD.*)
  units,          // a badge on each of its units (GAP.SPLIT, PROCESS.LOOP)
  handoff,        // the handoff it is about (PROCESS.SLOW_HANDOFF)
};

struct finding_code_info {
  std::string_view code;        // e.g. "STALE.ROUTE"
  std::string_view family;      // "delivery", "friction", "structure", "waste", "risk", "load", "process"
  std::string_view severities;  // "critical", "critical or warning", "warning or info", ...
  std::string_view layers;      // the parts of a model it reads, in words
  ref_kind ref = ref_kind::none;
  map_mark mark = map_mark::unit;
};

/// Every finding code, in the order of docs/findings.md. O(1).
const std::vector<finding_code_info>& finding_codes();

/// The entry of `code`, or nullptr for an unknown code (an empty one too).
/// O(codes).
const finding_code_info* find_finding_code(std::string_view code);

}  // namespace orgflow
