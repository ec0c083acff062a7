// Load family: LOAD.OVER at its boundaries (rho exactly 0.85 is a warning,
// just below is nothing, rho = 1 is critical with no Wq), hand-worked M/M/c
// waits, and the property that Erlang C with one worker is the M/M/1 wait.
#include <rapidcheck/catch.h>

#include <cmath>

#include "analysis/queueing.hpp"
#include "test_structure_support.hpp"

using namespace orgflow;
using namespace structure_test;

namespace {

struct load_run {
  std::vector<finding> findings;
  std::vector<unit_metrics> units;
};

load_run run_load(const std::string& units, const std::string& handoffs = "[]") {
  auto fx = load(model_json(units, "[]", handoffs));
  load_run r;
  r.findings = analysis::load_findings(*fx.m, *fx.v, r.units);
  return r;
}

}  // namespace

TEST_CASE("LOAD.OVER: rho exactly 0.85 is a warning", "[load]") {
  SECTION("same period") {
    auto r = run_load(R"([{"id": "s", "name": "Sales", "capacity": "100/h", "demand": "85/h"}])");
    REQUIRE(r.findings.size() == 1);
    CHECK(r.findings[0].level == severity::warning);
    CHECK(metric<double>(r.findings[0], "rho") == Approx(0.85).epsilon(1e-15));
  }
  SECTION("demand plus handoff volumes in other periods: 45/w + 4/d + 12/week = 85/w of 100/w") {
    auto r = run_load(R"([{"id": "a"}, {"id": "b"}, {"id": "s", "capacity": "100/w", "demand": "45/w"}])",
                      R"([{"from": "a", "to": "s", "volume": "4/d"}, {"from": "b", "to": "s", "volume": "12/week"},
                          {"from": "s", "to": "a", "volume": "500/h"}])");
    REQUIRE(r.findings.size() == 1);
    CHECK(r.findings[0].units == strings{"s"});
    CHECK(r.findings[0].level == severity::warning);
    CHECK(metric<double>(r.findings[0], "lambda_per_h") == Approx(85.0 / 168.0).epsilon(1e-14));
  }
  SECTION("capacity in hours, demand in weeks: 142.8/w of 1/h") {
    auto r = run_load(R"([{"id": "s", "capacity": "1/h", "demand": "142.8/w"}])");
    REQUIRE(r.findings.size() == 1);
    CHECK(r.findings[0].level == severity::warning);
  }
}

TEST_CASE("LOAD.OVER near miss: just below 0.85 is no finding, but the utilization is kept", "[load]") {
  auto r = run_load(R"([{"id": "s", "capacity": "100/h", "demand": "84.99999/h"}])");
  CHECK(r.findings.empty());
  REQUIRE(r.units.size() == 1);
  REQUIRE(r.units[0].utilization);
  CHECK(*r.units[0].utilization == Approx(0.8499999).epsilon(1e-14));
  REQUIRE(r.units[0].wait_h);
}

// rho = 1: 120/w arrive (20/w demand + 100/w handoffs) at a capacity of 120/w.
TEST_CASE("LOAD.OVER: rho = 1 is critical and Wq is null", "[load]") {
  auto r = run_load(R"([{"id": "m", "name": "Marketing"}, {"id": "s", "name": "Sales", "capacity": "120/w", "staff": 6, "demand": "20/w"}])",
                    R"([{"from": "m", "to": "s", "volume": "100/w"}])");
  REQUIRE(r.findings.size() == 1);
  const finding& f = r.findings[0];
  CHECK(f.level == severity::critical);
  CHECK(metric_keys(f) == strings{"rho", "lambda_per_h", "capacity_per_h", "staff", "Wq_h", "capacity_for_rho_085_per_h"});
  CHECK(metric<double>(f, "rho") == Approx(1.0).epsilon(1e-15));
  CHECK(metric<double>(f, "lambda_per_h") == Approx(120.0 / 168.0).epsilon(1e-15));
  CHECK(metric<double>(f, "capacity_per_h") == Approx(120.0 / 168.0).epsilon(1e-15));
  CHECK(metric<std::int64_t>(f, "staff") == 6);
  CHECK(metric_is_null(f, "Wq_h"));
  CHECK(metric<double>(f, "capacity_for_rho_085_per_h") == Approx(120.0 / 168.0 / 0.85).epsilon(1e-14));
  CHECK(f.title == "Sales: overloaded, work arrives at 100% of its capacity and the queue grows without bound");
  // 120 / 0.85 = 141.18 a week, rounded up.
  CHECK(f.recommendation.rfind("Raise the capacity of Sales to at least 142 items a week (now 120)", 0) == 0);
  REQUIRE(r.units.size() == 2);
  CHECK_FALSE(r.units[0].utilization);
  CHECK(r.units[1].utilization == std::optional<double>(1.0));
  CHECK_FALSE(r.units[1].wait_h);
}

