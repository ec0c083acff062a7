// The text of a duration that an importer writes into a model, for people who
// open the model file: the most readable form that the model format reads
// back to exactly the same milliseconds (model-format.md, Quantities).
//
// An importer's durations are measured (the median wait of an event log), so
// they rarely divide into whole minutes; the model's own canonical form
// (format_duration) then falls back to seconds (`PT910527.937S`), which no
// one reads as "ten and a half days". This picks, among `d`, `h` and `min`
// (weeks and months are left out: a wait reads best in days, and `mo` is
// 30 days, which no one assumes), the units in which the value is at least
// 1 and an exact decimal:
//
//   1. the largest of them with at most two decimals: `10d`, `10.5d`,
//      `1.25d`, `4h`, `2.1h`, `90min`, `61.5min`, `4452.5min`;
//   2. else an ISO 8601 duration in days, hours, minutes and seconds with
//      the milliseconds as a decimal (`P10DT12H55M27.937S`, `PT24.062S`,
//      `PT3H3M2.325S`), unless a unit gives an exact decimal that is
//      shorter to write (`785.075min` rather than `PT13H5M4.5S`): the ISO
//      form only when no shorter exact form exists.
//   0 is `0min`.
//
// parse_duration(readable_duration(x))->ms == x for every 0 <= x < 2^62.
#pragma once

#include <string>

#include "orgflow/model.hpp"

namespace orgflow::import_text {

/// The readable exact text of `ms` (ms >= 0) by the rule above.
std::string readable_duration(millis ms);

}  // namespace orgflow::import_text
