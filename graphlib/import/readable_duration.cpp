// Readable exact duration text for imported models (readable_duration.hpp).
#include "import/readable_duration.hpp"
#include "orgflow/check.hpp"

#include <optional>

namespace orgflow::import_text {
namespace {

// The decimal digits of `remainder / unit` (0 <= remainder < unit), or
// nullopt when that fraction does not end. A unit is at most a day
// (86,400,000 ms = 2^10 3^3 5^5), so the digits end within 10 places when
// they end at all, and remainder * 10 cannot overflow.
std::optional<std::string> fraction_digits(millis remainder, millis unit) {
  std::string digits;
  for (int k = 0; k < 12 && remainder != 0; ++k) {
    remainder *= 10;
    digits += static_cast<char>('0' + remainder / unit);
    remainder %= unit;
  }
  if (remainder != 0) return std::nullopt;
  return digits;
}

std::string iso(millis ms) {
  const millis days = ms / ms_per_day;
  millis rest = ms % ms_per_day;
  const millis hours = rest / ms_per_hour;
  rest %= ms_per_hour;
  const millis minutes = rest / ms_per_minute;
  rest %= ms_per_minute;
  std::string out = "P";
  if (days != 0) out += std::to_string(days) + "D";
  if (hours == 0 && minutes == 0 && rest == 0) return out;
  out += "T";
  if (hours != 0) out += std::to_string(hours) + "H";
  if (minutes != 0) out += std::to_string(minutes) + "M";
  if (rest != 0) {
    std::string fraction = std::to_string(1000 + rest % 1000).substr(1);  // three digits
    while (!fraction.empty() && fraction.back() == '0') fraction.pop_back();
    out += std::to_string(rest / 1000) + (fraction.empty() ? "" : "." + fraction) + "S";
  }
  return out;
}

}  // namespace

std::string readable_duration(millis ms) {
  check_invariant(ms >= 0, "readable_duration of a negative duration");
  if (ms == 0) return "0min";
  static constexpr struct {
    millis unit;
    const char* word;
  } units[] = {{ms_per_day, "d"}, {ms_per_hour, "h"}, {ms_per_minute, "min"}};  // largest first
  std::string shortest = iso(ms);  // the ISO form, unless a decimal is shorter
  for (const auto& u : units) {
    if (ms < u.unit) continue;
    const auto digits = fraction_digits(ms % u.unit, u.unit);
    if (!digits) continue;
    std::string text = std::to_string(ms / u.unit) + (digits->empty() ? "" : "." + *digits) + u.word;
    if (digits->size() <= 2) return text;
    if (text.size() < shortest.size()) shortest = std::move(text);
  }
  return shortest;
}

}  // namespace orgflow::import_text
