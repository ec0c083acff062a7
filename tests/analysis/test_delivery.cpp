// Hand-made cases for the delivery family (analyses.md, Delivery of an
// artifact, Friction, WASTE.UNUSED_FLOW, RISK.SINGLE_ROUTE, LOAD.RELAY and the
// Exact rules): each finding code with its numbers and a near miss, and the
// corners of the tie rules (parallel flows, equal costs with more hops,
// sequences that differ early, zero-cost edges, W = T).
#include "test_delivery_support.hpp"

using namespace delivery_test;

namespace {

// The example of model-format.md, reduced to one artifact:
//
//   product --quarterly--> sales --monthly, 2d--> marketing
//
// E = 91d/2 + (2d + 30d/2) = 62.5d = 1500h, W = 91d + 32d = 2952h.
model acme() {
  builder b;
  b.add_unit("product", "Product Development");
  b.add_unit("sales", "Sales");
  b.add_unit("marketing", "Marketing");
  b.add_artifact("features", "product", 14 * D, 7 * D, "Product feature list");
  b.add_flow("product", "sales", {"features"}, 91 * D);
  b.add_flow("sales", "marketing", {"features"}, 30 * D, 2 * D);
  b.add_need("marketing", "features");
  return b.m;
}

}  // namespace

TEST_CASE("delivery: the example's stale route, number by number", "[delivery]") {
  fixture fx(acme());
  const auto& n = fx.need_of("marketing", "features");
  CHECK(n.delivered);
  CHECK_FALSE(n.own);
  CHECK(n.expected_lag2 == 2 * 1500 * H);
  CHECK(n.expected_lag() == 1500 * H);
  CHECK(n.worst_lag == 2952 * H);
  CHECK(n.reliability == 1.0);
  CHECK(n.tolerance == 7 * D);
  REQUIRE(n.outdated_share);
  CHECK(*n.outdated_share == Approx(1 - std::exp(-62.5 / 14)).epsilon(1e-12));
  CHECK(n.hops() == 2);
  CHECK(fx.path_of("marketing", "features") == std::vector<std::string>{"product", "sales", "marketing"});
  CHECK(fx.flows_of("marketing", "features") == std::vector<std::string>{"product->sales#1", "sales->marketing#1"});

  const auto all = fx.findings();
  const auto stale = with_code(all, "STALE.ROUTE");
  REQUIRE(stale.size() == 1);
  const finding& f = stale[0];
  CHECK(f.level == severity::critical);
  CHECK(f.units == std::vector<std::string>{"marketing", "product", "sales"});
  CHECK(f.path == std::vector<std::string>{"product", "sales", "marketing"});
  CHECK(f.artifact == std::optional<std::string>("features"));
  std::vector<std::string> keys;
  for (const auto& [k, value] : f.metrics) keys.push_back(k);
  CHECK(keys == std::vector<std::string>{"owner", "consumer", "implicit", "source_handoff", "expected_lag_h",
                                         "worst_lag_h", "tolerance_h", "outdated_share", "slowest_hop",
                                         "slowest_flow", "slowest_w_h"});
  CHECK(metric_as<std::string>(f, "owner") == "product");
  CHECK(metric_as<std::string>(f, "consumer") == "marketing");
  CHECK(metric_as<bool>(f, "implicit") == false);
  CHECK(std::holds_alternative<std::monostate>(*f.metric("source_handoff")));
  CHECK(metric_as<hours_value>(f, "expected_lag_h").ms == 1500 * H);
  CHECK(metric_as<hours_value>(f, "worst_lag_h").ms == 2952 * H);
  CHECK(metric_as<hours_value>(f, "tolerance_h").ms == 168 * H);
  CHECK(metric_as<double>(f, "outdated_share") == Approx(0.988487).margin(5e-7));
  CHECK(metric_as<std::vector<std::string>>(f, "slowest_hop") == std::vector<std::string>{"product", "sales"});
  CHECK(metric_as<std::string>(f, "slowest_flow") == "product->sales#1");
  CHECK(metric_as<hours_value>(f, "slowest_w_h").ms == 2184 * H);
  CHECK(f.title == "Outdated Product feature list at Marketing: on average 62.5 days late, with a change every 14 days");
  CHECK(f.recommendation.rfind("Send the Product feature list from Product Development to Marketing as it changes",
                               0) == 0);
  // No other delivery finding: the route is reliable and carries no friction.
  CHECK(all.size() == 2);  // STALE.ROUTE and RISK.SINGLE_ROUTE through sales
  CHECK(with_code(all, "RISK.SINGLE_ROUTE").size() == 1);
}

