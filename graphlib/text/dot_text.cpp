// Escaping and wrapping of model text for DOT (see dot_text.hpp for the
// Graphviz 2.42 rules these functions follow).
#include "text/dot_text.hpp"

#include <cstdint>

#include "text/escape.hpp"

namespace orgflow::text_detail::dot {

namespace {

constexpr std::string_view replacement = "\xEF\xBF\xBD";  // U+FFFD

std::size_t utf8_length(std::string_view s, std::size_t i) { return text_detail::decode_utf8(s, i).length; }

// Code points of clean text, as byte ranges.
std::vector<std::string_view> code_points(std::string_view s) {
  std::vector<std::string_view> out;
  for (std::size_t i = 0; i < s.size();) {
    std::size_t n = utf8_length(s, i);
    if (n == 0) n = 1;  // clean_text() has removed these; count a stray byte as one
    out.push_back(s.substr(i, n));
    i += n;
  }
  return out;
}

}  // namespace

std::string clean_text(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    const std::size_t n = utf8_length(s, i);
    if (n == 0) {
      out += replacement;
      ++i;
      continue;
    }
    const auto c = static_cast<unsigned char>(s[i]);
    if (n == 1 && c == '\t') {
      out += ' ';
    } else if (n == 1 && c == '\r') {
      if (i + 1 >= s.size() || s[i + 1] != '\n') out += '\n';  // CR LF counts once
    } else if (n == 1 && (c < 0x20 || c == 0x7F) && c != '\n') {
      out += replacement;
    } else {
      out.append(s.substr(i, n));
    }
    i += n;
  }
  return out;
}

std::string html_text(std::string_view s) {
  std::string out;
  for (char c : clean_text(s)) {
    if (const char* e = text_detail::xml_entity(static_cast<unsigned char>(c))) out += e;
    else if (c == '\\') out += "\\\\";
    else if (c == '\n') out += "<BR/>";
    else out += c;
  }
  return out;
}

namespace {

// Clean text with each backslash written as `backslash` and line breaks as
// DOT's \n (escString).
std::string esc_string(std::string_view s, const char* backslash) {
  std::string out;
  for (char c : clean_text(s)) {
    if (c == '\\') out += backslash;
    else if (c == '\n') out += "\\n";
    else out += c;
  }
  return out;
}

}  // namespace

std::string esc_text(std::string_view s) { return esc_string(s, "\\\\"); }

std::string esc_tooltip(std::string_view s) { return esc_string(s, "\\\\\\\\"); }

std::string shorten(std::string_view s, std::size_t limit) {
  std::string clean = clean_text(s);
  const auto cps = code_points(clean);
  if (cps.size() <= limit || limit == 0) return clean;
  std::string out;
  for (std::size_t k = 0; k + 1 < limit; ++k) out += cps[k];
  while (!out.empty() && (out.back() == ' ' || out.back() == '\n')) out.pop_back();
  return out + "\xE2\x80\xA6";  // …
}

std::string quoted(std::string_view value) {
  std::string out = "\"";
  std::size_t piece = 0;  // bytes of value in the current piece
  for (std::size_t i = 0; i < value.size(); ++i) {
    const char c = value[i];
    // A new piece starts between characters: never inside a UTF-8 sequence
    // (continuation bytes are 10xxxxxx) and never inside an escape (the
    // backslash pairs below are written in one step).
    if (piece >= quoted_piece && (static_cast<unsigned char>(c) & 0xC0) != 0x80) {
      out += "\" + \"";
      piece = 0;
    }
    if (c == '"') {
      out += "\\\"";
    } else if (c == '\\') {
      // A pair `\\` is read back as two characters; a lone backslash is kept
      // unless a quote or the end follows, where it would break the string.
      if (i + 1 < value.size() && value[i + 1] == '\\') {
        out += "\\\\";
        ++i;
        ++piece;
      } else if (i + 1 == value.size() || value[i + 1] == '"') {
        out += "\\\\";
      } else {
        // A lone backslash escapes what follows: keep the two together.
        out += '\\';
        out += value[++i];
        ++piece;
      }
    } else {
      out += c;
    }
    ++piece;
  }
  out += '"';
  return out;
}

std::string html_label(std::string_view markup) {
  std::string out = "<";
  out += markup;
  out += '>';
  return out;
}

std::size_t text_width(std::string_view s) { return code_points(s).size(); }

std::vector<std::string> wrap_words(std::string_view raw, std::size_t width, std::size_t max_lines) {
  const std::string s = clean_text(raw);
  if (width == 0) width = 1;
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (start <= s.size()) {
    std::size_t end = s.find('\n', start);
    if (end == std::string::npos) end = s.size();
    const std::string_view paragraph = std::string_view(s).substr(start, end - start);
    // Greedy fill of words; a word longer than the width is cut into pieces.
    std::string line;
    std::size_t line_w = 0;
    std::size_t i = 0;
    bool any = false;
    while (i <= paragraph.size()) {
      std::size_t j = paragraph.find(' ', i);
      if (j == std::string_view::npos) j = paragraph.size();
      std::string_view word = paragraph.substr(i, j - i);
      i = j + 1;
      if (word.empty()) {
        if (j >= paragraph.size()) break;
        continue;
      }
      auto cps = code_points(word);
      std::size_t pos = 0;
      while (pos < cps.size()) {
        const std::size_t room = line_w == 0 ? width : (line_w + 1 < width ? width - line_w - 1 : 0);
        const std::size_t rest = cps.size() - pos;
        if (rest <= room) {
          if (line_w > 0) { line += ' '; ++line_w; }
          for (std::size_t k = pos; k < cps.size(); ++k) line += cps[k];
          line_w += rest;
          pos = cps.size();
        } else if (line_w > 0 && rest <= width) {
          lines.push_back(line);  // the word fits on a line of its own
          line.clear();
          line_w = 0;
        } else {
          // Too long for any line: fill what is left of this one (or a whole
          // line), then continue on the next.
          const std::size_t take = line_w == 0 ? width : room;
          if (take == 0) {
            lines.push_back(line);
            line.clear();
            line_w = 0;
            continue;
          }
          if (line_w > 0) { line += ' '; ++line_w; }
          for (std::size_t k = pos; k < pos + take; ++k) line += cps[k];
          pos += take;
          lines.push_back(line);
          line.clear();
          line_w = 0;
        }
      }
      any = true;
    }
    if (line_w > 0 || !any) lines.push_back(line);
    if (end >= s.size()) break;
    start = end + 1;
  }
  if (lines.size() > max_lines && max_lines > 0) {
    lines.resize(max_lines);
    auto cps = code_points(lines.back());
    std::string last;
    const std::size_t keep = cps.size() + 1 > width ? (width > 1 ? width - 1 : 0) : cps.size();
    for (std::size_t k = 0; k < keep; ++k) last += cps[k];
    last += "\xE2\x80\xA6";  // …
    lines.back() = last;
  }
  return lines;
}

std::string html_name(std::string_view s, std::size_t width, std::size_t max_lines) {
  return html_wrapped(shorten(s), width, max_lines);
}

std::string html_wrapped(std::string_view s, std::size_t width, std::size_t max_lines) {
  std::string out;
  bool first = true;
  for (const auto& line : wrap_words(s, width, max_lines)) {
    if (!first) out += "<BR/>";
    first = false;
    out += html_text(line);
  }
  return out;
}

}  // namespace orgflow::text_detail::dot
