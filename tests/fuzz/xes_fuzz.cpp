// libFuzzer harness for `import eventlog` on XES logs (plain or gzip), read
// from memory through import_eventlog() (fuzz_support.hpp). The first byte
// chooses the options (unit, timestamp and activity keys, process); the
// rest is the log. Inputs the importer would read as CSV are left to the
// CSV harness.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_support.hpp"
#include "orgflow/import.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace fuzz_support;
  if (size < 1) return 0;
  const unsigned options = data[0];
  const std::string_view log(reinterpret_cast<const char*>(data) + 1, size - 1);
  const bool gzip = log.substr(0, 2) == "\x1f\x8b";
  if (!gzip && first_significant(log) != '<') return 0;
  orgflow::eventlog_options o;
  if (options & 1) o.unit_key = "org:resource";
  if (options & 2) o.unit_key = "case:department";
  if (options & 4) o.timestamp_key = "start";
  if (options & 8) o.activity_key = "lifecycle:transition";
  if (options & 16) o.process = "fuzzed process";
  memory_file file(log);
  check_import(orgflow::import_eventlog(file.path(), o));
  return 0;
}
