// Parsing and printing of the model's quantities (model-format.md,
// Quantities and Exact rules): durations (`2d`, `1.5w`, `PT4H`), cadences
// (`on-change`, `weekly`, a duration) and rates (`200/w`, `5/hour`).
// Each parser returns the value or nullopt with a sentence for the user in
// *why ("\"2 days\" is not a duration (write 2d or P2D)").
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "orgflow/model.hpp"

namespace orgflow {

/// Each O(length of the text); `why` may be null. An empty text is nullopt:
/// "the duration is empty" or "the rate is empty" (a cadence gets the
/// duration's sentence).
std::optional<duration_value> parse_duration(std::string_view text, std::string* why);
std::optional<cadence_value> parse_cadence(std::string_view text, std::string* why);
std::optional<rate_value> parse_rate(std::string_view text, std::string* why);

/// Canonical text of a duration: the largest of w, d, h, min, that divides
/// it exactly (`14d` is printed `2w`; 0 is `0d`), else an ISO form with seconds
/// (`PT1.5S`). parse_duration(format_duration(x)) == x for every x >= 0.
/// Negative values get a minus sign (no duration of a model is negative).
/// O(1).
std::string format_duration(millis ms);
/// Canonical text of a cadence: `on-change` for 0, else format_duration. O(1).
std::string format_cadence(millis ms);
/// Canonical text of a rate: `count/period` with the shortest period word.
/// A rate made in code whose period is not an hour, day, week or month is
/// moved to the first of them in which it is an exact decimal, else printed
/// per hour rounded to 6 decimals (then not exact). O(1).
std::string format_rate(const rate_value& r);

}  // namespace orgflow
