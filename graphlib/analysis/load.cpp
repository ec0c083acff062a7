// Load and bottlenecks (analyses.md, "Load and bottlenecks" and the Load
// exact rules): LOAD.OVER, and the utilization and wait of every unit with a
// capacity.
//
// For a unit with `capacity`: lambda = demand + the volume of every handoff
// into it (no volume adds 0), c = staff (default 1), mu = capacity / c,
// rho = lambda / capacity. LOAD.OVER is critical when rho >= 1 and a warning
// when rho >= 0.85 (overload_utilization). While rho < 1 the wait before work starts is the M/M/c
// value Wq = C(c, a) / (c*mu - lambda) with a = lambda / mu, Erlang C taken
// through the Erlang B recursion (stable for any c); lambda = 0 gives 0.
//
// Rates are exact fractions (count / (10^scale * period)); we add them as
// long doubles per hour (64-bit mantissa) and compare thresholds with the
// spec's relative tolerance of 1e-12, so `100*lambda >= 85*capacity` holds
// for an exact 0.85 whatever the periods, and fails for anything measurably
// below. Complexity O(n + handoffs + sum of staff) (the recursion is
// O(staff) per unit, and stops once B underflows to 0).
#include <cmath>
#include <optional>
#include <string>
#include <vector>

#include "analysis/families.hpp"
#include "analysis/queueing.hpp"
#include "orgflow/number.hpp"
#include "orgflow/text.hpp"

namespace orgflow::analysis {

namespace {

using real = long double;

real per_hour(const rate_value& r) {
  real denominator = static_cast<real>(r.period_ms);
  for (int i = 0; i < r.scale_digits; ++i) denominator *= 10;
  return static_cast<real>(r.count) * static_cast<real>(ms_per_hour) / denominator;
}

// a >= b, counting a within a relative 1e-12 of b as equal (analyses.md,
// Exact rules, Arithmetic).
bool at_least(real a, real b) { return a >= b - 1e-12L * std::fabs(b); }

}  // namespace

std::optional<double> erlang_c_wait_hours(real lambda_per_h, real capacity_per_h, std::int64_t staff) {
  if (at_least(lambda_per_h, capacity_per_h)) return std::nullopt;
  if (lambda_per_h <= 0) return 0.0;
  const real c = static_cast<real>(staff);
  const real mu = capacity_per_h / c;
  const real a = lambda_per_h / mu;  // offered load in erlangs, < c
  real b = 1;                         // B_0
  for (std::int64_t k = 1; k <= staff; ++k) {
    b = a * b / (static_cast<real>(k) + a * b);
    if (b == 0) break;  // stays 0 for every larger k
  }
  const real erlang_c = c * b / (c - a * (1 - b));
  return static_cast<double>(erlang_c / (capacity_per_h - lambda_per_h));
}

namespace {

// The reading of a rate period for prose: "an hour", "a day", "a week",
// "a month", else "every 3 days".
std::string per_period(millis period_ms) {
  if (period_ms == ms_per_hour) return "an hour";
  if (period_ms == ms_per_day) return "a day";
  if (period_ms == 7 * ms_per_day) return "a week";
  if (period_ms == 30 * ms_per_day) return "a month";
  return human_every(period_ms);
}

}  // namespace

std::vector<finding> load_findings(const model& m, const graph::views& v, std::vector<unit_metrics>& units) {
  const std::size_t n = v.size();
  if (units.size() < n) units.resize(n);
  std::vector<real> inbound(n, 0);
  for (std::size_t h = 0; h < m.handoffs.size(); ++h)
    if (m.handoffs[h].volume) inbound[v.handoff_to(h)] += per_hour(*m.handoffs[h].volume);

  std::vector<finding> out;
  for (graph::vertex u = 0; u < n; ++u) {
    const unit& un = v.unit_at(u);
    if (units[u].id.empty()) units[u].id = un.id;
    if (!un.capacity) continue;  // demand and staff without capacity are ignored
    const real capacity = per_hour(*un.capacity);
    const real lambda = inbound[u] + (un.demand ? per_hour(*un.demand) : 0);
    const std::int64_t staff = un.staff_or_default();
    const double rho = static_cast<double>(lambda / capacity);
    const std::optional<double> wq = erlang_c_wait_hours(lambda, capacity, staff);
    units[u].utilization = rho;
    units[u].wait_h = wq;

    const bool critical = at_least(lambda, capacity);
    if (!critical && !at_least(100 * lambda, 85 * capacity)) continue;
    const real target = lambda / 0.85L;
    finding f;
    f.code = "LOAD.OVER";
    f.level = critical ? severity::critical : severity::warning;
    f.units = {un.id};
    f.metrics = {{"rho", rho},
                 {"lambda_per_h", static_cast<double>(lambda)},
                 {"capacity_per_h", static_cast<double>(capacity)},
                 {"staff", staff},
                 {"Wq_h", wq ? metric_value(*wq) : metric_value(std::monostate{})},
                 {"capacity_for_rho_085_per_h", static_cast<double>(target)}};

    // Speak in the period the author used for the capacity ("a week").
    const millis period = un.capacity->period_ms;
    const real scale = static_cast<real>(period) / static_cast<real>(ms_per_hour);
    const double target_in_period = static_cast<double>(target * scale);
    // Round up so that the advice really reaches 0.85 (the 1e-9 keeps an
    // exact integer from creeping up by floating noise).
    const double rounded = target_in_period >= 10 ? std::ceil(target_in_period * (1 - 1e-9))
                                                  : std::ceil(target_in_period * 10 * (1 - 1e-9)) / 10;
    const std::string name = un.display_name();
    if (critical) {
      f.title = name + ": overloaded, work arrives at " + human_percent(rho) +
                " of its capacity and the queue grows without bound";
    } else {
      f.title = name + ": at " + human_percent(rho) + " of its capacity, work waits " +
                human_hours(wq.value_or(0)) +
                " on average before it starts";
    }
    f.recommendation = "Raise the capacity of " + name + " to at least " + format_number(rounded, 1) + " items " +
                       per_period(period) + " (now " +
                       format_number(static_cast<double>(capacity * scale), 1) +
                       "), for example with more staff or less rework, or reduce what arrives (" +
                       format_number(static_cast<double>(lambda * scale), 1) + " items " +
                       per_period(period) + ").";
    out.push_back(std::move(f));
  }
  return out;
}

}  // namespace orgflow::analysis
