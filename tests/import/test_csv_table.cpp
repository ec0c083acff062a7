// Tests of the delimited-table reader (graphlib/import/csv_table.hpp) on
// what it refuses or warns about: files in UTF-16 or UTF-32 (with and
// without a byte order mark), lines that end with a carriage return alone,
// rows with more fields than the header, and header names given twice; and
// that line ends it accepts (LF, CRLF, CR CR LF, a UTF-8 byte order mark)
// still read. Each message is checked for its place (line, column) and for
// naming the encoding or line end. The CLI cases of tests/cli/cases
// (people-utf16, import-csv-cr-only, people-extra-fields, ...) run the same
// through the executable.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "import/csv_table.hpp"
#include "import/gzip.hpp"
#include "orgflow/import.hpp"
#include "support/temp_file.hpp"

namespace {

using orgflow::import_io::byte_source;
using orgflow::import_io::table_format;
using orgflow::import_io::table_reader;
using orgflow::import_io::table_row;
using orgflow_test::temp_file;

struct read_result {
  std::vector<std::vector<std::string>> rows;
  std::string error;
  long line = 0;
  int column = 0;
};

read_result read_table(const std::string& bytes, table_format format = {}) {
  const temp_file f(bytes, "table.csv");
  byte_source in(f.path);
  table_reader reader(in, format);
  table_row row;
  read_result r;
  while (reader.next(row)) r.rows.emplace_back(row.fields.begin(), row.fields.end());
  r.error = reader.error();
  r.line = reader.error_line();
  r.column = reader.error_column();
  return r;
}

// "ab,c\n" in UTF-16: each byte beside a zero byte.
std::string utf16(const std::string& ascii, bool little) {
  std::string out;
  for (const char c : ascii) {
    if (little) {
      out += c;
      out += '\0';
    } else {
      out += '\0';
      out += c;
    }
  }
  return out;
}

}  // namespace

TEST_CASE("csv table: UTF-16 and UTF-32 are refused with the encoding named", "[import][csv]") {
  const std::string text = "person,unit\nann,Ops\n";
  struct example {
    std::string bytes, names;
  };
  const std::vector<example> examples = {
      {"\xFF\xFE" + utf16(text, true), "UTF-16 (little-endian); orgflow reads UTF-8"},
      {"\xFE\xFF" + utf16(text, false), "UTF-16 (big-endian); orgflow reads UTF-8"},
      {utf16(text, true), "UTF-16 (little-endian), without a byte order mark"},
      {utf16(text, false), "UTF-16 (big-endian), without a byte order mark"},
      {std::string("\xFF\xFE\0\0", 4) + "p\0\0\0", "UTF-32 (little-endian)"},
      {std::string("\0\0\xFE\xFF", 4) + "\0\0\0p", "UTF-32 (big-endian)"},
  };
  for (const auto& e : examples) {
    INFO(e.names);
    const auto r = read_table(e.bytes);
    CHECK(r.rows.empty());
    CHECK(r.error.find(e.names) != std::string::npos);
    CHECK(r.error.find("iconv -f UTF-") != std::string::npos);
    CHECK(r.line == 1);
    CHECK(r.column == 1);
  }
}

TEST_CASE("csv table: a UTF-8 byte order mark, LF, CRLF and CR CR LF still read", "[import][csv]") {
  for (const std::string& bytes : {std::string("\xEF\xBB\xBFp,u\na,b\n"), std::string("p,u\r\na,b\r\n"),
                                   std::string("p,u\r\r\na,b"), std::string("p,u\na,b\r")}) {
    const auto r = read_table(bytes);
    CHECK(r.error.empty());
    CHECK(r.rows == std::vector<std::vector<std::string>>{{"p", "u"}, {"a", "b"}});
  }
  // A zero byte or two in UTF-8 text is not UTF-16.
  const auto r = read_table(std::string("p,u\na,b\0\0c\nd,e\nf,g\nh,i\n", 23));
  CHECK(r.error.empty());
}

