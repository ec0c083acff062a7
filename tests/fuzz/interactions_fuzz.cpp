// libFuzzer harness for `import csv`: an INTERACTIONS table and a PEOPLE
// table (the input split at "\n--people--\n"), read from memory through
// import_interactions() (fuzz_support.hpp). The first bytes choose the
// column options (table_options.hpp).
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_support.hpp"
#include "orgflow/import.hpp"
#include "table_options.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace fuzz_support;
  if (size < fuzz_tables::option_bytes) return 0;
  orgflow::interactions_options o;
  fuzz_tables::choose(data, o.interactions, o.people);
  o.min_group = 1 + (data[2] & 3);
  const auto tables = fuzz_tables::split_tables(data, size);
  memory_file interactions(tables.interactions);
  memory_file people(tables.people);
  check_import(orgflow::import_interactions(interactions.path(), people.path(), o));
  return 0;
}
