// Properties of the delivery family (rapidcheck, seeds fixed by RC_PARAMS in
// CTest): delivery paths agree with a brute force that enumerates every
// simple path and applies the spec's tie rules literally; dominators agree
// with "remove X and test reachability"; adding a flow never increases E;
// E <= W; shares lie in [0, 1]; a direct on-change zero-latency flow from the
// owner removes every need finding of its need.
#include <rapidcheck/catch.h>

#include <cmath>
#include <functional>
#include <map>
#include <set>
#include <tuple>

#include "test_delivery_support.hpp"

using namespace delivery_test;

namespace {

struct brute_path {
  bool found = false;
  millis cost2 = 0;
  std::vector<std::string> ids;
};

bool in_artifact_graph(const flow& f, const std::string& a) {
  if (f.carries_all()) return true;
  if (!f.carries) return false;
  return std::find(f.carries->begin(), f.carries->end(), a) != f.carries->end();
}

// Every simple path from owner to unit in G[A], the least (2e sum, hops,
// id sequence) kept.
brute_path brute_delivery(const model& m, const std::string& owner, const std::string& unit_id,
                          const std::string& a) {
  brute_path best;
  std::vector<std::string> path{owner};
  std::set<std::string> on{owner};
  std::function<void(const std::string&, millis)> walk = [&](const std::string& at, millis cost) {
    if (at == unit_id) {
      const auto key = std::make_tuple(cost, path.size(), path);
      if (!best.found || key < std::make_tuple(best.cost2, best.ids.size(), best.ids)) {
        best.found = true;
        best.cost2 = cost;
        best.ids = path;
      }
      return;
    }
    std::set<std::string> next;
    for (const flow& f : m.flows)
      if (f.from == at && in_artifact_graph(f, a) && !on.count(f.to)) next.insert(f.to);
    for (const std::string& to : next) {
      millis c = -1;
      for (const flow& f : m.flows)
        if (f.from == at && f.to == to && in_artifact_graph(f, a)) {
          const millis fc = 2 * f.latency_ms() + f.cadence_ms();
          if (c < 0 || fc < c) c = fc;
        }
      path.push_back(to);
      on.insert(to);
      walk(to, cost + c);
      on.erase(to);
      path.pop_back();
    }
  };
  walk(owner, 0);
  return best;
}

// The spec's flow between two units, literally.
const flow* chosen(const model& m, const std::string& from, const std::string& to, const std::string& a) {
  const flow* best = nullptr;
  for (const flow& f : m.flows) {
    if (f.from != from || f.to != to || !in_artifact_graph(f, a)) continue;
    if (!best) {
      best = &f;
      continue;
    }
    const auto key = [](const flow& g) {
      return std::make_tuple(2 * g.latency_ms() + g.cadence_ms(), g.latency_ms() + g.cadence_ms(),
                             -g.reliability_or_default());
    };
    if (key(f) < key(*best)) best = &f;
  }
  return best;
}

bool reachable_without(const model& m, const std::string& from, const std::string& to, const std::string& a,
                       const std::string& removed) {
  std::set<std::string> seen{from};
  std::vector<std::string> stack{from};
  while (!stack.empty()) {
    const std::string x = stack.back();
    stack.pop_back();
    if (x == to) return true;
    for (const flow& f : m.flows)
      if (f.from == x && in_artifact_graph(f, a) && f.to != removed && seen.insert(f.to).second)
        stack.push_back(f.to);
  }
  return false;
}

}  // namespace

