// One string from pieces of text, allocated once (internal to the library;
// shared with every layer by graphlib/CMakeLists.txt). The titles and
// recommendations of findings are built this way: a chain of `+` grows the
// string several times over, and analyze() builds some 280,000 of them on
// a model of 10,000 units (docs/performance.md).
#pragma once

#include <cstddef>
#include <initializer_list>
#include <string>
#include <string_view>

namespace orgflow::text_detail {

/// The pieces one after the other. Temporaries among them live until the
/// end of the full expression, so concat({"a ", f(), " b"}) is safe.
/// O(total length), one allocation.
inline std::string concat(std::initializer_list<std::string_view> pieces) {
  std::size_t size = 0;
  for (const std::string_view p : pieces) size += p.size();
  std::string out;
  out.reserve(size);
  for (const std::string_view p : pieces) out.append(p);
  return out;
}

}  // namespace orgflow::text_detail
