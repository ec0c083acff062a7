// `orgflow people INTERACTIONS --people PEOPLE [...]` (people.md): the
// person-level analysis, written as text, JSON or Markdown. What the readers
// skipped goes to standard error; a rejected input prints its diagnostics
// and writes nothing.
#include <iostream>

#include "common.hpp"
#include "orgflow/message_text.hpp"
#include "orgflow/people.hpp"
#include "people_command.hpp"

namespace orgflow::tool {

int run_people(const people_args& a) {
  refuse_overwrite(a.output, {a.tables.interactions, a.tables.people});
  people_options o;
  fill_tables(a.tables, o.interactions, o.people);
  o.min_group = a.min_group;
  o.reveal = a.reveal;
  if (a.betweenness) {
    if (*a.betweenness == "exact") o.betweenness = betweenness_mode::exact;
    else if (*a.betweenness == "sample") o.betweenness = betweenness_mode::sample;
    else o.betweenness = betweenness_mode::none;
  }
  const people_result r = analyze_people(a.tables.interactions, a.tables.people, o);
  for (const auto& line : r.summary) std::cerr << tidy_message(line) << '\n';
  if (!r.value) {
    print_diagnostics(r.diagnostics);
    throw usage_error("");
  }
  std::string text;
  if (a.format == "json") {
    text = write_people_json(*r.value);
  } else if (a.format == "md") {
    text = write_people_markdown(*r.value);
  } else {
    text = write_people_text(*r.value);
  }
  write_output(a.output, text);
  return exit_ok;
}

}  // namespace orgflow::tool