TEST_CASE("delivery: W = T is not stale, one millisecond more is a warning, E > T is critical", "[delivery]") {
  // a --(cadence 4d, latency 1d)--> b: E = 3d, W = 5d.
  for (const auto& [tolerance, expected] :
       std::vector<std::pair<millis, std::optional<severity>>>{{5 * D, std::nullopt},
                                                               {5 * D - 1, severity::warning},
                                                               {3 * D, severity::warning},
                                                               {3 * D - 1, severity::critical}}) {
    builder b;
    b.add_unit("a");
    b.add_unit("b");
    b.add_artifact("x", "a");
    b.add_flow("a", "b", {"x"}, 4 * D, D);
    b.add_need("b", "x", tolerance);
    fixture fx(b.m);
    const auto stale = with_code(fx.findings(), "STALE.ROUTE");
    INFO("tolerance " << tolerance);
    if (!expected) {
      CHECK(stale.empty());
    } else {
      REQUIRE(stale.size() == 1);
      CHECK(stale[0].level == *expected);
      // Without `changes` the outdated share is null, even with a tolerance.
      CHECK(std::holds_alternative<std::monostate>(*stale[0].metric("outdated_share")));
    }
  }
}

TEST_CASE("delivery: E > T compares 2E with 2T exactly when the cadence is an odd number of ms", "[delivery]") {
  // cadence 2T + 1 ms, latency 0: 2E = 2T + 1 > 2T, so critical although
  // E in whole milliseconds equals T.
  builder b;
  b.add_unit("a");
  b.add_unit("b");
  b.add_artifact("x", "a");
  b.add_flow("a", "b", {"x"}, 2 * D + 1);
  b.add_need("b", "x", D);
  fixture fx(b.m);
  const auto stale = with_code(fx.findings(), "STALE.ROUTE");
  REQUIRE(stale.size() == 1);
  CHECK(stale[0].level == severity::critical);
}

TEST_CASE("delivery: parallel flows: least e, then least w, then highest reliability, then first in file",
          "[delivery]") {
  SECTION("least e wins even when it comes later") {
    builder b;
    b.add_unit("a");
    b.add_unit("b");
    b.add_artifact("x", "a");
    b.add_flow("a", "b", {"x"}, 4 * D);      // 2e = 4d
    b.add_flow("a", "b", {"x"}, 2 * D, D);   // 2e = 4d, w = 3d
    b.add_flow("a", "b", {"*"}, 0, D);       // 2e = 2d, w = 1d
    b.add_need("b", "x");
    fixture fx(b.m);
    CHECK(fx.flows_of("b", "x") == std::vector<std::string>{"a->b#3"});
    CHECK(fx.need_of("b", "x").expected_lag() == D);
    CHECK(fx.need_of("b", "x").worst_lag == D);
  }
  SECTION("equal e: least w") {
    builder b;
    b.add_unit("a");
    b.add_unit("b");
    b.add_artifact("x", "a");
    b.add_flow("a", "b", {"x"}, 4 * D);     // 2e = 4d, w = 4d
    b.add_flow("a", "b", {"x"}, 2 * D, D);  // 2e = 4d, w = 3d
    b.add_need("b", "x");
    fixture fx(b.m);
    CHECK(fx.flows_of("b", "x") == std::vector<std::string>{"a->b#2"});
    CHECK(fx.need_of("b", "x").worst_lag == 3 * D);
  }
  SECTION("equal e and w: highest reliability, then first in file") {
    builder b;
    b.add_unit("a");
    b.add_unit("b");
    b.add_artifact("x", "a");
    b.add_flow("a", "b", {"x"}, D).reliability = 0.5;
    b.add_flow("a", "b", {"x"}, D).reliability = 0.7;
    b.add_flow("a", "b", {"*"}, D).reliability = 0.7;
    b.add_need("b", "x");
    fixture fx(b.m);
    CHECK(fx.flows_of("b", "x") == std::vector<std::string>{"a->b#2"});
    CHECK(fx.need_of("b", "x").reliability == 0.7);
    // The lossy route is judged on the chosen flow's reliability.
    const auto lossy = with_code(fx.findings(), "LOSSY.ROUTE");
    REQUIRE(lossy.size() == 1);
    CHECK(metric_as<double>(lossy[0], "reliability") == 0.7);
  }
}

