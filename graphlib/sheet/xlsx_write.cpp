// write_xlsx and check_xlsx_limits (orgflow/sheet.hpp), through
// libxlsxwriter (Debian libxlsxwriter-dev).
//
// Three things make its output the same bytes for the same workbook: the
// document's creation date is fixed (libxlsxwriter also dates every zip entry
// 1980-01-01); numbers are printed while the thread's locale is "C" (the
// library prints them with "%.16G", which follows LC_NUMERIC); and nothing
// else in the file depends on time or place. libxlsxwriter writes to a file
// name only, so the workbook goes to a temporary file first and comes back
// as bytes, which the caller writes atomically.
//
// Text is escaped as Excel escapes it: `_xHHHH_` stands for a character that
// XML cannot hold (control characters, a carriage return that XML would turn
// into a line feed) and `_x005F_` for an underscore that would otherwise
// start such an escape, so that every text reads back unchanged.
#include <algorithm>
#include <cerrno>
#include <clocale>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <locale.h>
#include <memory>
#include <string>
#include <string_view>
#include <unistd.h>
#include <vector>

#include <xlsxwriter.h>

#include "orgflow/io.hpp"
#include "orgflow/sheet.hpp"
#include "sheet/cell_text.hpp"

namespace orgflow {

namespace {

constexpr std::size_t max_cell_characters = 32767;
constexpr std::size_t max_rows = 1048576;
constexpr std::size_t max_columns = 16384;
// 2000-01-01T00:00:00Z: the creation date every workbook states.
constexpr std::time_t fixed_creation_time = 946684800;

bool is_hex(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }

// True when s[i..] is `_xHHHH_`.
bool escape_at(std::string_view s, std::size_t i) {
  return i + 7 <= s.size() && s[i] == '_' && (s[i + 1] == 'x' || s[i + 1] == 'X') && is_hex(s[i + 2]) &&
         is_hex(s[i + 3]) && is_hex(s[i + 4]) && is_hex(s[i + 5]) && s[i + 6] == '_';
}

std::string escaped_text(std::string_view s) {
  static const char hex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (escape_at(s, i)) {
      out += "_x005F_";  // the underscore itself, escaped
      continue;
    }
    if ((c < 0x20 && c != '\t' && c != '\n') || c == 0x7F) {
      out += "_x00";
      out += hex[c >> 4];
      out += hex[c & 0xF];
      out += '_';
      continue;
    }
    // U+FFFE and U+FFFF are not XML characters either.
    if (c == 0xEF && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xBF &&
        (static_cast<unsigned char>(s[i + 2]) == 0xBE || static_cast<unsigned char>(s[i + 2]) == 0xBF)) {
      out += static_cast<unsigned char>(s[i + 2]) == 0xBE ? "_xFFFE_" : "_xFFFF_";
      i += 2;
      continue;
    }
    out += static_cast<char>(c);
  }
  return out;
}

// The thread's locale set to "C" for as long as this object lives.
class c_numeric_locale {
 public:
  c_numeric_locale() : c_(newlocale(LC_ALL_MASK, "C", static_cast<locale_t>(nullptr))) {
    if (c_ != static_cast<locale_t>(nullptr)) previous_ = uselocale(c_);
  }
  ~c_numeric_locale() {
    if (c_ == static_cast<locale_t>(nullptr)) return;
    uselocale(previous_);
    freelocale(c_);
  }
  c_numeric_locale(const c_numeric_locale&) = delete;
  c_numeric_locale& operator=(const c_numeric_locale&) = delete;

 private:
  locale_t c_;
  locale_t previous_ = static_cast<locale_t>(nullptr);
};

// A temporary file that is removed when this object goes.
struct temp_path {
  std::string path;
  temp_path() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "orgflow-workbook-XXXXXX").string();
    std::vector<char> buf(tmpl.begin(), tmpl.end());
    buf.push_back('\0');
    const int fd = ::mkstemp(buf.data());
    if (fd < 0) throw environment_error("cannot create a temporary file for the workbook: " + std::string(std::strerror(errno)), 3);
    ::close(fd);
    path = buf.data();
  }
  ~temp_path() { std::remove(path.c_str()); }
  temp_path(const temp_path&) = delete;
  temp_path& operator=(const temp_path&) = delete;
};

void check(lxw_error e, const char* what) {
  if (e != LXW_NO_ERROR)
    throw environment_error(std::string("writing the workbook failed (") + what + "): " + lxw_strerror(e), 3);
}

constexpr std::size_t widest_column = 60;

// Characters, from the header row down: rows above it (a README's opening
// sentences) run over the empty cells to their right.
double column_width(const sheet& s, std::size_t column) {
  std::size_t widest = 0;
  for (std::size_t r = s.header_row; r < s.rows.size(); ++r) {
    const auto& row = s.rows[r];
    if (column >= row.size()) continue;
    const sheet_cell& c = row[column];
    std::size_t n = 0;
    if (c.type == sheet_cell::kind::text) n = sheet_detail::character_count(c.text);
    else if (c.type == sheet_cell::kind::number) n = sheet_detail::number_text(c.number).size();
    else if (c.type == sheet_cell::kind::boolean) n = 5;
    widest = std::max(widest, n);
  }
  return static_cast<double>(std::min<std::size_t>(std::max<std::size_t>(widest + 2, 8), widest_column));
}

