// libFuzzer harness for `import bpmn`: one or two BPMN files (the input
// split at "\n--file--\n"), plain or gzip-compressed, through
// import_bpmn() from memory (fuzz_support.hpp). Every input gives a valid
// model or diagnostics with printable messages.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz_support.hpp"
#include "orgflow/import.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace fuzz_support;
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  std::vector<std::unique_ptr<memory_file>> files;
  std::vector<std::string> paths;
  for (const auto part : split(input, "\n--file--\n", 2)) {
    files.push_back(std::make_unique<memory_file>(part));
    paths.push_back(files.back()->path());
  }
  // The BPMN mapping quotes names as they are; the tool tidies its
  // messages when it prints them (tools/orgflow/common.cpp).
  check_import(orgflow::import_bpmn(paths), /*messages_as_printed=*/true);
  return 0;
}