TEST_CASE("delivery properties: paths equal the brute force of every simple path", "[delivery][property]") {
  rc::prop("delivery path = brute force", [] {
    const model m = *small_model();
    fixture fx(m, *rc::gen::inRange(1, 4));
    for (const auto& n : fx.d->needs()) {
      const std::string u = fx.v->id_of(n.unit), o = fx.v->id_of(n.owner);
      const std::string& a = m.artifacts[n.artifact].id;
      if (n.own) {
        RC_ASSERT(u == o);
        RC_ASSERT(n.delivered);
        continue;
      }
      const brute_path b = brute_delivery(m, o, u, a);
      RC_ASSERT(b.found == n.delivered);
      if (!b.found) continue;
      std::vector<std::string> ids;
      for (auto x : n.path) ids.push_back(fx.v->id_of(x));
      RC_ASSERT(ids == b.ids);
      RC_ASSERT(n.expected_lag2 == b.cost2);
      millis w = 0;
      double r = 1;
      for (std::size_t k = 0; k + 1 < ids.size(); ++k) {
        const flow* f = chosen(m, ids[k], ids[k + 1], a);
        RC_ASSERT(f != nullptr);
        RC_ASSERT(m.flows[n.flows[k]].id == f->id);
        w += f->latency_ms() + f->cadence_ms();
        r *= f->reliability_or_default();
      }
      RC_ASSERT(n.worst_lag == w);
      RC_ASSERT(n.reliability == r);
    }
  });
}

TEST_CASE("delivery properties: dominators equal removal-and-reachability", "[delivery][property]") {
  rc::prop("dominator trees agree with brute force, one tree rebuilt for every artifact", [] {
    const model m = *small_model(8);
    fixture fx(m);
    analysis::artifact_view view(fx.d->flows());
    analysis::dominator_tree tree;
    for (std::size_t a = 0; a < m.artifacts.size(); ++a) {
      view.load(a);
      const auto root = fx.d->owner(a);
      tree.build(view, root);
      const auto idom = [&](graph::vertex x) { return tree.idom(x); };
      const std::string& aid = m.artifacts[a].id;
      const std::string rid = fx.v->id_of(root);
      for (graph::vertex u = 0; u < fx.v->size(); ++u) {
        const std::string uid = fx.v->id_of(u);
        const bool reach = reachable_without(m, rid, uid, aid, "");
        RC_ASSERT(reach == (idom(u) != analysis::unreached));
        if (!reach || u == root) continue;
        RC_ASSERT(idom(u) < fx.v->size());
        // Strict dominators by the tree, and by brute force.
        std::set<std::string> by_tree;
        for (auto x = idom(u); x != root; x = idom(x)) by_tree.insert(fx.v->id_of(x));
        std::set<std::string> brute;
        for (graph::vertex x = 0; x < fx.v->size(); ++x)
          if (x != root && x != u && !reachable_without(m, rid, uid, aid, fx.v->id_of(x)))
            brute.insert(fx.v->id_of(x));
        RC_ASSERT(by_tree == brute);
      }
    }
  });
}

TEST_CASE("delivery properties: E <= W, shares in [0, 1], rows consistent", "[delivery][property]") {
  rc::prop("bounds", [] {
    const model m = *small_model();
    fixture fx(m);
    for (const auto& n : fx.d->needs()) {
      if (!n.delivered) {
        RC_ASSERT(n.path.empty());
        RC_ASSERT(!n.outdated_share);
        continue;
      }
      RC_ASSERT(n.expected_lag() <= n.worst_lag);
      RC_ASSERT(n.expected_lag2 <= 2 * n.worst_lag);
      RC_ASSERT(n.reliability > 0.0);
      RC_ASSERT(n.reliability <= 1.0);
      RC_ASSERT(n.flows.size() + 1 == n.path.size());
      if (n.outdated_share) {
        RC_ASSERT(*n.outdated_share >= 0.0);
        RC_ASSERT(*n.outdated_share <= 1.0);
      }
      RC_ASSERT(n.outdated_share.has_value() == m.artifacts[n.artifact].changes.has_value());
    }
  });
}

