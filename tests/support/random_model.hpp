// A rapidcheck generator of small valid models, for property tests of the
// analyses, diagnosis and what-if. Call random_model() inside rc::prop: it
// draws its choices with rc::gen, so failing cases shrink.
//
// The models are small (2 to 9 units) but use every feature the analyses
// read: groups, capacities with staff and demand, `*` and named carries,
// cadences with ties (the same few values recur, so equal path costs occur),
// latencies, reliabilities, formats and accepts, manual flows, handoffs in two
// processes and without one, returning handoffs, contexts (implicit needs),
// needs with and without max_age, and symptoms with and without a performer.
#pragma once

#include <rapidcheck.h>

#include <string>
#include <vector>

#include "orgflow/model.hpp"
#include "orgflow/quantity.hpp"

namespace orgflow_test {

inline orgflow::duration_value dur(orgflow::millis ms) { return {ms, {}}; }

inline orgflow::model random_model() {
  using namespace orgflow;
  model m;
  m.name = "random";
  const int n = *rc::gen::inRange(2, 10);
  for (int i = 0; i < n; ++i) {
    unit u;
    u.id = "u" + std::to_string(i);
    u.name = "Unit " + std::to_string(i);
    if (*rc::gen::inRange(0, 5) == 0) u.kind = unit_kind::external;
    if (i > 0 && *rc::gen::inRange(0, 4) == 0) u.group = "u" + std::to_string(*rc::gen::inRange(0, i));
    if (*rc::gen::inRange(0, 3) == 0) {
      rate_value cap;
      cap.count = static_cast<std::uint64_t>(*rc::gen::inRange(1, 200));
      cap.period_ms = 7 * ms_per_day;
      u.capacity = cap;
      if (*rc::gen::inRange(0, 2) == 0) u.staff = *rc::gen::inRange(1, 5);
      if (*rc::gen::inRange(0, 2) == 0) {
        rate_value d;
        d.count = static_cast<std::uint64_t>(*rc::gen::inRange(0, 150));
        d.period_ms = 7 * ms_per_day;
        u.demand = d;
      }
    }
    if (*rc::gen::inRange(0, 4) == 0) u.accepts = std::vector<std::string>{"csv"};
    m.units.push_back(u);
  }
  const int na = *rc::gen::inRange(1, 4);
  for (int i = 0; i < na; ++i) {
    artifact a;
    a.id = "a" + std::to_string(i);
    a.owner = "u" + std::to_string(*rc::gen::inRange(0, n));
    if (*rc::gen::inRange(0, 3) > 0) a.changes = dur(ms_per_day * *rc::gen::element(1, 7, 14, 30));
    if (*rc::gen::inRange(0, 2) == 0) a.max_age = dur(ms_per_day * *rc::gen::element(1, 3, 7, 14));
    m.artifacts.push_back(a);
  }
  const int nf = *rc::gen::inRange(0, 3 * n);
  for (int i = 0; i < nf; ++i) {
    flow f;
    const int from = *rc::gen::inRange(0, n);
    int to = *rc::gen::inRange(0, n - 1);
    if (to >= from) ++to;
    f.from = "u" + std::to_string(from);
    f.to = "u" + std::to_string(to);
    const int kind = *rc::gen::inRange(0, 5);
    if (kind == 0) f.carries = std::vector<std::string>{"*"};
    else if (kind < 4) f.carries = std::vector<std::string>{"a" + std::to_string(*rc::gen::inRange(0, na))};
    if (*rc::gen::inRange(0, 2) == 0) {
      cadence_value c;
      c.ms = ms_per_day * *rc::gen::element(0, 1, 2, 7, 30);
      f.cadence = c;
    }
    if (*rc::gen::inRange(0, 3) == 0) f.latency = dur(ms_per_day * *rc::gen::element(0, 1, 2));
    if (*rc::gen::inRange(0, 4) == 0) f.reliability = *rc::gen::element(0.5, 0.9, 1.0);
    if (*rc::gen::inRange(0, 4) == 0) f.format = *rc::gen::element(std::string("csv"), std::string("xlsx"));
    if (*rc::gen::inRange(0, 5) == 0) f.manual = true;
    f.id_generated = true;
    m.flows.push_back(f);
  }
  const int nh = *rc::gen::inRange(0, n + 2);
  for (int i = 0; i < nh; ++i) {
    handoff h;
    const int from = *rc::gen::inRange(0, n);
    int to = *rc::gen::inRange(0, n - 1);
    if (to >= from) ++to;
    h.from = "u" + std::to_string(from);
    h.to = "u" + std::to_string(to);
    const int p = *rc::gen::inRange(0, 3);
    if (p < 2) h.process = "p" + std::to_string(p);
    if (*rc::gen::inRange(0, 2) == 0) {
      rate_value v;
      v.count = static_cast<std::uint64_t>(*rc::gen::inRange(1, 100));
      v.period_ms = 7 * ms_per_day;
      h.volume = v;
    }
    if (*rc::gen::inRange(0, 2) == 0) h.wait = dur(ms_per_hour * *rc::gen::element(0, 4, 24, 72));
    if (*rc::gen::inRange(0, 3) == 0) h.context = std::vector<std::string>{"a" + std::to_string(*rc::gen::inRange(0, na))};
    if (*rc::gen::inRange(0, 6) == 0) h.returns = true;
    h.id_generated = true;
    m.handoffs.push_back(h);
  }
  const int nn = *rc::gen::inRange(0, 2 * n);
  for (int i = 0; i < nn; ++i) {
    need d;
    d.unit = "u" + std::to_string(*rc::gen::inRange(0, n));
    d.artifact = "a" + std::to_string(*rc::gen::inRange(0, na));
    if (*rc::gen::inRange(0, 3) == 0) d.max_age = dur(ms_per_day * *rc::gen::element(1, 2, 7));
    m.needs.push_back(d);
  }
  const int ns = *rc::gen::inRange(0, 3);
  for (int i = 0; i < ns; ++i) {
    symptom s;
    s.id = "s" + std::to_string(i);
    s.unit = "u" + std::to_string(*rc::gen::inRange(0, n));
    if (*rc::gen::inRange(0, 2) == 0) s.performer = "u" + std::to_string(*rc::gen::inRange(0, n));
    s.description = "Problem " + std::to_string(i);
    if (*rc::gen::inRange(0, 2) == 0) s.process = "p0";
    if (*rc::gen::inRange(0, 2) == 0) s.artifacts = std::vector<std::string>{"a0"};
    m.symptoms.push_back(s);
  }
  // Groups only point to units of lower index, so they form no cycle.
  assign_generated_ids(m);
  return m;
}

}  // namespace orgflow_test
