// libFuzzer harness for `import dot`: a DOT graph read from memory through
// import_dot() (fuzz_support.hpp). Every input gives a valid model or
// diagnostics with printable messages; cgraph's own messages never reach
// standard error raw.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_support.hpp"
#include "orgflow/import.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace fuzz_support;
  memory_file file(std::string_view(reinterpret_cast<const char*>(data), size));
  check_import(orgflow::import_dot(file.path()));
  return 0;
}
