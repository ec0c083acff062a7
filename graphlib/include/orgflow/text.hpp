// The text toolkit at the bottom of graphlib: how orgflow writes quantities,
// counts and lists for people. Every writer (text, Markdown, HTML), every
// title and recommendation of a finding and every label of a diagram uses
// these functions, so that one value reads the same everywhere ("10.5 days",
// "about 3 a week", "72%"). Machine formats (JSON, the model) do not: they
// keep hours, rates per hour and the model's own quantity syntax.
//
// Everything here is locale-independent (integer arithmetic and
// std::to_chars) and deterministic.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace orgflow {

/// Appends code point `cp` (at most U+10FFFF, not a surrogate) to `out` as
/// UTF-8: one to four bytes. The one encoder of graphlib (XML character
/// references, spreadsheet escapes, replacement characters). O(1).
void append_utf8(std::string& out, std::uint32_t cp);

/// A duration for people, one style everywhere: the largest unit among
/// milliseconds, seconds, minutes, hours (below 48 hours), days (below 365
/// days) and years (365 days) in which the value, rounded half up to one
/// decimal, stays below the next unit; a trailing ".0" is dropped; singular
/// for exactly 1. Examples: "250 milliseconds", "45 seconds", "1 minute",
/// "90 minutes" is "1.5 hours", "36 hours", "2 days", "10.5 days",
/// "1.4 years"; 0 is "0 minutes". Negative values print as their absolute
/// value with a minus sign. O(1).
std::string human_duration(std::int64_t ms);

/// A duration given in hours (as the analyses keep queue waits), for
/// people: human_duration of it rounded to the millisecond. Non-finite or
/// negative values print as "an unknown time". O(1).
std::string human_hours(double hours);

/// A rate for people (items per hour in): "12 an hour", "about 2.5 a day",
/// "3 a week", then, below one a week, "1 every 20 days" (the mean interval
/// in human_duration's style). Per hour from one an hour up, per day from
/// one a day, per week from one a week, each rounded half up to one decimal
/// and moved to the next coarser unit when the rounding reaches it; "about"
/// when the printed number is not the exact value. 0 is "none"; negative or
/// non-finite values print as "an unknown rate". O(1).
std::string human_rate(double per_hour);
/// The same in the period the model's author wrote (`period_ms`: an hour, a
/// day, a week, a month of 30 days or a year of 365) when the rate is at
/// least one there: 12/w is "12 a week", not "about 1.7 a day", and 2/mo "2
/// a month"; other periods and smaller rates as human_rate. O(1).
std::string human_rate(double per_hour, std::int64_t period_ms);

/// A share as a whole percentage, half to even: 0.716 -> "72%", 1.4166 ->
/// "142%". Non-finite values print as "an unknown share". O(1).
std::string human_percent(double share);

/// A count for people, digits grouped by commas whatever the locale:
/// 5000 is "5,000". O(digits).
std::string with_thousands(std::uint64_t n);

/// "1 unit", "3 units", "1,102 flows": the count (digits grouped as
/// with_thousands) and the singular or plural noun: the singular for 1
/// only ("0 units", "-1 units"). O(digits + length of the noun).
std::string count_of(std::int64_t n, std::string_view singular, std::string_view plural);

/// "A", "A and B", "A, B and C"; empty for no items. O(total length).
std::string join_words(const std::vector<std::string>& items);

/// How often something happens: "every hour", "every day", "every week",
/// else "every " + human_duration ("every 14 days", "every 2.5 hours"). O(1).
std::string human_every(std::int64_t ms);

/// A cadence for people: "on change" (0), "hourly", "daily", "weekly",
/// "every 2 weeks" (biweekly), "monthly", "quarterly", "yearly", else
/// human_every ("every 10 days"). O(1).
std::string human_cadence(std::int64_t ms);

}  // namespace orgflow