TEST_CASE("csv table: lines that end with a carriage return alone are refused", "[import][csv]") {
  //   p e r s o n , u n i t \r  -> the CR is column 12 of line 1
  const auto r = read_table("person,unit\rann,Ops\rbob,Ops\r");
  CHECK(r.rows.empty());
  CHECK(r.error.find("carriage return alone (CR") != std::string::npos);
  CHECK(r.error.find("LF or CRLF") != std::string::npos);
  CHECK(r.line == 1);
  CHECK(r.column == 12);
  // The same in whitespace-separated text, and larger than the reader's
  // 1 MiB buffer (so the line end is seen before the whole file is read).
  std::string big;
  while (big.size() < (3u << 20)) big += "ann bob\r";
  table_format ws;
  ws.whitespace = true;
  ws.quotes = false;
  const auto b = read_table(big, ws);
  CHECK(b.error.find("carriage return alone") != std::string::npos);
  CHECK(b.column == 8);
}

TEST_CASE("csv table: extra fields with text are an error, empty ones a warning", "[import][csv]") {
  using orgflow::import_io::width_check;
  table_row row;
  row.line = 7;
  row.fields = {"ann", "Sales", "EMEA"};
  row.columns = {1, 5, 12};
  width_check check(2, /*against_header=*/true);
  int column = 0;
  const std::string error = check.check(row, &column);
  CHECK(error.find("this row has 3 fields but the header has 2") != std::string::npos);
  CHECK(column == 12);

  row.fields = {"ann", "Sales", "", ""};
  row.columns = {1, 5, 11, 12};
  CHECK(check.check(row, &column).empty());
  row.line = 9;
  CHECK(check.check(row, &column).empty());
  CHECK(check.warning("people.csv") ==
        "people.csv:7:11: warning: 2 rows have empty fields after the last of the 2 columns of the header (a "
        "delimiter at the end of the line); they were ignored");

  width_check first_row(2, /*against_header=*/false);
  row.fields = {"a", "b", "c"};
  CHECK(first_row.check(row, &column).find("but the first row has 2") != std::string::npos);
  CHECK(first_row.warning("x").empty());
}

TEST_CASE("csv table: repeated header names warn, and choosing one by name is refused", "[import][csv]") {
  using orgflow::import_io::repeated_header_warnings;
  using orgflow::import_io::resolve_column;
  table_row header;
  header.line = 1;
  header.fields = {"from", "to", "to", "n", "to", "", ""};
  header.columns = {1, 6, 9, 12, 14, 17, 18};
  const auto warnings = repeated_header_warnings("mail.csv", header);
  REQUIRE(warnings.size() == 1);  // unnamed columns are not names
  CHECK(warnings[0] ==
        "mail.csv:1:9: warning: the header names columns 2, 3 and 5 \"to\"; a column of that name must be given by "
        "its number");
  const std::vector<std::string> names(header.fields.begin(), header.fields.end());
  std::string why;
  CHECK_FALSE(resolve_column("to", names, names.size(), &why));
  CHECK(why == "the header names more than one column \"to\" (columns 2, 3, 5): give the column by its number");
  CHECK(resolve_column("3", names, names.size(), &why) == 2u);
  CHECK(resolve_column("n", names, names.size(), &why) == 3u);
}

TEST_CASE("csv table: the people readers report extra fields and repeated names with file and place",
          "[import][csv][interactions]") {
  const temp_file people("person,unit,unit\nann,Ops,x\nbob,Ops,x\n", "people.csv");
  const temp_file ties("from,to\nann,bob\nbob,ann,\n", "ties.csv");
  orgflow::interactions_options o;
  o.min_group = 1;
  o.people.unit = "2";
  const auto r = orgflow::import_interactions(ties.path, people.path, o);
  REQUIRE(r.value);
  std::string summary;
  for (const auto& l : r.summary) summary += l + "\n";
  CHECK(summary.find(people.path + ":1:13: warning: the header names columns 2 and 3 \"unit\"") != std::string::npos);
  CHECK(summary.find(ties.path + ":3:9: warning: 1 row has empty fields after the last of the 2 columns") !=
        std::string::npos);

  o.people.unit = "unit";
  const auto ambiguous = orgflow::import_interactions(ties.path, people.path, o);
  REQUIRE_FALSE(ambiguous.value);
  CHECK(ambiguous.diagnostics.front().to_string().find("people.csv:1:1: --unit: the header names more than one") !=
        std::string::npos);

  const temp_file shifted("from,to\nann,bob\nbob,ann,Smith\n", "shifted.csv");
  o.people.unit = "2";
  const auto wrong = orgflow::import_interactions(shifted.path, people.path, o);
  REQUIRE_FALSE(wrong.value);
  CHECK(wrong.diagnostics.front().to_string().find("shifted.csv:3:9: this row has 3 fields but the header has 2") !=
        std::string::npos);
}
