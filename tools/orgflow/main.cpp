// The `orgflow` command line (../shared/spec/cli.md): the grammar of every
// subcommand, written with CLI11, and the mapping of outcomes to exit
// statuses. It parses arguments, hands them to the command's run_* function
// and maps what comes back:
//   0 done, 1 findings at or above --fail-on, 2 bad input or arguments
//   (message on standard error, nothing written), 3 an internal error.
// Every exception is caught here, so no input can end the process with an
// uncaught exception or a status other than these.
#include <cerrno>
#include <cstring>
#include <exception>
#include <new>
#include <functional>
#include <iostream>
#include <map>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "commands.hpp"
#include "common.hpp"
#include "compare_commands.hpp"
#include "huge_pages.hpp"
#include "people_command.hpp"
#include "sheet_commands.hpp"
#include "orgflow/io.hpp"
#include "orgflow/message_text.hpp"

#ifndef ORGFLOW_VERSION
#define ORGFLOW_VERSION "unknown"
#endif

namespace orgflow::tool {
namespace {

// The message for a parse error (CLI11's own words for the problem), then
// the help of the command that was being parsed.
std::string failure_message(const CLI::App* app, const CLI::Error& e) {
  std::string usage = app->get_name();
  for (const CLI::App* p = app->get_parent(); p != nullptr; p = p->get_parent()) {
    usage = p->get_name() + " " + usage;
  }
  return "orgflow: " + std::string(e.what()) + "\nRun '" + usage + " --help' for the usage.\n";
}

// CLI11 reports an unknown command word, or an unknown option before the
// command, as "A subcommand is required"; name it instead, with the commands
// that exist. Returns the message, or an empty string when argv names known
// commands.
std::string unknown_command(const CLI::App& app, int argc, char** argv) {
  const CLI::App* level = &app;
  for (int i = 1; i < argc; ++i) {
    const std::string word = argv[i];
    if (level == &app && word.size() > 1 && word[0] == '-' && word != "-h" && word != "--help" &&
        word != "--version") {
      return "unknown option '" + word + "' (options go after the command: orgflow COMMAND [OPTIONS])\n" +
             "Run 'orgflow --help' for the usage.";
    }
    if (word.empty() || word[0] == '-') return {};
    const auto subs = level->get_subcommands([](const CLI::App*) { return true; });
    if (subs.empty()) return {};
    const CLI::App* next = nullptr;
    std::string names;
    for (const CLI::App* s : subs) {
      if (s->get_name() == word) next = s;
      names += (names.empty() ? "" : ", ") + s->get_name();
    }
    if (next == nullptr) {
      return "unknown command '" + word + "' (the commands are: " + names + ")\nRun '" +
             (level == &app ? std::string("orgflow") : "orgflow " + level->get_name()) + " --help' for the usage.";
    }
    level = next;
  }
  return {};
}

// How to read INTERACTIONS and PEOPLE (people.md, Column options), shared by
// `import csv`, `people` and `report`.
void add_column_options(CLI::App* cmd, table_args& t) {
  cmd->add_option("--delimiter", t.delimiter, "INTERACTIONS field separator: one character, tab or whitespace")
      ->capture_default_str();
  cmd->add_flag("--no-header", t.no_header, "INTERACTIONS has no header line (from = column 1, to = column 2)");
  cmd->add_option("--from", t.from, "Sender column: header name or 1-based number");
  cmd->add_option("--to", t.to, "Receiver column: header name or 1-based number");
  cmd->add_option("--count", t.count, "Count column (a record with count 0 is no tie)");
  cmd->add_flag("--matrix", t.matrix, "INTERACTIONS is a square matrix over the people of PEOPLE, in file order");
  cmd->add_option("--people-delimiter", t.people_delimiter, "PEOPLE field separator")->capture_default_str();
  cmd->add_flag("--people-no-header", t.people_no_header,
                "PEOPLE has no header line (person = column 1, unit = column 2)");
  cmd->add_option("--person", t.person, "Person column of PEOPLE");
  cmd->add_option("--unit", t.unit, "Unit column of PEOPLE");
}

// The files and column options of people.md, shared by `import csv` and `people`.
// `import csv` also reads tables counted per unit instead (--unit-pairs), so
// there INTERACTIONS and --people are required by the command, not here.
void add_table_options(CLI::App* cmd, table_args& t, bool required = true) {
  cmd->add_option("INTERACTIONS", t.interactions, "Interaction records (or a matrix with --matrix)")->required(required);
  cmd->add_option("--people", t.people, "Table of people and their units")->required(required);
  add_column_options(cmd, t);
}

const std::vector<std::string> formats_text = {"text", "json", "md"};
const std::vector<std::string> formats_people = {"text", "json", "md", "html"};
const char* const view_help =
    "map (every unit while one map stays readable, else an overview), overview, full, groups, artifact:ID, "
    "process:ID, unit:ID or finding:N (the N-th finding of analyze)";
const std::vector<std::string> levels = {"critical", "warning", "info", "never"};
const std::vector<std::string> engines = {"dot", "neato", "fdp", "sfdp"};

// A message for the terminal: each line printable (no raw byte that is not
// UTF-8, no control character), the line breaks kept.
std::string printable_lines(std::string_view text) {
  std::string out;
  for (std::size_t start = 0;;) {
    const std::size_t end = text.find('\n', start);
    out += orgflow::printable(text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start));
    if (end == std::string_view::npos) return out;
    out += '\n';
    start = end + 1;
  }
}

int run(int argc, char** argv) {
  CLI::App app{
      "orgflow maps how information and work move between the units of an organization\n"
      "and finds where that movement breaks: communication gaps, stale information,\n"
      "bottlenecks and rework.",
      "orgflow"};
  app.set_version_flag("--version", "orgflow " ORGFLOW_VERSION);
  app.require_subcommand(1);
  app.footer("Exit status: 0 done; 1 a finding at or above --fail-on (analyze) or new findings\n"
             "(diff); 2 bad input or arguments (nothing written); 3 an internal error (a bug).\n"
             "MODEL '-' reads standard input; '-o -' writes standard output.");

  std::function<int()> action;

  validate_args va;
  auto* validate = app.add_subcommand("validate", "Check models against the format and list every problem");
  validate->add_option("MODEL", va.models, "Model files (JSON); '-' reads standard input")->required();
  validate->callback([&] { action = [&] { return run_validate(va); }; });

  export_args ea;
  auto* exp = app.add_subcommand("export", "Write the model normalised as JSON, as a DOT graph or as a workbook");
  exp->add_option("MODEL", ea.model, "Model file; '-' reads standard input")->required();
  exp->add_option("--to", ea.to,
                  "Output format: json (the normalised model), dot (a graph), xlsx (a workbook) or csv (a folder "
                  "of CSV files, one per sheet)")
      ->check(CLI::IsMember({"json", "dot", "xlsx", "csv"}))
      ->capture_default_str();
  exp->add_option("-o,--output", ea.output, "Output file ('-': standard output); the folder for --to csv")
      ->capture_default_str();
  exp->callback([&] { action = [&] { return run_export(ea); }; });

  render_args ra;
  auto* render = app.add_subcommand("render", "Draw a view of the model (format from the file extension)");
  render->add_option("MODEL", ra.model, "Model file; '-' reads standard input")->required();
  render->add_option("-o,--output", ra.output, "Output file: .svg, .png, .pdf, or .dot (the graph before layout)")
      ->required();
  render->add_option("--view", ra.view, view_help)->capture_default_str();
  render->add_option("--layout", ra.layout, "Graphviz layout engine (default: chosen by the view and its size)")
      ->check(CLI::IsMember(engines));
  render->callback([&] { action = [&] { return run_render(ra); }; });

  analyze_args aa;
  auto* analyze = app.add_subcommand("analyze", "Run every analysis: findings and metrics");
  analyze->add_option("MODEL", aa.model, "Model file; '-' reads standard input")->required();
  analyze->add_option("--format", aa.format,
                       "text (for a terminal), json, md (Markdown), csv (one row per finding) or xlsx (findings, "
                       "needs and unit metrics; needs -o)")
      ->check(CLI::IsMember({"text", "json", "md", "csv", "xlsx"}))
      ->capture_default_str();
  analyze->add_option("-o,--output", aa.output, "Output file ('-': standard output)")->capture_default_str();
  analyze->add_option("--fail-on", aa.fail_on, "Exit 1 when a finding has this severity or a higher one")
      ->check(CLI::IsMember(levels))
      ->capture_default_str();
  analyze->add_option("--code", aa.filter.codes, "Show only findings whose code matches PATTERN (* = any run; repeatable)")
      ->allow_extra_args(false);
  analyze->add_option("--min-severity", aa.filter.min_severity, "Show only findings of this severity or more severe")
      ->check(CLI::IsMember(std::vector<std::string>{"critical", "warning", "info"}));
  analyze->add_option("--for-unit", aa.filter.units, "Show only findings about this unit (repeatable)")
      ->allow_extra_args(false);
  analyze->callback([&] { action = [&] { return run_analyze(aa); }; });

  diagnose_args da;
  auto* diagnose = app.add_subcommand(
      "diagnose", "Will training fix it? A verdict on a symptom, its causes, and with --plan what would remove them");
  diagnose->add_option("MODEL", da.model, "Model file; '-' reads standard input")->required();
  auto* symptom_opt = diagnose->add_option("--symptom", da.symptom, "Diagnose the symptom with this id");
  auto* all_opt = diagnose->add_flag("--all", da.all, "Diagnose every symptom of the model (JSON: an array)");
  auto* unit_opt = diagnose->add_option("--unit", da.unit, "Diagnose a problem seen at this unit");
  diagnose->add_option("--performer", da.performer,
                       "With --unit: the unit whose people someone proposes to train (default: the --unit)")
      ->needs(unit_opt);
  diagnose->add_option("--process", da.process, "With --unit: only the handoffs of this process")->needs(unit_opt);
  diagnose->add_option("--artifact", da.artifacts, "With --unit: information suspected to be involved (repeatable)")
      ->needs(unit_opt)
      ->allow_extra_args(false);
  auto* plan_opt = diagnose->add_flag(
      "--plan", da.plan, "Also the changes that would remove the causes, applied and checked (not with --all)");
  diagnose->add_option("--plan-model", da.plan_model, "With --plan: write the changed model to this file")
      ->needs(plan_opt);
  symptom_opt->excludes(all_opt)->excludes(unit_opt);
  all_opt->excludes(unit_opt);
  diagnose->add_option("--format", da.format, "text, json or md")
      ->check(CLI::IsMember(formats_text))
      ->capture_default_str();
  diagnose->add_option("-o,--output", da.output, "Output file ('-': standard output)")->capture_default_str();
  diagnose->callback([&] { action = [&] { return run_diagnose(da); }; });

  whatif_args wa;
  auto* whatif = app.add_subcommand(
      "whatif", "Findings and key figures before and after changes, applied in the order given");
  whatif->add_option("MODEL", wa.model, "Model file; '-' reads standard input")->required();
  std::vector<std::string> add_flows, remove_flows, remove_units, sets, set_flows;
  auto* add_flow_opt = whatif->add_option(
      "--add-flow", add_flows, "A new flow: 'FROM->TO carries=A,B cadence=on-change latency=1d'");
  auto* remove_flow_opt = whatif->add_option("--remove-flow", remove_flows, "Remove the flow with this id");
  auto* remove_unit_opt = whatif->add_option("--remove-unit", remove_units,
                                             "Remove a unit with its flows, handoffs, needs, symptoms and artifacts");
  auto* set_opt = whatif->add_option("--set", sets, "UNIT.capacity=RATE or UNIT.staff=N");
  auto* set_flow_opt = whatif->add_option(
      "--set-flow", set_flows,
      "FLOW.cadence=CADENCE, FLOW.latency=DURATION, FLOW.format=FORMAT, FLOW.manual=true|false or "
      "FLOW.reliability=R");
  // One value per occurrence, so that the n-th occurrence is the n-th value.
  for (CLI::Option* o : {add_flow_opt, remove_flow_opt, remove_unit_opt, set_opt, set_flow_opt})
    o->allow_extra_args(false);
  whatif->add_option("--format", wa.format, "text, json or md")->check(CLI::IsMember(formats_text))->capture_default_str();
  whatif->add_option("-o,--output", wa.output, "Write the changed model to this file");
  whatif->callback([&] {
    // The changes apply in command-line order, across the five options:
    // parse_order() lists every occurrence of every option in that order.
    std::map<const CLI::Option*, std::size_t> seen;
    for (const CLI::Option* opt : whatif->parse_order()) {
      const std::vector<std::string>* values = nullptr;
      if (opt == add_flow_opt) values = &add_flows;
      if (opt == remove_flow_opt) values = &remove_flows;
      if (opt == remove_unit_opt) values = &remove_units;
      if (opt == set_opt) values = &sets;
      if (opt == set_flow_opt) values = &set_flows;
      if (values == nullptr) continue;
      const std::size_t k = seen[opt]++;
      if (k < values->size()) wa.changes.emplace_back(opt->get_name().substr(2), (*values)[k]);
    }
    action = [&] { return run_whatif(wa); };
  });

  diff_args dfa;
  auto* diff = app.add_subcommand("diff", "Which findings a new version of a model resolves, keeps and adds");
  diff->add_option("OLD", dfa.old_model, "The old version of the model")->required();
  diff->add_option("NEW", dfa.new_model, "The new version of the model")->required();
  diff->add_option("--format", dfa.format, "text, json or md")->check(CLI::IsMember(formats_text))->capture_default_str();
  diff->add_option("-o,--output", dfa.output, "Output file ('-': standard output)")->capture_default_str();
  diff->callback([&] { action = [&] { return run_diff(dfa); }; });

  report_args rpa;
  auto* report = app.add_subcommand("report", "The leadership report: one self-contained .html file, or .md");
  report->add_option("MODEL", rpa.model, "Model file; '-' reads standard input")->required();
  report->add_option("-o,--output", rpa.output, "Output file: .html or .md")->required();
  report->add_option("--view", rpa.view, std::string("The map's view: ") + view_help)->capture_default_str();
  report->add_option("--layout", rpa.layout, "Graphviz layout engine of the map (default: chosen by its size)")
      ->check(CLI::IsMember(engines));
  report->add_option("--top", rpa.top, "Findings detailed with a diagram each, 0 to 1000 (the others one line each)")
      ->check(CLI::Range(0, 1000))
      ->capture_default_str();
  auto* interactions_opt = report->add_option(
      "--interactions", rpa.tables.interactions, "Person-level interaction records, as for people (with --people)");
  report->add_option("--people", rpa.tables.people, "Table of people and their units (with --interactions)")
      ->needs(interactions_opt);
  add_column_options(report, rpa.tables);
  report->add_option("--min-group", rpa.min_group, "Units with fewer people are shown as 'other (small units)'")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  report->add_flag("--reveal", rpa.reveal, "Name persons in the people section");
  report->add_option("--betweenness", rpa.betweenness, "exact, sample or none (default: exact up to 20,000 people)")
      ->check(CLI::IsMember({"exact", "sample", "none"}));
  report->callback([&] { action = [&] { return run_report(rpa); }; });

  people_args pa;
  auto* people = app.add_subcommand(
      "people", "Person-level analysis of communication data, reported per unit (no person named without --reveal)");
  add_table_options(people, pa.tables);
  people->add_option("--min-group", pa.min_group, "Units with fewer people are shown as 'other (small units)'")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  people->add_flag("--reveal", pa.reveal, "Name persons (brokers, key people, liaisons)");
  people->add_option("--betweenness", pa.betweenness, "exact, sample or none (default: exact up to 20,000 people)")
      ->check(CLI::IsMember({"exact", "sample", "none"}));
  people->add_option("--format", pa.format, "text, json, md or html (a page for leaders, with a picture)")
      ->check(CLI::IsMember(formats_people))
      ->capture_default_str();
  people->add_option("-o,--output", pa.output, "Output file ('-': standard output)")->capture_default_str();
  people->callback([&] { action = [&] { return run_people(pa); }; });

  auto* import =
      app.add_subcommand("import", "Build a model from BPMN, an event log, communication data, DOT or a workbook");
  import->require_subcommand(1);

  import_bpmn_args ib;
  auto* bpmn = import->add_subcommand("bpmn", "BPMN 2.0 XML: lanes and pools become units, flows become handoffs");
  bpmn->add_option("FILE", ib.inputs, "BPMN files (one model from all of them)")->required();
  bpmn->add_option("-o,--output", ib.output, "Model file to write ('-': standard output)")->required();
  bpmn->callback([&] { action = [&] { return run_import_bpmn(ib); }; });

  import_eventlog_args ie;
  auto* eventlog = import->add_subcommand(
      "eventlog", "An event log (XES or CSV, optionally .gz): consecutive events in different units become handoffs");
  eventlog->add_option("FILE", ie.input, "Event log: .xes, .xes.gz, .csv or .csv.gz")->required();
  eventlog->add_option("--case", ie.case_key, "Case id column or attribute");
  eventlog->add_option("--activity", ie.activity_key, "Activity column or attribute (default concept:name)");
  eventlog->add_option("--timestamp", ie.timestamp_key, "Timestamp column or attribute (default time:timestamp)");
  eventlog->add_option("--unit", ie.unit_key, "Unit column or attribute (default org:group, else org:resource)");
  eventlog->add_option("--process", ie.process, "Process name of every handoff");
  eventlog->add_option("--min-occurrences", ie.min_occurrences,
                       "Unit pairs seen fewer times are left out; units left with no handoff are dropped")
      ->check(CLI::Validator(
          [](std::string& value) -> std::string {
            return value.find_first_not_of("0123456789") == std::string::npos && !value.empty() &&
                           value.find_first_not_of('0') != std::string::npos
                       ? std::string()
                       : std::string("must be a whole number of at least 1 (1 keeps every pair)");
          },
          "K>=1"))
      ->capture_default_str();
  auto* pseudonymise = eventlog->add_flag(
      "--pseudonymise", ie.pseudonymise,
      "Replace unit names by resource-1, resource-2, ... (always done for org:resource)");
  eventlog->add_flag("--reveal", ie.reveal, "Keep people's names (org:resource values) in the model")
      ->excludes(pseudonymise);
  eventlog->add_option("-o,--output", ie.output, "Model file to write ('-': standard output)")->required();
  eventlog->callback([&] { action = [&] { return run_import_eventlog(ie); }; });

  import_csv_args ic;
  auto* csv = import->add_subcommand(
      "csv", "Person-to-person interactions plus each person's unit, aggregated to units (no person named)");
  add_table_options(csv, ic.tables, false);
  csv->add_option("--unit-pairs", ic.unit_pairs,
                  "Instead of INTERACTIONS and --people: ties counted per pair of units (CSV from,to,ties[,records])");
  csv->add_option("--unit-members", ic.unit_members, "With --unit-pairs: people per unit (CSV unit,people)");
  csv->add_option("--min-group", ic.min_group, "Units with fewer people are merged into 'other (small units)'")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  csv->add_option("--period", ic.period, "Time span the data covers (e.g. 4w, P1Y), to give flows a volume");
  csv->add_option("-o,--output", ic.output, "Model file to write ('-': standard output)")->required();
  csv->callback([&] { action = [&] { return run_import_csv(ic); }; });

  import_dot_args id;
  auto* dot = import->add_subcommand("dot", "A Graphviz DOT graph: nodes become units, clusters groups, edges flows");
  dot->add_option("FILE", id.input, "DOT file")->required();
  dot->add_option("-o,--output", id.output, "Model file to write ('-': standard output)")->required();
  dot->callback([&] { action = [&] { return run_import_dot(id); }; });

  import_sheet_args isa;
  auto* sheet_cmd = import->add_subcommand(
      "sheet", "A workbook: an .xlsx file or a folder of CSV files, one sheet per part of the model");
  sheet_cmd->add_option("FILE", isa.input, "Workbook (.xlsx) or folder of CSV files")->required();
  sheet_cmd->add_option("-o,--output", isa.output, "Model file to write ('-': standard output)")->required();
  sheet_cmd->callback([&] { action = [&] { return run_import_sheet(isa); }; });

  init_args ia;
  auto* init = app.add_subcommand("init", "Write a model to start from: JSON, or a workbook when FILE ends in .xlsx");
  init->add_option("FILE", ia.file, "File to create (never overwritten)");
  init->add_option("--example", ia.example, "Start from a shipped example instead (see --list)");
  init->add_flag("--list", ia.list, "List the shipped examples");
  init->callback([&] { action = [&] { return run_init(ia); }; });

  merge_args ma;
  auto* merge = app.add_subcommand("merge", "Combine models of one organization into one");
  merge->add_option("MODEL", ma.models, "Models: JSON files, .xlsx workbooks or folders of CSV files")->required();
  merge->add_option("--alias", ma.alias, "Table of unit ids that stand for others: CSV id,alias-of or JSON");
  merge->add_option("--prefer", ma.prefer, "first: when members conflict, keep the first model's value")
      ->check(CLI::IsMember({"first"}));
  merge->add_option("-o,--output", ma.output, "Model file to write ('-': standard output)")->required();
  merge->callback([&] { action = [&] { return run_merge(ma); }; });

  if (const std::string unknown = unknown_command(app, argc, argv); !unknown.empty()) {
    std::cerr << "orgflow: " << unknown << '\n';
    return exit_bad_input;
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    // --help and --version are "errors" with status 0; real parse errors
    // get status 2 as cli.md asks (CLI11's own codes differ).
    if (e.get_exit_code() == static_cast<int>(CLI::ExitCodes::Success)) return app.exit(e);
    // Point at the help of the command that was being parsed.
    const CLI::App* current = &app;
    while (!current->get_subcommands().empty()) current = current->get_subcommands().back();
    std::cerr << failure_message(current, e);
    return exit_bad_input;
  }
  if (!action) return exit_bad_input;  // unreachable: a subcommand is required
  const int status = action();
  // What went through std::cout (validate's lines, help) may fail only now,
  // on a full disk or a closed pipe: that is the environment's problem.
  errno = 0;
  std::cout.flush();
  if (!std::cout) {
    const int e = errno;
    throw environment_error(std::string("cannot write standard output") +
                                (e == ENOSPC ? ": the disk is full" : e != 0 ? ": " + std::string(std::strerror(e)) : ""),
                            2);
  }
  return status;
}

}  // namespace
}  // namespace orgflow::tool