TEST_CASE("delivery: equal cost, fewer hops wins (zero-cost edges included)", "[delivery]") {
  //   o --1d--> m --1d--> u      (2 hops, 2e = 2d... see cadences below)
  //   o --------2d------> u      (1 hop, same cost)
  builder b;
  b.add_unit("o");
  b.add_unit("m");
  b.add_unit("u");
  b.add_unit("v");
  b.add_artifact("x", "o");
  b.add_flow("o", "m", {"x"}, D);
  b.add_flow("m", "u", {"x"}, D);
  b.add_flow("o", "u", {"x"}, 2 * D);
  // Zero cost: o -> m -> v on change vs o -> v on change.
  b.add_flow("m", "v", {"x"});
  b.add_flow("o", "v", {"*"}, 0);
  b.add_need("u", "x");
  b.add_need("v", "x");
  fixture fx(b.m);
  CHECK(fx.path_of("u", "x") == std::vector<std::string>{"o", "u"});
  CHECK(fx.path_of("v", "x") == std::vector<std::string>{"o", "v"});
  CHECK(fx.need_of("v", "x").expected_lag2 == 0);
}

TEST_CASE("delivery: equal cost and hops: the sequence that is smaller at its first difference", "[delivery]") {
  // Two paths of cost 2d and 3 hops to u:
  //   o -> b -> z -> u      and      o -> c -> a -> u
  // The last hops come from z and a (a < z), but the sequences differ first
  // at b < c, so o, b, z, u is the smaller one.
  builder b;
  for (const char* id : {"o", "a", "b", "c", "z", "u"}) b.add_unit(id);
  b.add_artifact("x", "o");
  b.add_flow("o", "c", {"x"}, D);
  b.add_flow("c", "a", {"x"}, D);
  b.add_flow("a", "u", {"x"});
  b.add_flow("o", "b", {"x"});
  b.add_flow("b", "z", {"x"}, D);
  b.add_flow("z", "u", {"x"}, D);
  b.add_need("u", "x");
  fixture fx(b.m);
  CHECK(fx.path_of("u", "x") == std::vector<std::string>{"o", "b", "z", "u"});

  // Deeper divergence: the tie is decided two levels below the branch point.
  //   o -> p -> b -> u  and  o -> p -> c -> u  (p shared) and o -> q -> a -> u
  builder b2;
  for (const char* id : {"o", "p", "q", "a", "b", "c", "u"}) b2.add_unit(id);
  b2.add_artifact("x", "o");
  b2.add_flow("o", "q", {"x"}, D);
  b2.add_flow("q", "a", {"x"});
  b2.add_flow("a", "u", {"x"});
  b2.add_flow("o", "p", {"x"});
  b2.add_flow("p", "c", {"x"}, D);
  b2.add_flow("c", "u", {"x"});
  b2.add_flow("p", "b", {"x"});
  b2.add_flow("b", "u", {"x"}, D);
  b2.add_need("u", "x");
  fixture fx2(b2.m);
  CHECK(fx2.path_of("u", "x") == std::vector<std::string>{"o", "p", "b", "u"});
}

TEST_CASE("delivery: byte order of ids decides ties (upper case before lower case)", "[delivery]") {
  builder b;
  for (const char* id : {"o", "a", "B", "u"}) b.add_unit(id);
  b.add_artifact("x", "o");
  b.add_flow("o", "a", {"x"});
  b.add_flow("a", "u", {"x"});
  b.add_flow("o", "B", {"x"});
  b.add_flow("B", "u", {"x"});
  b.add_need("u", "x");
  fixture fx(b.m);
  CHECK(fx.path_of("u", "x") == std::vector<std::string>{"o", "B", "u"});
}

