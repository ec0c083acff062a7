// Shared plumbing of the `orgflow` subcommands: exit statuses (cli.md, Exit
// status), loading a model with every diagnostic printed, refusing to write
// over an input, and writing results atomically. Nothing here analyses or
// formats a model: that is graphlib's work; these helpers only move bytes
// between files, the library and the terminal.
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "orgflow/import.hpp"
#include "orgflow/model.hpp"

namespace orgflow::tool {

struct table_args;

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

/// Writes `content` to `output` atomically (`-` is standard output).
void write_output(const std::string& output, std::string_view content);

/// Prints diagnostics to standard error, one per line, in the given order.
void print_diagnostics(const std::vector<diagnostic>& ds);

/// Copies the column options of the command line into the readers' settings.
void fill_tables(const table_args& t, interactions_table& interactions, people_table& people);

/// True when colour may be used on standard output: it is a terminal and
/// NO_COLOR is not set.
bool stdout_wants_color();

}  // namespace orgflow::tool
