// Small helpers for the prose of the structure, load and process findings
// (titles and recommendations a director can read): lists of names, plurals,
// durations and percentages, all printed without the locale (number.hpp).
// Internal to graphlib.
#pragma once

#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include "orgflow/model.hpp"
#include "orgflow/number.hpp"

namespace orgflow::analysis::wording {

/// "A", "A and B", "A, B and C".
inline std::string join(const std::vector<std::string>& items) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += (i + 1 == items.size()) ? " and " : ", ";
    out += items[i];
  }
  return out;
}

/// "1 unit", "3 units".
inline std::string count(std::int64_t n, const std::string& singular, const std::string& plural) {
  return std::to_string(n) + " " + (n == 1 ? singular : plural);
}

/// A duration for prose: "45 min", "3 h", "2.5 days", "3 weeks".
inline std::string duration(double hours) {
  if (!(hours >= 0) || !std::isfinite(hours)) return "an unbounded time";
  if (hours < 1.0) {
    const double minutes = hours * 60.0;
    if (minutes < 1.0) return "under a minute";
    return format_number(minutes, 0) + " min";
  }
  if (hours < 48.0) return format_number(hours, 1) + " h";
  const double days = hours / 24.0;
  if (days < 21.0) return format_number(days, 1) + " days";
  return format_number(days / 7.0, 1) + " weeks";
}

inline std::string duration_ms(millis ms) { return duration(static_cast<double>(ms) / static_cast<double>(ms_per_hour)); }

/// A share as a whole percentage: 1.4166 -> "142 %".
inline std::string percent(double share) { return format_number(share * 100.0, 0) + " %"; }

/// The reading of a rate period for prose: "an hour", "a day", "a week",
/// "a month", else "every 3 d"-like text.
inline std::string per_period(millis period_ms) {
  if (period_ms == ms_per_hour) return "an hour";
  if (period_ms == ms_per_day) return "a day";
  if (period_ms == 7 * ms_per_day) return "a week";
  if (period_ms == 30 * ms_per_day) return "a month";
  return "every " + duration_ms(period_ms);
}

}  // namespace orgflow::analysis::wording
