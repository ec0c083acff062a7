// libFuzzer harness for `import sheet`: the workbook reader and the model
// built from its sheets.
//  - input starting with "PK" (a zip file): read as .xlsx bytes (read_xlsx,
//    minizip and expat, all in memory), then model_from_workbook;
//  - any other input: a folder of CSV sheets written as text, each sheet
//    starting with a line "#sheet NAME", its rows split at line ends and
//    cells at commas, handed to model_from_workbook (the folder reader itself
//    is the delimited-table reader the interactions target fuzzes).
// Every input gives a valid model or diagnostics with printable messages,
// and an accepted model saves to text that loads back to it.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz_support.hpp"
#include "orgflow/sheet.hpp"

namespace {

orgflow::workbook text_workbook(std::string_view data) {
  orgflow::workbook wb;
  std::size_t guard = 0;
  while (!data.empty() && ++guard < 100000) {
    const std::size_t eol = data.find('\n');
    const std::string_view line = data.substr(0, eol);
    data.remove_prefix(eol == std::string_view::npos ? data.size() : eol + 1);
    if (line.substr(0, 7) == "#sheet ") {
      wb.sheets.emplace_back();
      wb.sheets.back().name = std::string(line.substr(7));
      continue;
    }
    if (wb.sheets.empty()) {
      wb.sheets.emplace_back();
      wb.sheets.back().name = "units";
    }
    std::vector<orgflow::sheet_cell> cells;
    std::string_view rest = line;
    for (;;) {
      const std::size_t comma = rest.find(',');
      const std::string_view field = rest.substr(0, comma);
      cells.push_back(field.empty() ? orgflow::sheet_cell{} : orgflow::sheet_cell::of_text(std::string(field)));
      if (comma == std::string_view::npos) break;
      rest.remove_prefix(comma + 1);
    }
    while (!cells.empty() && cells.back().empty()) cells.pop_back();
    wb.sheets.back().rows.push_back(std::move(cells));
  }
  return wb;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace fuzz_support;
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  if (bytes.substr(0, 2) == "PK") {
    const orgflow::workbook_result wb = orgflow::read_xlsx(bytes, "fuzz.xlsx");
    if (wb.value.has_value() == !wb.diagnostics.empty()) fail("a workbook and diagnostics, or neither");
    check_diagnostics(wb.diagnostics);
    if (!wb.value) return 0;
    check_import(orgflow::model_from_workbook(*wb.value, "fuzz.xlsx"));
    return 0;
  }
  check_import(orgflow::model_from_workbook(text_workbook(bytes), "fuzz-folder"));
  return 0;
}
