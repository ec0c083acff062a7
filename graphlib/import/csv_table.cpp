// Delimited-table reader (see csv_table.hpp). The common row (no quote
// character in it) takes a fast path: one memchr for the line end and one per
// field for the delimiter, so the CSV event-log importer can reach its target
// of a million rows per second. Rows with quotes go through a small state
// machine that may span line breaks and buffer refills.
#include "import/csv_table.hpp"

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
    while (buffer_.size() < 3 && fill()) {
    }
    if (buffer_.size() >= 3 && buffer_.compare(0, 3, "\xEF\xBB\xBF") == 0) pos_ = 3;
  }
  while (true) {
    const char* data = buffer_.data();
    const std::size_t size = buffer_.size();
    const void* nl = pos_ < size ? std::memchr(data + pos_, '\n', size - pos_) : nullptr;
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

std::optional<std::size_t> resolve_column(std::string_view key, const std::vector<std::string>& header,
                                          std::size_t column_count, std::string* why) {
  const std::string_view k = trim_blanks(key);
  for (std::size_t i = 0; i < header.size(); ++i) {
    if (header[i] == k) return i;
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
