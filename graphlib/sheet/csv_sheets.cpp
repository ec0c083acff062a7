// Workbooks as folders of CSV files (orgflow/sheet.hpp): one `NAME.csv` per
// sheet, written RFC 4180 style and read with the project's delimited-table
// reader (import/csv_table.hpp), which also takes the `;` that spreadsheet
// programs in many countries write (the delimiter is taken from the header
// line). Rows keep the numbers a spreadsheet program gives them: a blank line
// is an empty row, and a quoted field with line breaks stays in its row.
//
// Fields with blanks around them are quoted because the reader trims
// unquoted fields; an empty field is an empty cell.
#include <algorithm>
#include <filesystem>
#include <iterator>
#include <stdexcept>
#include <string>
#include <system_error>
#include <vector>

#include "import/csv_table.hpp"
#include "import/gzip.hpp"
#include "orgflow/io.hpp"
#include "orgflow/model_schema.hpp"
#include "orgflow/sheet.hpp"
#include "orgflow/text.hpp"
#include "sheet/cell_text.hpp"

namespace orgflow {

namespace {

bool needs_quotes(std::string_view s) {
  if (s.empty()) return false;
  if (s.find_first_of(",\"\n\r;") != std::string_view::npos) return true;
  const auto blank = [](char c) { return c == ' ' || c == '\t'; };
  return blank(s.front()) || blank(s.back());
}

std::string field_text(const sheet_cell& c) {
  switch (c.type) {
    case sheet_cell::kind::text: return c.text;
    case sheet_cell::kind::number: return sheet_detail::number_text(c.number);
    case sheet_cell::kind::boolean: return c.boolean ? "true" : "false";
    case sheet_cell::kind::date:
    case sheet_cell::kind::error: return c.text;
    case sheet_cell::kind::empty: break;
  }
  return {};
}

}  // namespace

std::string write_csv(const sheet& s) {
  std::size_t width = 0;
  for (const auto& row : s.rows) width = std::max(width, row.size());
  std::string out;
  for (const auto& row : s.rows) {
    for (std::size_t c = 0; c < width; ++c) {
      if (c > 0) out += ',';
      if (c >= row.size()) continue;
      const std::string f = field_text(row[c]);
      if (!needs_quotes(f)) {
        out += f;
        continue;
      }
      out += '"';
      for (char ch : f) {
        if (ch == '"') out += '"';
        out += ch;
      }
      out += '"';
    }
    out += '\n';
  }
  return out;
}

void write_csv_folder(const std::string& dir, const workbook& wb) {
  // One output of several files: complete or not there at all (io.hpp).
  std::vector<output_part> parts;
  parts.reserve(wb.sheets.size());
  for (const sheet& s : wb.sheets) parts.push_back({s.name + ".csv", write_csv(s)});
  write_folder_atomic(dir, parts);
}

workbook_result read_csv_folder(const std::string& dir) {
  namespace fs = std::filesystem;
  workbook_result result;
  std::error_code ec;
  std::vector<fs::path> files;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    const fs::path p = it->path();
    if (sheet_detail::lower_ascii(p.extension().string()) == ".csv" && it->is_regular_file(ec)) files.push_back(p);
  }
  if (ec) throw environment_error("cannot read the folder " + dir + ": " + ec.message());
  std::sort(files.begin(), files.end());
  workbook wb;
  for (const fs::path& p : files) {
    const std::string path = p.string();
    const std::string content = import_io::read_all(path, nullptr);
    const std::size_t line_end = content.find('\n');
    import_io::table_format format;
    format.delimiter = import_io::sniff_delimiter(std::string_view(content).substr(0, line_end));
    import_io::byte_source in(path);
    import_io::table_reader reader(in, format);
    sheet s;
    s.name = p.stem().string();
    import_io::table_row row;
    long next_line = 1;  // the line a record starting right after the previous one would have
    while (reader.next(row)) {
      // Blank lines before this record are empty rows.
      for (long l = next_line; l < row.line; ++l) s.rows.emplace_back();
      std::vector<sheet_cell> cells;
      long breaks = 0;
      for (const std::string_view f : row.fields) {
        breaks += static_cast<long>(std::count(f.begin(), f.end(), '\n'));
        cells.push_back(f.empty() ? sheet_cell{} : sheet_cell::of_text(std::string(f)));
      }
      while (!cells.empty() && cells.back().empty()) cells.pop_back();
      s.rows.push_back(std::move(cells));
      next_line = row.line + 1 + breaks;
    }
    if (!reader.error().empty()) {
      result.diagnostics.push_back({path, "", static_cast<int>(reader.error_line()), reader.error_column(), reader.error()});
      continue;
    }
    wb.sheets.push_back(std::move(s));
  }
  if (result.diagnostics.empty()) result.value = std::move(wb);
  return result;
}

namespace {

// "read book.xlsx: 3 units, 1 flow and 2 needs", the parts in the format's
// order (model_arrays), units always, the others when the model has some.
std::string read_summary(const std::string& shown, const model& m) {
  const std::size_t sizes[] = {m.units.size(), m.artifacts.size(), m.flows.size(),   m.handoffs.size(),
                               m.needs.size(), m.symptoms.size(),  m.accepted.size()};
  if (std::size(sizes) != model_arrays().size()) throw std::logic_error("read_summary: the model's parts changed");
  std::vector<std::string> parts;
  for (std::size_t i = 0; i < std::size(sizes); ++i)
    if (i == 0 || sizes[i] > 0) parts.push_back(count_elements(model_arrays()[i], sizes[i]));
  return "read " + shown + ": " + join_words(parts);
}

import_result with_summary(import_result r, const std::string& shown) {
  if (r.value) r.summary.push_back(read_summary(shown, *r.value));
  return r;
}

}  // namespace

import_result import_sheet(const std::string& path) {
  std::error_code ec;
  if (path != "-" && std::filesystem::is_directory(path, ec)) {
    workbook_result wb = read_csv_folder(path);
    if (!wb.value) {
      import_result r;
      r.diagnostics = std::move(wb.diagnostics);
      return r;
    }
    return with_summary(model_from_workbook(*wb.value, path), path);
  }
  const std::string shown = path == "-" ? "<stdin>" : path;
  const std::string bytes = read_file(path);
  workbook_result wb;
  if (bytes.compare(0, 4, "PK\x03\x04") != 0) {
    wb.diagnostics.push_back({shown, "", 0, 0,
                              "is not an .xlsx workbook (a workbook is a zip file; for CSV files, give the folder "
                              "that holds them)"});
  } else {
    wb = read_xlsx(bytes, shown);
  }
  if (!wb.value) {
    import_result r;
    r.diagnostics = std::move(wb.diagnostics);
    r.summary = std::move(wb.notes);
    return r;
  }
  import_result r = model_from_workbook(*wb.value, shown);
  r.summary.insert(r.summary.begin(), wb.notes.begin(), wb.notes.end());
  return with_summary(std::move(r), shown);
}

}  // namespace orgflow