TEST_CASE("delivery: implicit needs from handoff context", "[delivery]") {
  builder b;
  b.add_unit("finance", "Finance");
  b.add_unit("marketing", "Marketing");
  b.add_unit("sales", "Sales");
  b.add_artifact("prices", "finance", 30 * D, 3 * D, "Price list");
  b.add_artifact("features", "sales");
  // A handoff without a process still creates the implicit need.
  b.add_handoff("marketing", "sales", {"prices", "features", "prices"}).item = "lead";
  b.add_handoff("finance", "sales", {"prices"});        // second creator: not named
  b.add_handoff("sales", "finance", {"prices"});        // the owner has no implicit need
  b.add_handoff("sales", "marketing", {"features"});    // declared below: the declared need wins
  b.add_need("marketing", "features", 2 * D);
  b.add_need("marketing", "features", 9 * D);           // repeated declaration: ignored
  b.add_flow("finance", "marketing", {});               // they talk, never about prices
  fixture fx(b.m);

  // marketing/features (declared) and sales/prices (implicit); no need of
  // sales for its own features, none of finance for its own prices.
  REQUIRE(fx.d->needs().size() == 2);
  CHECK(fx.v->id_of(fx.d->needs()[0].unit) == "marketing");
  CHECK(fx.v->id_of(fx.d->needs()[1].unit) == "sales");
  const auto& mf = fx.need_of("marketing", "features");
  CHECK_FALSE(mf.implicit);
  CHECK(mf.tolerance == 2 * D);
  const auto& sp = fx.need_of("sales", "prices");
  CHECK(sp.implicit);
  REQUIRE(sp.source_handoff);
  CHECK(fx.m->handoffs[*sp.source_handoff].id == "marketing->sales#1");
  CHECK(sp.tolerance == 3 * D);
  CHECK_FALSE(sp.delivered);
  CHECK_FALSE(sp.reachable_in_g);  // no flow at all reaches sales from finance
  const need_row row = fx.d->row(sp);
  CHECK(row.implicit);
  CHECK(row.source_handoff == std::optional<std::string>("marketing->sales#1"));
  CHECK_FALSE(row.delivered);
  CHECK_FALSE(row.expected_lag);
  CHECK_FALSE(row.hops);
  CHECK(row.tolerance == 3 * D);

  const auto gaps = with_code(fx.findings(), "GAP.NO_ROUTE");
  REQUIRE(gaps.size() == 2);
  const finding& g = gaps[0];  // units finance, sales sort first
  CHECK(g.units == std::vector<std::string>{"finance", "sales"});
  CHECK(metric_as<bool>(g, "implicit"));
  CHECK(metric_as<std::string>(g, "source_handoff") == "marketing->sales#1");
  CHECK_FALSE(metric_as<bool>(g, "reachable_in_G"));
  CHECK(g.title.rfind("No route brings the Price list from Finance to Sales, needed with each lead handed over by "
                      "Marketing",
                      0) == 0);
  CHECK(g.recommendation == "Send the Price list from Finance to Sales as it changes (a direct flow).");
  const finding& g1 = gaps[1];
  CHECK(g1.units == std::vector<std::string>{"marketing", "sales"});
  CHECK(metric_as<std::string>(g1, "owner") == "sales");
  CHECK_FALSE(metric_as<bool>(g1, "implicit"));
}

TEST_CASE("delivery: GAP.NO_ROUTE says whether the units talk at all, a `*` flow is a route", "[delivery]") {
  builder b;
  b.add_unit("a", "Finance");
  b.add_unit("b", "Hub");
  b.add_unit("c", "Marketing");
  b.add_artifact("x", "a", {}, {}, "Price list");
  b.add_flow("a", "b", {});         // general communication
  b.add_flow("b", "c", {"y"});      // about something else
  b.add_artifact("y", "b");
  b.add_need("c", "x");
  {
    fixture fx(b.m);
    const auto gaps = with_code(fx.findings(), "GAP.NO_ROUTE");
    REQUIRE(gaps.size() == 1);
    CHECK(gaps[0].level == severity::critical);
    CHECK(gaps[0].units == std::vector<std::string>{"a", "c"});
    CHECK(metric_as<bool>(gaps[0], "reachable_in_G"));
    CHECK(gaps[0].path.empty());
    CHECK(gaps[0].title ==
          "No route brings the Price list from Finance to Marketing (information from Finance does reach Marketing, "
          "but never the Price list)");
  }
  {
    builder apart = b;  // Finance talks to nobody: nothing at all reaches Marketing
    apart.m.flows.erase(apart.m.flows.begin());
    fixture fx(apart.m);
    const auto gaps = with_code(fx.findings(), "GAP.NO_ROUTE");
    REQUIRE(gaps.size() == 1);
    CHECK_FALSE(metric_as<bool>(gaps[0], "reachable_in_G"));
    CHECK(gaps[0].title == "No route brings the Price list from Finance to Marketing (nothing at all from Finance "
                           "reaches Marketing)");
  }
  // Near miss: the same units with `*` flows deliver.
  b.m.flows[0].carries = std::vector<std::string>{"*"};
  b.m.flows[1].carries = std::vector<std::string>{"*"};
  fixture fx(b.m);
  CHECK(with_code(fx.findings(), "GAP.NO_ROUTE").empty());
  CHECK(fx.path_of("c", "x") == std::vector<std::string>{"a", "b", "c"});
}

