// `orgflow export MODEL --to json|dot|xlsx|csv [-o FILE]` (cli.md,
// docs/spreadsheets.md): the model normalised as JSON (save_model:
// quantities and member order as written, `x-` members kept, generated ids
// left out), as a DOT graph that `orgflow import dot` reads back, or as a
// workbook (.xlsx, or a folder of CSV files) that `orgflow import sheet`
// reads back.
#include "commands.hpp"
#include "common.hpp"
#include "orgflow/render.hpp"
#include "orgflow/sheet.hpp"

namespace orgflow::tool {

int run_export(const export_args& a) {
  refuse_overwrite(a.output, {a.model});
  if ((a.to == "xlsx" || a.to == "csv") && a.output == "-")
    throw usage_error(a.to == "xlsx" ? "--to xlsx needs -o FILE.xlsx (a workbook is not text for a terminal)"
                                     : "--to csv needs -o DIR: the folder to write one CSV file per sheet into");
  const model m = load_model_file(a.model);
  if (a.to == "xlsx" || a.to == "csv") {
    const workbook wb = model_to_workbook(m);
    if (a.to == "csv") {
      write_csv_folder(a.output, wb);
      return exit_ok;
    }
    const std::vector<diagnostic> limits = check_xlsx_limits(wb, a.output);
    if (!limits.empty()) {
      print_diagnostics(limits);
      throw usage_error("");
    }
    write_output(a.output, write_xlsx(wb));
    return exit_ok;
  }
  const std::string text = a.to == "dot" ? export_dot(m) : save_model(m);
  write_output(a.output, text);
  return exit_ok;
}

}  // namespace orgflow::tool
