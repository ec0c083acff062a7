// Workbooks in and out (docs/spreadsheets.md): a model as one sheet per
// array (units, artifacts, flows, handoffs, needs, symptoms, accepted), a
// `model` sheet of key/value rows and a README sheet that explains every
// column; the same as a folder of CSV files; and the findings of an analysis
// as a spreadsheet.
//
// The layer works in two steps, so that the file formats and the model rules
// stay apart:
//   model  <->  workbook (sheets of typed cells, in memory)  <->  .xlsx / CSV
// model_to_workbook and model_from_workbook know the model; write_xlsx,
// read_xlsx and the CSV functions know only cells. Reading a workbook never
// throws for bad input: every problem is a diagnostic placed at `sheet!CELL`
// (`units!C7`), all reported at once; a file that cannot be read throws
// environment_error.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "orgflow/analysis.hpp"
#include "orgflow/import.hpp"
#include "orgflow/model.hpp"

namespace orgflow {

/// One cell. Dates and spreadsheet errors (#N/A) are read so that they can be
/// reported where they stand; no writer produces them.
struct sheet_cell {
  enum class kind : std::uint8_t { empty, text, number, boolean, date, error };
  kind type = kind::empty;
  std::string text;  // text; for date and error, what the file holds
  double number = 0;
  bool boolean = false;

