// Round trips of models through workbooks (docs/spreadsheets.md): every
// example model of the repository and generated models come back from .xlsx
// and from CSV folders equal as JSON values; the same model gives the same
// .xlsx bytes; the cells are what a person reading the sheet expects.
#include <catch2/catch.hpp>
#include <rapidcheck.h>
#include <rapidcheck/catch.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "orgflow/io.hpp"
#include "orgflow/model_schema.hpp"
#include "orgflow/sheet.hpp"
#include "sheet/cell_text.hpp"
#include "sheet_test_support.hpp"
#include "support/rich_model.hpp"
#include "support/shared_data.hpp"

using namespace orgflow;
using namespace orgflow_test;

namespace {

std::vector<std::string> example_models() {
  std::vector<std::string> out;
  const std::string src = source_dir();
  for (const char* dir : {"/models", "/docs/examples", "/tests/data"})
    for (const auto& e : std::filesystem::directory_iterator(src + dir))
      if (e.path().extension() == ".json") out.push_back(e.path().string());
  out.push_back(src + "/tests/cli/data/small.json");
  std::sort(out.begin(), out.end());
  return out;
}

model load_path(const std::string& path) {
  load_result r = load_model(read_file(path), path);
  INFO(joined(r.diagnostics));
  REQUIRE(r.ok());
  return *r.value;
}

}  // namespace

TEST_CASE("every example model comes back from .xlsx and from CSV equal as a JSON value", "[sheet]") {
  const auto paths = example_models();
  REQUIRE(paths.size() >= 20);
  for (const std::string& path : paths) {
    INFO(path);
    const model m = load_path(path);
    const import_result x = through_xlsx(m);
    INFO(joined(x.diagnostics));
    REQUIRE(x.value);
    CHECK(json_value(*x.value) == json_value(m));
    const import_result c = through_csv(m);
    INFO(joined(c.diagnostics));
    REQUIRE(c.value);
    CHECK(json_value(*c.value) == json_value(m));
  }
}

TEST_CASE("parts written as empty arrays come back as empty arrays, absent ones stay absent", "[sheet]") {
  const load_result loaded = load_model(
      R"j({"orgflow": 2, "units": [{"id": "a"}], "flows": [], "accepted": [], "x-note": "kept"})j", "empty.json");
  REQUIRE(loaded.ok());
  const model& m = *loaded.value;
  const import_result x = through_xlsx(m);
  INFO(joined(x.diagnostics));
  REQUIRE(x.value);
  CHECK(json_value(*x.value) == json_value(m));
  CHECK(x.value->has_accepted);
  const import_result c = through_csv(m);
  REQUIRE(c.value);
  CHECK(json_value(*c.value) == json_value(m));
  REQUIRE_FALSE(c.summary.empty());
  const std::string said = c.summary.back();  // read FOLDER: what the model holds
  CHECK(said.substr(said.size() - 8) == ": 1 unit");
  const model absent = *load_model(R"j({"orgflow": 2, "units": [{"id": "a"}]})j", "absent.json").value;
  CHECK(json_value(*through_xlsx(absent).value) == json_value(absent));
  CHECK_FALSE(through_xlsx(absent).value->has_accepted);
}

TEST_CASE("the starter model of init comes back from both forms", "[sheet]") {
  const model m = starter_model();
  REQUIRE(validate_model(m).empty());
  CHECK(json_value(*through_xlsx(m).value) == json_value(m));
  CHECK(json_value(*through_csv(m).value) == json_value(m));
}

TEST_CASE("generated models with awkward texts, x- members and exact numbers come back from .xlsx", "[sheet][prop]") {
  rc::prop("JSON -> xlsx -> JSON is the identity on JSON values", [] {
    const model generated = rich_model();
    RC_PRE(validate_model(generated).empty());
    const model m = as_loaded(generated);
    const import_result r = through_xlsx(m);
    RC_ASSERT(r.diagnostics.empty());
    RC_ASSERT(json_value(*r.value) == json_value(m));
  });
}

TEST_CASE("generated models with awkward texts, x- members and exact numbers come back from CSV", "[sheet][prop]") {
  rc::prop("JSON -> csv -> JSON is the identity on JSON values", [] {
    const model generated = rich_model();
    RC_PRE(validate_model(generated).empty());
    const model m = as_loaded(generated);
    const import_result r = through_csv(m);
    RC_ASSERT(r.diagnostics.empty());
    RC_ASSERT(json_value(*r.value) == json_value(m));
  });
}

