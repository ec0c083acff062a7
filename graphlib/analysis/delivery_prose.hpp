// Plain-English building blocks for the titles and recommendations of the
// delivery family (need findings, friction, waste, single routes, relays)
// that need the delivery object: what a flow carries, in names. Durations,
// cadences, percentages and lists come from the text toolkit
// (orgflow/text.hpp). Internal to graphlib.
#pragma once

#include <string>
#include <vector>

#include "analysis/delivery.hpp"
#include "orgflow/model.hpp"
#include "orgflow/text.hpp"

namespace orgflow::analysis::prose {

/// What a flow carries, for a sentence: "the Price list", "the Price list
/// and the Product feature list", "everything Finance knows", "general
/// information". Names are looked up through the delivery's indexes (no
/// linear search per flow).
std::string carried_words(const delivery& d, const flow& f);

}  // namespace orgflow::analysis::prose
