// Delimited-table reader (see csv_table.hpp). The common row (no quote
// character in it) takes a fast path: one memchr for the line end and one per
// field for the delimiter, so the CSV event-log importer can reach its target
// of a million rows per second. Rows with quotes go through a small state
// machine that may span line breaks and buffer refills.
#include "import/csv_table.hpp"

#include <algorithm>
#include <cstring>

namespace orgflow::import_io {
namespace {

constexpr std::size_t chunk_size = 1 << 20;

bool blank(char c) { return c == ' ' || c == '\t' || c == '\r'; }

}  // namespace

std::string_view trim_blanks(std::string_view s) {
  std::size_t b = 0;
  std::size_t e = s.size();
  while (b < e && blank(s[b])) ++b;
  while (e > b && blank(s[e - 1])) --e;
  return s.substr(b, e - b);
}

std::optional<table_format> parse_delimiter(std::string_view text, std::string* why) {
  table_format f;
  if (text == "whitespace") {
    f.whitespace = true;
    f.quotes = false;
    return f;
  }
  if (text == "tab" || text == "\t") {
    f.delimiter = '\t';
    return f;
  }
  if (text == "comma") text = ",";
  if (text == "semicolon") text = ";";
  if (text.size() == 1 && text[0] != '"' && text[0] != '\n' && text[0] != '\r' && text[0] != ' ') {
    f.delimiter = text[0];
    return f;
  }
  if (text == " ") {  // a single space: the blank-run rule is what users of space-separated files mean
    f.whitespace = true;
    f.quotes = false;
    return f;
  }
  if (why != nullptr) {
    *why = "\"" + std::string(text) + "\" is not a delimiter (write one character such as , or ;, or tab, or whitespace)";
  }
  return std::nullopt;
}

table_reader::table_reader(byte_source& in, table_format format) : in_(in), format_(format) {}

bool table_reader::fill() {
  if (eof_) return false;
  if (pos_ > 0) {  // drop what was consumed, keep the partial row
    buffer_.erase(0, pos_);
    cr_scanned_ = cr_scanned_ > pos_ ? cr_scanned_ - pos_ : 0;
    pos_ = 0;
  }
  const std::size_t old = buffer_.size();
  buffer_.resize(old + chunk_size);
  const std::size_t n = in_.read(buffer_.data() + old, chunk_size);
  buffer_.resize(old + n);
  if (n == 0) {
    eof_ = true;
    if (!in_.error().empty() && error_.empty()) {
      error_ = in_.error();
      error_line_ = line_;
      error_column_ = 1;
    }
    return false;
  }
  return true;
}

// Text in another encoding than UTF-8 reads as garbage (UTF-16 puts a zero
// byte beside every ASCII letter): refuse it and name the encoding.
bool table_reader::check_start() {
  while (buffer_.size() < 4 && fill()) {
  }
  if (!error_.empty()) return false;
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(buffer_[i]); };
  const std::size_t size = buffer_.size();
  const char* encoding = nullptr;
  const char* iconv_name = nullptr;
  bool mark = true;
  if (size >= 4 && byte(0) == 0xFF && byte(1) == 0xFE && byte(2) == 0 && byte(3) == 0) {
    encoding = "UTF-32 (little-endian)", iconv_name = "UTF-32LE";
  } else if (size >= 4 && byte(0) == 0 && byte(1) == 0 && byte(2) == 0xFE && byte(3) == 0xFF) {
    encoding = "UTF-32 (big-endian)", iconv_name = "UTF-32BE";
  } else if (size >= 2 && byte(0) == 0xFF && byte(1) == 0xFE) {
    encoding = "UTF-16 (little-endian)", iconv_name = "UTF-16LE";
  } else if (size >= 2 && byte(0) == 0xFE && byte(1) == 0xFF) {
    encoding = "UTF-16 (big-endian)", iconv_name = "UTF-16BE";
  } else if (size >= 3 && byte(0) == 0xEF && byte(1) == 0xBB && byte(2) == 0xBF) {
    pos_ = 3;  // UTF-8's byte order mark (Excel writes one): skipped
    cr_scanned_ = 3;
    return true;
  } else {
    // Without a byte order mark: ASCII text in UTF-16 has a zero byte in
    // every other place (odd places: little-endian).
    const std::size_t sample = std::min<std::size_t>(size, 4096);
    std::size_t zeros[2] = {0, 0};
    for (std::size_t i = 0; i < sample; ++i)
      if (byte(i) == 0) ++zeros[i % 2];
    if (zeros[0] + zeros[1] >= 2 && (zeros[0] + zeros[1]) * 4 >= sample) {
      mark = false;
      const bool little = zeros[1] > zeros[0];
      encoding = little ? "UTF-16 (little-endian)" : "UTF-16 (big-endian)";
      iconv_name = little ? "UTF-16LE" : "UTF-16BE";
    }
  }
  if (encoding == nullptr) return true;
  error_ = std::string("this file is in ") + encoding + (mark ? "" : ", without a byte order mark") +
           "; orgflow reads UTF-8: save it as UTF-8 (in Excel: \"CSV UTF-8\") or convert it, for example with "
           "iconv -f " + iconv_name + " -t UTF-8";
  error_line_ = 1;
  error_column_ = 1;
  return false;
}

