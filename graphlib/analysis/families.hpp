// The analysis families of analyses.md, each a pure computation from the
// model and its graph views. analyze() (analyze.cpp) calls them, merges their
// findings and sorts them. Internal to graphlib.
#pragma once

#include <vector>

#include "graph/views.hpp"
#include "orgflow/analysis.hpp"

namespace orgflow::analysis {

/// Gaps in the structure (analyses.md): GAP.NO_FEEDBACK, GAP.ISOLATED,
/// GAP.SPLIT, and RISK.CUT_UNIT (single points of failure in G).
std::vector<finding> structure_findings(const model& m, const graph::views& v);

/// Load and bottlenecks: LOAD.OVER; fills utilization and wait_h of `units`
/// (one entry per vertex, in vertex order).
std::vector<finding> load_findings(const model& m, const graph::views& v, std::vector<unit_metrics>& units);

/// Processes: PROCESS.LOOP, PROCESS.SLOW_HANDOFF, and the per-process metrics
/// (ordered by name) in `out`.
std::vector<finding> process_findings(const model& m, const graph::views& v, std::vector<process_metrics>& out);

/// Per group E-I index (analyses.md, Metrics beside findings), ordered by id;
/// the member lists only `with_members` (analysis_options::group_members).
std::vector<group_metrics> group_metrics_of(const model& m, const graph::views& v, bool with_members);

/// Flows in and out per vertex; fills flows_in/flows_out of `units`.
void flow_degrees(const graph::views& v, std::vector<unit_metrics>& units);

/// Directed, unweighted betweenness of G, parallel flows counted once,
/// normalised by (n-1)(n-2) (0 for n <= 2), one value per vertex. Brandes
/// over a CSR graph on `threads` threads (0: hardware concurrency).
std::vector<double> betweenness(const graph::views& v, unsigned threads);

class delivery;  // analysis/delivery.hpp

/// Delivery of an artifact (analyses.md): GAP.NO_ROUTE, STALE.ROUTE and
/// LOSSY.ROUTE, one per need other than an owner's own (need_findings.cpp).
std::vector<finding> need_findings(const delivery& d);

/// Friction and waste: FRICTION.FORMAT, FRICTION.MANUAL, WASTE.UNUSED_FLOW,
/// one per flow (friction.cpp).
std::vector<finding> friction_findings(const delivery& d);

/// RISK.SINGLE_ROUTE: dominators of G[A] from each owner, one finding per
/// (X, A) (single_route.cpp).
std::vector<finding> single_route_findings(const delivery& d);

/// LOAD.RELAY; fills `relays` of `units` (one entry per vertex, in vertex
/// order) (relay.cpp).
std::vector<finding> relay_findings(const delivery& d, std::vector<unit_metrics>& units);

}  // namespace orgflow::analysis
