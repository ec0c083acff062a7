// `orgflow merge MODEL... [--alias FILE] [--prefer first] -o MODEL`
// (docs/merge.md): combines models of one organization with graphlib's
// merge_models. Inputs may be JSON models, .xlsx workbooks or folders of CSV
// files (as `import sheet` reads them). What was merged goes to standard
// error; conflicts are printed with both sources and, without
// --prefer first, end the command with status 2 and nothing written.
#include <filesystem>
#include <iostream>
#include <system_error>

#include "common.hpp"
#include "orgflow/io.hpp"
#include "orgflow/merge.hpp"
#include "orgflow/message_text.hpp"
#include "orgflow/sheet.hpp"
#include "sheet_commands.hpp"

namespace orgflow::tool {

namespace {

// A JSON model, or a workbook (an .xlsx file, recognised by its content, or
// a folder of CSV files).
model load_any_model(const std::string& path) {
  std::error_code ec;
  bool workbook = path != "-" && std::filesystem::is_directory(path, ec);
  if (!workbook && path != "-") workbook = read_file(path).compare(0, 4, "PK\x03\x04") == 0;
  if (!workbook) return load_model_file(path);
  import_result r = import_sheet(path);
  for (const auto& line : r.summary) std::cerr << tidy_message(line) << '\n';
  if (!r.value) {
    print_diagnostics(r.diagnostics);
    throw usage_error("");
  }
  return std::move(*r.value);
}

}  // namespace

int run_merge(const merge_args& a) {
  std::vector<std::string> inputs = a.models;
  if (a.alias) inputs.push_back(*a.alias);
  refuse_overwrite(a.output, inputs);
  std::vector<merge_input> models;
  bool invalid = false;
  for (const std::string& path : a.models) {
    try {
      models.push_back({shown_name(path), load_any_model(path)});
    } catch (const usage_error&) {
      invalid = true;  // printed; keep checking the other inputs
    }
  }
  unit_aliases aliases;
  if (a.alias) {
    alias_result r = read_aliases(*a.alias);
    if (!r.value) {
      print_diagnostics(r.diagnostics);
      invalid = true;
    } else {
      aliases = std::move(*r.value);
    }
  }
  if (invalid) throw usage_error("");
  merge_options o;
  o.prefer_first = a.prefer && *a.prefer == "first";
  const merge_result r = merge_models(models, aliases, o);
  for (const auto& line : r.summary) std::cerr << tidy_message(line) << '\n';
  std::vector<diagnostic> conflicts = r.conflicts;
  if (o.prefer_first)  // the first value was kept: the merge goes on
    for (diagnostic& d : conflicts) d.message = "warning: " + d.message;
  print_diagnostics(conflicts);
  if (!r.conflicts.empty() && !o.prefer_first) {
    std::cerr << "orgflow: " << r.conflicts.size() << (r.conflicts.size() == 1 ? " conflict" : " conflicts")
              << "; nothing written\n";
    return exit_bad_input;
  }
  if (!r.value) {
    std::cerr << "orgflow: the merged model is not valid:\n";
    print_diagnostics(r.diagnostics);
    return exit_bad_input;
  }
  write_output(a.output, save_model(*r.value));
  return exit_ok;
}

}  // namespace orgflow::tool