// A carriage return followed by more text on what would be one line: the
// file's lines end with CR alone (classic Mac OS), which reads as one
// endless line. CR before LF (CRLF, CR CR LF) and a CR at the very end are
// fine. Scans buffer_[from ..) once (cr_scanned_ remembers how far).
bool table_reader::cr_only_line_ends(std::size_t from) {
  const char* data = buffer_.data();
  const std::size_t size = buffer_.size();
  std::size_t i = std::max(from, cr_scanned_);
  while (i + 1 < size) {
    const void* hit = std::memchr(data + i, '\r', size - 1 - i);
    if (hit == nullptr) break;
    i = static_cast<std::size_t>(static_cast<const char*>(hit) - data);
    if (data[i + 1] != '\r' && data[i + 1] != '\n') {
      error_ = "the lines of this file end with a carriage return alone (CR, as classic Mac OS wrote them); orgflow "
               "reads LF or CRLF line ends: convert the file, for example with tr '\\r' '\\n' < old.csv > new.csv";
      error_line_ = line_;
      error_column_ = static_cast<int>(i - from) + 1;
      return true;
    }
    ++i;
  }
  cr_scanned_ = size > 0 ? size - 1 : 0;
  return false;
}

bool table_reader::split_plain(const char* begin, const char* end, table_row& row) {
  row.fields.clear();
  row.columns.clear();
  const char* p = begin;
  if (format_.whitespace) {
    while (true) {
      while (p < end && blank(*p)) ++p;
      if (p >= end) break;
      const char* f = p;
      while (p < end && !blank(*p)) ++p;
      row.fields.emplace_back(f, static_cast<std::size_t>(p - f));
      row.columns.push_back(static_cast<int>(f - begin) + 1);
    }
    return !row.fields.empty();
  }
  bool any = false;
  while (true) {
    const void* hit = std::memchr(p, format_.delimiter, static_cast<std::size_t>(end - p));
    const char* e = hit != nullptr ? static_cast<const char*>(hit) : end;
    const char* fb = p;
    const char* fe = e;
    while (fb < fe && blank(*fb)) ++fb;
    while (fe > fb && blank(fe[-1])) --fe;
    if (fe > fb) any = true;
    row.fields.emplace_back(fb, static_cast<std::size_t>(fe - fb));
    row.columns.push_back(static_cast<int>(fb - begin) + 1);
    if (hit == nullptr) break;
    p = e + 1;
    any = true;  // a delimiter makes the row non-blank
  }
  return any;
}

