// `orgflow people INTERACTIONS --people PEOPLE [...]` (people.md): the
// person-level analysis, written as text, JSON, Markdown, or as a page for
// leaders (`--format html`: a picture, the ranked lists, a table per unit).
// What the readers skipped goes to standard error; a rejected input prints
// its diagnostics and writes nothing.
#include <iostream>

#include "common.hpp"
#include "orgflow/document.hpp"
#include "orgflow/message_text.hpp"
#include "orgflow/people.hpp"
#include "people_command.hpp"

namespace orgflow::tool {

void read_people(const table_args& tables, std::int64_t min_group, bool reveal,
                 const std::optional<std::string>& betweenness, people_data& out) {
  people_options o;
  fill_tables(tables, o.interactions, o.people);
  o.min_group = min_group;
  o.reveal = reveal;
  o.keep_input = true;
  if (betweenness) {
    if (*betweenness == "exact") o.betweenness = betweenness_mode::exact;
    else if (*betweenness == "sample") o.betweenness = betweenness_mode::sample;
    else o.betweenness = betweenness_mode::none;
  }
  people_result r = analyze_people(tables.interactions, tables.people, o);
  for (const auto& line : r.summary) std::cerr << tidy_message(line) << '\n';
  if (!r.value) {
    print_diagnostics(r.diagnostics);
    throw usage_error("");
  }
  out.report = std::move(*r.value);
  out.findings.report = &out.report;
  out.findings.ranking = rank_people(*r.input, out.report);
}

int run_people(const people_args& a) {
  refuse_overwrite(a.output, {a.tables.interactions, a.tables.people});
  people_data data;
  read_people(a.tables, a.min_group, a.reveal, a.betweenness, data);
  std::string text;
  if (a.format == "json") {
    text = write_people_json(data.report);
  } else if (a.format == "md") {
    text = write_people_markdown(data.report);
  } else if (a.format == "html") {
    const auto slash = a.tables.interactions.find_last_of('/');
    const std::string name = slash == std::string::npos ? a.tables.interactions : a.tables.interactions.substr(slash + 1);
    text = write_people_html(data.findings, "People and units: " + (name == "-" ? std::string("standard input") : name));
  } else {
    text = write_people_text(data.report);
  }
  write_output(a.output, text);
  return exit_ok;
}

}  // namespace orgflow::tool