TEST_CASE("delivery: the owner's own need is met and makes no finding", "[delivery]") {
  builder b;
  b.add_unit("a");
  b.add_unit("b");
  b.add_artifact("x", "a", 7 * D, D);
  b.add_artifact("y", "a");
  b.add_need("a", "x");
  b.add_need("a", "y");
  b.add_flow("b", "a", {"x"});  // back to the owner: waste, even though the owner "needs" x
  fixture fx(b.m);
  const auto& n = fx.need_of("a", "x");
  CHECK(n.own);
  CHECK(n.delivered);
  CHECK_FALSE(n.delivered_elsewhere());
  CHECK(n.expected_lag2 == 0);
  CHECK(n.worst_lag == 0);
  CHECK(n.reliability == 1.0);
  CHECK(n.hops() == 0);
  CHECK(fx.path_of("a", "x") == std::vector<std::string>{"a"});
  CHECK(n.outdated_share == 0.0);
  CHECK_FALSE(fx.need_of("a", "y").outdated_share);  // no `changes`
  const need_row row = fx.d->row(n);
  CHECK(row.own);
  CHECK(row.hops == 0);
  CHECK(row.path == std::vector<std::string>{"a"});
  CHECK(row.flows.empty());
  const auto all = fx.findings();
  REQUIRE(all.size() == 1);
  CHECK(all[0].code == "WASTE.UNUSED_FLOW");
}

TEST_CASE("delivery: LOSSY.ROUTE below 0.8, with R = 0.8 within 1e-12 not lossy", "[delivery]") {
  auto lossy_of = [](std::vector<double> rel) {
    builder b;
    std::string prev = "u0";
    b.add_unit(prev);
    b.add_artifact("x", "u0", {}, {}, "Price list");
    for (std::size_t i = 0; i < rel.size(); ++i) {
      const std::string next = "u" + std::to_string(i + 1);
      b.add_unit(next);
      b.add_flow(prev, next, {"x"}).reliability = rel[i];
      prev = next;
    }
    b.add_need(prev, "x");
    fixture fx(b.m);
    return with_code(fx.findings(), "LOSSY.ROUTE");
  };
  CHECK(lossy_of({0.8}).empty());
  CHECK(lossy_of({0.9, 0.9}).empty());                 // 0.81
  CHECK(lossy_of({0.8 + 1e-13}).empty());
  CHECK(lossy_of({0.1 * 8, 1.0}).empty());             // 0.8000000000000000444
  const auto f = lossy_of({0.9, 0.8});                 // 0.72
  REQUIRE(f.size() == 1);
  CHECK(f[0].level == severity::warning);
  CHECK(f[0].units == std::vector<std::string>{"u0", "u1", "u2"});
  CHECK(metric_as<double>(f[0], "reliability") == Approx(0.72));
  CHECK(f[0].title == "Changes to the Price list get lost on the way from u0 to u2: only 72% get through");
  REQUIRE(lossy_of({0.8 - 1e-9}).size() == 1);
}

