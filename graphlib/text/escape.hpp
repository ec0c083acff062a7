// The text toolkit's escaping, shared by every layer of graphlib (not
// installed: the layers include it as "text/escape.hpp"). One UTF-8 decoder
// and one escaper per output language, so that a name reads the same, and is
// equally safe, in the model file, the JSON report, the terminal, Markdown
// and HTML. The DOT label escaping of the render layer builds on
// decode_utf8 as well.
//
// Every function is O(length of its input) and returns an empty result
// (or, for the JSON string, `""`) for empty input. None allocates beyond its
// result.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace orgflow::text_detail {

/// One character of UTF-8 text: its code point and its length in bytes.
/// `length` is 0 when the bytes at the position are not valid UTF-8
/// (overlong forms, surrogates, code points above U+10FFFF, a truncated
/// sequence or a stray continuation byte).
struct utf8_char {
  std::uint32_t code_point = 0;
  std::size_t length = 0;
};

/// The character starting at s[i] (i < s.size()). O(1).
utf8_char decode_utf8(std::string_view s, std::size_t i);

/// The largest position <= `cut` that does not split a UTF-8 sequence
/// (positions at or beyond the end are returned unchanged). O(1).
std::size_t utf8_boundary_at_or_before(std::string_view s, std::size_t cut);

/// Decodes `s` and calls `out(code_point, raw_bytes, valid)` per character;
/// an invalid byte gives one call with U+FFFD, that byte and valid false.
template <typename Out>
void for_each_code_point(std::string_view s, Out&& out) {
  for (std::size_t i = 0; i < s.size();) {
    const utf8_char c = decode_utf8(s, i);
    if (c.length == 0) {
      out(std::uint32_t{0xFFFD}, s.substr(i, 1), false);
      ++i;
    } else {
      out(c.code_point, s.substr(i, c.length), true);
      i += c.length;
    }
  }
}

/// Appends `s` as a JSON string literal (quotes included) for the reports:
/// `"` and `\` escaped, control characters as \b \f \n \r \t or \u00xx,
/// U+2028 and U+2029 as \u escapes (so the text is also safe inside a
/// script), a byte that is not UTF-8 as \ufffd. Printable ASCII is copied
/// in one step.
void append_json_string(std::string& out, std::string_view s);
/// append_json_string into a new string.
std::string json_string(std::string_view s);

/// Appends `s` as a JSON string literal with the rules of the model file
/// (those of nlohmann's dump, so that a loaded and re-saved model keeps its
/// bytes): only `"`, `\` and control characters escaped, other UTF-8 kept as
/// it is, a byte that is not UTF-8 replaced by U+FFFD written raw.
void append_model_json_string(std::string& out, std::string_view s);

/// `s` for a terminal: control characters, U+2028 and U+2029 as spaces,
/// invalid bytes as U+FFFD.
std::string terminal_text(std::string_view s);

/// `s` as Markdown text: Markdown's punctuation backslash-escaped, `<`, `>`
/// and `&` as entities, controls as spaces, invalid bytes as U+FFFD.
std::string markdown_text(std::string_view s);

/// `s` as HTML text or attribute value: `& < > " '` as entities, line
/// breaks and tabs as spaces, other controls dropped, invalid bytes as
/// U+FFFD.
std::string html_text(std::string_view s);

/// The entity of one of XML's five special characters (`&`, `<`, `>`, `"`,
/// `'`), or nullptr for any other: shared by HTML text and Graphviz's
/// HTML-like labels. O(1).
const char* xml_entity(std::uint32_t cp);

/// The number of code points of `s` (an invalid byte counts as one).
std::size_t display_width(std::string_view s);

}  // namespace orgflow::text_detail