// Programs do not all grow a row to fit its wrapped text on opening
// (LibreOffice keeps the height the file states), so the writer states it.
constexpr double line_height = 15.0;  // points: libxlsxwriter's default row height

}  // namespace

std::vector<diagnostic> check_xlsx_limits(const workbook& wb, std::string_view file_name) {
  std::vector<diagnostic> out;
  const std::string file(file_name);
  for (const sheet& s : wb.sheets) {
    if (s.rows.size() > max_rows)
      out.push_back({file, s.name + "!" + cell_name(max_rows, 0), 0, 0,
                     "the sheet would have " + std::to_string(s.rows.size()) +
                         " rows; a spreadsheet holds at most 1,048,576 (export as CSV: --to csv)"});
    for (std::size_t r = 0; r < s.rows.size() && r < max_rows; ++r) {
      const auto& row = s.rows[r];
      if (row.size() > max_columns)
        out.push_back({file, s.name + "!" + cell_name(r, max_columns), 0, 0,
                       "the row would have " + std::to_string(row.size()) +
                           " columns; a spreadsheet holds at most 16,384 (export as CSV: --to csv)"});
      for (std::size_t c = 0; c < row.size() && c < max_columns; ++c) {
        if (row[c].type != sheet_cell::kind::text) continue;
        const std::size_t n = sheet_detail::character_count(escaped_text(row[c].text));
        if (n > max_cell_characters)
          out.push_back({file, s.name + "!" + cell_name(r, c), 0, 0,
                         "the text is " + std::to_string(n) +
                             " characters long; a spreadsheet cell holds at most 32,767 (shorten it, or export as "
                             "CSV: --to csv)"});
      }
    }
  }
  return out;
}

std::string write_xlsx(const workbook& wb) {
  const c_numeric_locale c_locale;
  const temp_path tmp;
  lxw_workbook_options options{};
  options.constant_memory = LXW_FALSE;
  options.tmpdir = nullptr;
  lxw_workbook* book = workbook_new_opt(tmp.path.c_str(), &options);
  if (book == nullptr) throw environment_error("cannot start a workbook in " + tmp.path, 3);
  // workbook_close frees the workbook; until then every path must close it.
  struct closer {
    lxw_workbook* b;
    bool closed = false;
    ~closer() {
      if (!closed) workbook_close(b);
    }
  } guard{book};

  lxw_doc_properties properties{};
  properties.created = fixed_creation_time;
  check(workbook_set_properties(book, &properties), "properties");
  lxw_format* bold = workbook_add_format(book);
  format_set_bold(bold);
  lxw_format* wrap = workbook_add_format(book);  // a text wider than its column breaks into lines
  format_set_text_wrap(wrap);
  format_set_align(wrap, LXW_ALIGN_VERTICAL_TOP);

  for (const sheet& s : wb.sheets) {
    lxw_worksheet* ws = workbook_add_worksheet(book, s.name.c_str());
    if (ws == nullptr) throw environment_error("cannot add the sheet " + s.name + " to the workbook", 3);
    std::size_t columns = 0;
    for (const auto& row : s.rows) columns = std::max(columns, row.size());
    std::vector<double> widths(columns);
    for (std::size_t c = 0; c < columns; ++c) {
      widths[c] = column_width(s, c);
      check(worksheet_set_column(ws, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c), widths[c], nullptr),
            "column width");
    }
    if (s.header_row + 1 < s.rows.size())
      worksheet_freeze_panes(ws, static_cast<lxw_row_t>(s.header_row + 1), 0);
    for (std::size_t r = 0; r < s.rows.size(); ++r) {
      const auto row = static_cast<lxw_row_t>(r);
      std::size_t lines = 1;
      for (std::size_t c = 0; c < s.rows[r].size(); ++c) {
        const sheet_cell& cell = s.rows[r][c];
        const auto col = static_cast<lxw_col_t>(c);
        lxw_format* format = r == s.header_row ? bold : nullptr;
        if (format == nullptr && r > s.header_row && cell.type == sheet_cell::kind::text &&
            sheet_detail::character_count(cell.text) + 2 > widest_column) {
          format = wrap;
          lines = std::max(lines, sheet_detail::wrapped_lines(cell.text, widths[c]));
        }
        switch (cell.type) {
          case sheet_cell::kind::text:
            check(worksheet_write_string(ws, row, col, escaped_text(cell.text).c_str(), format), "text");
            break;
          case sheet_cell::kind::number:
            check(worksheet_write_number(ws, row, col, cell.number, format), "number");
            break;
          case sheet_cell::kind::boolean:
            check(worksheet_write_boolean(ws, row, col, cell.boolean ? 1 : 0, format), "boolean");
            break;
          default:
            break;  // empty; dates and errors are never written
        }
      }
      if (lines > 1)
        check(worksheet_set_row(ws, row, line_height * static_cast<double>(lines), nullptr), "row height");
    }
  }
  guard.closed = true;
  check(workbook_close(book), "closing");
  return read_file(tmp.path);
}

}  // namespace orgflow
