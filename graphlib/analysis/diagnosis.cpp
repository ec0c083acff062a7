// Diagnosis of a symptom: will training fix it? (analyses.md, Diagnosis and
// the Diagnosis exact rules, version 2). Pure: a model, its analysis result
// and a query in; ranked causes, context, a verdict and the unknowns out.
//
// Each finding is tested against the ten links in the spec's table order and
// takes the first that fits. The links read only what the analysis result
// already says: need findings name their owner and consumer, friction
// findings their flow (`ref`), GAP.NO_FEEDBACK its pair and processes,
// PROCESS.SLOW_HANDOFF its handoff; need rows give the chosen flows and the
// path of every delivery.
#include "orgflow/diagnosis.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <string_view>
#include <tuple>

#include "analysis/parallel.hpp"

namespace orgflow {

std::string_view to_string(verdict v) {
  switch (v) {
    case verdict::structural: return "structural";
    case verdict::no_structural_cause: return "no-structural-cause";
    case verdict::not_enough_data: return "not-enough-data";
  }
  return "not-enough-data";
}

std::string_view to_string(cause_link l) {
  switch (l) {
    case cause_link::needs: return "needs";
    case cause_link::feedback: return "feedback";
    case cause_link::tools: return "tools";
    case cause_link::capacity: return "capacity";
    case cause_link::rework: return "rework";
    case cause_link::needs_at_symptom: return "needs-at-symptom";
    case cause_link::tools_at_symptom: return "tools-at-symptom";
    case cause_link::capacity_at_symptom: return "capacity-at-symptom";
    case cause_link::waiting: return "waiting";
    case cause_link::upstream_capacity: return "upstream-capacity";
  }
  return "needs";
}

std::string_view to_string(cause_category c) {
  switch (c) {
    case cause_category::information: return "information";
    case cause_category::feedback: return "feedback";
    case cause_category::resources: return "resources";
    case cause_category::capacity: return "capacity";
    case cause_category::process: return "process";
  }
  return "information";
}

cause_category category_of(cause_link l) {
  switch (l) {
    case cause_link::needs:
    case cause_link::needs_at_symptom: return cause_category::information;
    case cause_link::feedback: return cause_category::feedback;
    case cause_link::tools:
    case cause_link::tools_at_symptom: return cause_category::resources;
    case cause_link::capacity:
    case cause_link::capacity_at_symptom:
    case cause_link::upstream_capacity: return cause_category::capacity;
    case cause_link::rework:
    case cause_link::waiting: return cause_category::process;
  }
  return cause_category::information;
}

std::size_t diagnosis::structural_causes() const {
  return static_cast<std::size_t>(std::count_if(
      causes.begin(), causes.end(), [](const cause& c) { return c.source->level != severity::info; }));
}

namespace {

// Codes are compared as string_views: equality checks the length first, so
// the many findings of other codes cost no byte comparison (a large model's
// report diagnoses every symptom against every finding).
using namespace std::string_view_literals;

bool is_need_code(std::string_view code) {
  return code == "GAP.NO_ROUTE"sv || code == "STALE.ROUTE"sv || code == "LOSSY.ROUTE"sv;
}
bool is_friction_code(std::string_view code) { return code == "FRICTION.FORMAT"sv || code == "FRICTION.MANUAL"sv; }

const std::string* string_metric(const finding& f, std::string_view key) {
  const metric_value* v = f.metric(key);
  return v ? std::get_if<std::string>(v) : nullptr;
}

bool concerns(const finding& f, const std::string& unit) {
  return std::binary_search(f.units.begin(), f.units.end(), unit);
}

// The ranking group of a link: rows 1-5, rows 6-8, rows 9-10.
int link_group(cause_link l) {
  if (l <= cause_link::rework) return 0;
  if (l <= cause_link::capacity_at_symptom) return 1;
  return 2;
}

std::string quoted_description(const symptom_query& q) {
  if (q.description && !q.description->empty()) return "'" + *q.description + "'";
  return "the problem";
}

const std::string& name_of(const model& m, const std::string& id) {
  const auto i = m.find_unit(id);
  return i ? m.units[*i].display_name() : id;
}

// What the diagnosis needs to know about the symptom's neighbourhood, read
// once from the model and the need rows.
struct neighbourhood {
  std::set<std::string> flows_of_p, flows_of_u;  // chosen flows on delivery paths of needs of P / of U
  std::set<std::string> named_flows;             // ... of any unit's need for a named artifact
  std::set<std::string> near_p;                  // units on the delivery path of a need of P
  std::set<std::string> upstream_of_p;           // X with a handoff of the symptom X -> P
  std::map<std::string, const handoff*> handoffs;
  bool p_has_need = false;
};

bool of_symptom(const handoff& h, const symptom_query& q) {
  return !q.process || (h.process && *h.process == *q.process);
}

neighbourhood look_around(const model& m, const analysis_result& r, const symptom_query& q, const std::string& p,
                          const std::set<std::string>& named) {
  neighbourhood nb;
  for (const need_row& n : r.needs) {
    if (n.owner == n.unit) continue;  // an own need is met; it has no delivery path
    if (n.unit == p) nb.p_has_need = true;
    if (!n.delivered) continue;
    if (n.unit == p) {
      nb.flows_of_p.insert(n.flows.begin(), n.flows.end());
      nb.near_p.insert(n.path.begin(), n.path.end());
    }
    if (n.unit == q.unit) nb.flows_of_u.insert(n.flows.begin(), n.flows.end());
    if (named.count(n.artifact)) nb.named_flows.insert(n.flows.begin(), n.flows.end());
  }
  for (const handoff& h : m.handoffs) {
    nb.handoffs.emplace(h.id, &h);
    if (h.to == p && h.from != p && of_symptom(h, q)) nb.upstream_of_p.insert(h.from);
  }
  return nb;
}

// The first link of the spec's table that `f` fits, if any.
std::optional<cause_link> link_of(const finding& f, const symptom_query& q, const std::string& p,
                                  const neighbourhood& nb) {
  const std::string& u = q.unit;
  const std::string_view code = f.code;
  const bool at_symptom = u != p;
  const std::string* consumer = is_need_code(code) ? string_metric(f, "consumer") : nullptr;
  const bool friction = is_friction_code(code) && f.ref;

  if (consumer && *consumer == p) return cause_link::needs;
  if (code == "GAP.NO_FEEDBACK"sv) {
    const std::string* from = string_metric(f, "from");
    bool in_process = !q.process;
    if (q.process)
      if (const auto* ps = std::get_if<std::vector<std::string>>(f.metric("processes")))
        in_process = std::find(ps->begin(), ps->end(), *q.process) != ps->end();
    if (from && *from == p && in_process) return cause_link::feedback;
  }
  if (friction && nb.flows_of_p.count(*f.ref)) return cause_link::tools;
  if (code == "LOAD.OVER"sv && concerns(f, p)) return cause_link::capacity;
  if (code == "PROCESS.LOOP"sv && concerns(f, p) && (!q.process || f.process == q.process)) return cause_link::rework;
  if (at_symptom) {
    if (consumer && *consumer == u) return cause_link::needs_at_symptom;
    if (friction && nb.flows_of_u.count(*f.ref)) return cause_link::tools_at_symptom;
    if (code == "LOAD.OVER"sv && concerns(f, u)) return cause_link::capacity_at_symptom;
  }
  if (code == "PROCESS.SLOW_HANDOFF"sv && f.ref) {
    const auto it = nb.handoffs.find(*f.ref);
    if (it != nb.handoffs.end() && it->second->to == p && of_symptom(*it->second, q)) return cause_link::waiting;
  }
  if (code == "LOAD.OVER"sv && !f.units.empty() && f.units.front() != p && nb.upstream_of_p.count(f.units.front()))
    return cause_link::upstream_capacity;
  return std::nullopt;
}

std::string summary_of(const model& m, const diagnosis& d) {
  const std::string p = name_of(m, d.performer);
  const std::string u = name_of(m, d.query.unit);
  const std::string what = quoted_description(d.query) + " at " + u;
  switch (d.result) {
    case verdict::structural: {
      const std::size_t k = d.structural_causes();
      return "Training " + p + " alone will not fix " + what + ": " + std::to_string(k) +
             (k == 1 ? " cause" : " causes") + " in how information and work reach " + p +
             " must be fixed first.";
    }
    case verdict::no_structural_cause:
      return "Nothing in how information and work reach " + p + " explains " + what +
             ": a gap in skills or knowledge is plausible, and training " + p + " may help.";
    case verdict::not_enough_data:
      return "The model cannot tell whether training " + p + " will fix " + what +
             ": it does not say what information " + p + " needs to do its work; map that first.";
  }
  return {};
}

}  // namespace

symptom_query query_for_symptom(const model& m, std::size_t symptom_index) {
  const symptom& s = m.symptoms.at(symptom_index);
  symptom_query q;
  q.symptom_id = s.id;
  q.unit = s.unit;
  q.performer = s.performer;
  q.process = s.process;
  q.description = s.description;
  if (s.artifacts) q.artifacts = *s.artifacts;
  return q;
}

diagnosis diagnose(const model& m, const analysis_result& r, const symptom_query& q) {
  diagnosis d;
  d.query = q;
  d.performer = q.performer_or_unit();
  const std::string& p = d.performer;
  const std::set<std::string> named(q.artifacts.begin(), q.artifacts.end());
  const neighbourhood nb = look_around(m, r, q, p, named);

  for (std::size_t i = 0; i < r.findings.size(); ++i) {
    const finding& f = r.findings[i];
    if (const auto link = link_of(f, q, p, nb)) {
      cause c;
      c.source = &f;
      c.finding_index = i;
      c.link = *link;
      // Named: its artifact is named; a friction finding, when its flow is
      // on the delivery path of some unit's need for a named artifact.
      c.named = (f.artifact && named.count(*f.artifact)) ||
                (is_friction_code(f.code) && f.ref && nb.named_flows.count(*f.ref));
      d.causes.push_back(c);
      continue;
    }
    // Near: it concerns P, the symptom's unit or a unit on the delivery path
    // of a need of P (looked up per unit of the finding: a finding names a
    // few units, the paths may hold many).
    bool near = concerns(f, p) || concerns(f, q.unit);
    for (auto it = f.units.begin(); !near && it != f.units.end(); ++it) near = nb.near_p.count(*it) > 0;
    if (near) d.context.push_back({&f, i});
  }
  // Named first; then the link's group of rows; then severity; then the
  // report's order (the finding index).
  std::stable_sort(d.causes.begin(), d.causes.end(), [](const cause& a, const cause& b) {
    return std::make_tuple(!a.named, link_group(a.link), a.source->level, a.finding_index) <
           std::make_tuple(!b.named, link_group(b.link), b.source->level, b.finding_index);
  });

  if (d.structural_causes() > 0) d.result = verdict::structural;
  else if (nb.p_has_need) d.result = verdict::no_structural_cause;
  else d.result = verdict::not_enough_data;

  // What the model does not say about P (fixed phrases, in this order).
  std::map<std::string, const artifact*> artifacts;
  for (const artifact& a : m.artifacts) artifacts.emplace(a.id, &a);
  const bool declares_need = std::any_of(m.needs.begin(), m.needs.end(), [&](const need& x) {
    const auto a = artifacts.find(x.artifact);
    return x.unit == p && a != artifacts.end() && a->second->owner != p;
  });
  if (!declares_need) d.unknowns.emplace_back("no needs declared");
  const auto pi = m.find_unit(p);
  if (!pi || !m.units[*pi].capacity) d.unknowns.emplace_back("no capacity");
  if (std::none_of(m.flows.begin(), m.flows.end(), [&](const flow& f) { return f.to == p; }))
    d.unknowns.emplace_back("no inbound flows");
  if (std::none_of(m.handoffs.begin(), m.handoffs.end(),
                   [&](const handoff& h) { return h.from == p && !h.is_return() && of_symptom(h, q); }))
    d.unknowns.emplace_back("no handoffs from the performer");

  d.summary = summary_of(m, d);
  return d;
}

std::vector<diagnosis> diagnose_symptoms(const model& m, const analysis_result& r, unsigned threads) {
  std::vector<diagnosis> out(m.symptoms.size());
  analysis::run_parallel(out.size(), analysis::resolve_threads(threads), [&](std::size_t i, unsigned) {
    out[i] = diagnose(m, r, query_for_symptom(m, i));
  });
  return out;
}

}  // namespace orgflow
