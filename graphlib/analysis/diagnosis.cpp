// Diagnosis of a symptom: will training fix it? (analyses.md, Diagnosis and
// Exact rules). Pure: a model, its analysis result and a query in, a ranked
// list of causes and a verdict out.
//
// Scope: breadth-first search backwards from the symptom's unit over flows
// and handoffs (only those of the symptom's process when it names one),
// parallel edges once; the BFS depth is the distance of each scope unit.
// Scores compare exactly: weight / (1 + d) with weights 3, 2, 0.5 is compared
// as the integer cross products of 2·weight and (1 + d).
#include "orgflow/diagnosis.hpp"

#include <algorithm>
#include <deque>
#include <numeric>
#include <set>

#include "graph/views.hpp"

namespace orgflow {

std::string_view to_string(verdict v) {
  return v == verdict::structural ? "structural" : "no-structural-cause";
}

namespace {

// Twice the spec's weight, so that every weight is an integer.
std::int64_t twice_weight(severity s) {
  switch (s) {
    case severity::critical: return 6;
    case severity::warning: return 4;
    case severity::info: return 1;
  }
  return 1;
}

std::string quoted_description(const symptom_query& q) {
  if (q.description && !q.description->empty()) return "'" + *q.description + "'";
  return "the problem";
}

}  // namespace

symptom_query query_for_symptom(const model& m, std::size_t symptom_index) {
  const symptom& s = m.symptoms.at(symptom_index);
  symptom_query q;
  q.symptom_id = s.id;
  q.unit = s.unit;
  q.process = s.process;
  q.description = s.description;
  if (s.artifacts) q.artifacts = *s.artifacts;
  return q;
}

diagnosis diagnose(const model& m, const analysis_result& r, const symptom_query& q) {
  diagnosis d;
  d.query = q;
  const graph::views v(m);
  const auto target = v.vertex_of(q.unit);
  const std::size_t n = v.size();

  // Backward adjacency over flows and the handoffs in scope, each
  // neighbour once (parallel edges once).
  std::vector<std::vector<graph::vertex>> preds(n);
  for (std::size_t f = 0; f < m.flows.size(); ++f) preds[v.flow_to(f)].push_back(v.flow_from(f));
  for (std::size_t h = 0; h < m.handoffs.size(); ++h) {
    if (q.process && (!m.handoffs[h].process || *m.handoffs[h].process != *q.process)) continue;
    preds[v.handoff_to(h)].push_back(v.handoff_from(h));
  }
  std::vector<std::int64_t> dist(n, -1);
  if (target) {
    std::deque<graph::vertex> queue{*target};
    dist[*target] = 0;
    while (!queue.empty()) {
      const graph::vertex x = queue.front();
      queue.pop_front();
      for (graph::vertex p : preds[x]) {
        if (dist[p] >= 0) continue;
        dist[p] = dist[x] + 1;
        queue.push_back(p);
      }
    }
  }
  for (graph::vertex x = 0; x < n; ++x)
    if (dist[x] >= 0) d.scope.push_back(v.id_of(x));  // vertex order is id order

  // Relevant findings: some unit of the finding lies in the scope.
  bool structural = false;
  for (std::size_t i = 0; i < r.findings.size(); ++i) {
    const finding& f = r.findings[i];
    std::int64_t best = -1;
    for (const std::string& u : f.units) {
      const auto x = v.vertex_of(u);
      if (!x || dist[*x] < 0) continue;
      if (best < 0 || dist[*x] < best) best = dist[*x];
    }
    if (best < 0) continue;
    cause c;
    c.source = &f;
    c.finding_index = i;
    c.distance = best;
    c.score = static_cast<double>(twice_weight(f.level)) / 2.0 / static_cast<double>(1 + best);
    d.causes.push_back(c);
    if (f.level != severity::info) structural = true;
  }

  const std::set<std::string> named(q.artifacts.begin(), q.artifacts.end());
  auto names_artifact = [&](const finding& f) { return f.artifact && named.count(*f.artifact) > 0; };
  std::stable_sort(d.causes.begin(), d.causes.end(), [&](const cause& a, const cause& b) {
    // a.score > b.score exactly: wa/(1+da) > wb/(1+db)  <=>  wa(1+db) > wb(1+da)
    const std::int64_t lhs = twice_weight(a.source->level) * (1 + b.distance);
    const std::int64_t rhs = twice_weight(b.source->level) * (1 + a.distance);
    if (lhs != rhs) return lhs > rhs;
    const bool na = names_artifact(*a.source), nb = names_artifact(*b.source);
    if (na != nb) return na;
    if (a.source->code != b.source->code) return a.source->code < b.source->code;
    if (a.source->units != b.source->units) return a.source->units < b.source->units;
    return a.finding_index < b.finding_index;
  });
  d.result = structural ? verdict::structural : verdict::no_structural_cause;

  // What the model does not say about the unit (fixed phrases).
  const bool declares_need = std::any_of(m.needs.begin(), m.needs.end(),
                                         [&](const need& x) { return x.unit == q.unit; });
  if (!declares_need) d.unknowns.emplace_back("no needs declared");
  const auto ui = m.find_unit(q.unit);
  if (!ui || !m.units[*ui].capacity) d.unknowns.emplace_back("no capacity");
  const bool inbound = std::any_of(m.flows.begin(), m.flows.end(), [&](const flow& f) { return f.to == q.unit; });
  if (!inbound) d.unknowns.emplace_back("no inbound flows");

  const std::string where = ui ? m.units[*ui].display_name() : q.unit;
  if (structural) {
    std::size_t k = 0;
    for (const cause& c : d.causes)
      if (c.source->level != severity::info) ++k;
    d.summary = "Training alone will not fix " + quoted_description(q) + " at " + where + ": " +
                std::to_string(k) + (k == 1 ? " structural cause was" : " structural causes were") +
                " found in how information and work reach " + where + ".";
  } else {
    d.summary = "The model shows no structural cause for " + quoted_description(q) + " at " + where +
                ": a skill or knowledge gap is plausible, and training may help.";
  }
  return d;
}

}  // namespace orgflow
