// Column options for the table harnesses (interactions_fuzz.cpp,
// people_fuzz.cpp), chosen by the first input bytes so that the fuzzer
// explores every way of reading INTERACTIONS and PEOPLE (people.md, Column
// options):
//   byte 0 (INTERACTIONS): bits 0-2 delimiter, 3 no header, 4 matrix,
//          5 --from 2, 6 --to from, 7 a count column;
//   byte 1 (PEOPLE): bits 0-2 delimiter, 3 no header, 4 --person 1,
//          5 --unit unit, 6 the count column by number (3) not name;
//   byte 2: bits 0-1 min group - 1, 2 --reveal, 3 sampled betweenness.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "orgflow/import.hpp"

namespace fuzz_tables {

inline constexpr std::size_t option_bytes = 3;

inline const char* delimiter(unsigned k) {
  static const char* const all[] = {",", ";", "tab", "whitespace", "|", ",", "comma", "semicolon"};
  return all[k & 7];
}

/// The two tables of an input: INTERACTIONS, then PEOPLE after "\n--people--\n".
struct tables {
  std::string_view interactions, people;
};
inline tables split_tables(const std::uint8_t* data, std::size_t size) {
  const std::string_view rest(reinterpret_cast<const char*>(data) + option_bytes, size - option_bytes);
  const auto at = rest.find("\n--people--\n");
  if (at == std::string_view::npos) return {rest, {}};
  return {rest.substr(0, at), rest.substr(at + 12)};
}

inline void choose(const std::uint8_t* o, orgflow::interactions_table& t, orgflow::people_table& p) {
  t.delimiter = delimiter(o[0]);
  t.header = (o[0] & 8) == 0;
  t.matrix = (o[0] & 16) != 0;
  if (o[0] & 32) t.from = "2";
  if (o[0] & 64) t.to = "from";
  if (o[0] & 128) t.count = (o[1] & 64) ? "3" : "count";
  p.delimiter = delimiter(o[1]);
  p.header = (o[1] & 8) == 0;
  if (o[1] & 16) p.person = "1";
  if (o[1] & 32) p.unit = "unit";
}

}  // namespace fuzz_tables
