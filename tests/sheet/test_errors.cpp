// Mistakes in workbooks (docs/spreadsheets.md, "When a workbook is wrong"):
// every problem is reported at once, each at its sheet, row and column, with
// the format's own sentence; nothing else is said about a cell that was
// already reported.
#include <catch2/catch.hpp>

#include <map>

#include "orgflow/io.hpp"
#include "orgflow/sheet.hpp"
#include "sheet_test_support.hpp"
#include "support/shared_data.hpp"

using namespace orgflow;
using namespace orgflow_test;

namespace {

import_result import_cells(const std::map<std::string, std::vector<std::vector<std::string>>>& sheets) {
  workbook wb;
  for (const auto& [name, rows] : sheets) {
    sheet s;
    s.name = name;
    for (const auto& row : rows) {
      std::vector<sheet_cell> cells;
      for (const auto& text : row) cells.push_back(text.empty() ? sheet_cell{} : sheet_cell::of_text(text));
      s.rows.push_back(std::move(cells));
    }
    wb.sheets.push_back(std::move(s));
  }
  return model_from_workbook(wb, "book.xlsx");
}

std::vector<std::string> places(const import_result& r) {
  std::vector<std::string> out;
  for (const auto& d : r.diagnostics) out.push_back(d.pointer);
  return out;
}

}  // namespace

TEST_CASE("a workbook with 20 kinds of mistakes gives 20 messages at their cells", "[sheet]") {
  // tests/sheet/data/make_mistakes.py wrote the workbook; its MISTAKES list
  // names the same cells.
  const std::string path = source_dir() + "/tests/sheet/data/mistakes.xlsx";
  const import_result r = import_sheet(path);
  CHECK_FALSE(r.value);
  const std::vector<std::string> want = {
      "model!B2",    "units!J1",    "units!F3", "units!F4", "units!C5",    "units!A6",    "units!A7",
      "units!D8",    "artifacts!C3", "artifacts!D4", "flows!C3", "flows!I4", "flows!J5", "flows!D6",
      "flows!L7",    "handoffs!G2", "handoffs!C3", "needs!D1", "symptoms!H2", "accepted!A2"};
  INFO(joined(r.diagnostics));
  CHECK(places(r) == want);
  for (const auto& d : r.diagnostics) {
    CHECK(d.file == path);
    CHECK(d.line == 0);
    CHECK(d.message.find("/units/") == std::string::npos);  // pointers in messages became cells
  }
  CHECK(r.diagnostics[6].message.find("the first is at units!A2") != std::string::npos);
  CHECK(r.diagnostics[9].message.find("holds a date (2024-01-31)") != std::string::npos);
  CHECK(r.diagnostics[15].message.find("#N/A") != std::string::npos);
}

TEST_CASE("cells are converted by the column's type, and say why they do not fit", "[sheet]") {
  const import_result r = import_cells({
      {"model", {{"key", "value"}, {"orgflow", "2"}}},
      {"units", {{"id", "staff", "members", "accepts"},
                 {"a", "4", "0", "csv; ; xlsx"},   // texts in number columns are read; empty items dropped
                 {"b", "four", "", ""},            // not a number
                 {"c", " 3 ", "1e2", " ; "}}},     // blanks around a number; 1e2 is 100; a list of nothing
      {"flows", {{"from", "to", "manual", "reliability"},
                 {"a", "b", "TRUE", "0,9"},         // a comma decimal
                 {"b", "c", "no", ".5"}}},
  });
  INFO(joined(r.diagnostics));
  REQUIRE(places(r) == std::vector<std::string>{"units!B3", "units!D4", "flows!D2", "flows!C3"});
  CHECK(r.diagnostics[0].message == "\"staff\" must be a whole number, not \"four\"");
  CHECK(r.diagnostics[1].message == "\"accepts\" lists no item (leave the cell empty, or write [] for an empty list)");
  CHECK(r.diagnostics[2].message == "\"reliability\" must be a number, not \"0,9\" (write the decimal part after a dot: 0.9)");
  CHECK(r.diagnostics[3].message == "\"manual\" must be true or false, not \"no\"");
}

