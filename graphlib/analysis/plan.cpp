// The plan of `orgflow diagnose --plan` (orgflow/plan.hpp; cli.md, "JSON of
// diagnose"). Each change is written as the string a user would give
// `orgflow whatif`, then read back with parse_change and applied with
// apply_changes: the plan cannot print a change that whatif would read
// differently.
//
// The capacity change is exact: C = lambda / 0.8 in the period of the unit's
// capacity, rounded up to hundredths, computed on the integer fractions the
// rates are kept as (128-bit), so that the printed C never falls short of
// lambda / 0.8 by a rounding error.
#include "orgflow/plan.hpp"

#include <algorithm>
#include <optional>
#include <set>
#include <stdexcept>

#include "orgflow/whatif.hpp"

namespace orgflow {

namespace {

__extension__ typedef unsigned __int128 u128;  // GCC and Clang; exact fractions of rates

u128 gcd128(u128 a, u128 b) {
  while (b != 0) {
    const u128 t = a % b;
    a = b;
    b = t;
  }
  return a;
}

u128 pow10(int k) {
  u128 p = 1;
  for (int i = 0; i < k; ++i) p *= 10;
  return p;
}

// An exact non-negative fraction; nullopt once a product would overflow.
struct fraction {
  u128 num = 0, den = 1;
};

std::optional<fraction> add(fraction a, u128 num, u128 den) {
  u128 n1 = 0, n2 = 0, d = 0;
  if (__builtin_mul_overflow(a.num, den, &n1) || __builtin_mul_overflow(num, a.den, &n2) ||
      __builtin_mul_overflow(a.den, den, &d) || __builtin_add_overflow(n1, n2, &n1))
    return std::nullopt;
  const u128 g = gcd128(n1, d);
  return fraction{n1 / (g ? g : 1), d / (g ? g : 1)};
}

std::string u128_text(u128 v) {
  if (v == 0) return "0";
  std::string s;
  while (v > 0) {
    s.insert(s.begin(), static_cast<char>('0' + static_cast<int>(v % 10)));
    v /= 10;
  }
  return s;
}

// "212.5" from 21250 hundredths; "200" from 20000; "212.51" from 21251.
std::string hundredths_text(u128 h) {
  std::string s = u128_text(h / 100);
  const int cents = static_cast<int>(h % 100);
  if (cents != 0) {
    s += '.';
    s += static_cast<char>('0' + cents / 10);
    if (cents % 10 != 0) s += static_cast<char>('0' + cents % 10);
  }
  return s;
}

// The period word of a rate as its author wrote it ("w", "week"), else the
// short form.
std::string period_word(const rate_value& r) {
  const auto slash = r.text.rfind('/');
  if (slash != std::string::npos && slash + 1 < r.text.size()) return r.text.substr(slash + 1);
  if (r.period_ms == ms_per_hour) return "h";
  if (r.period_ms == ms_per_day) return "d";
  if (r.period_ms == 7 * ms_per_day) return "w";
  return "mo";
}

// `--set X.capacity=C` with C = lambda / 0.8 in the period of X's capacity,
// rounded up to 2 decimals; nullopt when X has no capacity.
std::optional<std::string> capacity_change(const model& m, const std::string& unit_id) {
  const auto ui = m.find_unit(unit_id);
  if (!ui || !m.units[*ui].capacity) return std::nullopt;
  const unit& u = m.units[*ui];
  const u128 period = static_cast<u128>(u.capacity->period_ms);
  // lambda in items per capacity period: sum of count * period / (10^s * p).
  std::optional<fraction> lambda = fraction{};
  auto add_rate = [&](const rate_value& r) {
    if (lambda) lambda = add(*lambda, static_cast<u128>(r.count) * period, pow10(r.scale_digits) * static_cast<u128>(r.period_ms));
  };
  if (u.demand) add_rate(*u.demand);
  for (const handoff& h : m.handoffs)
    if (h.to == unit_id && h.volume) add_rate(*h.volume);
  std::string amount;
  if (lambda) {
    // hundredths = ceil(lambda / 0.8 * 100) = ceil(125 * lambda)
    u128 scaled = 0;
    if (!__builtin_mul_overflow(lambda->num, static_cast<u128>(125), &scaled))
      amount = hundredths_text(scaled / lambda->den + (scaled % lambda->den != 0 ? 1 : 0));
  }
  if (amount.empty()) {  // beyond 128 bits: a double, rounded up generously
    long double l = 0;
    auto per_period = [&](const rate_value& r) {
      long double x = static_cast<long double>(r.count) * static_cast<long double>(period) /
                      static_cast<long double>(r.period_ms);
      for (int i = 0; i < r.scale_digits; ++i) x /= 10;
      return x;
    };
    if (u.demand) l += per_period(*u.demand);
    for (const handoff& h : m.handoffs)
      if (h.to == unit_id && h.volume) l += per_period(*h.volume);
    const long double h = l * 125.0L;
    amount = hundredths_text(static_cast<u128>(h * (1 + 1e-15L)) + 1);
  }
  return "--set " + unit_id + ".capacity=" + amount + "/" + period_word(*u.capacity);
}

std::optional<std::string> string_metric(const finding& f, std::string_view key) {
  const metric_value* v = f.metric(key);
  const auto* s = v ? std::get_if<std::string>(v) : nullptr;
  return s ? std::optional<std::string>(*s) : std::nullopt;
}

// The change that removes cause `f`, or nullopt when none does.
std::optional<std::string> change_for(const model& m, const finding& f) {
  const std::string& c = f.code;
  if (c == "GAP.NO_ROUTE" || c == "STALE.ROUTE" || c == "LOSSY.ROUTE") {
    const auto owner = string_metric(f, "owner"), consumer = string_metric(f, "consumer");
    if (!owner || !consumer || !f.artifact) return std::nullopt;
    return "--add-flow '" + *owner + "->" + *consumer + " carries=" + *f.artifact + " cadence=on-change'";
  }
  if (c == "GAP.NO_FEEDBACK") {
    const auto from = string_metric(f, "from"), to = string_metric(f, "to");
    if (!from || !to) return std::nullopt;
    return "--add-flow '" + *to + "->" + *from + "'";
  }
  if (c == "FRICTION.MANUAL" && f.ref) return "--set-flow " + *f.ref + ".manual=false";
  if (c == "FRICTION.FORMAT" && f.ref) {
    const metric_value* v = f.metric("accepts");
    const auto* accepts = v ? std::get_if<std::vector<std::string>>(v) : nullptr;
    if (!accepts || accepts->empty()) return std::nullopt;
    return "--set-flow " + *f.ref + ".format=" + accepts->front();
  }
  if (c == "LOAD.OVER" && f.units.size() == 1) return capacity_change(m, f.units.front());
  return std::nullopt;  // PROCESS.LOOP and anything else: a process decision
}

// "--add-flow 'a->b'" -> option "add-flow", argument "a->b".
std::pair<std::string, std::string> split_change(const std::string& change) {
  const auto space = change.find(' ');
  std::string option = change.substr(2, space - 2);
  std::string argument = change.substr(space + 1);
  if (argument.size() >= 2 && argument.front() == '\'' && argument.back() == '\'')
    argument = argument.substr(1, argument.size() - 2);
  return {option, argument};
}

}  // namespace

std::unique_ptr<plan> make_plan(const model& m, const diagnosis& d, const analysis_options& options) {
  auto p = std::make_unique<plan>();
  std::set<std::string> seen;
  std::vector<model_change> changes;
  for (const cause& c : d.causes) {
    if (c.source->level == severity::info) continue;
    const auto change = change_for(m, *c.source);
    if (!change) {
      p->unremovable.push_back(c.finding_index + 1);
      continue;
    }
    if (!seen.insert(*change).second) continue;
    p->changes.push_back(*change);
    const auto [option, argument] = split_change(*change);
    std::string why;
    auto parsed = parse_change(option, argument, &why);
    if (!parsed) throw std::logic_error("plan: a change the planner wrote does not parse: " + *change + ": " + why);
    changes.push_back(std::move(*parsed));
  }
  p->changed = m;
  const auto errors = apply_changes(p->changed, changes);
  if (!errors.empty()) throw std::logic_error("plan: a change the planner wrote does not apply: " + errors.front());
  p->after_result = analyze(p->changed, options);
  p->after = diagnose(p->changed, p->after_result, d.query);
  return p;
}

std::string shell_ready_change(const std::string& change) {
  const auto space = change.find(' ');
  if (space == std::string::npos) return change;
  const std::string argument = change.substr(space + 1);
  if (!argument.empty() && argument.front() == '\'') return change;
  const bool plain = argument.find_first_not_of(
                         "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.:=/,+-") == std::string::npos;
  if (plain) return change;
  std::string quoted = "'";
  for (char ch : argument) quoted += ch == '\'' ? std::string("'\\''") : std::string(1, ch);
  return change.substr(0, space + 1) + quoted + "'";
}

}  // namespace orgflow
