// Shared plumbing of the `orgflow` subcommands (see common.hpp).
#include "common.hpp"

#include <cstdlib>
#include <iostream>
#include <map>
#include <unistd.h>

#include "commands.hpp"
#include "orgflow/io.hpp"
#include "orgflow/message_text.hpp"

namespace orgflow::tool {

std::string shown_name(const std::string& path) { return path == "-" ? "<stdin>" : path; }

std::string message_kind(std::string_view message) {
  std::string out;
  out.reserve(message.size());
  for (std::size_t i = 0; i < message.size(); ++i) {
    const char c = message[i];
    if (c == '"') {
      // A quoted value (JSON escapes inside): skip to its closing quote.
      std::size_t k = i + 1;
      while (k < message.size() && message[k] != '"') k += message[k] == '\\' ? 2 : 1;
      out += "\"\"";
      i = k;
      continue;
    }
    if (c >= '0' && c <= '9') {
      while (i + 1 < message.size() && message[i + 1] >= '0' && message[i + 1] <= '9') ++i;
      out += '#';
      continue;
    }
    out += c;
  }
  return out;
}

void print_diagnostics(const std::vector<diagnostic>& ds) {
  struct kind_count {
    std::size_t shown = 0;
    std::size_t hidden = 0;
    const diagnostic* first_hidden = nullptr;
  };
  std::map<std::string, kind_count> kinds;
  std::vector<const kind_count*> order;  // kinds with hidden diagnostics, in order of the first hidden
  for (const auto& d : ds) {
    kind_count& k = kinds[d.file + '\n' + message_kind(d.message)];
    if (k.shown < max_diagnostics_per_kind) {
      ++k.shown;
      std::cerr << tidy_message(d.to_string()) << '\n';
      continue;
    }
    if (k.hidden++ == 0) {
      k.first_hidden = &d;
      order.push_back(&k);
    }
  }
  for (const kind_count* k : order) {
    const diagnostic& d = *k->first_hidden;
    diagnostic more = d;
    more.message = "and " + std::to_string(k->hidden) + " more " + (k->hidden == 1 ? "problem" : "problems") +
                   " of the same kind from here on, not shown (fix the ones above first)";
    std::cerr << tidy_message(more.to_string()) << '\n';
  }
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