// LeakSanitizer (sanitizer builds only; an unused hook otherwise): Graphviz,
// fontconfig and pango keep caches for the life of the process, which it
// would report as leaks. Leaks in orgflow's own code are still reported.
extern "C" const char* __lsan_default_suppressions() {
  return "leak:libfontconfig.so\n"
         "leak:libgvc.so\n"
         "leak:libgvplugin_\n"
         "leak:libcgraph.so\n"
         "leak:libpango\n";
}

int main(int argc, char** argv) {
  using namespace orgflow::tool;
  restart_with_huge_pages(argv);  // returns unless it restarts the process
  try {
    return run(argc, argv);
  } catch (const usage_error& e) {
    if (*e.what() != '\0') std::cerr << "orgflow: " << printable_lines(e.what()) << '\n';
    return exit_bad_input;
  } catch (const orgflow::environment_error& e) {
    std::cerr << "orgflow: " << printable_lines(e.what()) << '\n';
    return e.exit_status() == exit_bad_input ? exit_bad_input : exit_internal;
  } catch (const std::bad_alloc&) {
    // Not a bug: the input needs more memory than this machine has
    // (docs/reliability.md gives the sizes orgflow handles).
    std::cerr << "orgflow: out of memory: the input is too large for the memory available\n";
    return exit_bad_input;
  } catch (const std::exception& e) {
    std::cerr << "orgflow: internal error (this is a bug in orgflow; please report it with the input that "
                 "caused it): "
              << e.what() << '\n';
    return exit_internal;
  } catch (...) {
    std::cerr << "orgflow: internal error (this is a bug in orgflow; please report it with the input that "
                 "caused it): unknown exception\n";
    return exit_internal;
  }
}
