// The arguments and entry points of the commands that work with workbooks
// and with several models: `orgflow init`, `orgflow merge` and
// `orgflow import sheet` (docs/spreadsheets.md, docs/merge.md). main.cpp
// fills these structs; init.cpp, merge.cpp and import.cpp run them.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace orgflow::tool {

struct init_args {
  std::optional<std::string> example;  // a name of models/*.json; absent: the starter model
  bool list = false;
  std::optional<std::string> file;     // .xlsx: a workbook; anything else: JSON
};
int run_init(const init_args& a);

struct merge_args {
  std::vector<std::string> models;     // JSON models, .xlsx workbooks or folders of CSV files
  std::optional<std::string> alias;    // CSV id,alias-of or JSON
  std::optional<std::string> prefer;   // "first"
  std::string output;
};
int run_merge(const merge_args& a);

struct import_sheet_args {
  std::string input;  // .xlsx or a folder of CSV files
  std::string output;
};
int run_import_sheet(const import_sheet_args& a);

}  // namespace orgflow::tool
