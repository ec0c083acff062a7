// libFuzzer harness for `import eventlog` on CSV logs (plain or gzip), read
// from memory through import_eventlog() (fuzz_support.hpp). The first byte
// chooses the column options; the rest is the table. Inputs the importer
// would read as XES are left to the XES harness.
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
  const std::string_view table(reinterpret_cast<const char*>(data) + 1, size - 1);
  if (table.substr(0, 2) != "\x1f\x8b" && first_significant(table) == '<') return 0;
  orgflow::eventlog_options o;
  if (options & 1) o.case_key = "case";
  if (options & 2) o.case_key = "1";
  if (options & 4) o.unit_key = options & 8 ? "3" : "resource";
  if (options & 16) o.timestamp_key = "time";
  if (options & 32) o.activity_key = "2";
  if (options & 64) o.process = "fuzzed process";
  memory_file file(table);
  check_import(orgflow::import_eventlog(file.path(), o));
  return 0;
}
