// Shared plumbing of the `orgflow` subcommands: exit statuses (cli.md, Exit
// status), loading a model with every diagnostic printed, refusing to write
// over an input, and writing results atomically. Nothing here analyses or
// formats a model: that is graphlib's work; these helpers only move bytes
// between files, the library and the terminal.
#pragma once

#include <memory>
#include <stdexcept>
#include <type_traits>
#include <utility>
#include <string>
#include <string_view>
#include <vector>

#include "orgflow/analysis.hpp"
#include "orgflow/import.hpp"
#include "orgflow/model.hpp"

namespace orgflow::tool {

/// Keeps `value` until the process ends and never destroys it. A command
/// ends as soon as its output is written, and freeing a large model and its
/// analysis one small string at a time is pure cost: 12 % of the CPU samples
/// of the report of a 10,000-unit model, in a profile. The objects stay
/// reachable from a static list, so leak checkers do not count them. Use
/// only for what a command holds until it returns.
template <class T>
std::decay_t<T>& keep_until_exit(T&& value) {
  static auto* const kept = new std::vector<std::shared_ptr<void>>();
  auto p = std::make_shared<std::decay_t<T>>(std::forward<T>(value));
  kept->push_back(p);
  return *p;
}

struct table_args;

/// The options of analyze() for a command that does not print the member
/// lists of groups nor the betweenness of units (all but `analyze --format
/// json`): the members are n x depth ids for groups nested deep, and
/// betweenness costs units x flows (most of a large model's analysis), so
/// leaving them out keeps the cost bounded.
inline analysis_options lean_analysis() {
  analysis_options o;
  o.group_members = false;
  o.betweenness = false;
  return o;
}

/// Exit statuses of cli.md.
inline constexpr int exit_ok = 0;
inline constexpr int exit_findings = 1;   // analyze: a finding at or above --fail-on
inline constexpr int exit_bad_input = 2;  // bad input or arguments, nothing written
inline constexpr int exit_internal = 3;   // a bug

/// Bad input or bad arguments: main prints `orgflow: <what>` (unless the
/// message is empty because the details were printed already) and exits 2.
class usage_error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// The name a path is shown as in messages: `<stdin>` for `-`.
std::string shown_name(const std::string& path);

/// Reads and validates a model. Prints every diagnostic to standard error
/// (`file:/pointer: message`) and throws usage_error("") when the model is
/// invalid; a file that cannot be read throws environment_error.
model load_model_file(const std::string& path);

/// Throws usage_error when `output` names the same file as one of `inputs`
/// (writing would destroy the input). `-` is never the same file.
void refuse_overwrite(const std::string& output, const std::vector<std::string>& inputs);

/// Writes `content` to `output` atomically (`-` is standard output; a
/// device or FIFO is written in place; see orgflow/io.hpp).
void write_output(const std::string& output, std::string_view content);

/// At most this many diagnostics of one kind are printed (a kind is the
/// message with its quoted values and numbers left out); one line then says
/// how many more there are. 9,999 duplicate ids print 10 lines and a count.
inline constexpr std::size_t max_diagnostics_per_kind = 10;

/// Prints diagnostics to standard error, one per line, in the given order,
/// as printable UTF-8, at most max_diagnostics_per_kind of each kind.
void print_diagnostics(const std::vector<diagnostic>& ds);

/// The kind of a message, for print_diagnostics: the text with every quoted
/// value replaced by "" and every run of digits by #.
std::string message_kind(std::string_view message);

/// Copies the column options of the command line into the readers' settings.
void fill_tables(const table_args& t, interactions_table& interactions, people_table& people);

/// True when colour may be used on standard output: it is a terminal and
/// NO_COLOR is not set.
bool stdout_wants_color();

}  // namespace orgflow::tool
