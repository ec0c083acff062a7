// The .xlsx reader on files other programs write (docs/spreadsheets.md,
// "Reading workbooks"): cells of every kind, escapes, relationships that
// point elsewhere, and a file LibreOffice saved (tests/sheet/data/README.md
// says how it was made).
#include <catch2/catch.hpp>

#include <zip.h>

#include "orgflow/io.hpp"
#include "orgflow/sheet.hpp"
#include "sheet_test_support.hpp"
#include "support/shared_data.hpp"

using namespace orgflow;
using namespace orgflow_test;

namespace {

const char* main_ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const char* rel_ns = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

// An .xlsx made of the given parts, through minizip's zip writer.
std::string make_zip(const std::vector<std::pair<std::string, std::string>>& parts) {
  temp_dir dir;
  const std::string path = dir.path + "/book.xlsx";
  zipFile z = zipOpen64(path.c_str(), APPEND_STATUS_CREATE);
  REQUIRE(z != nullptr);
  for (const auto& [name, data] : parts) {
    REQUIRE(zipOpenNewFileInZip64(z, name.c_str(), nullptr, nullptr, 0, nullptr, 0, nullptr, Z_DEFLATED,
                                  Z_DEFAULT_COMPRESSION, 0) == ZIP_OK);
    REQUIRE(zipWriteInFileInZip(z, data.data(), static_cast<unsigned>(data.size())) == ZIP_OK);
    REQUIRE(zipCloseFileInZip(z) == ZIP_OK);
  }
  REQUIRE(zipClose(z, nullptr) == ZIP_OK);
  return read_file(path);
}

// A workbook whose package points to xl2/book.xml (not the usual path) with
// one sheet `data` holding `sheet_data`.
std::string workbook_with(const std::string& sheet_data, const std::string& shared = "", const std::string& styles = "") {
  std::vector<std::pair<std::string, std::string>> parts = {
      {"_rels/.rels",
       std::string("<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                   "<Relationship Id=\"r1\" Type=\"") + rel_ns + "/officeDocument\" Target=\"/xl2/book.xml\"/></Relationships>"},
      {"xl2/book.xml", std::string("<workbook xmlns=\"") + main_ns + "\" xmlns:r=\"" + rel_ns +
                           "\"><sheets><sheet name=\"data\" sheetId=\"1\" r:id=\"s1\"/></sheets></workbook>"},
      {"xl2/_rels/book.xml.rels",
       std::string("<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                   "<Relationship Id=\"s1\" Type=\"") + rel_ns + "/worksheet\" Target=\"sheets/../sheets/one.xml\"/>" +
           "<Relationship Id=\"s2\" Type=\"" + rel_ns + "/sharedStrings\" Target=\"strings.xml\"/>" +
           "<Relationship Id=\"s3\" Type=\"" + rel_ns + "/styles\" Target=\"styles.xml\"/></Relationships>"},
      {"xl2/sheets/one.xml", std::string("<worksheet xmlns=\"") + main_ns + "\"><sheetData>" + sheet_data + "</sheetData></worksheet>"},
  };
  if (!shared.empty()) parts.push_back({"xl2/strings.xml", std::string("<sst xmlns=\"") + main_ns + "\">" + shared + "</sst>"});
  if (!styles.empty()) parts.push_back({"xl2/styles.xml", std::string("<styleSheet xmlns=\"") + main_ns + "\">" + styles + "</styleSheet>"});
  return make_zip(parts);
}

}  // namespace

TEST_CASE("every kind of cell is read, with positions from r or from the order", "[sheet]") {
  const std::string shared =
      "<si><t>plain</t></si>"
      "<si><r><rPr><b/></rPr><t>rich </t></r><r><t>text</t></r><rPh><t>PHONETIC</t></rPh></si>"
      "<si><t>cr_x000D_lf and _x005F_x0041_ and _xD83D__xDE00_</t></si>";
  const std::string styles =
      "<numFmts><numFmt numFmtId=\"164\" formatCode=\"yyyy\\-mm\\-dd\"/><numFmt numFmtId=\"165\" "
      "formatCode=\"&quot;days&quot; 0.0\"/></numFmts>"
      "<cellXfs><xf numFmtId=\"0\"/><xf numFmtId=\"14\"/><xf numFmtId=\"164\"/><xf numFmtId=\"165\"/></cellXfs>";
  const std::string data =
      "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>1</v></c><c r=\"C1\" t=\"s\"><v>2</v></c></row>"
      "<row r=\"3\"><c t=\"inlineStr\"><is><t xml:space=\"preserve\"> inline </t></is></c>"
      "<c t=\"b\"><v>1</v></c><c t=\"b\"><v>0</v></c><c><v>1.5E+3</v></c>"
      "<c t=\"str\"><f>A1</f><v>formula text</v></c><c t=\"e\"><v>#DIV/0!</v></c>"
      "<c t=\"d\"><v>2024-01-31T00:00:00</v></c><c s=\"1\"><v>45322</v></c><c s=\"2\"><v>45322.5</v></c>"
      "<c s=\"3\"><v>2</v></c><c r=\"M3\"/></row>";
  const workbook_result r = read_xlsx(workbook_with(data, shared, styles), "book.xlsx");
  INFO(joined(r.diagnostics));
  REQUIRE(r.value);
  REQUIRE(r.value->sheets.size() == 1);
  const sheet& s = r.value->sheets[0];
  CHECK(s.name == "data");
  CHECK(s.at(0, 0).text == "plain");
  CHECK(s.at(0, 1).text == "rich text");
  CHECK(s.at(0, 2).text == "cr\rlf and _x0041_ and \xF0\x9F\x98\x80");
  CHECK(s.at(1, 0).empty());  // row 2 is absent
  CHECK(s.at(2, 0).text == " inline ");
  CHECK(s.at(2, 1).type == sheet_cell::kind::boolean);
  CHECK(s.at(2, 1).boolean);
  CHECK_FALSE(s.at(2, 2).boolean);
  CHECK(s.at(2, 3).number == 1500);
  CHECK(s.at(2, 4).text == "formula text");
  CHECK(s.at(2, 5).type == sheet_cell::kind::error);
  CHECK(s.at(2, 5).text == "#DIV/0!");
  CHECK(s.at(2, 6).type == sheet_cell::kind::date);
  CHECK(s.at(2, 7).type == sheet_cell::kind::date);
  CHECK(s.at(2, 7).text == "2024-01-31");
  CHECK(s.at(2, 8).type == sheet_cell::kind::date);  // a custom date format
  CHECK(s.at(2, 9).type == sheet_cell::kind::number);  // "days" in quotes is no date
  CHECK(s.at(2, 12).empty());
}