TEST_CASE("delivery: FRICTION.FORMAT and FRICTION.MANUAL, warning on a delivery path, else info", "[delivery]") {
  builder b;
  b.add_unit("finance", "Finance");
  b.add_unit("sales", "Sales").accepts = std::vector<std::string>{"csv", "crm", "csv"};
  b.add_unit("ops", "Operations").accepts = std::vector<std::string>{};  // present but empty
  b.add_unit("it", "IT");                                                  // no accepts
  b.add_artifact("prices", "finance", {}, {}, "Price list");
  auto& f1 = b.add_flow("finance", "sales", {"prices"});
  f1.format = "xlsx";
  f1.manual = true;
  b.add_flow("finance", "sales", {"prices"}, D).format = "xlsx";  // parallel, slower: not chosen
  b.add_flow("finance", "ops", {"prices"}).format = "xlsx";      // ops needs nothing: info
  b.add_flow("finance", "it", {"prices"}).format = "xlsx";       // no accepts: no friction
  b.add_flow("finance", "sales", {"*"}, 2 * D).format = "csv";   // accepted format
  b.add_need("sales", "prices");
  fixture fx(b.m);
  const auto all = fx.findings();
  const auto format = with_code(all, "FRICTION.FORMAT");
  REQUIRE(format.size() == 3);
  // Sorted: warning first.
  CHECK(format[0].level == severity::warning);
  CHECK(format[0].ref == std::optional<std::string>("finance->sales#1"));
  CHECK(format[0].units == std::vector<std::string>{"finance", "sales"});
  CHECK(metric_as<std::string>(format[0], "flow") == "finance->sales#1");
  CHECK(metric_as<bool>(format[0], "on_delivery_path"));
  CHECK(metric_as<std::string>(format[0], "format") == "xlsx");
  CHECK(metric_as<std::vector<std::string>>(format[0], "accepts") == std::vector<std::string>{"csv", "crm"});
  CHECK(format[0].title == "Wrong format for Sales: the Price list from Finance in xlsx, which Sales cannot use without converting it");
  CHECK(format[1].level == severity::info);
  CHECK(format[1].units == std::vector<std::string>{"finance", "ops"});
  CHECK(metric_as<std::vector<std::string>>(format[1], "accepts").empty());
  CHECK(format[2].level == severity::info);
  CHECK(format[2].ref == std::optional<std::string>("finance->sales#2"));
  CHECK_FALSE(metric_as<bool>(format[2], "on_delivery_path"));

  const auto manual = with_code(all, "FRICTION.MANUAL");
  REQUIRE(manual.size() == 1);
  CHECK(manual[0].level == severity::warning);
  std::vector<std::string> keys;
  for (const auto& [k, value] : manual[0].metrics) keys.push_back(k);
  CHECK(keys == std::vector<std::string>{"flow", "on_delivery_path"});
  CHECK(manual[0].title == "Copied by hand from Finance to Sales: the Price list");
}

TEST_CASE("delivery: WASTE.UNUSED_FLOW only for named artifacts nobody on the receiving end needs", "[delivery]") {
  builder b;
  for (const char* id : {"o", "r", "s", "t"}) b.add_unit(id);
  b.add_artifact("x", "o");
  b.add_artifact("y", "o");
  b.add_flow("o", "r", {"x", "y"});  // r needs y: not waste
  b.add_flow("o", "s", {"x"});       // s needs nothing: waste
  b.add_flow("o", "t", {"*"});       // `*`: never waste
  b.add_flow("t", "s", {});          // general: never waste
  b.add_flow("s", "o", {"x"});       // back to the owner: waste
  b.add_flow("o", "t", {"y"}, D);    // t needs y, but via the `*` flow: still "needed", not waste
  b.add_flow("t", "r", {"x"});       // relays nothing r needs... r needs y only: waste
  b.add_need("r", "y");
  b.add_need("t", "y");
  b.add_need("o", "x");
  fixture fx(b.m);
  const auto waste = with_code(fx.findings(), "WASTE.UNUSED_FLOW");
  std::vector<std::string> refs;
  for (const auto& f : waste) refs.push_back(*f.ref);
  CHECK(refs == std::vector<std::string>{"o->s#1", "s->o#1", "t->r#1"});
  REQUIRE(waste.size() == 3);
  CHECK(waste[0].level == severity::info);
  CHECK(metric_as<std::vector<std::string>>(waste[0], "carries") == std::vector<std::string>{"x"});
}