TEST_CASE("headers: case is ignored for the format's members, kept for x- columns, duplicates are refused", "[sheet]") {
  const import_result ok = import_cells({
      {"Model", {{"Key", "Value"}, {"ORGFLOW", "2"}, {"Name", "Upper case"}}},
      {"Units", {{" ID ", "Name", "x-Team Code"}, {"a", "A", "\"t-1\""}, {}, {"b"}}},
  });
  INFO(joined(ok.diagnostics));
  REQUIRE(ok.value);
  CHECK(*ok.value->name == "Upper case");
  REQUIRE(ok.value->units.size() == 2);  // the empty row is skipped
  CHECK(ok.value->units[0].extras.x_members == std::vector<std::pair<std::string, std::string>>{{"x-Team Code", "\"t-1\""}});

  const import_result dup = import_cells({
      {"model", {{"orgflow", "2"}, {"orgflow", "2"}, {"colour", "red"}}},
      {"units", {{"id", "name", "Name"}, {"a", "A", "B"}}},
  });
  CHECK(places(dup) == std::vector<std::string>{"model!A2", "model!A3", "units!C1"});
}

TEST_CASE("a missing model sheet, a missing orgflow row and unknown sheets", "[sheet]") {
  const import_result r = import_cells({{"units", {{"id"}, {"a"}}}, {"Notes", {{"anything"}}}});
  REQUIRE(places(r) == std::vector<std::string>{"model!A1"});
  CHECK(r.summary == std::vector<std::string>{
                         "sheet \"Notes\" ignored (orgflow reads the sheets model, units, artifacts, flows, handoffs, "
                         "needs, symptoms and accepted)"});
  const import_result no_version = import_cells({{"model", {{"key", "value"}, {"name", "x"}}}, {"units", {{"id"}, {"a"}}}});
  CHECK(places(no_version) == std::vector<std::string>{"model!A3"});
}

TEST_CASE("a part given as [] on the model sheet is present and empty, any other value is refused", "[sheet]") {
  const import_result r = import_cells({{"model", {{"key", "value"}, {"orgflow", "2"}, {"Accepted", "[]"}}},
                                        {"units", {{"id"}, {"a"}}}, {"accepted", {{"code", "reason"}}}});
  INFO(joined(r.diagnostics));
  REQUIRE(r.value);
  CHECK(r.value->has_accepted);
  CHECK(r.value->accepted.empty());
  const import_result bad = import_cells({{"model", {{"key", "value"}, {"orgflow", "2"}, {"flows", "none"},
                                                     {"flows", "[]"}}},
                                          {"units", {{"id"}, {"a"}}}});
  REQUIRE(places(bad) == std::vector<std::string>{"model!B3", "model!A4"});
  CHECK(bad.diagnostics[0].message ==
        "\"flows\" on the model sheet can only be [] (the part is there, with nothing in it); what it holds goes on "
        "the flows sheet");
  CHECK(bad.diagnostics[1].message == "\"flows\" is given twice (the first is at model!A3): remove one");
}

TEST_CASE("a required cell left empty is reported once, at the cell", "[sheet]") {
  const import_result r = import_cells({
      {"model", {{"orgflow", "2"}}},
      {"units", {{"id", "name"}, {"", "No id"}, {"a", "A"}}},
      {"symptoms", {{"id", "unit", "description"}, {"s1", "a", ""}}},
  });
  INFO(joined(r.diagnostics));
  REQUIRE(places(r) == std::vector<std::string>{"units!A2", "symptoms!C2"});
  CHECK(r.diagnostics[0].message.rfind("\"id\" is empty", 0) == 0);
}

TEST_CASE("a text that is not UTF-8 is reported without echoing its bytes", "[sheet]") {
  const import_result r = import_cells({{"model", {{"orgflow", "2"}}}, {"units", {{"id", "name"}, {"a", "Caf\xE9"}}}});
  REQUIRE(places(r) == std::vector<std::string>{"units!B2"});
  CHECK(r.diagnostics[0].message == "\"name\" is not valid UTF-8 text (save the file as UTF-8)");
}

TEST_CASE("a file that is not a workbook is one message naming it", "[sheet]") {
  temp_dir dir;
  const std::string text = dir.path + "/model.xlsx";
  write_file_atomic(text, "{\"orgflow\": 2}");
  const import_result r = import_sheet(text);
  REQUIRE(r.diagnostics.size() == 1);
  CHECK(r.diagnostics[0].to_string() ==
        text + ": is not an .xlsx workbook (a workbook is a zip file; for CSV files, give the folder that holds them)");
  write_file_atomic(text, std::string("PK\x03\x04", 4) + "truncated");
  const import_result z = import_sheet(text);
  REQUIRE(z.diagnostics.size() == 1);
  CHECK(z.diagnostics[0].message == "is not an .xlsx workbook (it is not a readable zip file)");
}
