// Helpers for the tests of the delivery family (test_delivery*.cpp,
// test_analyze*.cpp): a small builder that makes models directly as structs
// (flow and handoff ids generated as `from->to#n`, as the loader does), a
// fixture that keeps a model, its views and its delivery object together,
// and a rapidcheck generator of small random models rich in ties (few
// distinct costs, parallel flows, `*` flows, implicit needs).
#pragma once

#include <catch2/catch.hpp>
#include <rapidcheck.h>

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include "analysis/delivery.hpp"
#include "analysis/families.hpp"
#include "graph/views.hpp"
#include "orgflow/analysis.hpp"
#include "orgflow/model.hpp"

namespace delivery_test {

using namespace orgflow;
inline constexpr millis H = ms_per_hour;
inline constexpr millis D = ms_per_day;

inline duration_value dur(millis ms) { return duration_value{ms, ""}; }

struct builder {
  model m;

  unit& add_unit(const std::string& id, const std::string& name = "") {
    unit u;
    u.id = id;
    if (!name.empty()) u.name = name;
    m.units.push_back(std::move(u));
    return m.units.back();
  }
  artifact& add_artifact(const std::string& id, const std::string& owner, std::optional<millis> changes = {},
                         std::optional<millis> max_age = {}, const std::string& name = "") {
    artifact a;
    a.id = id;
    a.owner = owner;
    if (changes) a.changes = dur(*changes);
    if (max_age) a.max_age = dur(*max_age);
    if (!name.empty()) a.name = name;
    m.artifacts.push_back(std::move(a));
    return m.artifacts.back();
  }
  /// carries: {} = general (absent), {"*"} = everything.
  flow& add_flow(const std::string& from, const std::string& to, std::vector<std::string> carries,
                 millis cadence = 0, millis latency = 0) {
    flow f;
    f.from = from;
    f.to = to;
    std::size_t same = 1;
    for (const auto& g : m.flows) same += g.from == from && g.to == to;
    f.id = from + "->" + to + "#" + std::to_string(same);
    f.id_generated = true;
    if (!carries.empty()) f.carries = std::move(carries);
    if (cadence) f.cadence = cadence_value{cadence, ""};
    if (latency) f.latency = dur(latency);
    m.flows.push_back(std::move(f));
    return m.flows.back();
  }
  need& add_need(const std::string& unit_id, const std::string& artifact_id, std::optional<millis> max_age = {}) {
    need n;
    n.unit = unit_id;
    n.artifact = artifact_id;
    if (max_age) n.max_age = dur(*max_age);
    m.needs.push_back(std::move(n));
    return m.needs.back();
  }
  handoff& add_handoff(const std::string& from, const std::string& to, std::vector<std::string> context = {},
                       std::optional<std::string> process = {}) {
    handoff h;
    h.from = from;
    h.to = to;
    std::size_t same = 1;
    for (const auto& g : m.handoffs) same += g.from == from && g.to == to;
    h.id = from + "->" + to + "#" + std::to_string(same);
    h.id_generated = true;
    if (!context.empty()) h.context = std::move(context);
    h.process = std::move(process);
    m.handoffs.push_back(std::move(h));
    return m.handoffs.back();
  }
};

/// A model with its views and delivery, kept alive together.
struct fixture {
  std::unique_ptr<model> m;
  std::unique_ptr<graph::views> v;
  std::unique_ptr<analysis::delivery> d;

