// Plain-English building blocks of the delivery family (see delivery_prose.hpp).
#include "analysis/delivery_prose.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>

namespace orgflow::analysis::prose {

namespace {

// x / unit rounded half to even, exactly, on integers.
std::int64_t div_round_even(std::int64_t x, std::int64_t unit) {
  std::int64_t q = x / unit;
  const std::int64_t r = x % unit;
  if (2 * r > unit || (2 * r == unit && (q % 2) != 0)) ++q;
  return q;
}

std::string count_of(std::int64_t n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

}  // namespace

std::string duration_words(millis ms) {
  if (ms <= 0) return "no time";
  if (ms % ms_per_day == 0) return count_of(ms / ms_per_day, "day", "days");
  if (ms >= 2 * ms_per_day) return count_of(div_round_even(ms, ms_per_day), "day", "days");
  if (ms % ms_per_hour == 0 || ms >= 2 * ms_per_hour)
    return count_of(div_round_even(ms, ms_per_hour), "hour", "hours");
  if (ms % ms_per_minute == 0 || ms >= 2 * ms_per_minute)
    return count_of(div_round_even(ms, ms_per_minute), "minute", "minutes");
  if (ms >= ms_per_second) return count_of(div_round_even(ms, ms_per_second), "second", "seconds");
  return count_of(ms, "millisecond", "milliseconds");
}

std::string every_words(millis ms) {
  if (ms == ms_per_hour) return "every hour";
  if (ms == ms_per_day) return "every day";
  if (ms == 7 * ms_per_day) return "every week";
  return "every " + duration_words(ms);
}

std::string cadence_label(millis ms) {
  if (ms == 0) return "on change";
  if (ms == ms_per_hour) return "hourly";
  if (ms == ms_per_day) return "daily";
  if (ms == 7 * ms_per_day) return "weekly";
  if (ms == 30 * ms_per_day) return "monthly";
  if (ms == 91 * ms_per_day) return "quarterly";
  if (ms == 365 * ms_per_day) return "yearly";
  return every_words(ms);
}

std::string percent(double share) {
  if (!std::isfinite(share)) return "an unknown share";
  // nearbyint rounds half to even in the default rounding mode.
  return std::to_string(static_cast<long long>(std::nearbyint(share * 100.0))) + "%";
}

std::string join_names(const std::vector<std::string>& names) {
  std::string out;
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (i > 0) out += i + 1 == names.size() ? " and " : ", ";
    out += names[i];
  }
  return out;
}

std::string carried_words(const delivery& d, const flow& f) {
  const model& m = d.source();
  if (f.carries_all()) {
    const auto u = d.views().vertex_of(f.from);
    return "everything " + (u ? d.views().unit_at(*u).display_name() : f.from) + " knows";
  }
  if (!f.carries || f.carries->empty()) return "general information";
  std::vector<std::string> names;
  for (const std::string& id : *f.carries) {
    const auto a = d.flows().artifact_index(id);
    std::string name = "the " + (a ? m.artifacts[*a].display_name() : id);
    if (std::find(names.begin(), names.end(), name) == names.end()) names.push_back(std::move(name));
  }
  return join_names(names);
}

}  // namespace orgflow::analysis::prose
