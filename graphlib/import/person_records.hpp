// Reading person-level communication data (people.md, Column options and
// Definitions), shared by `orgflow import csv` (interactions.cpp, which
// aggregates it to a unit-level model) and `orgflow people` (graphlib/people,
// which analyses the person graph itself):
//  - PEOPLE: one row per person and unit; a person id listed again with the
//    same unit is ignored (counted), with another unit rejected; an empty
//    unit puts the person in `(unlabelled)`;
//  - INTERACTIONS: records `from, to[, count]` (a count of 0 is no tie) or,
//    with `matrix`, a square matrix over the people of PEOPLE in file order;
//    a person not in PEOPLE is added to `(unlabelled)` and counted;
//  - the person arc set: `u -> v` when some record `u -> v` with a non-zero
//    count exists and u != v; duplicates collapse and self-ties are dropped,
//    both counted; the counts of an arc's records are summed.
// Internal to graphlib.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <string>
#include <unordered_map>
#include <vector>

#include "import/eventlog.hpp"
#include "orgflow/import.hpp"

namespace orgflow::person_records {

/// A count: a whole number >= 0, written with digits and optionally `.0...`
/// (spreadsheets export 1 as 1.0). nullopt otherwise. O(length).
std::optional<std::uint64_t> parse_count(std::string_view s);

/// The unit of people not in PEOPLE, and of PEOPLE rows with an empty unit.
inline constexpr const char* unlabelled_unit = "(unlabelled)";

struct people_data {
  eventlog_detail::interner ids;       // person ids: PEOPLE in file order (the matrix order), then unknown ones
  std::vector<std::uint32_t> unit_of;  // person -> unit label index
  eventlog_detail::interner units;     // unit labels, in order of first appearance
  std::uint64_t rows = 0, duplicates = 0, without_unit = 0;
};

struct tie_data {
  std::unordered_map<std::uint64_t, std::uint64_t> weight;  // arc (from << 32 | to) -> summed count
  std::uint64_t records = 0;      // records read (matrix: cells read, 0 included)
  std::uint64_t tie_records = 0;  // records that state a tie (count > 0): arcs + self_ties + duplicates
  std::uint64_t self_ties = 0, duplicates = 0, zero_count = 0;
  std::uint64_t unknown_people = 0, unknown_records = 0;
};

/// Reads PEOPLE into `p`; problems go to `sink`.
void read_people(const std::string& path, const people_table& o, people_data& p,
                 eventlog_detail::diagnostic_sink& sink);

/// Reads INTERACTIONS (records or, with o.matrix, a matrix) into `t`, after
/// read_people filled `p` (unknown people are appended to it).
void read_interactions(const std::string& path, const interactions_table& o, people_data& p, tie_data& t,
                       eventlog_detail::diagnostic_sink& sink);

}  // namespace orgflow::person_records
