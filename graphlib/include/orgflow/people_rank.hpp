// Person-level findings ranked for leaders (issue 11, item 4): who the
// organization hangs on, and which pairs of units talk through one person,
// most serious first. `orgflow people` counts articulation points and lists
// single liaisons (people.md); a leader needs to know which of them matter:
// the person whose absence cuts off sixty colleagues before the one whose
// absence cuts off one, the liaison between two large units before the one
// between two small ones.
//
// The ranking reads the person graph the analysis read (people_result::input,
// kept when people_options::keep_input is set) and its report; it names
// persons only when the report does (`--reveal`).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "orgflow/people.hpp"

namespace orgflow {

/// An articulation point of the largest connected group of U (people.md,
/// Key people).
struct key_person {
  std::string unit;                   // as reported (small units merged)
  std::optional<std::string> person;  // only with reveal
  /// People of the group, other than this person, outside the largest part
  /// that is left when this person is removed: how many are cut off.
  std::uint64_t cut_off = 0;
  std::uint64_t parts = 0;  // parts left when this person is removed (at least 2)
};

/// A single liaison (people.md): every tie between `from` and `to` touches
/// the same one person of `from`.
struct ranked_liaison {
  std::string from, to;
  std::uint64_t smaller = 0;  // members of the smaller of the two units
  std::uint64_t edges = 0;    // ties between the two units
  std::optional<std::string> person;  // only with reveal
};

struct people_ranking {
  std::uint64_t group = 0;  // people in the largest connected group (people_report::key_component)
  /// Every articulation point, by people cut off (descending), then person
  /// id (byte order).
  std::vector<key_person> key_people;
  /// Every single liaison, by the size of the smaller unit (descending),
  /// then `from`, then `to` (byte order).
  std::vector<ranked_liaison> liaisons;
};

/// The ranking of `r`, computed on the person graph `in` that produced it
/// (same people, units and arcs; small units are merged as the report
/// merged them). O(people + arcs log arcs + units log units + liaisons log
/// liaisons). No people: an empty ranking (group 0, no key people, no
/// liaisons).
people_ranking rank_people(const people_input& in, const people_report& r);

/// The person-level part of a leadership report: the report and its ranking.
struct people_findings {
  const people_report* report = nullptr;
  people_ranking ranking;
};

}  // namespace orgflow
