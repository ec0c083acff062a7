// The text toolkit's id index (text/id_index.hpp) against a std::map that
// numbers strings in order of first appearance: intern, find, names, growth
// past the first table, reserve, and copies that stay independent.
#include <catch2/catch.hpp>
#include <rapidcheck/catch.h>

#include <map>
#include <string>
#include <vector>

#include "text/id_index.hpp"

using orgflow::text_detail::id_index;

namespace {

// Ids of every length around the eight bytes the slots keep, many sharing
// their first eight bytes, some equal but for their length.
std::string id_of(unsigned k) {
  static const char* const stems[] = {"", "u", "unit-00", "unit-000", "unit-0000", "a-long-unit-identifier-"};
  std::string s = stems[k % 6];
  s += std::to_string(k / 6);
  if (k % 7 == 0) s += std::string(k % 5, '\0');  // embedded zero bytes
  return s;
}

}  // namespace

TEST_CASE("id_index numbers strings in order of first appearance, as a map would") {
  rc::prop("intern and find agree with a std::map", [] {
    const auto keys = *rc::gen::container<std::vector<unsigned>>(rc::gen::inRange(0u, 3000u));
    const auto probes = *rc::gen::container<std::vector<unsigned>>(rc::gen::inRange(0u, 4000u));
    id_index index;
    if (*rc::gen::arbitrary<bool>()) index.reserve(keys.size());
    std::map<std::string, std::uint32_t> model;
    std::vector<std::string> names;
    for (const unsigned k : keys) {
      const std::string s = id_of(k);
      const auto [it, added] = model.emplace(s, static_cast<std::uint32_t>(names.size()));
      if (added) names.push_back(s);
      RC_ASSERT(index.intern(s) == it->second);
    }
    RC_ASSERT(index.names() == names);
    RC_ASSERT(index.size() == names.size());
    const id_index copy = index;
    index.intern("added after the copy");
    for (const unsigned k : probes) {
      const std::string s = id_of(k);
      const auto it = model.find(s);
      const auto found = copy.find(s);
      RC_ASSERT(found.has_value() == (it != model.end()));
      if (found) RC_ASSERT(*found == it->second);
    }
    RC_ASSERT(!copy.find("added after the copy"));
    RC_ASSERT(index.find("added after the copy") == std::optional<std::uint32_t>(static_cast<std::uint32_t>(names.size())));
  });
}

TEST_CASE("id_index finds nothing in an empty index, the empty string included") {
  const id_index empty;
  CHECK_FALSE(empty.find(""));
  CHECK_FALSE(empty.find("x"));
  id_index one;
  CHECK(one.intern("") == 0);
  CHECK(one.find("") == std::optional<std::uint32_t>(0));
  CHECK_FALSE(one.find(std::string(1, '\0')));
}