TEST_CASE("the same model gives the same .xlsx bytes", "[sheet][prop]") {
  rc::prop("write_xlsx is deterministic", [] {
    const model generated = rich_model();
    RC_PRE(validate_model(generated).empty());
    const model m = as_loaded(generated);
    const workbook wb = model_to_workbook(m);
    RC_ASSERT(write_xlsx(wb) == write_xlsx(model_to_workbook(m)));
  });
  // And on every example, also across a change of time zone (the creation
  // date is fixed, not taken from the clock).
  for (const std::string& path : example_models()) {
    const workbook wb = model_to_workbook(load_path(path));
    const std::string first = write_xlsx(wb);
    ::setenv("TZ", "Asia/Tokyo", 1);
    ::tzset();
    const std::string second = write_xlsx(wb);
    ::unsetenv("TZ");
    ::tzset();
    CHECK(first == second);
  }
}

TEST_CASE("the sheets read as a person expects", "[sheet]") {
  const model m = load_path(source_dir() + "/models/lead-pipeline.json");
  const workbook wb = model_to_workbook(m);
  std::vector<std::string> names;
  for (const sheet& s : wb.sheets) names.push_back(s.name);
  CHECK(names == std::vector<std::string>{"README", "model", "units", "artifacts", "flows", "handoffs", "needs",
                                          "symptoms", "accepted"});
  const sheet& settings = *wb.find("model");
  CHECK(settings.at(1, 0).text == "orgflow");
  CHECK(settings.at(1, 1).type == sheet_cell::kind::number);
  CHECK(settings.at(2, 1).text == "Acme lead pipeline");
  CHECK(settings.at(3, 0).text == "x-source");
  CHECK(settings.at(3, 1).text.front() == '"');  // JSON text
  const sheet& units = *wb.find("units");
  // Every member of the format is a column, in the format's order.
  std::vector<std::string> header;
  for (const sheet_cell& c : units.rows[0]) header.push_back(c.text);
  CHECK(header == std::vector<std::string>{"id", "name", "kind", "group", "capacity", "staff", "demand", "accepts", "members"});
  // marketing: staff is a number cell, accepts a "; " list.
  const auto row = std::find_if(units.rows.begin(), units.rows.end(), [](const auto& r) { return r[0].text == "marketing"; });
  REQUIRE(row != units.rows.end());
  CHECK((*row)[5].type == sheet_cell::kind::number);
  CHECK((*row)[5].number == 5);
  CHECK((*row)[7].text == "docx; pdf; crm");
  // Generated flow ids are left out, as in the JSON.
  CHECK(wb.find("flows")->at(1, 0).empty());
  // The README explains every column of every sheet.
  const sheet& readme = wb.sheets.front();
  for (const array_info& a : model_arrays())
    for (const member_info& mi : a.members) {
      const bool listed = std::any_of(readme.rows.begin(), readme.rows.end(), [&](const auto& r) {
        return r.size() >= 4 && r[0].text == a.name && r[1].text == mi.name && !r[3].text.empty();
      });
      CHECK(listed);
    }
}

TEST_CASE("lists that a semicolon-separated cell cannot hold are written as JSON arrays", "[sheet]") {
  model m = starter_model();
  m.units[0].accepts = std::vector<std::string>{};
  m.units[1].accepts = std::vector<std::string>{"a;b", "c"};
  m.units[2].accepts = std::vector<std::string>{"[x"};
  const workbook wb = model_to_workbook(m);
  const sheet& units = *wb.find("units");
  CHECK(units.at(1, 7).text == "[]");
  CHECK(units.at(2, 7).text == "[\"a;b\", \"c\"]");
  CHECK(units.at(3, 7).text == "[\"[x\"]");
  CHECK(json_value(*through_xlsx(m).value) == json_value(m));
}

TEST_CASE("a model too big for a spreadsheet cell is refused before anything is written", "[sheet]") {
  model m = starter_model();
  m.units[1].name = std::string(40000, 'x');
  const auto limits = check_xlsx_limits(model_to_workbook(m), "big.xlsx");
  REQUIRE(limits.size() == 1);
  CHECK(limits[0].to_string().rfind("big.xlsx:units!B3: the text is 40000 characters long", 0) == 0);
  // The CSV form has no such limit.
  CHECK(json_value(*through_csv(m).value) == json_value(m));
}

TEST_CASE("a wrapped text's lines are counted by words, as the row height the writer states", "[sheet]") {
  using orgflow::sheet_detail::wrapped_lines;
  // A column 10 wide holds 9 characters a line.
  CHECK(wrapped_lines("", 10) == 1);
  CHECK(wrapped_lines("aaaa bbbb", 10) == 1);     // 9 characters: one line
  CHECK(wrapped_lines("aaaa bbbb c", 10) == 2);   // "c" goes to the next line
  CHECK(wrapped_lines("a\nb", 10) == 2);          // a line break starts a line
  CHECK(wrapped_lines("aaaaaaaaaabbbbbbbbbbcc", 10) == 3);  // 22 letters cut 9 + 9 + 4
  CHECK(wrapped_lines("xx aaaaaaaaaabbbbbbbbbbcc", 10) == 4);  // "xx", then the long word on three lines
  CHECK(wrapped_lines("\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9 \xc3\xa9\xc3\xa9\xc3\xa9", 10) == 1);  // characters, not bytes
}
