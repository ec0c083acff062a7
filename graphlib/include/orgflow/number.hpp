// Locale-independent number printing for every writer (JSON, text, DOT).
// The spec's rule (analyses.md, Output): round to 6 decimals, half to even,
// drop trailing zeros; undefined values print as null. nlohmann/json never
// prints our doubles: it would write 0.30000000000000004.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace orgflow {

/// `x` rounded to `decimals` decimals, half to even on the exact binary
/// value, trailing zeros and a trailing dot dropped, `-0` printed as `0`.
/// Non-finite values print as `null`. `decimals` from 0 to 1,100 (others
/// throw std::out_of_range). O(1), though each call expands the double
/// exactly to 1,100 decimals.
std::string format_number(double x, int decimals = 6);
/// format_number for an optional: `null` when empty. O(1).
std::string format_number(const std::optional<double>& x, int decimals = 6);
/// Milliseconds as hours, exactly (ms / 3600000 rounded to 6 decimals). O(1).
std::string format_hours(std::int64_t ms);
/// The value format_number would print, as a double (for tests and diffs);
/// non-finite values come back unchanged. O(1), one format_number.
double round_half_even(double x, int decimals = 6);

}  // namespace orgflow
