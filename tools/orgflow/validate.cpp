// `orgflow validate MODEL...` (cli.md): checks each model against the format
// and prints every problem of every file, so one run shows all there is to
// fix. Exits 2 when any file is invalid or unreadable; writes no file.
#include <iostream>

#include "commands.hpp"
#include "common.hpp"
#include "orgflow/io.hpp"
#include "orgflow/message_text.hpp"
#include "orgflow/model.hpp"

namespace orgflow::tool {

namespace {
std::string counted(std::size_t n, const char* singular, const char* plural) {
  return std::to_string(n) + " " + (n == 1 ? singular : plural);
}
}  // namespace

int run_validate(const validate_args& a) {
  bool all_valid = true;
  // The lines for standard output, written at the end through write_output
  // so that a full disk behind it is reported with its reason.
  std::string out;
  for (const auto& path : a.models) {
    std::string text;
    try {
      text = read_file(path);
    } catch (const environment_error& e) {
      // An unreadable file is one more invalid input; keep checking the rest.
      std::cerr << "orgflow: " << printable(e.what()) << '\n';
      all_valid = false;
      continue;
    }
    const load_result r = load_model(text, shown_name(path));
    if (!r.ok()) {
      print_diagnostics(r.diagnostics);
      std::cerr << printable(shown_name(path)) << ": invalid ("
                << counted(r.diagnostics.size(), "problem", "problems") << ")\n";
      all_valid = false;
      continue;
    }
    const model& m = *r.value;
    out += printable(shown_name(path)) + ": valid (" + counted(m.units.size(), "unit", "units") + ", " +
           counted(m.artifacts.size(), "artifact", "artifacts") + ", " + counted(m.flows.size(), "flow", "flows") +
           ", " + counted(m.handoffs.size(), "handoff", "handoffs") + ", " + counted(m.needs.size(), "need", "needs") +
           ", " + counted(m.symptoms.size(), "symptom", "symptoms") + ")\n";
  }
  if (!out.empty()) write_output("-", out);
  return all_valid ? exit_ok : exit_bad_input;
}

}  // namespace orgflow::tool
