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

namespace {

// One grammar: accepted text prints back (format) to text that parses to
// the same value; refused text is explained in a printable, short sentence.
template <class Parse, class Format, class Same>
void check_grammar(std::string_view text, Parse parse, Format format, Same same, const char* what) {
  std::string why;
  if (const auto v = parse(text, &why)) {
    const auto back = parse(format(*v), nullptr);
    if (!back || !same(*back, *v)) fuzz_support::fail(what, text);
  } else {
    fuzz_support::check_message(why);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace orgflow;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  check_grammar(text, parse_duration, [](const duration_value& d) { return format_duration(d.ms); },
                [](const duration_value& a, const duration_value& b) { return a.ms == b.ms; },
                "format_duration does not parse back");
  check_grammar(text, parse_cadence, [](const cadence_value& c) { return format_cadence(c.ms); },
                [](const cadence_value& a, const cadence_value& b) { return a.ms == b.ms; },
                "format_cadence does not parse back");
  check_grammar(text, parse_rate, [](const rate_value& r) { return format_rate(r); },
                [](const rate_value& a, const rate_value& b) { return a == b; }, "format_rate does not parse back");
  return 0;
}