TEST_CASE("LOAD.OVER: 142% of capacity", "[load]") {
  auto r = run_load(R"([{"id": "s", "name": "Sales", "capacity": "120/w", "demand": "170/w"}])");
  REQUIRE(r.findings.size() == 1);
  CHECK(r.findings[0].title == "Sales: overloaded, work arrives at 142% of its capacity and the queue grows without bound");
  CHECK(r.findings[0].recommendation.rfind("Raise the capacity of Sales to at least 200 items a week (now 120)", 0) == 0);
}

// M/M/2 with lambda = 1.8/h, capacity 2/h (mu = 1/h per worker), a = 1.8:
//   B1 = 1.8 / 2.8, B2 = 1.8 B1 / (2 + 1.8 B1), C = 2 B2 / (2 - 1.8 (1 - B2))
//   = 2 rho^2 / (1 + rho) = 1.62 / 1.9 with rho = 0.9;  Wq = C / (2 - 1.8) h.
TEST_CASE("LOAD.OVER: M/M/2 wait worked by hand", "[load]") {
  auto r = run_load(R"([{"id": "s", "capacity": "2/h", "staff": 2, "demand": "1.8/h"}])");
  REQUIRE(r.findings.size() == 1);
  CHECK(r.findings[0].level == severity::warning);
  CHECK(metric<double>(r.findings[0], "Wq_h") == Approx(1.62 / 1.9 / 0.2).epsilon(1e-12));
  CHECK(r.units[0].wait_h == std::optional<double>(metric<double>(r.findings[0], "Wq_h")));
  CHECK(*r.units[0].wait_h == Approx(4.2631578947368).epsilon(1e-12));
  // M/M/2 at rho = 0.5: C = 2 * 0.25 / 1.5 = 1/3, Wq = (1/3) / (2 - 1) h.
  CHECK(*analysis::erlang_c_wait_hours(1, 2, 2) == Approx(1.0 / 3.0).epsilon(1e-14));
}

TEST_CASE("Load: no arrivals wait 0, demand and staff without capacity are ignored", "[load]") {
  auto r = run_load(R"([{"id": "a", "capacity": "10/d"}, {"id": "b", "demand": "10/d", "staff": 3}])");
  CHECK(r.findings.empty());
  CHECK(r.units[0].utilization == std::optional<double>(0.0));
  CHECK(r.units[0].wait_h == std::optional<double>(0.0));
  CHECK_FALSE(r.units[1].utilization);
  CHECK_FALSE(r.units[1].wait_h);
}

TEST_CASE("Erlang C with many workers stays finite and below the M/M/1 wait of one fast server", "[load]") {
  // 500 workers at rho = 0.99: the recursion must neither overflow nor lose
  // the answer; pooling means the wait is shorter than for one server of the
  // same total capacity (rho / (mu - lambda) with mu = capacity).
  const auto w = analysis::erlang_c_wait_hours(495, 500, 500);
  REQUIRE(w);
  CHECK(std::isfinite(*w));
  CHECK(*w > 0);
  CHECK(*w < 0.99 / (500 - 495));
  CHECK_FALSE(analysis::erlang_c_wait_hours(500, 500, 500));
  CHECK_FALSE(analysis::erlang_c_wait_hours(600, 500, 3));
}

TEST_CASE("Property: Erlang C with one worker is the M/M/1 wait rho / (mu - lambda)", "[load][property]") {
  rc::prop("M/M/1", [] {
    const double mu = *rc::gen::inRange(1, 100000) / 100.0;
    const double rho = *rc::gen::inRange(0, 9999) / 10000.0;
    const double lambda = rho * mu;
    const auto w = analysis::erlang_c_wait_hours(lambda, mu, 1);
    RC_ASSERT(w.has_value());
    const double expected = lambda == 0 ? 0.0 : (lambda / mu) / (mu - lambda);
    RC_ASSERT(std::fabs(*w - expected) <= 1e-9 * std::max(1.0, expected));
  });
}
