// Strings to dense indices in order of first appearance (internal to the
// library; shared with every layer by graphlib/CMakeLists.txt).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace orgflow::text_detail {

/// Strings to dense indices in order of first appearance, tuned for the
/// millions of look-ups of person ids in an interaction file and the unit
/// and artifact ids of a model: an open-addressing table whose 16-byte
/// slots hold the first eight bytes of the name, its length and 24 bits of
/// the hash beside the index, so that looking up an id of at most eight
/// bytes (employee numbers, most e-mail ids once hashed) touches one slot
/// and no name; longer ids also compare the stored name. The indices (and
/// so every output) do not depend on the hash. Copies are independent.
class id_index {
 public:
  /// The index of s, adding it as the next index when it is new.
  /// O(|s|) expected.
  std::uint32_t intern(std::string_view s);
  /// The index of s, or nullopt when it was never interned. O(|s|)
  /// expected.
  std::optional<std::uint32_t> find(std::string_view s) const;
  /// Every string interned, by index.
  const std::vector<std::string>& names() const { return names_; }
  std::size_t size() const { return names_.size(); }
  /// Room for n strings without growing. O(n + size()).
  void reserve(std::size_t n);

 private:
  struct slot {
    std::uint64_t prefix = 0;  // the first eight bytes, zero-padded
    std::uint32_t index = 0;   // index + 1; 0 = empty
    std::uint32_t check = 0;   // length (low 8 bits, saturated at 255) and 24 bits of the hash
  };
  // The slot of s: where it is, or the empty slot where it would go.
  std::size_t slot_of(std::string_view s, std::uint64_t prefix, std::uint32_t check, std::uint64_t h) const;
  void rehash(std::size_t capacity);
  std::vector<std::string> names_;
  std::vector<slot> slots_;
};

}  // namespace orgflow::text_detail