TEST_CASE("delivery: a flow on a delivery path is not waste, even when its receiver needs nothing", "[delivery]") {
  builder b;
  for (const char* id : {"o", "m", "u"}) b.add_unit(id);
  b.add_artifact("x", "o");
  b.add_flow("o", "m", {"x"});
  b.add_flow("m", "u", {"x"});
  b.add_need("u", "x");
  fixture fx(b.m);
  CHECK(with_code(fx.findings(), "WASTE.UNUSED_FLOW").empty());
}

TEST_CASE("delivery: RISK.SINGLE_ROUTE lists every consumer a unit cuts off", "[delivery]") {
  //   o -> x -> u1,  x -> u2,  x -> y -> u3
  builder b;
  b.add_unit("o", "Owner");
  b.add_unit("x", "Hub");
  b.add_unit("y", "Second hub");
  b.add_unit("u1", "One");
  b.add_unit("u2", "Two");
  b.add_unit("u3", "Three");
  b.add_unit("u4", "Four");
  b.add_artifact("a", "o", {}, {}, "Plan");
  b.add_flow("o", "x", {"a"});
  b.add_flow("x", "u1", {"a"});
  b.add_flow("x", "u2", {"a"});
  b.add_flow("x", "y", {"*"});
  b.add_flow("y", "u3", {"a"});
  b.add_need("u1", "a");
  b.add_need("u2", "a");
  b.add_need("u3", "a");
  b.add_need("u4", "a");  // undelivered: not considered
  b.add_need("o", "a");   // own: not considered
  {
    fixture fx(b.m);
    const auto risk = with_code(fx.findings(), "RISK.SINGLE_ROUTE");
    REQUIRE(risk.size() == 2);
    CHECK(risk[0].units == std::vector<std::string>{"u1", "u2", "u3", "x"});
    CHECK(metric_as<std::string>(risk[0], "unit") == "x");
    CHECK(metric_as<std::string>(risk[0], "owner") == "o");
    CHECK(metric_as<std::vector<std::string>>(risk[0], "consumers") ==
          std::vector<std::string>{"u1", "u2", "u3"});
    CHECK(risk[0].artifact == std::optional<std::string>("a"));
    CHECK(risk[0].title == "Every route of the Plan from Owner to One, Two and Three passes through Hub");
    CHECK(risk[1].units == std::vector<std::string>{"u3", "y"});
  }
  // Near miss: second routes to u2 and u3 around x (and y) leave only u1
  // cut off, by x.
  b.add_flow("o", "u2", {"*"}, 30 * D);
  b.add_flow("o", "u3", {"a"}, 30 * D);
  fixture fx(b.m);
  const auto risk = with_code(fx.findings(), "RISK.SINGLE_ROUTE");
  REQUIRE(risk.size() == 1);
  CHECK(metric_as<std::vector<std::string>>(risk[0], "consumers") == std::vector<std::string>{"u1"});
}

TEST_CASE("delivery: LOAD.RELAY at 10k >= 3N and k >= 3, relays counted per unit", "[delivery]") {
  // o -> h -> c1..c3 relayed by h; o -> d1..dm direct.
  auto build = [](int direct) {
    builder b;
    b.add_unit("o");
    b.add_unit("h", "Hub");
    b.add_artifact("x", "o");
    b.add_flow("o", "h", {"x"});
    for (int i = 1; i <= 3; ++i) {
      b.add_unit("c" + std::to_string(i));
      b.add_flow("h", "c" + std::to_string(i), {"x"});
      b.add_need("c" + std::to_string(i), "x");
    }
    for (int i = 1; i <= direct; ++i) {
      b.add_unit("d" + std::to_string(i));
      b.add_flow("o", "d" + std::to_string(i), {"x"});
      b.add_need("d" + std::to_string(i), "x");
    }
    b.add_need("o", "x");  // own: not a delivered need
    return b.m;
  };
  {
    // k = 3, N = 10: 30 >= 30.
    fixture fx(build(7));
    std::vector<unit_metrics> units(fx.v->size());
    const auto relay = analysis::relay_findings(*fx.d, units);
    REQUIRE(relay.size() == 1);
    CHECK(relay[0].units == std::vector<std::string>{"h"});
    CHECK(metric_as<std::int64_t>(relay[0], "relays") == 3);
    CHECK(metric_as<std::int64_t>(relay[0], "delivered_needs") == 10);
    CHECK(metric_as<double>(relay[0], "share") == Approx(0.3));
    CHECK(units[*fx.v->vertex_of("h")].relays == 3);
    CHECK(units[*fx.v->vertex_of("o")].relays == 0);
    CHECK(units[*fx.v->vertex_of("c1")].relays == 0);
  }
  {
    // k = 3, N = 11: 30 < 33.
    fixture fx(build(8));
    std::vector<unit_metrics> units(fx.v->size());
    CHECK(analysis::relay_findings(*fx.d, units).empty());
    CHECK(units[*fx.v->vertex_of("h")].relays == 3);
  }
  {
    // k = 2 of N = 2 is 100 %, but fewer than 3.
    builder b;
    for (const char* id : {"o", "h", "c1", "c2"}) b.add_unit(id);
    b.add_artifact("x", "o");
    b.add_flow("o", "h", {"x"});
    b.add_flow("h", "c1", {"x"});
    b.add_flow("h", "c2", {"x"});
    b.add_need("c1", "x");
    b.add_need("c2", "x");
    fixture fx(b.m);
    std::vector<unit_metrics> units(fx.v->size());
    CHECK(analysis::relay_findings(*fx.d, units).empty());
  }
}