// Parses one row that contains a quote, starting at buffer_[start]. Returns
// false when the buffer ends inside the row (the caller refills and retries)
// or on a syntax error (error_ set). On success *row_end is the index just
// past the row's line end.
// Long on purpose: the quoted-field state machine of RFC 4180, whose
// states are easiest to check side by side.
bool table_reader::split_quoted(std::size_t start, table_row& row, std::size_t* row_end) {
  row.fields.clear();
  row.columns.clear();
  unquoted_.clear();
  unquoted_.reserve(buffer_.size() - start);  // no reallocation: the views below stay valid
  std::vector<std::pair<std::size_t, std::size_t>> spans;  // offsets into unquoted_
  const char* data = buffer_.data();
  const std::size_t size = buffer_.size();
  std::size_t i = start;
  long lines = 0;
  std::size_t line_start = start;
  while (true) {
    while (i < size && (data[i] == ' ' || data[i] == '\t')) ++i;
    const std::size_t field_begin = unquoted_.size();
    const int column = static_cast<int>(i - line_start) + 1;
    if (i < size && data[i] == '"') {
      ++i;
      while (true) {
        if (i >= size) {
          if (eof_) {
            error_ = "a quoted field is not closed before the end of the file";
            error_line_ = line_ + lines;
            error_column_ = column;
          }
          return false;
        }
        const char c = data[i];
        if (c == '"') {
          if (i + 1 >= size && !eof_) return false;  // cannot tell `""` from `"` yet
          if (i + 1 < size && data[i + 1] == '"') {
            unquoted_.push_back('"');
            i += 2;
            continue;
          }
          ++i;
          break;
        }
        if (c == '\n') {
          ++lines;
          line_start = i + 1;
        }
        unquoted_.push_back(c);
        ++i;
      }
      while (i < size && blank(data[i])) ++i;
      if (i < size && data[i] != format_.delimiter && data[i] != '\n') {
        error_ = "unexpected text after a closing quote (a quote inside a quoted field is written \"\")";
        error_line_ = line_ + lines;
        error_column_ = static_cast<int>(i - line_start) + 1;
        return false;
      }
      if (i >= size && !eof_) return false;
    } else {
      std::size_t j = i;
      while (j < size && data[j] != format_.delimiter && data[j] != '\n') ++j;
      if (j >= size && !eof_) return false;
      std::string_view f = trim_blanks(std::string_view(data + i, j - i));
      if (f.find('"') != std::string_view::npos) {
        error_ = "a quote inside an unquoted field (quote the whole field and write the quote as \"\")";
        error_line_ = line_ + lines;
        error_column_ = column;
        return false;
      }
      unquoted_.append(f.data(), f.size());
      i = j;
    }
    spans.emplace_back(field_begin, unquoted_.size() - field_begin);
    row.columns.push_back(column);
    if (i < size && data[i] == format_.delimiter) {
      ++i;
      continue;
    }
    // end of row: at a line end or at the end of the data
    if (i < size) ++i;  // the '\n'
    ++lines;
    break;
  }
  for (const auto& [b, n] : spans) row.fields.emplace_back(unquoted_.data() + b, n);
  *row_end = i;
  row.line = line_;
  line_ += lines;
  return true;
}

bool table_reader::next(table_row& row) {
  if (!error_.empty()) return false;
  if (!started_) {
    started_ = true;
    if (!check_start()) return false;
  }
  while (true) {
    const char* data = buffer_.data();
    const std::size_t size = buffer_.size();
    const void* nl = pos_ < size ? std::memchr(data + pos_, '\n', size - pos_) : nullptr;
    if (nl == nullptr && cr_only_line_ends(pos_)) return false;
    if (nl == nullptr && !eof_) {
      if (!fill() && !error_.empty()) return false;
      continue;
    }
    if (pos_ >= size) return false;  // at the end
    const char* begin = data + pos_;
    const char* end = nl != nullptr ? static_cast<const char*>(nl) : data + size;
    if (format_.quotes && std::memchr(begin, '"', static_cast<std::size_t>(end - begin)) != nullptr) {
      std::size_t row_end = 0;
      if (!split_quoted(pos_, row, &row_end)) {
        if (!error_.empty()) return false;
        if (!fill()) {
          if (!error_.empty()) return false;
        }
        continue;
      }
      pos_ = row_end;
      return true;
    }
    const long line = line_;
    pos_ = nl != nullptr ? static_cast<std::size_t>(end - data) + 1 : size;
    ++line_;
    if (split_plain(begin, end, row)) {
      row.line = line;
      return true;
    }
    // a blank line: skip it
  }
}

char sniff_delimiter(std::string_view header_line) {
  std::size_t comma = 0, semicolon = 0, tab = 0;
  bool quoted = false;
  for (const char c : header_line) {
    if (c == '"') quoted = !quoted;
    if (quoted) continue;
    comma += c == ',';
    semicolon += c == ';';
    tab += c == '\t';
  }
  if (semicolon > comma && semicolon >= tab) return ';';
  if (tab > comma && tab > semicolon) return '\t';
  return ',';
}

