// The id index of the text toolkit (id_index.hpp).
#include "text/id_index.hpp"

#include <algorithm>
#include <cstring>

namespace orgflow::text_detail {

namespace {

std::uint64_t mix(std::uint64_t x) {
  x ^= x >> 32;
  x *= 0xd6e8feb86659fd93ULL;
  x ^= x >> 32;
  x *= 0xd6e8feb86659fd93ULL;
  return x ^ (x >> 32);
}

// The first eight bytes of s, zero-padded.
std::uint64_t prefix_of(std::string_view s) {
  std::uint64_t w = 0;
  if (!s.empty()) std::memcpy(&w, s.data(), std::min<std::size_t>(8, s.size()));
  return w;
}

// Eight bytes at a time (ids are mostly short), the length mixed in.
std::uint64_t hash_id(std::string_view s, std::uint64_t prefix) {
  std::uint64_t h = mix(0x9e3779b97f4a7c15ULL ^ s.size() ^ (prefix * 0xff51afd7ed558ccdULL));
  for (std::size_t i = 8; i < s.size(); i += 8) {
    std::uint64_t w = 0;
    std::memcpy(&w, s.data() + i, std::min<std::size_t>(8, s.size() - i));
    h = mix(h ^ w);
  }
  return h;
}

std::uint32_t check_of(std::string_view s, std::uint64_t h) {
  return static_cast<std::uint32_t>(h >> 40) << 8 | static_cast<std::uint32_t>(std::min<std::size_t>(s.size(), 255));
}

}  // namespace

void id_index::rehash(std::size_t capacity) {
  slots_.assign(capacity, slot{});
  const std::size_t mask = capacity - 1;
  for (std::uint32_t k = 0; k < names_.size(); ++k) {
    const std::string_view name = names_[k];
    const std::uint64_t prefix = prefix_of(name);
    const std::uint64_t h = hash_id(name, prefix);
    std::size_t at = static_cast<std::size_t>(h) & mask;
    while (slots_[at].index != 0) at = (at + 1) & mask;
    slots_[at] = {prefix, k + 1, check_of(name, h)};
  }
}

void id_index::reserve(std::size_t n) {
  std::size_t capacity = slots_.empty() ? 1024 : slots_.size();
  while ((std::max(n, names_.size()) + 1) * 2 > capacity) capacity *= 2;
  if (capacity != slots_.size()) rehash(capacity);
  names_.reserve(n);
}

std::size_t id_index::slot_of(std::string_view s, std::uint64_t prefix, std::uint32_t check, std::uint64_t h) const {
  const std::size_t mask = slots_.size() - 1;
  std::size_t at = static_cast<std::size_t>(h) & mask;
  for (; slots_[at].index != 0; at = (at + 1) & mask) {
    const slot& x = slots_[at];
    if (x.check != check || x.prefix != prefix) continue;
    if (s.size() <= 8 || names_[x.index - 1] == s) return at;  // up to 8 bytes, prefix and length say it all
  }
  return at;
}

std::uint32_t id_index::intern(std::string_view s) {
  if ((names_.size() + 1) * 2 > slots_.size()) rehash(slots_.empty() ? 1024 : slots_.size() * 2);
  const std::uint64_t prefix = prefix_of(s);
  const std::uint64_t h = hash_id(s, prefix);
  const std::uint32_t check = check_of(s, h);
  const std::size_t at = slot_of(s, prefix, check, h);
  if (slots_[at].index != 0) return slots_[at].index - 1;
  const auto k = static_cast<std::uint32_t>(names_.size());
  names_.emplace_back(s);
  slots_[at] = {prefix, k + 1, check};
  return k;
}

std::optional<std::uint32_t> id_index::find(std::string_view s) const {
  if (slots_.empty()) return std::nullopt;
  const std::uint64_t prefix = prefix_of(s);
  const std::uint64_t h = hash_id(s, prefix);
  const std::size_t at = slot_of(s, prefix, check_of(s, h), h);
  if (slots_[at].index == 0) return std::nullopt;
  return slots_[at].index - 1;
}

}  // namespace orgflow::text_detail