TEST_CASE("delivery properties: adding a flow never increases any E", "[delivery][property]") {
  rc::prop("monotone", [] {
    model m = *small_model();
    fixture before(m);
    const int n = static_cast<int>(m.units.size());
    const int x = *rc::gen::inRange(0, n);
    int y = *rc::gen::inRange(0, n - 1);
    y += y >= x;
    builder b{m};
    const bool star = *rc::gen::arbitrary<bool>();
    b.add_flow("u" + std::to_string(x), "u" + std::to_string(y),
               star ? std::vector<std::string>{"*"} : std::vector<std::string>{"a0"},
               *rc::gen::elementOf(std::vector<millis>{0, D, 3 * D}), *rc::gen::elementOf(std::vector<millis>{0, D}));
    fixture after(b.m);
    RC_ASSERT(before.d->needs().size() == after.d->needs().size());
    for (std::size_t i = 0; i < before.d->needs().size(); ++i) {
      const auto& p = before.d->needs()[i];
      const auto& q = after.d->needs()[i];
      if (p.delivered) {
        RC_ASSERT(q.delivered);
        RC_ASSERT(q.expected_lag2 <= p.expected_lag2);
      }
    }
  });
}

TEST_CASE("delivery properties: a direct on-change flow from the owner removes the need's findings",
          "[delivery][property]") {
  rc::prop("direct flow", [] {
    model m = *small_model();
    {
      // Make sure there is a need other than the owner's own.
      const std::string& owner = m.artifacts[0].owner;
      builder b{m};
      b.add_need(owner == "u0" ? "u1" : "u0", "a0");
      m = b.m;
    }
    fixture base(m);
    std::vector<std::pair<std::string, std::string>> candidates;
    for (const auto& n : base.d->needs())
      if (!n.own) candidates.emplace_back(base.v->id_of(n.unit), m.artifacts[n.artifact].id);
    RC_ASSERT(!candidates.empty());
    const auto [u, a] = *rc::gen::elementOf(candidates);
    builder b{m};
    const std::string owner = m.artifacts[*m.find_artifact(a)].owner;
    b.add_flow(owner, u, {a});
    fixture fx(b.m);
    const auto& n = fx.need_of(u, a);
    RC_ASSERT(n.delivered);
    RC_ASSERT(n.expected_lag2 == 0);
    RC_ASSERT(n.worst_lag == 0);
    for (const finding& f : analysis::need_findings(*fx.d))
      RC_ASSERT(!(f.artifact == a && std::get<std::string>(*f.metric("consumer")) == u));
  });
}

TEST_CASE("delivery properties: RISK.SINGLE_ROUTE equals brute force over the delivered needs",
          "[delivery][property]") {
  rc::prop("single routes", [] {
    const model m = *small_model(8);
    fixture fx(m, *rc::gen::inRange(1, 3));
    // (artifact, X) -> consumers, by removing X and testing reachability.
    std::map<std::pair<std::string, std::string>, std::vector<std::string>> want;
    for (const auto& n : fx.d->needs()) {
      if (!n.delivered || n.own) continue;
      const std::string& a = m.artifacts[n.artifact].id;
      const std::string o = fx.v->id_of(n.owner), u = fx.v->id_of(n.unit);
      for (const auto& id : fx.v->ids())
        if (id != o && id != u && !reachable_without(m, o, u, a, id)) want[{a, id}].push_back(u);
    }
    std::map<std::pair<std::string, std::string>, std::vector<std::string>> got;
    for (const finding& f : analysis::single_route_findings(*fx.d)) {
      RC_ASSERT(f.level == severity::warning);
      const auto& x = std::get<std::string>(*f.metric("unit"));
      auto consumers = std::get<std::vector<std::string>>(*f.metric("consumers"));
      std::vector<std::string> units = consumers;
      units.push_back(x);
      std::sort(units.begin(), units.end());
      RC_ASSERT(f.units == units);
      got[{*f.artifact, x}] = consumers;
    }
    for (auto& [k, v] : want) std::sort(v.begin(), v.end());
    RC_ASSERT(got == want);
  });
}
