// Shared plumbing of the `orgflow` subcommands (see common.hpp).
#include "common.hpp"

#include <cstdlib>
#include <iostream>
#include <unistd.h>

#include "commands.hpp"
#include "orgflow/io.hpp"

namespace orgflow::tool {

std::string shown_name(const std::string& path) { return path == "-" ? "<stdin>" : path; }

void print_diagnostics(const std::vector<diagnostic>& ds) {
  for (const auto& d : ds) std::cerr << d.to_string() << '\n';
  std::cerr.flush();
}

model load_model_file(const std::string& path) {
  const std::string text = read_file(path);
  load_result r = load_model(text, shown_name(path));
  if (!r.ok()) {
    print_diagnostics(r.diagnostics);
    throw usage_error("");
  }
  return std::move(*r.value);
}

void refuse_overwrite(const std::string& output, const std::vector<std::string>& inputs) {
  for (const auto& in : inputs) {
    if (same_file(output, in)) {
      throw usage_error("refusing to write " + output + ": it is the input file " + in +
                        " (choose another output file)");
    }
  }
}

void write_output(const std::string& output, std::string_view content) { write_file_atomic(output, content); }

void fill_tables(const table_args& t, interactions_table& interactions, people_table& people) {
  interactions.delimiter = t.delimiter;
  interactions.header = !t.no_header;
  interactions.from = t.from;
  interactions.to = t.to;
  interactions.count = t.count;
  interactions.matrix = t.matrix;
  people.delimiter = t.people_delimiter;
  people.header = !t.people_no_header;
  people.person = t.person;
  people.unit = t.unit;
}

bool stdout_wants_color() {
  // https://no-color.org: NO_COLOR set (to anything) turns colour off.
  if (std::getenv("NO_COLOR") != nullptr) return false;
  return ::isatty(STDOUT_FILENO) == 1;
}

}  // namespace orgflow::tool