std::string width_check::check(const table_row& row, int* column) {
  if (row.fields.size() <= width_) return {};
  std::size_t text = width_;
  while (text < row.fields.size() && row.fields[text].empty()) ++text;
  if (text == row.fields.size()) {  // only empty fields after the last column: a trailing delimiter
    if (trailing_rows_++ == 0) {
      first_line_ = row.line;
      first_column_ = row.columns[width_];
    }
    return {};
  }
  *column = row.columns[text];
  return "this row has " + std::to_string(row.fields.size()) + " fields but the " + (header_ ? "header" : "first row") +
         " has " + std::to_string(width_) + ", so its fields cannot be matched to the columns (quote a field that holds "
         "the delimiter, as in \"Sales, EMEA\", or give every column a name in the header)";
}

std::string width_check::warning(const std::string& file) const {
  if (trailing_rows_ == 0) return {};
  return file + ":" + std::to_string(first_line_) + ":" + std::to_string(first_column_) + ": warning: " +
         std::to_string(trailing_rows_) + (trailing_rows_ == 1 ? " row has" : " rows have") +
         " empty fields after the last of the " + std::to_string(width_) + " columns of the " +
         (header_ ? "header" : "first row") + " (a delimiter at the end of the line); they were ignored";
}

std::vector<std::string> repeated_header_warnings(const std::string& file, const table_row& header) {
  std::vector<std::string> out;
  const auto& names = header.fields;
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (names[i].empty() || std::find(names.begin(), names.begin() + static_cast<std::ptrdiff_t>(i), names[i]) !=
                                names.begin() + static_cast<std::ptrdiff_t>(i))
      continue;  // unnamed, or reported with the name's first column
    std::vector<std::size_t> at{i};
    for (std::size_t j = i + 1; j < names.size(); ++j)
      if (names[j] == names[i]) at.push_back(j);
    if (at.size() == 1) continue;
    std::string list;  // "2, 4 and 6"
    for (std::size_t k = 0; k < at.size(); ++k)
      list += (k == 0 ? "" : k + 1 == at.size() ? " and " : ", ") + std::to_string(at[k] + 1);
    out.push_back(file + ":" + std::to_string(header.line) + ":" + std::to_string(header.columns[at[1]]) +
                  ": warning: the header names columns " + list + " \"" + std::string(names[i]) +
                  "\"; a column of that name must be given by its number");
  }
  return out;
}

std::optional<std::size_t> resolve_column(std::string_view key, const std::vector<std::string>& header,
                                          std::size_t column_count, std::string* why) {
  const std::string_view k = trim_blanks(key);
  for (std::size_t i = 0; i < header.size(); ++i) {
    if (header[i] != k) continue;
    std::string others;
    for (std::size_t j = i + 1; j < header.size(); ++j)
      if (header[j] == k) others += ", " + std::to_string(j + 1);
    if (others.empty()) return i;
    if (why != nullptr) {
      *why = "the header names more than one column \"" + std::string(k) + "\" (columns " + std::to_string(i + 1) +
             others + "): give the column by its number";
    }
    return std::nullopt;
  }
  bool digits = !k.empty() && k.size() <= 9;
  for (const char c : k) digits = digits && c >= '0' && c <= '9';
  if (digits) {
    std::size_t n = 0;
    for (const char c : k) n = n * 10 + static_cast<std::size_t>(c - '0');
    if (n >= 1 && n <= column_count) return n - 1;
    if (why != nullptr) {
      *why = "there is no column " + std::string(k) + " (the table has " + std::to_string(column_count) +
             " column" + (column_count == 1 ? "" : "s") + ")";
    }
    return std::nullopt;
  }
  if (why != nullptr) {
    if (header.empty()) {
      *why = "there is no header, so the column \"" + std::string(k) + "\" must be given by its number";
    } else {
      std::string names;
      for (std::size_t i = 0; i < header.size() && i < 12; ++i) {
        names += (i ? ", " : "") + ("\"" + header[i] + "\"");
      }
      if (header.size() > 12) names += ", ...";
      *why = "there is no column \"" + std::string(k) + "\" (the header has " + names + ")";
    }
  }
  return std::nullopt;
}

}  // namespace orgflow::import_io
