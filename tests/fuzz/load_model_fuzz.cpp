// libFuzzer harness for load_model() (engineering.md: fuzz every parser).
// Any input must give a model or diagnostics, never a crash, an exception or
// undefined behaviour; every message is printable UTF-8 of bounded length;
// a model that loads saves and loads again to an equal model with
// byte-identical text. Built with clang (tests/fuzz/CMakeLists.txt);
// tools/fuzz.sh runs it.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_support.hpp"
#include "orgflow/model.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace fuzz_support;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const orgflow::load_result r = orgflow::load_model(text, "fuzz.json");
  if (r.ok() != r.diagnostics.empty()) fail("a value and diagnostics, or neither");
  check_diagnostics(r.diagnostics);
  if (r.ok()) {
    check_model_round_trip(*r.value);
    const orgflow::load_result again = orgflow::load_model(orgflow::save_model(*r.value), "again.json");
    if (!(*again.value == *r.value)) fail("the saved model differs from the loaded one");
  }
  return 0;
}
