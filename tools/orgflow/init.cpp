// `orgflow init [--example NAME] FILE` and `orgflow init --list`
// (docs/spreadsheets.md): a model to start from, as JSON or, when FILE ends
// in .xlsx, as a workbook with its README sheet. Without --example it is
// graphlib's starter model (three units and one example in every other
// array); with it, one of the models shipped in models/. init never writes
// over an existing file.
#include <filesystem>
#include <iostream>
#include <system_error>

#include "common.hpp"
#include "orgflow/message_text.hpp"
#include "orgflow/model_schema.hpp"
#include "orgflow/sheet.hpp"
#include "orgflow/text.hpp"
#include "sheet_commands.hpp"
#include "shipped_examples.hpp"

namespace orgflow::tool {

namespace {

bool ends_with_xlsx(const std::string& path) {
  if (path.size() < 5) return false;
  std::string tail = path.substr(path.size() - 5);
  for (char& c : tail)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return tail == ".xlsx";
}

std::string example_names() {
  std::string names;
  for (const shipped_example& e : shipped_examples()) names += (names.empty() ? "" : ", ") + std::string(e.name);
  return names;
}

model load_example(const shipped_example& e) {
  load_result r = load_model(e.text(), std::string(e.name) + ".json");
  if (!r.ok()) {  // the build embeds the models the tests validate: a bug
    print_diagnostics(r.diagnostics);
    throw std::logic_error("the shipped example " + std::string(e.name) + " is invalid");
  }
  return std::move(*r.value);
}

}  // namespace

int run_init(const init_args& a) {
  if (a.list) {
    if (a.file || a.example) throw usage_error("--list takes no FILE and no --example");
    for (const shipped_example& e : shipped_examples()) {
      const model m = load_example(e);
      std::string name = e.name;
      name.resize(std::max<std::size_t>(name.size(), 20), ' ');
      std::cout << name << "  " << m.display_name() << " ("
                << count_of(static_cast<std::int64_t>(m.units.size()), "unit", "units") << ", "
                << count_of(static_cast<std::int64_t>(m.flows.size()), "flow", "flows") << ", "
                << count_of(static_cast<std::int64_t>(m.handoffs.size()), "handoff", "handoffs") << ")\n";
    }
    return exit_ok;
  }
  if (!a.file) throw usage_error("init needs a FILE to write (model.json, or model.xlsx for a workbook)");
  const std::string& file = *a.file;
  if (file == "-") throw usage_error("init writes a file: name one (model.json, or model.xlsx for a workbook)");
  model m;
  if (a.example) {
    const shipped_example* found = nullptr;
    for (const shipped_example& e : shipped_examples())
      if (*a.example == e.name) found = &e;
    if (!found) throw usage_error("--example: there is no example '" + *a.example + "' (the examples: " + example_names() + ")");
    m = load_example(*found);
  } else {
    m = starter_model();
  }
  std::error_code ec;
  if (std::filesystem::exists(file, ec))
    throw usage_error(file + " exists already (init never writes over a file: choose another name, or delete it)");
  const bool xlsx = ends_with_xlsx(file);
  if (xlsx) {
    const workbook wb = model_to_workbook(m);
    const std::vector<diagnostic> limits = check_xlsx_limits(wb, file);
    if (!limits.empty()) {
      print_diagnostics(limits);
      throw usage_error("");
    }
    write_output(file, write_xlsx(wb));
  } else {
    write_output(file, save_model(m));
  }
  const std::string shown = printable(file);  // a name is echoed as printable text
  std::cerr << "wrote " << shown << ": " << printable(m.display_name()) << " ("
            << count_of(static_cast<std::int64_t>(m.units.size()), "unit", "units") << ")\n";
  if (xlsx)
    std::cerr << "next: fill in the sheets (the README sheet explains each column), then: orgflow import sheet " << shown
              << " -o model.json\n";
  else
    std::cerr << "next: orgflow analyze " << shown << '\n';
  return exit_ok;
}

}  // namespace orgflow::tool
