// libFuzzer harness for load_model() (engineering.md: fuzz every parser).
// Any input must give a model or diagnostics, never a crash, an exception or
// undefined behaviour; a model that loads must save and load again to an
// equal model with byte-identical text. Built only with clang
// (tests/fuzz/CMakeLists.txt); run with a corpus folder, for example:
//   build-clang/tests/fuzz/fuzz_load_model -max_total_time=60 corpus/
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "orgflow/model.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const orgflow::load_result r = orgflow::load_model(text, "fuzz.json");
  if (r.ok() != r.diagnostics.empty()) std::abort();
  for (const auto& d : r.diagnostics)
    if (d.message.empty()) std::abort();
  if (r.ok()) {
    const std::string saved = orgflow::save_model(*r.value);
    const orgflow::load_result again = orgflow::load_model(saved, "again.json");
    if (!again.ok() || !(*again.value == *r.value)) std::abort();
    if (orgflow::save_model(*again.value) != saved) std::abort();
  }
  return 0;
}
