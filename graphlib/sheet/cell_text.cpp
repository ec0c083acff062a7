// Text helpers of the workbook layer (cell_text.hpp).
#include "sheet/cell_text.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <system_error>

#include "text/escape.hpp"
#include "orgflow/message_text.hpp"

namespace orgflow::sheet_detail {

std::string number_text(double x) {
  if (!std::isfinite(x)) return "null";
  char buf[64];
  const auto r = std::to_chars(buf, buf + sizeof buf, x);
  return std::string(buf, r.ptr);
}

bool fits_spreadsheet_digits(double x) {
  if (!std::isfinite(x)) return false;
  char buf[64];
  const auto r = std::to_chars(buf, buf + sizeof buf, x, std::chars_format::general, 16);
  double back = 0;
  const auto p = std::from_chars(buf, r.ptr, back);
  return p.ec == std::errc() && back == x;
}

std::optional<double> parse_number(std::string_view text) {
  if (text.empty() || text[0] == '+') return std::nullopt;
  // from_chars would accept "inf" and "nan": only digits, sign, dot and exponent.
  for (char c : text)
    if (!((c >= '0' && c <= '9') || c == '-' || c == '.' || c == 'e' || c == 'E' || c == '+')) return std::nullopt;
  double x = 0;
  const auto r = std::from_chars(text.data(), text.data() + text.size(), x);
  if (r.ec != std::errc() || r.ptr != text.data() + text.size() || !std::isfinite(x)) return std::nullopt;
  return x;
}

std::string lower_ascii(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

bool equal_ignoring_case(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
    if (x != y) return false;
  }
  return true;
}

std::string_view trim(std::string_view s) {
  const auto blank = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  while (!s.empty() && blank(s.front())) s.remove_prefix(1);
  while (!s.empty() && blank(s.back())) s.remove_suffix(1);
  return s;
}

std::string quoted(std::string_view s) {
  std::string out;
  text_detail::append_model_json_string(out, s);
  return printable(out);
}

std::size_t character_count(std::string_view s) {
  std::size_t n = 0;
  for (std::size_t i = 0; i < s.size(); ++n) {
    const std::size_t k = text_detail::decode_utf8(s, i).length;
    i += k == 0 ? 1 : k;
  }
  return n;
}

std::size_t wrapped_lines(std::string_view text, double width) {
  const auto room = static_cast<std::size_t>(std::max(width - 1.0, 4.0));
  std::size_t lines = 1, used = 0;
  std::size_t i = 0;
  while (i < text.size()) {
    if (text[i] == '\n') {
      ++lines;
      used = 0;
      ++i;
      continue;
    }
    std::size_t j = i;
    while (j < text.size() && text[j] != ' ' && text[j] != '\n') ++j;
    const std::size_t word = character_count(text.substr(i, j - i));
    const std::size_t gap = used == 0 ? 0 : 1;
    if (used + gap + word <= room) {
      used += gap + word;
    } else {
      if (used > 0) ++lines;  // the word starts a new line
      const std::size_t extra = word == 0 ? 0 : (word - 1) / room;  // lines a long word is cut into, beyond its first
      lines += extra;
      used = word - extra * room;
    }
    i = j < text.size() && text[j] == ' ' ? j + 1 : j;
  }
  return lines;
}

}  // namespace orgflow::sheet_detail