TEST_CASE("a part that declares an entity is refused, naming the part", "[sheet]") {
  const std::string bytes = workbook_with("<row><c t=\"inlineStr\"><is><t>x</t></is></c></row>");
  // Replace the sheet by one with a DOCTYPE that declares an entity.
  const std::string evil = make_zip({
      {"xl/workbook.xml", std::string("<workbook xmlns=\"") + main_ns + "\" xmlns:r=\"" + rel_ns +
                              "\"><sheets><sheet name=\"units\" sheetId=\"1\" r:id=\"a\"/></sheets></workbook>"},
      {"xl/_rels/workbook.xml.rels",
       std::string("<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                   "<Relationship Id=\"a\" Type=\"") + rel_ns + "/worksheet\" Target=\"worksheets/sheet1.xml\"/></Relationships>"},
      {"xl/worksheets/sheet1.xml", "<!DOCTYPE w [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><worksheet/>"},
  });
  const workbook_result r = read_xlsx(evil, "evil.xlsx");
  REQUIRE(r.diagnostics.size() == 1);
  CHECK(r.diagnostics[0].message.rfind("the part xl/worksheets/sheet1.xml is not well-formed XML", 0) == 0);
  CHECK(r.diagnostics[0].message.find("entity declarations are not accepted") != std::string::npos);
  CHECK(read_xlsx(bytes, "ok.xlsx").value);
}

TEST_CASE("a zip without a workbook part names what it lacks", "[sheet]") {
  const workbook_result r = read_xlsx(make_zip({{"content.xml", "<x/>"}, {"mimetype", "application/vnd.oasis"}}), "a.ods");
  REQUIRE(r.diagnostics.size() == 1);
  CHECK(r.diagnostics[0].to_string() ==
        "a.ods: is a zip file but not an .xlsx workbook (it has no xl/workbook.xml; an OpenDocument .ods file? save "
        "it as .xlsx)");
}

TEST_CASE("a workbook saved by LibreOffice Calc imports as the model it was made from", "[sheet]") {
  // libreoffice-lead-pipeline.xlsx: models/lead-pipeline.json exported by
  // orgflow, opened and saved by LibreOffice Calc 7.4.7 (data/README.md).
  const std::string src = source_dir();
  const import_result r = import_sheet(src + "/tests/sheet/data/libreoffice-lead-pipeline.xlsx");
  INFO(joined(r.diagnostics));
  REQUIRE(r.value);
  const load_result original = load_model(read_file(src + "/models/lead-pipeline.json"), "lead-pipeline.json");
  CHECK(json_value(*r.value) == json_value(*original.value));
}

TEST_CASE("in a sheet LibreOffice typed from CSV, a date is refused and texts stay texts", "[sheet]") {
  // libreoffice-flows-typed.xlsx: libreoffice-flows-typed.csv converted by
  // LibreOffice Calc 7.4.7, which turned 2024-01-31 into a date.
  const import_result r = import_sheet(source_dir() + "/tests/sheet/data/libreoffice-flows-typed.xlsx");
  std::vector<std::string> at_latency;
  for (const auto& d : r.diagnostics)
    if (d.pointer == "flows!D2" || d.pointer == "flows!D3") at_latency.push_back(d.message);
  REQUIRE(at_latency.size() == 2);
  CHECK(at_latency[0].rfind("\"latency\" holds a date (2024-01-31)", 0) == 0);
  CHECK(at_latency[1].rfind("\"1/2/2024\" is not a duration", 0) == 0);
}
