// A streaming reader of delimited text tables, shared by the CSV event-log
// importer and the interactions importer (people.md, Column options):
//  - the delimiter is one character (`,` `;` `|` ...), `tab`, or `whitespace`
//    (any run of spaces and tabs; leading and trailing blanks ignored);
//  - with a one-character delimiter, fields may be quoted RFC 4180 style
//    (`"a, b"`, `""` for a quote, line breaks inside quotes);
//  - line ends may be LF or CRLF, the last line may lack its line end, and
//    blank lines are skipped;
//  - spaces and tabs around fields are ignored (never inside quotes);
//  - a UTF-8 byte order mark at the start (Excel writes one) is skipped, so
//    that the first header name matches;
//  - a file in UTF-16 or UTF-32 (by its byte order mark, or UTF-16 by the
//    zero bytes of its ASCII text) and a file whose lines end with a
//    carriage return alone (CR, classic Mac OS) are refused with a message
//    that names the encoding or the line end, at line 1.
// Columns are named by header name or 1-based number (resolve_column); a
// name the header repeats is ambiguous and refused. width_check and
// repeated_header_warnings report rows with more fields than the header
// and header names given twice.
//
// Rows are handed out as string_views into the reader's buffer, valid until
// the next call of next(); the reader keeps only the current rows in memory.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "import/gzip.hpp"

namespace orgflow::import_io {

struct table_format {
  bool whitespace = false;  // fields separated by runs of blanks
  char delimiter = ',';     // when !whitespace
  bool quotes = true;       // RFC 4180 quoting (only with a one-character delimiter)
};

/// The format for a delimiter option: one character, `tab`, `whitespace`
/// (also `,`, `comma`, `semicolon`); nullopt with a sentence in *why otherwise.
std::optional<table_format> parse_delimiter(std::string_view text, std::string* why);

struct table_row {
  std::vector<std::string_view> fields;
  std::vector<int> columns;  // 1-based byte column where each field starts
  long line = 0;             // 1-based line on which the row starts
};

class table_reader {
 public:
  table_reader(byte_source& in, table_format format);
  /// The next non-blank row; false at the end of the data or on an error
  /// (then error() is non-empty, with error_line() and error_column()).
  bool next(table_row& row);
  const std::string& error() const { return error_; }
  long error_line() const { return error_line_; }
  int error_column() const { return error_column_; }

 private:
  bool fill();  // appends data to the buffer; false at the end
  bool check_start();  // the byte order mark and encoding; false with error_ set
  bool cr_only_line_ends(std::size_t from);  // sets error_ when a lone CR ends a line
  bool split_plain(const char* begin, const char* end, table_row& row);
  bool split_quoted(std::size_t start, table_row& row, std::size_t* row_end);

  byte_source& in_;
  table_format format_;
  std::string buffer_;
  std::size_t pos_ = 0;
  bool eof_ = false;
  bool started_ = false;  // a UTF-8 byte order mark at the start has been looked for
  long line_ = 1;  // line number at pos_
  std::size_t cr_scanned_ = 0;  // buffer_[pos_ .. cr_scanned_) holds no lone CR
  std::string unquoted_;  // field text of the current quoted row
  std::string error_;
  long error_line_ = 0;
  int error_column_ = 0;
};

/// The 0-based index of the column named by `key`: a header name (exact
/// match after trimming blanks) first, else a 1-based number within
/// `column_count`. nullopt with a sentence in *why when neither fits, or
/// when the header gives that name to more than one column (which one was
/// meant cannot be known: the number must be given).
std::optional<std::size_t> resolve_column(std::string_view key, const std::vector<std::string>& header,
                                          std::size_t column_count, std::string* why);

/// Rows wider than the header (or, without one, than the first row): a row
/// whose extra fields hold text is an error (its fields would be read in the
/// wrong columns: a field that holds the delimiter and is not quoted, or a
/// name missing from the header); extra fields that are all empty (a
/// trailing delimiter) are ignored and counted for one warning.
class width_check {
 public:
  /// `width`: the header's number of columns (or the first row's);
  /// `against_header` says which, for the messages.
  width_check(std::size_t width, bool against_header) : width_(width), header_(against_header) {}
  /// Empty when the row is fine (or only has empty extra fields, counted);
  /// else a sentence for an error at the row's line and *column.
  std::string check(const table_row& row, int* column);
  /// One warning line (`FILE:LINE:COLUMN: warning: ...`) for the rows with
  /// empty extra fields, or empty when there were none.
  std::string warning(const std::string& file) const;

 private:
  std::size_t width_;
  bool header_;
  std::size_t trailing_rows_ = 0;
  long first_line_ = 0;
  int first_column_ = 0;
};

/// One warning line (`FILE:LINE:COLUMN: warning: ...`) per name that the
/// header row gives to more than one column. Reading can go on: a column
/// chosen by number is read as asked, and a repeated name chosen by name is
/// refused by resolve_column.
std::vector<std::string> repeated_header_warnings(const std::string& file, const table_row& header);

/// The delimiter a header line most likely uses: the most frequent of `,`
/// `;` and tab outside quotes (`,` when none occurs).
char sniff_delimiter(std::string_view header_line);

/// Blanks (space, tab, CR) trimmed from both ends.
std::string_view trim_blanks(std::string_view s);

}  // namespace orgflow::import_io
