// Member functions of the model structs (orgflow/model.hpp): exact rate
// arithmetic, lookups, and equality. Equality compares values, never the
// texts quantities were written as nor the order members were written in,
// so `load(save(m)) == m` is the round-trip property the tests check.
#include <cmath>
#include <string>

#include "model/exact.hpp"
#include "orgflow/model.hpp"

namespace orgflow {

namespace {

using detail::u128;

// count / (period_ms * 10^scale) reduced to lowest terms; false when the
// fields are outside what the parser produces (then compared field by field).
bool reduced(const rate_value& r, u128& num, u128& den) {
  if (r.period_ms <= 0 || r.scale_digits < 0 || r.scale_digits > 18) return false;
  num = r.count;
  den = static_cast<u128>(r.period_ms) * detail::pow10_u128(r.scale_digits);  // < 2^63 * 10^18 < 2^128
  if (num == 0) {
    den = 1;
    return true;
  }
  const u128 g = detail::gcd_u128(num, den);
  num /= g;
  den /= g;
  return true;
}

double to_double(u128 v) {
  const auto hi = static_cast<std::uint64_t>(v >> 64);
  const auto lo = static_cast<std::uint64_t>(v);
  return std::ldexp(static_cast<double>(hi), 64) + static_cast<double>(lo);
}

template <class T>
bool same_optional(const std::optional<T>& a, const std::optional<T>& b) {
  return a.has_value() == b.has_value() && (!a || *a == *b);
}

}  // namespace

double rate_value::per_ms() const {
  u128 num = 0, den = 1;
  if (!reduced(*this, num, den)) return static_cast<double>(count) / (static_cast<double>(period_ms) * std::pow(10.0, scale_digits));
  return to_double(num) / to_double(den);
}

double rate_value::per_hour() const {
  u128 num = 0, den = 1;
  if (!reduced(*this, num, den)) return per_ms() * static_cast<double>(ms_per_hour);
  // num * 3600000 / den, reduced again so that both sides stay exact doubles
  // as long as possible (200/w = 720000000/604800000 = 25/21).
  num *= static_cast<u128>(ms_per_hour);  // num < 2^64: fits
  const u128 g = detail::gcd_u128(num, den);
  return to_double(num / g) / to_double(den / g);
}

bool operator==(const rate_value& a, const rate_value& b) {
  u128 an = 0, ad = 1, bn = 0, bd = 1;
  if (!reduced(a, an, ad) || !reduced(b, bn, bd))
    return a.count == b.count && a.scale_digits == b.scale_digits && a.period_ms == b.period_ms;
  return an == bn && ad == bd;
}

std::string_view to_string(unit_kind k) {
  switch (k) {
    case unit_kind::department: return "department";
    case unit_kind::team: return "team";
    case unit_kind::role: return "role";
    case unit_kind::system: return "system";
    case unit_kind::external: return "external";
  }
  return "department";
}

bool flow::carries_artifact(std::string_view artifact) const {
  if (!carries) return false;
  for (const auto& c : *carries)
    if (c == "*" || c == artifact) return true;
  return false;
}

bool operator==(const unit& a, const unit& b) {
  return a.id == b.id && a.name == b.name && a.kind == b.kind && a.group == b.group &&
         same_optional(a.capacity, b.capacity) && a.staff == b.staff && same_optional(a.demand, b.demand) &&
         a.accepts == b.accepts && a.members == b.members && a.extras == b.extras;
}

bool operator==(const artifact& a, const artifact& b) {
  return a.id == b.id && a.name == b.name && a.owner == b.owner && same_optional(a.changes, b.changes) &&
         same_optional(a.max_age, b.max_age) && a.format == b.format && a.extras == b.extras;
}

bool operator==(const flow& a, const flow& b) {
  return a.id == b.id && a.id_generated == b.id_generated && a.from == b.from && a.to == b.to &&
         a.carries == b.carries && a.channel == b.channel && same_optional(a.latency, b.latency) &&
         same_optional(a.cadence, b.cadence) && a.format == b.format && a.manual == b.manual &&
         a.reliability == b.reliability && same_optional(a.volume, b.volume) && a.extras == b.extras;
}

bool operator==(const handoff& a, const handoff& b) {
  return a.id == b.id && a.id_generated == b.id_generated && a.from == b.from && a.to == b.to &&
         a.process == b.process && a.item == b.item && same_optional(a.volume, b.volume) &&
         same_optional(a.wait, b.wait) && a.context == b.context && a.returns == b.returns && a.extras == b.extras;
}

bool operator==(const need& a, const need& b) {
  return a.unit == b.unit && a.artifact == b.artifact && same_optional(a.max_age, b.max_age) &&
         a.purpose == b.purpose && a.extras == b.extras;
}

bool operator==(const symptom& a, const symptom& b) {
  return a.id == b.id && a.unit == b.unit && a.performer == b.performer && a.description == b.description &&
         a.artifacts == b.artifacts &&
         a.process == b.process && a.extras == b.extras;
}

bool operator==(const accepted_finding& a, const accepted_finding& b) {
  return a.code == b.code && a.units == b.units && a.artifact == b.artifact && a.process == b.process &&
         a.ref == b.ref && a.from == b.from && a.to == b.to && a.reason == b.reason && a.extras == b.extras;
}

bool operator==(const model& a, const model& b) {
  return a.name == b.name && a.units == b.units && a.artifacts == b.artifacts && a.flows == b.flows &&
         a.handoffs == b.handoffs && a.needs == b.needs && a.symptoms == b.symptoms && a.accepted == b.accepted &&
         a.has_accepted == b.has_accepted && a.extras == b.extras;
}

const std::string& model::display_name() const {
  static const std::string untitled = "(untitled model)";
  return name ? *name : untitled;
}

std::optional<std::size_t> model::find_unit(std::string_view id) const {
  for (std::size_t i = 0; i < units.size(); ++i)
    if (units[i].id == id) return i;
  return std::nullopt;
}

std::optional<std::size_t> model::find_artifact(std::string_view id) const {
  for (std::size_t i = 0; i < artifacts.size(); ++i)
    if (artifacts[i].id == id) return i;
  return std::nullopt;
}

std::optional<std::size_t> model::find_symptom(std::string_view id) const {
  for (std::size_t i = 0; i < symptoms.size(); ++i)
    if (symptoms[i].id == id) return i;
  return std::nullopt;
}

std::string diagnostic::to_string() const {
  std::string out = file;
  if (!pointer.empty()) out += ":" + pointer;
  else if (line > 0) out += ":" + std::to_string(line) + ":" + std::to_string(column);
  out += ": ";
  out += message;
  return out;
}

}  // namespace orgflow
