// Helpers of the workbook tests: a temporary folder, the JSON value of a
// model (what the round trips compare), and the two round trips (through
// .xlsx bytes and through a folder of CSV files).
#pragma once

#include <catch2/catch.hpp>

#include <filesystem>
#include <string>
#include <unistd.h>

#include <nlohmann/json.hpp>

#include "orgflow/model.hpp"
#include "orgflow/sheet.hpp"

namespace orgflow_test {

struct temp_dir {
  std::string path;
  temp_dir() {
    char tmpl[] = "/tmp/orgflow-sheet-test-XXXXXX";
    const char* d = ::mkdtemp(tmpl);
    REQUIRE(d != nullptr);
    path = d;
  }
  ~temp_dir() {
    std::error_code ec;
    std::filesystem::remove_all(path, ec);
  }
  temp_dir(const temp_dir&) = delete;
  temp_dir& operator=(const temp_dir&) = delete;
};

/// The model as a JSON value: equal values mean equal models up to the order
/// of members.
inline nlohmann::json json_value(const orgflow::model& m) { return nlohmann::json::parse(orgflow::save_model(m)); }

/// model -> workbook -> .xlsx bytes -> workbook -> model.
inline orgflow::import_result through_xlsx(const orgflow::model& m) {
  const std::string bytes = orgflow::write_xlsx(orgflow::model_to_workbook(m));
  orgflow::workbook_result wb = orgflow::read_xlsx(bytes, "book.xlsx");
  if (!wb.value) {
    orgflow::import_result r;
    r.diagnostics = wb.diagnostics;
    return r;
  }
  return orgflow::model_from_workbook(*wb.value, "book.xlsx");
}

/// model -> workbook -> CSV files in a folder -> workbook -> model.
inline orgflow::import_result through_csv(const orgflow::model& m) {
  temp_dir dir;
  orgflow::write_csv_folder(dir.path + "/book", orgflow::model_to_workbook(m));
  return orgflow::import_sheet(dir.path + "/book");
}

inline std::string joined(const std::vector<orgflow::diagnostic>& ds) {
  std::string out;
  for (const auto& d : ds) out += d.to_string() + "\n";
  return out;
}

}  // namespace orgflow_test
