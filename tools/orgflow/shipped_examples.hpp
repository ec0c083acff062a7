// The example models of models/*.json, built into the executable by
// tools/embed_examples.cmake, for `orgflow init --example NAME` and
// `orgflow init --list`.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

namespace orgflow::tool {

struct shipped_example {
  const char* name;           // the file name without .json
  const unsigned char* data;  // the file's bytes
  std::size_t size;
  std::string_view text() const { return {reinterpret_cast<const char*>(data), size}; }
};

/// In name order.
const std::vector<shipped_example>& shipped_examples();

}  // namespace orgflow::tool