  /// A cell of each kind. O(1) (of_text moves `s`); of_text("") is a text
  /// cell, not an empty one. empty(): the kind is empty. O(1).
  static sheet_cell of_text(std::string s);
  static sheet_cell of_number(double x);
  static sheet_cell of_boolean(bool b);
  bool empty() const { return type == kind::empty; }
};

/// A worksheet or a CSV file. rows[0] is row 1 as a spreadsheet program
/// numbers it (empty rows kept, so that positions are the program's).
struct sheet {
  std::string name;
  std::vector<std::vector<sheet_cell>> rows;
  std::size_t header_row = 0;  // the row that names the columns (bold and frozen in .xlsx)
  /// The cell at 0-based row and column, or an empty cell (past the last row
  /// or the end of the row). O(1).
  const sheet_cell& at(std::size_t row, std::size_t column) const;
};

struct workbook {
  std::vector<sheet> sheets;
  /// The sheet with this name (compared without regard to ASCII case), or nullptr
  /// (always, for a workbook without sheets). O(sheets · name length).
  const sheet* find(std::string_view name) const;
};

/// `C7` for 0-based row 6, column 2; `AA1` for column 26. O(digits).
std::string cell_name(std::size_t row, std::size_t column);

/// A workbook read from a file: set exactly when diagnostics is empty.
struct workbook_result {
  std::optional<workbook> value;
  std::vector<diagnostic> diagnostics;
  std::vector<std::string> notes;  // for standard error: repairs made while reading
};

// --- models --------------------------------------------------------------

/// The model as sheets: README (what each column means and allows), model
/// (key/value rows: orgflow, name, every top-level `x-` member as JSON text,
/// and `NAME | []` for each part written as an empty array),
/// then units, artifacts, flows, handoffs, needs, symptoms and accepted, each
/// with a header row of member names (every member of the format, then the
/// `x-` members the elements have) and one row per element. Lists are items
/// joined by "; ", or a JSON array when that cannot hold them (`[]`, items
/// with `;`). Integers, numbers and booleans are number and boolean cells,
/// except a number that 16 significant digits cannot hold exactly (written as
/// its shortest text, which reads back the same). O(elements · columns),
/// the columns of an array being its members and the distinct `x-` members
/// of its elements; the model is written with save_model and parsed first.
/// An empty model gives README, model (orgflow | 2) and seven sheets with
/// a header row only.
workbook model_to_workbook(const model& m);

/// The model of a workbook as model_to_workbook writes it (and as people fill
/// it in): unknown sheets are ignored with a note, column headers are member
/// names (ASCII case ignored; `x-` columns exactly), an empty row is skipped,
/// an empty cell is an absent member. Every problem, from a cell that is a
/// date to a reference to an unknown unit, is a diagnostic at `sheet!CELL`
/// with the file name `file_name`, in sheet, row and column order.
/// model_from_workbook(model_to_workbook(m)) gives m (equal as JSON values).
/// O(cells + size of the model): the cells become the model's JSON, which
/// load_model checks. A workbook without a `model` sheet (an empty one
/// too) is a diagnostic; a `model` sheet with its orgflow row and the other
/// sheets with header rows only give an empty model.
import_result model_from_workbook(const workbook& wb, std::string_view file_name);

// --- .xlsx ---------------------------------------------------------------

/// Cells that a spreadsheet cannot hold (text longer than 32,767 characters,
/// more than 1,048,576 rows or 16,384 columns), placed at `sheet!CELL`.
/// O(cells + text length); empty for a workbook without sheets.
std::vector<diagnostic> check_xlsx_limits(const workbook& wb, std::string_view file_name);

/// The workbook as .xlsx bytes, written by libxlsxwriter with a fixed
/// creation date (2000-01-01) and the C locale for numbers: the same workbook
/// gives the same bytes. Precondition: check_xlsx_limits is empty. Throws
/// environment_error when the temporary file cannot be written. O(rows ·
/// columns + text length) per sheet (the column widths read every row),
/// through a temporary file and zip compression. A workbook without sheets
/// gives a file with one empty sheet, Sheet1 (libxlsxwriter adds it).
std::string write_xlsx(const workbook& wb);

/// Reads an .xlsx file (a zip of XML parts, through libminizip and expat):
/// shared strings, inline strings, numbers, booleans, formulas by their
/// stored value, empty cells; dates and error cells are kept as such for the
/// caller to report. `_xHHHH_` escapes are decoded. A file that is not a
/// workbook is one diagnostic naming the file (empty bytes too: not a
/// readable zip file). O(size of the unpacked parts), but a sheet holds
/// every row up to the last one a cell names and each row every cell up to
/// its last, so a cell far down or to the right costs memory for the empty
/// ones before it. A workbook without sheets gives an empty workbook.
workbook_result read_xlsx(std::string_view bytes, std::string_view file_name);

// --- CSV -----------------------------------------------------------------

/// One sheet as CSV (RFC 4180: comma, CRLF-free `\n` line ends, fields with
/// `,` `"`, line breaks or surrounding blanks quoted). Numbers in their
/// shortest exact form, booleans as true/false. Every row gets the widest
/// row's commas: O(rows · widest row + text length). A sheet without rows
/// gives an empty string.
std::string write_csv(const sheet& s);

/// The workbook as files of a folder: `NAME.csv` per sheet. Creates the
/// folder when missing (its parent must exist); the files are one output,
/// written whole or not at all (write_folder_atomic). Throws
/// environment_error. O(size of the CSV text). A workbook without sheets
/// creates an empty folder, or leaves an existing one as it is.
void write_csv_folder(const std::string& dir, const workbook& wb);

/// Every `*.csv` file of a folder as a sheet named after the file (without
/// `.csv`), in name order. Rows are numbered as a spreadsheet program shows
/// them (blank lines are empty rows). Cells are text. Reads each file twice
/// (first to tell `,` from `;` by its first line): O(total bytes). A folder
/// without CSV files gives a workbook without sheets, and an empty file a
/// sheet without rows. Throws environment_error when the folder cannot be
/// read.
workbook_result read_csv_folder(const std::string& dir);

/// `orgflow import sheet FILE.xlsx|DIR`: reads the workbook (an .xlsx file,
/// recognised by its content, or a folder of CSV files) and builds the
/// model. Throws environment_error when the path cannot be read. Costs the
/// reading plus model_from_workbook. An empty file (not a zip), an empty
/// folder and a workbook without a `model` sheet are diagnostics.
import_result import_sheet(const std::string& path);

// --- findings --------------------------------------------------------------

/// `analyze --format csv`: a header, then one row per finding that is shown
/// (hidden findings left out, positions kept): position, severity, code,
/// title, units ("; "), artifact, process, ref, recommendation, accepted (the
/// reason, empty when not accepted). O(findings · units per finding + text
/// length). Without findings shown: the header line alone.
std::string write_findings_csv(const analysis_result& r);

/// `analyze --format xlsx`: README, summary, findings (as the CSV), needs
/// (the need rows of the analyze JSON) and units (unit metrics), numbers
/// rounded as in the analyze JSON (hours, shares, 6 decimals). O(findings +
/// need rows · path length + units²): each unit's name is found by a linear
/// search of the model. An empty result gives README and summary, and the
/// findings, needs and units sheets with their header rows only.
workbook analysis_to_workbook(const model& m, const analysis_result& r);

}  // namespace orgflow