TEST_CASE("delivery: the result does not depend on the thread count", "[delivery]") {
  builder b;
  for (int i = 0; i < 40; ++i) b.add_unit("u" + std::to_string(i));
  for (int a = 0; a < 12; ++a) b.add_artifact("a" + std::to_string(a), "u" + std::to_string((a * 7) % 40), 7 * D);
  for (int i = 0; i < 200; ++i) {
    const int x = (i * 13 + 5) % 40, y = (i * 29 + 11) % 40;
    if (x == y) continue;
    b.add_flow("u" + std::to_string(x), "u" + std::to_string(y),
               i % 9 == 0 ? std::vector<std::string>{"*"} : std::vector<std::string>{"a" + std::to_string(i % 12)},
               (i % 4) * D, (i % 3) * H);
  }
  for (int i = 0; i < 120; ++i) b.add_need("u" + std::to_string((i * 17) % 40), "a" + std::to_string(i % 12));
  fixture one(b.m, 1), four(b.m, 4);
  REQUIRE(one.d->needs().size() == four.d->needs().size());
  for (std::size_t i = 0; i < one.d->needs().size(); ++i) {
    CHECK(one.d->needs()[i].path == four.d->needs()[i].path);
    CHECK(one.d->needs()[i].flows == four.d->needs()[i].flows);
    CHECK(one.d->needs()[i].expected_lag2 == four.d->needs()[i].expected_lag2);
  }
  const auto f1 = one.findings(), f4 = four.findings();
  REQUIRE(f1.size() == f4.size());
  for (std::size_t i = 0; i < f1.size(); ++i) {
    CHECK(f1[i].code == f4[i].code);
    CHECK(f1[i].units == f4[i].units);
    CHECK(f1[i].title == f4[i].title);
  }
}

TEST_CASE("delivery: friction titles of `*` and general flows name the sender once", "[delivery]") {
  builder b;
  b.add_unit("f", "Finance");
  b.add_unit("s", "Sales").accepts = std::vector<std::string>{"csv"};
  auto& star = b.add_flow("f", "s", {"*"});
  star.format = "xlsx";
  star.manual = true;
  auto& general = b.add_flow("f", "s", {});
  general.format = "pdf";
  fixture fx(b.m);
  const auto all = fx.findings();
  const auto format = with_code(all, "FRICTION.FORMAT");
  REQUIRE(format.size() == 2);
  CHECK(format[0].title == "Wrong format for Sales: everything Finance knows in xlsx, which Sales cannot use without converting it");
  CHECK(format[1].title == "Wrong format for Sales: general information from Finance in pdf, which Sales cannot "
                           "use without converting it");
  const auto manual = with_code(all, "FRICTION.MANUAL");
  REQUIRE(manual.size() == 1);
  CHECK(manual[0].title == "Copied by hand from Finance to Sales: everything Finance passes on");
  CHECK(with_code(all, "WASTE.UNUSED_FLOW").empty());  // `*` and general flows are never waste
}
