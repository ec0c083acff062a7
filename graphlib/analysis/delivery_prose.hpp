// Plain-English building blocks for the titles and recommendations of the
// delivery family (need findings, friction, waste, single routes, relays):
// durations in words ("62 days"), cadences ("every 2 weeks", "monthly"),
// percentages and name lists, always built from the model's names, never
// its ids. Locale-independent: numbers are formatted with integer
// arithmetic only. Internal to graphlib.
#pragma once

#include <string>
#include <vector>

#include "analysis/delivery.hpp"
#include "orgflow/model.hpp"

namespace orgflow::analysis::prose {

/// A duration for a reader: "62 days", "1 day", "36 hours", "30 minutes",
/// "45 seconds", "no time". Whole days when at least two days (rounded half
/// to even), else whole hours, minutes or seconds.
std::string duration_words(millis ms);
/// How often something happens: "every day", "every week", "every 14 days".
std::string every_words(millis ms);
/// A flow's cadence as a label: "on change", "hourly", "daily", "weekly",
/// "monthly", "quarterly", "yearly", else "every 10 days".
std::string cadence_label(millis ms);
/// A share as a whole percentage: "72%" (half to even).
std::string percent(double share);
/// "A", "A and B", "A, B and C".
std::string join_names(const std::vector<std::string>& names);
/// What a flow carries, for a sentence: "the Price list", "the Price list
/// and the Product feature list", "everything Finance knows", "general
/// information". Names are looked up through the delivery's indexes (no
/// linear search per flow).
std::string carried_words(const delivery& d, const flow& f);

}  // namespace orgflow::analysis::prose
