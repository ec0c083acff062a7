// The registry of finding codes (orgflow/finding_codes.hpp). It lives at the
// bottom of the library, in the model layer, because the loader checks the
// codes of `accepted` entries against it.
#include "orgflow/finding_codes.hpp"

namespace orgflow {

const std::vector<finding_code_info>& finding_codes() {
  static const std::vector<finding_code_info> table{
      {"GAP.NO_ROUTE", "delivery", "critical", "needs and the flows that carry artifacts", ref_kind::none,
       map_mark::missing_flow},
      {"STALE.ROUTE", "delivery", "critical or warning", "needs, flows with cadences and latencies, tolerances",
       ref_kind::none, map_mark::path},
      {"LOSSY.ROUTE", "delivery", "warning", "needs and flows with reliabilities", ref_kind::none, map_mark::path},
      {"FRICTION.FORMAT", "friction", "warning or info", "flows with a format, units with accepts", ref_kind::flow,
       map_mark::flow},
      {"FRICTION.MANUAL", "friction", "warning or info", "flows marked manual", ref_kind::flow, map_mark::flow},
      {"GAP.NO_FEEDBACK", "structure", "warning", "handoffs, and flows and handoffs for the way back", ref_kind::none,
       map_mark::handoff_pair},
      {"GAP.ISOLATED", "structure", "warning", "flows and handoffs", ref_kind::none, map_mark::unit},
      {"GAP.SPLIT", "structure", "warning", "flows and handoffs", ref_kind::none, map_mark::units},
      {"WASTE.UNUSED_FLOW", "waste", "info", "flows carrying named artifacts, and needs", ref_kind::flow,
       map_mark::flow},
      {"RISK.SINGLE_ROUTE", "risk", "warning", "needs and the flows that deliver them", ref_kind::none,
       map_mark::unit},
      {"RISK.CUT_UNIT", "risk", "warning", "flows", ref_kind::none, map_mark::unit},
      {"LOAD.OVER", "load", "critical or warning", "capacities, demand and handoff volumes", ref_kind::none,
       map_mark::unit},
      {"LOAD.RELAY", "load", "warning", "needs and the flows that deliver them", ref_kind::none, map_mark::unit},
      {"PROCESS.LOOP", "process", "warning", "handoffs with a process", ref_kind::none, map_mark::units},
      {"PROCESS.SLOW_HANDOFF", "process", "info", "handoffs with a process and a wait", ref_kind::handoff,
       map_mark::handoff},
  };
  return table;
}

const finding_code_info* find_finding_code(std::string_view code) {
  for (const finding_code_info& info : finding_codes())
    if (info.code == code) return &info;
  return nullptr;
}

}  // namespace orgflow