  explicit fixture(model mod, unsigned threads = 1) {
    m = std::make_unique<model>(std::move(mod));
    v = std::make_unique<graph::views>(*m);
    d = std::make_unique<analysis::delivery>(*m, *v, threads);
  }
  const analysis::need_delivery& need_of(const std::string& unit_id, const std::string& artifact_id) const {
    const auto u = v->vertex_of(unit_id);
    const auto a = d->flows().artifact_index(artifact_id);
    REQUIRE(u);
    REQUIRE(a);
    const auto* n = d->find(*u, *a);
    REQUIRE(n != nullptr);
    return *n;
  }
  std::vector<std::string> path_of(const std::string& unit_id, const std::string& artifact_id) const {
    std::vector<std::string> out;
    for (auto x : need_of(unit_id, artifact_id).path) out.push_back(v->id_of(x));
    return out;
  }
  std::vector<std::string> flows_of(const std::string& unit_id, const std::string& artifact_id) const {
    std::vector<std::string> out;
    for (auto f : need_of(unit_id, artifact_id).flows) out.push_back(m->flows[f].id);
    return out;
  }
  /// Every finding of the delivery family.
  std::vector<finding> findings() const {
    std::vector<finding> out = analysis::need_findings(*d);
    for (auto& f : analysis::friction_findings(*d)) out.push_back(std::move(f));
    for (auto& f : analysis::single_route_findings(*d)) out.push_back(std::move(f));
    std::vector<unit_metrics> units(v->size());
    for (auto& f : analysis::relay_findings(*d, units)) out.push_back(std::move(f));
    std::sort(out.begin(), out.end(), finding_less);
    return out;
  }
};

inline std::vector<finding> with_code(const std::vector<finding>& all, const std::string& code) {
  std::vector<finding> out;
  for (const auto& f : all)
    if (f.code == code) out.push_back(f);
  return out;
}

template <class T>
const T& metric_as(const finding& f, const std::string& key) {
  const metric_value* v = f.metric(key);
  REQUIRE(v != nullptr);
  REQUIRE(std::holds_alternative<T>(*v));
  return std::get<T>(*v);
}

/// A small random model: 2..7 units u0.., 1..3 artifacts a0.., flows with
/// costs from a small set (so that ties are common), parallel flows, `*` and
/// general flows, needs and handoffs with context.
inline rc::Gen<model> small_model(int max_units = 7) {
  return rc::gen::exec([max_units] {
    builder b;
    const int n = *rc::gen::inRange(2, max_units + 1);
    for (int i = 0; i < n; ++i) b.add_unit("u" + std::to_string(i));
    const int na = *rc::gen::inRange(1, 4);
    for (int i = 0; i < na; ++i) {
      auto& a = b.add_artifact("a" + std::to_string(i), "u" + std::to_string(*rc::gen::inRange(0, n)));
      if (*rc::gen::inRange(0, 10) < 7) a.changes = dur(*rc::gen::elementOf(std::vector<millis>{D, 7 * D, 14 * D}));
      if (*rc::gen::inRange(0, 2)) a.max_age = dur(*rc::gen::elementOf(std::vector<millis>{D, 3 * D, 4 * D}));
    }
    const int nf = *rc::gen::inRange(0, 3 * n + 1);
    for (int i = 0; i < nf; ++i) {
      const int x = *rc::gen::inRange(0, n);
      int y = *rc::gen::inRange(0, n - 1);
      y += y >= x;
      std::vector<std::string> carries;
      const int k = *rc::gen::inRange(0, 10);
      if (k < 2) {
        carries = {"*"};
      } else if (k < 9) {
        for (int a = 0; a < na; ++a)
          if (*rc::gen::inRange(0, 2)) carries.push_back("a" + std::to_string(a));
        if (carries.empty()) carries.push_back("a0");
      }
      auto& f = b.add_flow("u" + std::to_string(x), "u" + std::to_string(y), carries,
                           *rc::gen::elementOf(std::vector<millis>{0, 0, D, 2 * D, 4 * D}),
                           *rc::gen::elementOf(std::vector<millis>{0, 0, D, 2 * D}));
      const int r = *rc::gen::inRange(0, 6);
      if (r == 0) f.reliability = 0.5;
      if (r == 1) f.reliability = 0.9;
      if (*rc::gen::inRange(0, 8) == 0) f.manual = true;
      if (*rc::gen::inRange(0, 6) == 0) f.format = *rc::gen::element<std::string>("csv", "xlsx");
    }
    for (auto& u : b.m.units)
      if (*rc::gen::inRange(0, 5) == 0) u.accepts = *rc::gen::element(std::vector<std::string>{}, std::vector<std::string>{"csv"});
    const int nn = *rc::gen::inRange(0, 2 * n + 1);
    for (int i = 0; i < nn; ++i) {
      auto& need = b.add_need("u" + std::to_string(*rc::gen::inRange(0, n)), "a" + std::to_string(*rc::gen::inRange(0, na)));
      if (*rc::gen::inRange(0, 4) == 0) need.max_age = dur(*rc::gen::elementOf(std::vector<millis>{D, 2 * D, 5 * D}));
    }
    const int nh = *rc::gen::inRange(0, n + 1);
    for (int i = 0; i < nh; ++i) {
      const int x = *rc::gen::inRange(0, n);
      int y = *rc::gen::inRange(0, n - 1);
      y += y >= x;
      std::vector<std::string> context;
      if (*rc::gen::inRange(0, 2)) context.push_back("a" + std::to_string(*rc::gen::inRange(0, na)));
      std::optional<std::string> process;
      if (*rc::gen::inRange(0, 2)) process = "p";
      b.add_handoff("u" + std::to_string(x), "u" + std::to_string(y), context, process);
    }
    return b.m;
  });
}

}  // namespace delivery_test
