// libFuzzer harness for `orgflow people`: the same two tables as `import
// csv` (split at "\n--people--\n"), read from memory through
// analyze_people() (fuzz_support.hpp), then every writer. The first bytes
// choose the column options, --reveal and the betweenness mode
// (table_options.hpp).
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_support.hpp"
#include "orgflow/people.hpp"
#include "table_options.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace fuzz_support;
  if (size < fuzz_tables::option_bytes) return 0;
  orgflow::people_options o;
  fuzz_tables::choose(data, o.interactions, o.people);
  o.min_group = 1 + (data[2] & 3);
  o.reveal = (data[2] & 4) != 0;
  o.betweenness = (data[2] & 8) ? orgflow::betweenness_mode::sample : orgflow::betweenness_mode::exact;
  o.sample_sources = 8;
  o.threads = 1;
  const auto tables = fuzz_tables::split_tables(data, size);
  memory_file interactions(tables.interactions);
  memory_file people(tables.people);
  const orgflow::people_result r = orgflow::analyze_people(interactions.path(), people.path(), o);
  if (r.value.has_value() == !r.diagnostics.empty()) fail("a value and diagnostics, or neither");
  check_diagnostics(r.diagnostics);
  for (const auto& s : r.summary) check_message(orgflow::tidy_message(s));
  if (r.value) {
    if (orgflow::write_people_json(*r.value).empty()) fail("empty JSON report");
    if (orgflow::write_people_text(*r.value).empty()) fail("empty text report");
    if (orgflow::write_people_markdown(*r.value).empty()) fail("empty Markdown report");
  }
  return 0;
}
