// libFuzzer harness for the quantity grammar (model-format.md, Quantities):
// parse_duration, parse_cadence and parse_rate on any text. Each either
// accepts it or says why in a printable, short sentence; an accepted value
// prints (format_*) to text that parses back to the same value.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_support.hpp"
#include "orgflow/quantity.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace fuzz_support;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  std::string why;
  if (const auto d = orgflow::parse_duration(text, &why)) {
    const auto back = orgflow::parse_duration(orgflow::format_duration(d->ms), nullptr);
    if (!back || back->ms != d->ms) fail("format_duration does not parse back", text);
  } else {
    check_message(why);
  }
  why.clear();
  if (const auto c = orgflow::parse_cadence(text, &why)) {
    const auto back = orgflow::parse_cadence(orgflow::format_cadence(c->ms), nullptr);
    if (!back || back->ms != c->ms) fail("format_cadence does not parse back", text);
  } else {
    check_message(why);
  }
  why.clear();
  if (const auto r = orgflow::parse_rate(text, &why)) {
    const auto back = orgflow::parse_rate(orgflow::format_rate(*r), nullptr);
    if (!back || !(*back == *r)) fail("format_rate does not parse back", text);
  } else {
    check_message(why);
  }
  return 0;
}
